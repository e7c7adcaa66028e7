import { Injectable, Logger } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import { API_TOKEN_LIMITS } from '@bdc/contracts';
import { parseApiToken, secretMatches, UNUSED_SECRET_HASH } from '../auth/api-token-secret';
import { ApiTokensRepository } from '../auth/api-tokens.repository';
import { Clock } from '../auth/clock';
import { DomainError } from '../common/domain-error';
import { DatabaseService } from '../database/database.service';
import { UsersService } from '../users/users.service';
import type { AuthContext } from './auth-context';
import { API_TOKEN_STRATEGY, AuthPassport, DETACHED_REGISTRY } from './auth-passport';
import { bearerToken } from './bearer';
import { authContextOf } from './subject-auth';

/** One answer for a malformed token, an unknown id and a wrong secret: none of them is an oracle. */
const INVALID = 'The API token is invalid';

/**
 * Personal API tokens (`bdcpat_<id>_<secret>`). The token row, its owner's status and the access
 * version come from one query (UsersService.subjectOfApiToken), the same single read per request as a
 * session, with the owner's grants cached under that version.
 * The secret is checked before anything about the token is told: revoked or expired is only said to
 * whoever holds the secret. The effective permissions: authContextOf.
 */
@Injectable()
export class ApiTokenStrategy extends PassportStrategy(Strategy) {
  private readonly logger = new Logger(ApiTokenStrategy.name);

  constructor(
    passport: AuthPassport,
    private readonly users: UsersService,
    private readonly apiTokens: ApiTokensRepository,
    private readonly db: DatabaseService,
    private readonly clock: Clock,
  ) {
    super();
    passport.use(API_TOKEN_STRATEGY, this);
  }

  getPassportInstance(): typeof DETACHED_REGISTRY {
    return DETACHED_REGISTRY;
  }

  async validate(request: FastifyRequest): Promise<AuthContext> {
    const presented = parseApiToken(bearerToken(request) ?? '');
    if (!presented) throw new DomainError('TOKEN_INVALID', INVALID);
    const subject = await this.users.subjectOfApiToken(presented.id);
    // Hashed and compared even when the id is unknown, so both failures do the same work.
    const matches = secretMatches(presented.secret, subject?.token.secretHash ?? UNUSED_SECRET_HASH);
    if (!subject || !matches) throw new DomainError('TOKEN_INVALID', INVALID);

    const { token } = subject;
    const now = this.clock.now();
    if (token.revokedAt !== null) throw new DomainError('TOKEN_INVALID', 'This API token was revoked; create a new one');
    if (token.expiresAt === null || token.expiresAt.getTime() <= now.getTime()) {
      throw new DomainError('TOKEN_INVALID', 'This API token has expired; create a new one');
    }
    const ip = request.ip ?? null;
    const auth = authContextOf(subject, ip, { apiTokenId: token.id, only: token.permissions });
    await this.recordUse(token.id, token.lastUsedAt, now, ip);
    return auth;
  }

  /**
   * At most one write per token per minute: the last use read in the guard's query says whether one
   * is due, so most requests write nothing. A failed write is logged, not answered: bookkeeping must
   * not fail a request the caller is entitled to (a read on a read-only replica, say).
   */
  private async recordUse(tokenId: number, lastUsedAt: Date | null, now: Date, ip: string | null): Promise<void> {
    const resolutionMs = API_TOKEN_LIMITS.lastUseResolutionSeconds * 1000;
    if (lastUsedAt !== null && now.getTime() - lastUsedAt.getTime() < resolutionMs) return;
    const notBefore = new Date(now.getTime() - resolutionMs);
    try {
      await this.db.transaction((manager) => this.apiTokens.recordUse(tokenId, now, ip, notBefore, manager));
    } catch (error) {
      this.logger.warn(`Could not record the use of API token ${tokenId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
