import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import Redis from 'ioredis';
import { blockOf, LoginThrottle, longestBlock, type ThrottleBlock, type ThrottleKey, type ThrottleState } from './login-throttle';

const PREFIX = 'bdc:login-throttle:';

/**
 * One failure on one key, atomically (a Lua script runs alone in Redis): the same policy as
 * nextFailureState in login-throttle.ts, which the database adapter uses. An optimistic
 * read-compute-compare-and-set in JS was tried first: under a burst on one key (an attacker's
 * address) most writers lost the race again and again. The shared tests run both adapters through
 * the same scenarios, so the two copies cannot drift apart unnoticed.
 * ARGV: now (ms), delayAfter, maxFailures, baseDelay (ms), maxDelay (ms), lockout (ms).
 * Returns {failures, blockedUntil (ms, 0 for none)}.
 */
const RECORD_FAILURE = `
local now = tonumber(ARGV[1])
local delayAfter, maxFailures = tonumber(ARGV[2]), tonumber(ARGV[3])
local baseMs, maxDelayMs, lockoutMs = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local h = redis.call('HMGET', KEYS[1], 'failures', 'last', 'blocked')
local failures, last, blocked = tonumber(h[1]) or 0, tonumber(h[2]) or 0, tonumber(h[3]) or 0
if failures <= 0 or (blocked <= now and now - last >= lockoutMs) then
  failures, blocked = 1, 0
else
  failures = failures + 1
end
local wait = 0
if failures >= maxFailures then
  wait = lockoutMs
elseif failures >= delayAfter then
  wait = math.min(baseMs * 2 ^ (failures - delayAfter), maxDelayMs)
end
local untilMs = 0
if wait > 0 then untilMs = math.ceil((now + wait) / 1000) * 1000 end
if blocked > untilMs then untilMs = blocked end
local at = math.floor(now / 1000) * 1000
redis.call('HSET', KEYS[1], 'failures', string.format('%.0f', failures), 'last', string.format('%.0f', at), 'blocked', string.format('%.0f', untilMs))
redis.call('PEXPIRE', KEYS[1], string.format('%.0f', math.max(untilMs, at + lockoutMs) - now + 60000))
return {failures, untilMs}`;

/**
 * Counters in Redis (REDIS_URL): shared by every API process that uses the same Redis, and expiring
 * on their own once nothing is blocked and the reset window has passed. Built by AuthModule's factory
 * (it takes the URL), so not a DI class.
 */
export class RedisLoginThrottle extends LoginThrottle implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly logger = new Logger('LoginThrottle');

  constructor(url: string, private readonly prefix = PREFIX) {
    super();
    // Few retries: a sign-in should fail fast rather than hang while Redis is away.
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
    // Without a listener ioredis reports every reconnect attempt as an unhandled error event.
    this.redis.on('error', (error: Error) => this.logger.warn(`Redis (login throttle): ${error.message}`));
  }

  check(keys: readonly ThrottleKey[], now: Date): Promise<ThrottleBlock | null> {
    return unavailableWhenDown(async () => {
      const states = await Promise.all(keys.map((k) => this.read(k.key)));
      return longestBlock(keys.map((k, i) => blockOf(k.key, states[i] ?? null, now, k.limits)));
    });
  }

  recordFailure(keys: readonly ThrottleKey[], now: Date): Promise<ThrottleBlock | null> {
    return unavailableWhenDown(async () => longestBlock(await Promise.all(keys.map((k) => this.recordOne(k, now)))));
  }

  reset(key: string): Promise<void> {
    return unavailableWhenDown(async () => {
      await this.redis.del(this.prefix + key);
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async recordOne(k: ThrottleKey, now: Date): Promise<ThrottleBlock | null> {
    const { limits } = k;
    const reply = await this.redis.eval(
      RECORD_FAILURE,
      1,
      this.prefix + k.key,
      String(now.getTime()),
      String(limits.delayAfter),
      String(limits.maxFailures),
      String(limits.baseDelaySeconds * 1000),
      String(limits.maxDelaySeconds * 1000),
      String(limits.lockoutSeconds * 1000),
    );
    const [failures, blockedUntil] = Array.isArray(reply) ? reply.map(Number) : [];
    if (failures === undefined || blockedUntil === undefined || !Number.isFinite(failures)) throw new Error(`Login throttle: unexpected reply from Redis for ${k.key}`);
    const state: ThrottleState = { failures, lastFailureAt: now, blockedUntil: blockedUntil > 0 ? new Date(blockedUntil) : null };
    return blockOf(k.key, state, now, limits);
  }

  private async read(key: string): Promise<ThrottleState | null> {
    const [failures, last, blocked] = (await this.redis.hmget(this.prefix + key, 'failures', 'last', 'blocked')).map(Number);
    if (failures === undefined || !(failures > 0)) return null;
    return { failures, lastFailureAt: new Date(last ?? 0), blockedUntil: blocked !== undefined && blocked > 0 ? new Date(blocked) : null };
  }
}

/**
 * Without its counters the throttle cannot tell a guesser from a user, and letting sign-ins through
 * unthrottled would switch the protection off whenever Redis is away: sign-in answers 503 (as for a
 * database outage, which is what Redis is here) until Redis is back.
 */
async function unavailableWhenDown<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    new Logger('LoginThrottle').warn(`Redis (login throttle) failed: ${(error as Error).message}`);
    throw new DomainError('DATABASE_UNAVAILABLE', 'Sign-in is unavailable for a moment: the sign-in throttle store (Redis) does not answer; try again shortly');
  }
}
