import { Injectable } from '@nestjs/common';
import { API_TOKEN_LIMITS, type ApiTokenView, type CreatedApiToken, type ListResult, type Permission } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { DomainError, fieldError } from '../common/domain-error';
import { parseStrictDateTime } from '../common/strict-date-time';
import { DatabaseService } from '../database/database.service';
import { UsersService } from '../users/users.service';
import { apiTokenDisplayPrefix, formatApiToken, hashApiTokenSecret, newApiTokenSecret } from './api-token-secret';
import { ApiTokensRepository } from './api-tokens.repository';
import type { CreateApiTokenDto } from './api-tokens.dto';
import { toApiTokenView } from './api-tokens.dto';
import { Clock } from './clock';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Personal API tokens: created by a signed-in user (never with another token), shown once, listed
 * without their secret, revoked by the owner or by an administrator. Checking them on requests is the
 * API-token strategy's job (access/api-token.strategy.ts).
 */
@Injectable()
export class ApiTokensService {
  constructor(
    private readonly tokens: ApiTokensRepository,
    private readonly users: UsersService,
    private readonly db: DatabaseService,
    private readonly clock: Clock,
  ) {}

  async create(auth: AuthContext, body: CreateApiTokenDto): Promise<CreatedApiToken> {
    // A leaked token must not be able to mint itself successors that outlive its revocation.
    if (auth.apiTokenId !== undefined) {
      throw new DomainError('FORBIDDEN', 'API tokens are created by a signed-in user in the application, not with another API token');
    }
    const now = this.clock.now();
    const expiresAt = this.expiryOf(body, now);
    const permissions = body.permissions === undefined ? null : this.subsetOf(auth, body.permissions);
    const secret = newApiTokenSecret();
    const row = await this.db.transaction(async (manager) => {
      if ((await this.tokens.countLive(auth.id, now, manager)) >= API_TOKEN_LIMITS.perUserMax) {
        throw new DomainError('CONFLICT', `You already have ${API_TOKEN_LIMITS.perUserMax} live API tokens; revoke one first`);
      }
      return this.tokens.insert(
        { userId: auth.id, name: body.name, secretHash: hashApiTokenSecret(secret), permissions, expiresAt },
        (id) => apiTokenDisplayPrefix(id, secret),
        manager,
      );
    });
    return { ...toApiTokenView(row), token: formatApiToken(row.id, secret) };
  }

  async listOwn(auth: AuthContext): Promise<ListResult<ApiTokenView>> {
    const rows = await this.tokens.listOfUser(auth.id);
    return { items: rows.map(toApiTokenView), total: rows.length };
  }

  /** For administrators (the route requires user.manage). */
  async listOfUser(_auth: AuthContext, userId: number): Promise<ListResult<ApiTokenView>> {
    if (!(await this.users.findById(userId))) throw new DomainError('USER_NOT_FOUND', `No user with id ${userId}`);
    const rows = await this.tokens.listOfUser(userId);
    return { items: rows.map(toApiTokenView), total: rows.length };
  }

  /**
   * The owner revokes their own tokens, a holder of user.manage anyone's. Another user's token is
   * 404 to everybody else, like a token that does not exist. Revoking a revoked token changes nothing.
   */
  async revoke(auth: AuthContext, id: number): Promise<void> {
    await this.db.transaction(async (manager) => {
      const row = await this.tokens.findById(id, manager);
      if (!row || (row.userId !== auth.id && !auth.permissions.includes('user.manage'))) {
        throw new DomainError('NOT_FOUND', `No API token with id ${id}`);
      }
      await this.tokens.revoke(id, auth.id, this.clock.now(), manager);
    });
  }

  private expiryOf(body: CreateApiTokenDto, now: Date): Date {
    const max = new Date(now.getTime() + API_TOKEN_LIMITS.expiresInDaysMax * DAY_MS);
    if (body.expiresInDays !== undefined && body.expiresAt !== undefined) {
      throw fieldError('expiresAt', 'give expiresInDays or expiresAt, not both');
    }
    if (body.expiresInDays !== undefined) return new Date(now.getTime() + body.expiresInDays * DAY_MS);
    const at = body.expiresAt === undefined ? null : parseStrictDateTime(body.expiresAt);
    if (!at) throw fieldError('expiresInDays', `is required (1 to ${API_TOKEN_LIMITS.expiresInDaysMax} days), or give expiresAt`);
    if (at.getTime() <= now.getTime()) throw fieldError('expiresAt', 'must be in the future');
    if (at.getTime() > max.getTime()) throw fieldError('expiresAt', `must be at most ${API_TOKEN_LIMITS.expiresInDaysMax} days from now`);
    return at;
  }

  /** The requested subset, each one held by the caller now (a token never grants more than its owner). */
  private subsetOf(auth: AuthContext, requested: Permission[]): Permission[] {
    const unique = [...new Set(requested)].sort();
    const notHeld = unique.filter((p) => !auth.permissions.includes(p));
    if (notHeld.length > 0) {
      throw new DomainError('VALIDATION_FAILED', `You do not hold ${notHeld.join(', ')}: a token can only carry permissions you have`, {
        fields: notHeld.map((p) => ({ field: 'permissions', reason: `you do not hold ${p}` })),
      });
    }
    return unique;
  }
}
