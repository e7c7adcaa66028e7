import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';

export interface AccessTokenClaims {
  sub: number;
  username: string;
  /** The session (refresh-token family) the token belongs to: it dies with that session. */
  sid: string;
}

/**
 * Short-lived HS256 access tokens. Only the user id and the session id are trusted from them; grants
 * and whether the session is still live are read per request.
 */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  sign(user: { id: number; username: string }, sessionId: string): string {
    return this.jwt.sign({ sub: user.id, username: user.username, sid: sessionId } satisfies AccessTokenClaims);
  }

  /** The claims, or null when the token is malformed, forged or expired. */
  verify(token: string): AccessTokenClaims | null {
    try {
      const payload = this.jwt.verify<{ sub?: unknown; username?: unknown; sid?: unknown }>(token, { algorithms: ['HS256'] });
      const sub = typeof payload.sub === 'number' ? payload.sub : Number(payload.sub);
      if (!Number.isInteger(sub) || sub <= 0 || typeof payload.username !== 'string') return null;
      // Tokens from before sessions existed carry no sid: refused, the client refreshes or signs in again.
      if (typeof payload.sid !== 'string' || payload.sid.length === 0 || payload.sid.length > 36) return null;
      return { sub, username: payload.username, sid: payload.sid };
    } catch {
      return null;
    }
  }

  get ttlSeconds(): number {
    return this.config.accessTokenTtlSeconds;
  }
}
