import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';

export interface AccessTokenClaims {
  sub: number;
  username: string;
}

/** Short-lived HS256 access tokens. Only the user id is trusted from them; grants are read per request. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  sign(user: { id: number; username: string }): string {
    return this.jwt.sign({ sub: user.id, username: user.username } satisfies AccessTokenClaims);
  }

  /** The claims, or null when the token is malformed, forged or expired. */
  verify(token: string): AccessTokenClaims | null {
    try {
      const payload = this.jwt.verify<{ sub?: unknown; username?: unknown }>(token, { algorithms: ['HS256'] });
      const sub = typeof payload.sub === 'number' ? payload.sub : Number(payload.sub);
      if (!Number.isInteger(sub) || sub <= 0 || typeof payload.username !== 'string') return null;
      return { sub, username: payload.username };
    } catch {
      return null;
    }
  }

  get ttlSeconds(): number {
    return this.config.accessTokenTtlSeconds;
  }
}
