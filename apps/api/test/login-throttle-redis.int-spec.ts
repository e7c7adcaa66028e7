import { redisAnswers } from './redis-probe';
import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Clock } from '../src/auth/clock';
import { LoginThrottle, throttleKeys } from '../src/auth/login-throttle';
import { LoginThrottleEntity } from '../src/auth/login-throttle.entity';
import { RedisLoginThrottle } from '../src/auth/login-throttle.redis';
import { DEFAULT_LOGIN_THROTTLE } from '../src/config/app-config';
import { createUser } from './factories';
import { createTestApp, type TestApp } from './harness';

/**
 * The Redis adapter of the login throttle. Runs against TEST_REDIS_URL (default the local Redis);
 * skipped, and named so in the summary, when nothing answers there. CI has Redis: it runs there.
 */
const REDIS_URL = process.env.TEST_REDIS_URL?.trim() || 'redis://127.0.0.1:6379';


const available = redisAnswers(REDIS_URL);
const suite = available ? describe : describe.skip;
const title = available ? 'login throttle in Redis' : `login throttle in Redis (skipped: no Redis answers at ${REDIS_URL}; set TEST_REDIS_URL)`;

suite(title, () => {
  const prefix = `bdc-test:${randomBytes(4).toString('hex')}:`;
  const [account, address] = throttleKeys('alice', '127.0.7.1', DEFAULT_LOGIN_THROTTLE);
  if (!account || !address) throw new Error('throttleKeys returned no keys');
  let first: RedisLoginThrottle;
  let second: RedisLoginThrottle;
  let cleanup: Redis;

  beforeAll(() => {
    first = new RedisLoginThrottle(REDIS_URL, prefix);
    second = new RedisLoginThrottle(REDIS_URL, prefix);
    cleanup = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    const keys = await cleanup.keys(`${prefix}*`);
    if (keys.length > 0) await cleanup.del(...keys);
    await Promise.all([first?.onModuleDestroy(), second?.onModuleDestroy(), cleanup?.quit()]);
  });

  it('blocks after 5 failures, grows the wait, locks at 10, and a reset clears the account', async () => {
    const t0 = new Date('2026-03-01T09:00:00Z');
    const keys = [account];
    for (let i = 1; i <= 4; i++) expect(await first.recordFailure(keys, t0)).toBeNull();
    expect(await first.check(keys, t0)).toBeNull();
    const fifth = await first.recordFailure(keys, t0);
    expect(fifth).toMatchObject({ key: 'user:alice', locked: false, until: new Date('2026-03-01T09:00:01Z') });
    // Another process (another connection) sees the same state.
    expect(await second.check(keys, t0)).toMatchObject({ until: new Date('2026-03-01T09:00:01Z') });
    expect(await second.check(keys, new Date('2026-03-01T09:00:01Z'))).toBeNull();

    let now = new Date('2026-03-01T09:00:01Z');
    for (let i = 6; i <= 10; i++) {
      const block = await (i % 2 === 0 ? second : first).recordFailure(keys, now);
      now = block?.until ?? now;
    }
    const locked = await first.check(keys, new Date('2026-03-01T09:00:40Z'));
    expect(locked).toMatchObject({ locked: true });
    expect((locked?.until.getTime() ?? 0) - new Date('2026-03-01T09:00:31Z').getTime()).toBe(900_000);

    await second.reset(account.key);
    expect(await first.check(keys, new Date('2026-03-01T09:00:40Z'))).toBeNull();
  });

  it('counts every one of many concurrent failures from two processes', async () => {
    const now = new Date('2026-03-01T10:00:00Z');
    await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? first : second).recordFailure([address], now)));
    expect(await cleanup.hget(`${prefix}${address.key}`, 'failures')).toBe('30');
    expect(await first.check([address], now)).toMatchObject({ key: address.key, locked: false });
  });

  it('lets its keys expire on their own', async () => {
    const [key] = throttleKeys('bob', null, DEFAULT_LOGIN_THROTTLE);
    if (!key) throw new Error('no key');
    await first.recordFailure([key], new Date());
    const ttl = await cleanup.pttl(`${prefix}${key.key}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual((DEFAULT_LOGIN_THROTTLE.lockoutSeconds + 60) * 1000);
  });

  describe('in the application with REDIS_URL', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp('sqlite', { configOverrides: { redisUrl: REDIS_URL } });
    });
    afterAll(async () => t?.close());

    it('throttles sign-ins with Redis and writes nothing to the login_throttle table', async () => {
      expect(t.app.get(LoginThrottle)).toBeInstanceOf(RedisLoginThrottle);
      vi.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Math.floor(Date.now() / 1000) * 1000));
      const user = await createUser(t, { roles: ['viewer'] });
      const app: NestFastifyApplication = t.app;
      const login = (password: string) =>
        app.getHttpAdapter().getInstance().inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '127.0.7.9',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ username: user.username, password }),
        });
      for (let i = 0; i < 5; i++) expect((await login('wrong')).statusCode).toBe(401);
      const blocked = await login(user.password);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['retry-after']).toBe('1');
      expect(await t.dataSource.manager.count(LoginThrottleEntity)).toBe(0);
      // The application's own keys (default prefix): remove them so reruns start clean.
      await cleanup.del(`bdc:login-throttle:user:${user.username.toLowerCase()}`, 'bdc:login-throttle:ip:127.0.7.9');
    });
  });
});

// Needs no Redis: that is the point. Without its counters the throttle cannot protect anyone.
describe('login throttle with REDIS_URL while Redis is down', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { configOverrides: { redisUrl: 'redis://127.0.0.1:1' } });
  });
  afterAll(async () => t?.close());

  it('answers 503 DATABASE_UNAVAILABLE (not 500, and not an unthrottled sign-in)', async () => {
    const res = await t.http.post<{ code: string; message: string }>('/api/auth/login', { body: { username: 'requester', password: 'demo' } });
    expect([res.status, res.body.code]).toEqual([503, 'DATABASE_UNAVAILABLE']);
    expect(res.body.message).toContain('Redis');
  });
});
