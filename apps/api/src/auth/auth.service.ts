import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthUser, LoginResponse } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import { AccessTokenService } from '../access/access-token.service';
import type { AuthContext } from '../access/auth-context';
import { DomainError, fieldError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { DatabaseService } from '../database/database.service';
import { toAuthUser } from '../users/users.dto';
import { USER_ACTIVE, UsersService } from '../users/users.service';
import type { UserEntity } from '../users/user.entity';
import { AuthEventsService, type ClientInfo } from './auth-events.service';
import { AuthSessionsRepository } from './auth-sessions.repository';
import { Clock } from './clock';
import { accountKey, LoginThrottle, throttleKeys, type ThrottleBlock } from './login-throttle';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { passwordProblem } from './password-rules';
import { RefreshTokensRepository } from './refresh-tokens.repository';

const BAD_CREDENTIALS = 'Wrong username or password';

/**
 * Login (throttled and audited), sessions bound to rotating refresh tokens with reuse detection,
 * logout and `me`. A session is one sign-in: its id is the refresh-token family id and the `sid` of
 * every access token issued for it, so ending it ends those access tokens too (see AccessGuard).
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly sessions: AuthSessionsRepository,
    private readonly throttle: LoginThrottle,
    private readonly events: AuthEventsService,
    private readonly clock: Clock,
    private readonly db: DatabaseService,
    private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string, client: ClientInfo): Promise<LoginResponse> {
    const name = username.trim();
    const now = this.clock.now();
    const keys = throttleKeys(name, client.ip, this.config.loginThrottle);
    // Checked before the password: while a key is blocked even the right password is refused, and
    // no bcrypt work is spent on an attacker's guesses.
    const block = await this.throttle.check(keys, now);
    if (block) {
      const user = await this.users.findByUsername(name);
      await this.events.record('login_locked', name, user?.id ?? null, block.key.startsWith('ip:') ? 'address_throttled' : 'account_throttled', client);
      throw tooManyAttempts(block, now);
    }

    const user = await this.users.findByUsername(name);
    // Compare even for an unknown user so both failures take the same time.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !ok) {
      await this.throttle.recordFailure(keys, now);
      await this.events.record('login_failed', name, user?.id ?? null, user ? 'wrong_password' : 'unknown_user', client);
      throw new DomainError('INVALID_CREDENTIALS', BAD_CREDENTIALS);
    }
    if (user.status !== USER_ACTIVE) {
      await this.events.record('login_failed', name, user.id, 'account_disabled', client);
      throw new DomainError('ACCOUNT_DISABLED', 'This account is disabled; ask an administrator');
    }
    // Only the account's counter: resetting the address too would let one valid account launder an
    // attacker's guesses at the others from the same address.
    await this.throttle.reset(accountKey(name));
    const sessionId = randomUUID();
    const refreshToken = await this.db.transaction(async (manager) => {
      await this.sessions.insert(sessionId, user.id, manager);
      return this.issueRefreshToken(user.id, sessionId, manager);
    });
    await this.events.record('login_succeeded', name, user.id, null, client);
    return this.session(user, sessionId, refreshToken);
  }

  /**
   * Rotation: the presented token is revoked and a new one of the same family is issued. A token
   * that was already revoked means it leaked (or was replayed): the whole family — the session and
   * every access token issued for it — is revoked.
   */
  async refresh(presented: string): Promise<LoginResponse> {
    const now = new Date();
    const outcome = await this.db.transaction(async (manager) => {
      const row = await this.refreshTokens.findByHash(hashToken(presented), manager);
      if (!row) return { kind: 'invalid' as const };
      if (row.revokedAt !== null) {
        await this.endSession(row.familyId, now, manager);
        return { kind: 'reused' as const };
      }
      if (row.expiresAt.getTime() <= now.getTime()) return { kind: 'invalid' as const };
      if (!(await this.refreshTokens.revokeIfActive(row.id, now, manager))) {
        await this.endSession(row.familyId, now, manager);
        return { kind: 'reused' as const };
      }
      const user = await this.users.findById(row.userId, manager);
      if (!user || !(await this.sessions.isLive(row.familyId, manager))) return { kind: 'invalid' as const };
      if (user.status !== USER_ACTIVE) {
        await this.endSession(row.familyId, now, manager);
        return { kind: 'disabled' as const };
      }
      return { kind: 'ok' as const, user, sessionId: row.familyId, token: await this.issueRefreshToken(user.id, row.familyId, manager) };
    });
    switch (outcome.kind) {
      case 'ok':
        return this.session(outcome.user, outcome.sessionId, outcome.token);
      case 'disabled':
        throw new DomainError('ACCOUNT_DISABLED', 'This account is disabled; ask an administrator');
      case 'reused':
        throw new DomainError('TOKEN_INVALID', 'This refresh token was already used; all sessions of this login were ended, sign in again');
      case 'invalid':
        throw new DomainError('TOKEN_INVALID', 'The refresh token is invalid or has expired; sign in again');
    }
  }

  /** Ends the session of `refreshToken`; without one, every session of the caller (signed in, not by API token). */
  async logout(auth: AuthContext | undefined, refreshToken: string | undefined): Promise<void> {
    const now = new Date();
    // Through db.transaction even for one statement: on SQLite it must not run inside another
    // request's open transaction on the shared connection.
    await this.db.transaction(async (manager) => {
      if (refreshToken) {
        const row = await this.refreshTokens.findByHash(hashToken(refreshToken), manager);
        if (row) await this.endSession(row.familyId, now, manager);
        return;
      }
      // A personal API token is not a session: it ends none (a leaked one must not sign its owner out
      // over and over); it is revoked with DELETE /api/auth/tokens/:id.
      if (auth && auth.apiTokenId === undefined) await this.endAllSessionsOf(auth.id, manager);
    });
  }

  /**
   * The caller's own password: the current one is required, the new one must pass passwordProblem
   * (and differ from the current one). The session that asked stays signed in; every other session
   * of the user ends with its refresh tokens. Only from a signed-in session: an API token is a
   * script's key, not its owner's proof of identity.
   */
  async changePassword(auth: AuthContext, currentPassword: string, newPassword: string): Promise<void> {
    if (auth.apiTokenId !== undefined || auth.sessionId === undefined) {
      throw new DomainError('FORBIDDEN', 'Sign in with your password to change it: an API token cannot');
    }
    const sessionId = auth.sessionId;
    const user = await this.users.findById(auth.id);
    if (!user) throw new DomainError('TOKEN_INVALID', 'The access token is invalid or has expired');
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      throw fieldError('currentPassword', 'is not your current password');
    }
    const problem = passwordProblem(newPassword, user.username) ?? (newPassword === currentPassword ? 'must differ from the current password' : null);
    if (problem) throw fieldError('newPassword', problem);
    const passwordHash = await hashPassword(newPassword);
    const now = new Date();
    await this.db.transaction(async (manager) => {
      await this.users.setPasswordHash(user.id, passwordHash, manager);
      await this.refreshTokens.revokeAllOfUserExceptFamily(user.id, sessionId, now, manager);
      await this.sessions.revokeAllOfUserExcept(user.id, sessionId, now, manager);
    });
  }

  /** Ends every session of the user (an administrator disabled them or set their password). */
  async endAllSessionsOf(userId: number, manager: EntityManager): Promise<void> {
    const now = new Date();
    await this.refreshTokens.revokeAllOfUser(userId, now, manager);
    await this.sessions.revokeAllOfUser(userId, now, manager);
  }

  async me(auth: AuthContext): Promise<AuthUser> {
    const user = await this.users.findById(auth.id);
    if (!user) throw new DomainError('TOKEN_INVALID', 'The access token is invalid or has expired');
    return toAuthUser(user, auth.roles, auth.permissions);
  }

  private async endSession(familyId: string, at: Date, manager: EntityManager): Promise<void> {
    await this.refreshTokens.revokeFamily(familyId, at, manager);
    await this.sessions.revoke(familyId, at, manager);
  }

  private async session(user: UserEntity, sessionId: string, refreshToken: string): Promise<LoginResponse> {
    const grants = await this.users.grantsOf(user.id);
    return {
      accessToken: this.tokens.sign(user, sessionId),
      refreshToken,
      expiresIn: this.tokens.ttlSeconds,
      user: toAuthUser(user, grants.roles, grants.permissions),
    };
  }

  private async issueRefreshToken(userId: number, familyId: string, manager: EntityManager): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.refreshTokens.insert(
      { userId, familyId, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000) },
      manager,
    );
    return token;
  }
}

/** 429 with the wait in `details.retryAfterSeconds`; the exception filter turns it into `Retry-After`. */
function tooManyAttempts(block: ThrottleBlock, now: Date): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil((block.until.getTime() - now.getTime()) / 1000));
  const who = block.key.startsWith('ip:') ? 'from this address' : 'for this account';
  const message = block.locked
    ? `Too many failed sign-ins ${who}: locked for ${describeWait(retryAfterSeconds)}; try again later or ask an administrator`
    : `Too many failed sign-ins ${who}: wait ${describeWait(retryAfterSeconds)} before trying again`;
  return new DomainError('TOO_MANY_ATTEMPTS', message, { retryAfterSeconds });
}

function describeWait(seconds: number): string {
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** Stored as SHA-256: a leaked table cannot be replayed, and the token has 256 bits so no salt is needed. */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
