import bcrypt from 'bcryptjs';

export const BCRYPT_COST = 10;

export function hashPassword(plain: string, cost = BCRYPT_COST): Promise<string> {
  return bcrypt.hash(plain, cost);
}

/**
 * bcrypt compare that also accepts PHP's `$2y$` hashes (BDC IMS users): `$2y$` and `$2a$` are the
 * same algorithm, PHP only marks that its implementation has no 8-bit bug.
 */
export async function verifyPassword(plain: string, hash: string): Promise<boolean> {
  if (!/^\$2[abxy]\$\d{2}\$/.test(hash)) return false;
  const normalised = hash.startsWith('$2y$') || hash.startsWith('$2x$') ? `$2a$${hash.slice(4)}` : hash;
  try {
    return await bcrypt.compare(plain, normalised);
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
  dummyHash ??= bcrypt.hash('not-a-real-password', BCRYPT_COST);
  return dummyHash;
}
