import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import { DomainError } from '../common/domain-error';
import { UsersService } from '../users/users.service';
import { AccessTokenService } from './access-token.service';
import type { AuthContext } from './auth-context';
import { AuthPassport, DETACHED_REGISTRY, JWT_STRATEGY } from './auth-passport';
import { bearerToken } from './bearer';
import { authContextOf } from './subject-auth';

const INVALID = 'The access token is invalid or has expired';

/**
 * Session-bound access tokens (HS256 JWTs from sign-in). A passport-custom strategy rather than
 * passport-jwt: passport-jwt answers every problem with a bare failure that AuthGuard turns into its
 * own UnauthorizedException, while a DomainError thrown here reaches the exception filter as it is
 * (TOKEN_INVALID, ACCOUNT_DISABLED with their messages). The token only names the user and its
 * session; status and whether the session is live come from one query, with the grants cached
 * under the access version that query reads (UsersService.subjectOf).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    passport: AuthPassport,
    private readonly tokens: AccessTokenService,
    private readonly users: UsersService,
  ) {
    super();
    passport.use(JWT_STRATEGY, this);
  }

  getPassportInstance(): typeof DETACHED_REGISTRY {
    return DETACHED_REGISTRY;
  }

  async validate(request: FastifyRequest): Promise<AuthContext> {
    const token = bearerToken(request);
    const claims = token ? this.tokens.verify(token) : null;
    if (!claims) throw new DomainError('TOKEN_INVALID', INVALID);
    const subject = await this.users.subjectOf(claims.sub, claims.sid);
    if (!subject) throw new DomainError('TOKEN_INVALID', INVALID);
    const auth = authContextOf(subject, request.ip ?? null, { sessionId: claims.sid });
    if (!subject.sessionLive) throw new DomainError('TOKEN_INVALID', 'This session was ended; sign in again');
    return auth;
  }
}
