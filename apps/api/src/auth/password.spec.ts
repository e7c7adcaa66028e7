import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { BCRYPT_COST, hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies a hash produced by PHP password_hash (the php.net password_verify example)', async () => {
    const php = '$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a';
    expect(await verifyPassword('rasmuslerdorf', php)).toBe(true);
    expect(await verifyPassword('rasmuslerdorF', php)).toBe(false);
  });

  it('accepts the same hash under every bcrypt prefix ($2a$, $2b$, $2x$, $2y$)', async () => {
    const hash = await hashPassword('legacy-pass', 4);
    expect(hash).toMatch(/^\$2b\$04\$/);
    for (const prefix of ['$2a$', '$2b$', '$2x$', '$2y$']) {
      expect(await verifyPassword('legacy-pass', `${prefix}${hash.slice(4)}`), prefix).toBe(true);
      expect(await verifyPassword('legacy-pasS', `${prefix}${hash.slice(4)}`), prefix).toBe(false);
    }
  });

  it('refuses what is not a bcrypt hash instead of throwing', async () => {
    for (const stored of ['', 'demo', '$1$abc$def', '$2y$10$short', `$2z$10$${'a'.repeat(53)}`]) {
      expect(await verifyPassword('demo', stored), stored).toBe(false);
    }
  });

  it('keeps the event loop free while 20 verifications run', async () => {
    const hash = await hashPassword('secret', BCRYPT_COST);
    let ticks = 0;
    let done = false;
    // Counts turns of the event loop; a hash computed on the main thread leaves it none (bcryptjs: 0).
    const spin = () => {
      if (done) return;
      ticks++;
      setImmediate(spin);
    };
    setImmediate(spin);
    const results = await Promise.all(Array.from({ length: 20 }, () => verifyPassword('secret', hash)));
    done = true;
    expect(results.every(Boolean)).toBe(true);
    // At least one turn per verification; in practice tens of thousands (bcryptjs: none at all).
    expect(ticks).toBeGreaterThanOrEqual(20);
  });

  it('leaves the main thread mostly idle while verifications run (event-loop utilization, a ratio)', async () => {
    const hash = await hashPassword('secret', BCRYPT_COST);
    const start = performance.eventLoopUtilization();
    await Promise.all(Array.from({ length: 20 }, () => verifyPassword('secret', hash)));
    // Measured here: ~0.03 with @node-rs/bcrypt, 1.0 with bcryptjs; independent of the machine's speed.
    expect(performance.eventLoopUtilization(start).utilization).toBeLessThan(0.5);
  });
});
