import { Injectable } from '@nestjs/common';
import type { AuthUser, LoginResponse } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { LoginDto, LogoutDto, RefreshDto } from '../auth/auth.dto';
import { AuthService } from '../auth/auth.service';
import { LegacyError, type LegacyResult } from './legacy-envelope';
import { text, type LegacyParams } from './legacy-fields';
import { validated } from './legacy-permissions';

export interface LegacyClient {
  ip: string | null;
  userAgent: string | null;
}

function legacyUser(user: AuthUser) {
  return { id: user.id, username: user.username, email: user.email, firstname: user.firstName, lastname: user.lastName };
}

function tokens(session: LoginResponse) {
  return { access_token: session.accessToken, refresh_token: session.refreshToken, expires_in: session.expiresIn };
}

/**
 * `auth-*` actions over the real AuthService: the same throttle, audit, sessions and rotating
 * refresh tokens as POST /api/auth/*. `remember_me` is accepted and has no effect (token lifetimes
 * are the installation's; docs/bdc-ims-compatibility.md).
 */
@Injectable()
export class LegacyAuthActions {
  constructor(private readonly auth: AuthService) {}

  async run(operation: string, params: LegacyParams, caller: AuthContext | undefined, client: LegacyClient): Promise<LegacyResult> {
    switch (operation) {
      case 'login': {
        const username = text(params, 'username')?.trim() ?? '';
        const password = text(params, 'password') ?? '';
        if (username === '' || password === '') throw new LegacyError(400, 'Username and password are required', undefined, false);
        const body = await validated(LoginDto, { username, password });
        const session = await this.auth.login(body.username, body.password, client);
        return { status: 200, message: 'Login successful', data: { user: legacyUser(session.user), tokens: tokens(session) } };
      }
      case 'refresh': {
        const refreshToken = text(params, 'refresh_token') ?? '';
        if (refreshToken === '') throw new LegacyError(400, 'refresh_token is required', undefined, false);
        const body = await validated(RefreshDto, { refreshToken });
        const session = await this.auth.refresh(body.refreshToken);
        return { status: 200, message: 'Token refreshed successfully', data: { ...tokens(session), user: legacyUser(session.user) } };
      }
      case 'logout': {
        const body = await validated(LogoutDto, { refreshToken: text(params, 'refresh_token') || undefined });
        await this.auth.logout(caller, body.refreshToken);
        return { status: 200, message: 'Logout successful' };
      }
      case 'verify_token': {
        if (!caller) throw new LegacyError(401, 'Valid JWT token required - please login', undefined, false);
        const me = await this.auth.me(caller);
        return { status: 200, message: 'Token is valid', data: { valid: true, user: { ...legacyUser(me), roles: me.roles, permissions: me.permissions } } };
      }
      default:
        throw new LegacyError(400, `Invalid auth operation: ${operation}`, undefined, caller !== undefined);
    }
  }
}
