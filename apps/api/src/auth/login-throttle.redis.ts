import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { blockOf, LoginThrottle, longestBlock, nextFailureState, type ThrottleBlock, type ThrottleKey, type ThrottleState } from './login-throttle';

const PREFIX = 'bdc:login-throttle:';

/**
 * Writes the new state only if the key still holds the version that was read (compare-and-set in one
 * Lua call, atomic in Redis); the caller retries on a lost race. This keeps the policy in one place
 * (login-throttle.ts) for both adapters instead of a second copy of it in Lua.
 */
const COMPARE_AND_SET = `
local current = redis.call('HGET', KEYS[1], 'v')
if (current or '0') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'failures', ARGV[3], 'last', ARGV[4], 'blocked', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1`;

const MAX_ATTEMPTS = 20;

/**
 * Counters in Redis (REDIS_URL): shared by every API process that uses the same Redis, and expiring
 * on their own once nothing is blocked and the reset window has passed.
 */
@Injectable()
export class RedisLoginThrottle extends LoginThrottle implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(url: string, private readonly prefix = PREFIX) {
    super();
    // Few retries: a sign-in should fail fast rather than hang while Redis is away.
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
  }

  async check(keys: readonly ThrottleKey[], now: Date): Promise<ThrottleBlock | null> {
    const states = await Promise.all(keys.map(async (k) => (await this.read(k.key)).state));
    return longestBlock(keys.map((k, i) => blockOf(k.key, states[i] ?? null, now, k.limits)));
  }

  async recordFailure(keys: readonly ThrottleKey[], now: Date): Promise<ThrottleBlock | null> {
    const blocks = await Promise.all(keys.map((k) => this.recordOne(k, now)));
    return longestBlock(blocks);
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async recordOne(k: ThrottleKey, now: Date): Promise<ThrottleBlock | null> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { version, state } = await this.read(k.key);
      const next = nextFailureState(state, now, k.limits);
      const keepUntil = Math.max(next.blockedUntil?.getTime() ?? 0, next.lastFailureAt.getTime() + k.limits.lockoutSeconds * 1000);
      const ttlMs = Math.max(keepUntil - now.getTime(), 0) + 60_000;
      const written = await this.redis.eval(
        COMPARE_AND_SET,
        1,
        this.prefix + k.key,
        String(version),
        String(version + 1),
        String(next.failures),
        String(next.lastFailureAt.getTime()),
        String(next.blockedUntil?.getTime() ?? 0),
        String(ttlMs),
      );
      if (written === 1) return blockOf(k.key, next, now, k.limits);
    }
    throw new Error(`Login throttle: could not update ${k.key} after ${MAX_ATTEMPTS} attempts`);
  }

  private async read(key: string): Promise<{ version: number; state: ThrottleState | null }> {
    const hash = await this.redis.hgetall(this.prefix + key);
    const version = Number(hash.v ?? 0);
    const failures = Number(hash.failures ?? 0);
    if (!Number.isFinite(version) || !(failures > 0)) return { version: Number.isFinite(version) ? version : 0, state: null };
    const blocked = Number(hash.blocked ?? 0);
    return {
      version,
      state: { failures, lastFailureAt: new Date(Number(hash.last ?? 0)), blockedUntil: blocked > 0 ? new Date(blocked) : null },
    };
  }
}
