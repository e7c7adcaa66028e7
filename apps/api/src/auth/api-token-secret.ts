import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_TOKEN_PREFIX } from '@bdc/contracts';

/**
 * The shape of personal API tokens: `bdcpat_<id>_<secret>`, the secret 32 random bytes in base64url
 * (43 characters, which may themselves contain `_` and `-`). Pure functions, shared by the service
 * that issues tokens and the strategy that checks them.
 */
const TOKEN_PATTERN = /^bdcpat_([1-9][0-9]{0,9})_([A-Za-z0-9_-]{43})$/;

export interface PresentedApiToken {
  id: number;
  secret: string;
}

/** A new random secret (256 bits). */
export function newApiTokenSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function formatApiToken(id: number, secret: string): string {
  return `${API_TOKEN_PREFIX}${id}_${secret}`;
}

/** What the owner sees in lists: enough to tell tokens apart, far too little to use one. */
export function apiTokenDisplayPrefix(id: number, secret: string): string {
  return `${API_TOKEN_PREFIX}${id}_${secret.slice(0, 4)}`;
}

/** Whether a bearer credential is meant to be an API token (the guard picks the strategy by it). */
export function looksLikeApiToken(credential: string): boolean {
  return credential.startsWith(API_TOKEN_PREFIX);
}

/** The id and secret, or null when the text is not a well-formed token. */
export function parseApiToken(credential: string): PresentedApiToken | null {
  const match = TOKEN_PATTERN.exec(credential);
  if (!match?.[1] || !match[2]) return null;
  const id = Number(match[1]);
  // The id column is a 32-bit signed integer: a larger id names no row.
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) return null;
  return { id, secret: match[2] };
}

/**
 * SHA-256, no salt and no slow hash: the secret is 256 random bits, so it cannot be guessed from its
 * hash, and checking it costs nothing on the request path (a bcrypt per request would).
 */
export function hashApiTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compared in constant time, so the answer's timing says nothing about how much of a hash matched. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiTokenSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

/**
 * Compared against when no token has the presented id, so that an unknown id and a wrong secret do
 * the same work and get the same answer.
 */
export const UNUSED_SECRET_HASH = hashApiTokenSecret(newApiTokenSecret());
