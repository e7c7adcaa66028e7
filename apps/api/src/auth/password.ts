import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/bcrypt';

export const BCRYPT_COST = 10;

/**
 * At most this many hashes at once, one core less than the machine has (at least one). Off the event
 * loop is not enough: libuv's pool has 4 threads, and 4 concurrent sign-ins on a 2-core machine took
 * both cores from the event loop; a read beside them had a p95 of 48–126 ms instead of ~9 ms
 * (bench group `login`). Queued sign-ins wait a little longer; everyone else does not.
 */
export const HASH_CONCURRENCY = Math.max(1, availableParallelism() - 1);

let hashing = 0;
const waiting: (() => void)[] = [];

async function gated<T>(work: () => Promise<T>): Promise<T> {
  if (hashing >= HASH_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  else hashing++;
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next waiter (the count stays), or free it.
    const next = waiting.shift();
    if (next) next();
    else hashing--;
  }
}

/**
 * bcrypt through @node-rs/bcrypt: the work runs on libuv's thread pool, so a login never stalls the
 * event loop (bcryptjs computed on the main thread and every other request waited behind it).
 */
export function hashPassword(plain: string, cost = BCRYPT_COST): Promise<string> {
  return gated(() => hash(plain, cost));
}

/**
 * bcrypt compare that also accepts PHP's `$2y$` hashes (BDC IMS users): `$2y$`, `$2b$` and `$2a$`
 * are the same algorithm, PHP only marks that its implementation has no 8-bit bug. @node-rs/bcrypt
 * reads all of these prefixes itself; anything else is refused without touching the library.
 */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  if (!/^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$/.test(stored)) return false;
  try {
    return await gated(() => verify(plain, stored));
  } catch {
    return false;
  }
}

/**
 * A real hash to compare against when the username does not exist, so that unknown users and wrong
 * passwords take the same time and cannot be told apart.
 */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= gated(() => hash('not-a-real-password', BCRYPT_COST));
  return dummyHash;
}
