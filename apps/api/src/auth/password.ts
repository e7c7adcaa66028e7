import { hash, verify } from '@node-rs/bcrypt';

export const BCRYPT_COST = 10;

/**
 * bcrypt through @node-rs/bcrypt: the work runs on libuv's thread pool, so a login never stalls the
 * event loop (bcryptjs computed on the main thread and every other request waited behind it).
 */
export function hashPassword(plain: string, cost = BCRYPT_COST): Promise<string> {
  return hash(plain, cost);
}

/**
 * bcrypt compare that also accepts PHP's `$2y$` hashes (BDC IMS users): `$2y$`, `$2b$` and `$2a$`
 * are the same algorithm, PHP only marks that its implementation has no 8-bit bug. @node-rs/bcrypt
 * reads all of these prefixes itself; anything else is refused without touching the library.
 */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  if (!/^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$/.test(stored)) return false;
  try {
    return await verify(plain, stored);
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
  dummyHash ??= hash('not-a-real-password', BCRYPT_COST);
  return dummyHash;
}
