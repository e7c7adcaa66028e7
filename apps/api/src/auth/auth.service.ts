import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthUser, LoginResponse } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import { AccessTokenService } from '../access/access-token.service';
import type { AuthContext } from '../access/auth-context';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { DatabaseService } from '../database/database.service';
import { toAuthUser } from '../users/users.dto';
import { USER_ACTIVE, UsersService } from '../users/users.service';
import type { UserEntity } from '../users/user.entity';
import { dummyPasswordHash, verifyPassword } from './password';
import { RefreshTokensRepository } from './refresh-tokens.repository';

const BAD_CREDENTIALS = 'Wrong username or password';

/** Login, rotating refresh tokens with reuse detection, logout and `me`. */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly db: DatabaseService,
    private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<LoginResponse> {
    const user = await this.users.findByUsername(username.trim());
    // Compare even for an unknown user so both failures take the same time.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !ok) throw new DomainError('INVALID_CREDENTIALS', BAD_CREDENTIALS);
    if (user.status !== USER_ACTIVE) throw new DomainError('ACCOUNT_DISABLED', 'This account is disabled; ask an administrator');
    const refreshToken = await this.db.transaction((manager) => this.issueRefreshToken(user.id, randomUUID(), manager));
    return this.session(user, refreshToken);
  }

  /**
   * Rotation: the presented token is revoked and a new one of the same family is issued. A token
   * that was already revoked means it leaked (or was replayed): the whole family is revoked.
   */
  async refresh(presented: string): Promise<LoginResponse> {
    const now = new Date();
    const outcome = await this.db.transaction(async (manager) => {
      const row = await this.refreshTokens.findByHash(hashToken(presented), manager);
      if (!row) return { kind: 'invalid' as const };
      if (row.revokedAt !== null) {
        await this.refreshTokens.revokeFamily(row.familyId, now, manager);
        return { kind: 'reused' as const };
      }
      if (row.expiresAt.getTime() <= now.getTime()) return { kind: 'invalid' as const };
      if (!(await this.refreshTokens.revokeIfActive(row.id, now, manager))) {
        await this.refreshTokens.revokeFamily(row.familyId, now, manager);
        return { kind: 'reused' as const };
      }
      const user = await this.users.findById(row.userId, manager);
      if (!user) return { kind: 'invalid' as const };
      if (user.status !== USER_ACTIVE) {
        await this.refreshTokens.revokeFamily(row.familyId, now, manager);
        return { kind: 'disabled' as const };
      }
      return { kind: 'ok' as const, user, token: await this.issueRefreshToken(user.id, row.familyId, manager) };
    });
    switch (outcome.kind) {
      case 'ok':
        return this.session(outcome.user, outcome.token);
      case 'disabled':
        throw new DomainError('ACCOUNT_DISABLED', 'This account is disabled; ask an administrator');
      case 'reused':
        throw new DomainError('TOKEN_INVALID', 'This refresh token was already used; all sessions of this login were ended, sign in again');
      case 'invalid':
        throw new DomainError('TOKEN_INVALID', 'The refresh token is invalid or has expired; sign in again');
    }
  }

  /** Ends the session of `refreshToken` (its whole family); without one, every session of the caller. */
  async logout(auth: AuthContext | undefined, refreshToken: string | undefined): Promise<void> {
    const now = new Date();
    // Through db.transaction even for one statement: on SQLite it must not run inside another
    // request's open transaction on the shared connection.
    await this.db.transaction(async (manager) => {
      if (refreshToken) {
        const row = await this.refreshTokens.findByHash(hashToken(refreshToken), manager);
        if (row) await this.refreshTokens.revokeFamily(row.familyId, now, manager);
        return;
      }
      if (auth) await this.refreshTokens.revokeAllOfUser(auth.id, now, manager);
    });
  }

  async me(auth: AuthContext): Promise<AuthUser> {
    const user = await this.users.findById(auth.id);
    if (!user) throw new DomainError('TOKEN_INVALID', 'The access token is invalid or has expired');
    return toAuthUser(user, auth.roles, auth.permissions);
  }

  private async session(user: UserEntity, refreshToken: string): Promise<LoginResponse> {
    const grants = await this.users.grantsOf(user.id);
    return {
      accessToken: this.tokens.sign(user),
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

/** Stored as SHA-256: a leaked table cannot be replayed, and the token has 256 bits so no salt is needed. */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
