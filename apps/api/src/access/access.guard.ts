import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Permission } from '@bdc/contracts';
import { DomainError } from '../common/domain-error';
import { USER_ACTIVE, UsersService } from '../users/users.service';
import { displayNameOf } from '../users/users.dto';
import { AccessTokenService } from './access-token.service';
import type { AuthContext } from './auth-context';
import { IS_PUBLIC_KEY, REQUIRED_PERMISSIONS_KEY } from './decorators';

type AuthRequest = FastifyRequest & { auth?: AuthContext };

/**
 * Global guard: every route needs a valid Bearer token unless marked @Public(). The token only names
 * the user and its session; status, roles, permissions and whether the session is still live are read
 * from the database on each request (one query over primary keys and small grant tables), so logging
 * out, disabling a user or changing a grant takes effect immediately, on every API process. Caching
 * them would save that query but delay a revocation.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets) === true;
    const token = bearerToken(request);

    if (isPublic) {
      // Public routes (logout) may still use the caller when a valid token comes along.
      if (token) request.auth = (await this.resolve(token, request).catch(() => null)) ?? undefined;
      return true;
    }
    if (!token) throw new DomainError('UNAUTHENTICATED', 'Sign in first: this endpoint needs a Bearer access token');
    const auth = await this.resolve(token, request);
    request.auth = auth;

    const required = this.reflector.getAllAndOverride<Permission[] | undefined>(REQUIRED_PERMISSIONS_KEY, targets);
    if (required && required.length > 0 && !required.some((p) => auth.permissions.includes(p))) {
      throw new DomainError('FORBIDDEN', `This action requires the ${required.join(' or ')} permission`, { required });
    }
    return true;
  }

  private async resolve(token: string, request: FastifyRequest): Promise<AuthContext> {
    const claims = this.tokens.verify(token);
    if (!claims) throw new DomainError('TOKEN_INVALID', 'The access token is invalid or has expired');
    const subject = await this.users.subjectOf(claims.sub, claims.sid);
    if (!subject) throw new DomainError('TOKEN_INVALID', 'The access token is invalid or has expired');
    const { user, grants } = subject;
    if (user.status !== USER_ACTIVE) throw new DomainError('ACCOUNT_DISABLED', 'This account is disabled');
    if (!subject.sessionLive) throw new DomainError('TOKEN_INVALID', 'This session was ended; sign in again');
    return {
      id: user.id,
      username: user.username,
      displayName: displayNameOf(user),
      roles: grants.roles,
      permissions: grants.permissions,
      ip: request.ip ?? null,
    };
  }
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
