import type { Permission } from './permissions';

/**
 * Personal API tokens for scripts. A token is `bdcpat_<id>_<secret>`: the prefix tells the API's
 * guard which strategy checks it (JWTs have three dot-separated parts), the id finds its row, and
 * only a SHA-256 hash of the 256-bit secret is stored. It is shown once, when created.
 */
export const API_TOKEN_PREFIX = 'bdcpat_';

export const API_TOKEN_LIMITS = {
  nameMax: 100,
  /** No eternal tokens: every token expires, at most this many days after it was created. */
  expiresInDaysMax: 365,
  /** How many live (unrevoked, unexpired) tokens one user may hold. */
  perUserMax: 50,
  /** Last use (time and address) is written at most this often per token, not on every request. */
  lastUseResolutionSeconds: 60,
} as const;

export interface CreateApiTokenRequest {
  name: string;
  /** Days from now, 1 to API_TOKEN_LIMITS.expiresInDaysMax; give this or expiresAt. */
  expiresInDays?: number;
  /** An ISO 8601 date-time in the future, at most API_TOKEN_LIMITS.expiresInDaysMax days away. */
  expiresAt?: string;
  /**
   * A subset of the caller's current permissions. Left out: whatever the owner holds at each request.
   * Either way a token never grants more than its owner holds at the time it is used.
   */
  permissions?: Permission[];
}

export interface ApiTokenView {
  id: number;
  name: string;
  /** The start of the token (`bdcpat_<id>_` and four characters of the secret), to recognise it. */
  prefix: string;
  /** The subset it was limited to, or null: all of the owner's permissions. */
  permissions: Permission[] | null;
  createdAt: string;
  expiresAt: string;
  /** Updated at most once a minute. */
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  revokedAt: string | null;
}

/** The answer to a creation: the only time the token itself is shown. */
export interface CreatedApiToken extends ApiTokenView {
  token: string;
}
