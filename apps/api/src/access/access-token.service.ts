import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';

export interface AccessTokenClaims {
  sub: number;
  username: string;
  /** The session (refresh-token family) the token belongs to: it dies with that session. */
  sid: string;
}

/** Verified tokens remembered (a token is ~250 bytes: a few hundred kB at most). */
const VERIFIED_MAX = 2048;

/**
 * Short-lived HS256 access tokens. Only the user id and the session id are trusted from them; grants
 * and whether the session is still live are read per request.
 */
@Injectable()
export class AccessTokenService {
  /**
   * Tokens this process verified, with their claims and expiry: the same string was signed with the
   * same key, so the HMAC (~0.2 ms per request) need not run again. Only valid tokens enter (an
   * invalid one never costs memory); each is answered only until its `exp`, as jsonwebtoken would;
   * least recently used first out. Revocation is not a token property: the guard's query per
   * request still checks the session.
   */
  private readonly verified = new Map<string, { claims: AccessTokenClaims; exp: number }>();

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  sign(user: { id: number; username: string }, sessionId: string): string {
    return this.jwt.sign({ sub: user.id, username: user.username, sid: sessionId } satisfies AccessTokenClaims);
  }

  /** The claims, or null when the token is malformed, forged or expired. */
  verify(token: string): AccessTokenClaims | null {
    const known = this.verified.get(token);
    if (known) {
      this.verified.delete(token);
      // jsonwebtoken's rule: expired from the second `exp` on.
      if (Math.floor(Date.now() / 1000) < known.exp) {
        this.verified.set(token, known);
        return known.claims;
      }
      return null;
    }
    try {
      const payload = this.jwt.verify<{ sub?: unknown; username?: unknown; sid?: unknown; exp?: unknown; nbf?: unknown }>(token, { algorithms: ['HS256'] });
      const sub = typeof payload.sub === 'number' ? payload.sub : Number(payload.sub);
      if (!Number.isInteger(sub) || sub <= 0 || typeof payload.username !== 'string') return null;
      // Tokens from before sessions existed carry no sid: refused, the client refreshes or signs in again.
      if (typeof payload.sid !== 'string' || payload.sid.length === 0 || payload.sid.length > 36) return null;
      const claims = { sub, username: payload.username, sid: payload.sid };
      // Only tokens whose validity is their `exp` alone (ours: sign never sets nbf) are remembered.
      if (typeof payload.exp === 'number' && payload.nbf === undefined) this.remember(token, claims, payload.exp);
      return claims;
    } catch {
      return null;
    }
  }

  private remember(token: string, claims: AccessTokenClaims, exp: number): void {
    this.verified.set(token, { claims, exp });
    // A Map iterates in insertion order, and a hit re-inserts: the first key is the least recently used.
    if (this.verified.size > VERIFIED_MAX) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
  }

  get ttlSeconds(): number {
    return this.config.accessTokenTtlSeconds;
  }
}
