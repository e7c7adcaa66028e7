import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AuthEvent, ErrorBody, LoginResponse, Page } from '@bdc/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LoginThrottleEntity } from '../src/auth/login-throttle.entity';
import { describeEachEngine, testMysqlUrl } from './engines';
import { createUser } from './factories';
import { freezeClock } from './clock';
import { createSecondInstance, createTestApp, type TestApp } from './harness';

/** Counts password verifications (the real ones still run): a throttled attempt must not spend bcrypt work. */
const verifications = vi.hoisted(() => ({ count: 0 }));
vi.mock('../src/auth/password', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/auth/password')>();
  return {
    ...actual,
    verifyPassword: (plain: string, stored: string) => {
      verifications.count++;
      return actual.verifyPassword(plain, stored);
    },
  };
});

interface Attempt {
  status: number;
  body: LoginResponse & ErrorBody;
  retryAfter: string | undefined;
}

/** POST /api/auth/login as if from `ip` (Fastify inject sets the socket address; nothing goes on the network). */
async function attempt(app: NestFastifyApplication, username: string, password: string, ip: string, userAgent = 'vitest'): Promise<Attempt> {
  const res = await app.getHttpAdapter().getInstance().inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: ip,
    headers: { 'content-type': 'application/json', 'user-agent': userAgent },
    payload: JSON.stringify({ username, password }),
  });
  const retryAfter = res.headers['retry-after'];
  return { status: res.statusCode, body: JSON.parse(res.body) as LoginResponse & ErrorBody, retryAfter: retryAfter === undefined ? undefined : String(retryAfter) };
}

describeEachEngine('login throttling', (engine) => {
  let t: TestApp;
  let clock: { advance(seconds: number): void };
  beforeAll(async () => {
    t = await createTestApp(engine);
    clock = freezeClock(t.app);
  });
  afterAll(async () => t?.close());

  it('answers 50 wrong passwords and then the right one with 429 and Retry-After once the account is throttled', async () => {
    const user = await createUser(t, { roles: ['viewer'] });
    const statuses: number[] = [];
    const verifiedBefore = verifications.count;
    for (let i = 0; i < 50; i++) statuses.push((await attempt(t.app, user.username, `wrong-${i}`, '127.0.1.1')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));

    const right = await attempt(t.app, user.username, user.password, '127.0.1.1');
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(right.body.message).toMatch(/Too many failed sign-ins for this account: wait 1 second/);
    expect(right.retryAfter).toBe('1');
    expect(right.body.details?.retryAfterSeconds).toBe(1);

    // The same account under another spelling and from another address is the same account.
    expect((await attempt(t.app, user.username.toUpperCase(), user.password, '127.0.1.2')).status).toBe(429);
    // 52 attempts, 5 password checks: nothing was verified while the account was throttled.
    expect(verifications.count - verifiedBefore).toBe(5);

    clock.advance(1);
    expect((await attempt(t.app, user.username, user.password, '127.0.1.1')).status).toBe(200);
    // The success reset the account: a new typo is an ordinary 401 again.
    expect((await attempt(t.app, user.username, 'typo', '127.0.1.1')).status).toBe(401);
  });

  it('grows the wait 1 s, 2 s, 4 s … and locks the account for 15 minutes after 10 failures; the lockout expires', async () => {
    const user = await createUser(t, { roles: ['viewer'] });
    const waits: string[] = [];
    let failures = 0;
    for (let guard = 0; guard < 40 && failures < 10; guard++) {
      const res = await attempt(t.app, user.username, 'wrong', '127.0.2.1');
      if (res.status === 401) {
        failures++;
        continue;
      }
      expect(res.status).toBe(429);
      waits.push(res.retryAfter ?? 'none');
      clock.advance(Number(res.retryAfter));
    }
    expect(failures).toBe(10);
    expect(waits).toEqual(['1', '2', '4', '8', '16']);

    const locked = await attempt(t.app, user.username, user.password, '127.0.2.1');
    expect(locked.status).toBe(429);
    expect(locked.retryAfter).toBe('900');
    expect(locked.body.message).toMatch(/locked for 15 minutes/);

    clock.advance(899);
    expect((await attempt(t.app, user.username, user.password, '127.0.2.1')).status).toBe(429);
    clock.advance(1);
    expect((await attempt(t.app, user.username, user.password, '127.0.2.1')).status).toBe(200);
  });

  it('throttles one client address trying many usernames, and not the others', async () => {
    const ip = '127.0.3.1';
    for (let i = 0; i < 20; i++) expect((await attempt(t.app, `nobody-${i}`, 'guess', ip)).status).toBe(401);
    const blocked = await attempt(t.app, 'requester', 'demo', ip);
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toMatch(/from this address/);
    expect(Number(blocked.retryAfter)).toBeGreaterThanOrEqual(1);
    // Each username failed once only, so the accounts themselves are not throttled.
    expect((await attempt(t.app, 'requester', 'demo', '127.0.3.2')).status).toBe(200);
    expect((await attempt(t.app, 'nobody-0', 'guess', '127.0.3.2')).status).toBe(401);
  });

  it('records failed, refused and successful sign-ins in the audit an administrator reads', async () => {
    const user = await createUser(t, { roles: ['viewer'] });
    const ua = `audit-agent ${'x'.repeat(400)}`;
    await attempt(t.app, user.username, 'wrong', '127.0.4.1', ua);
    await attempt(t.app, user.username, user.password, '127.0.4.1', ua);
    for (let i = 0; i < 5; i++) await attempt(t.app, user.username, 'wrong', '127.0.4.1', ua);
    expect((await attempt(t.app, user.username, user.password, '127.0.4.1', ua)).status).toBe(429);
    await attempt(t.app, 'no-such-user-audit', 'x', '127.0.4.1', ua);

    const admin = await t.login('admin');
    const res = await t.http.get<Page<AuthEvent>>('/api/auth/events', { token: admin, query: { username: user.username } });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(8);
    expect(res.body.items.map((e) => e.event)).toEqual([
      'login_locked',
      'login_failed',
      'login_failed',
      'login_failed',
      'login_failed',
      'login_failed',
      'login_succeeded',
      'login_failed',
    ]);
    const [locked] = res.body.items;
    expect(locked).toMatchObject({ username: user.username, userId: user.id, reason: 'account_throttled', ip: '127.0.4.1' });
    expect(locked?.userAgent?.length).toBe(255);
    expect(res.body.items.at(-1)).toMatchObject({ reason: 'wrong_password', userId: user.id });
    expect(new Date(locked?.createdAt ?? '').getTime()).not.toBeNaN();

    const unknown = await t.http.get<Page<AuthEvent>>('/api/auth/events', { token: admin, query: { username: 'no-such-user-audit' } });
    expect(unknown.body.items).toMatchObject([{ event: 'login_failed', reason: 'unknown_user', userId: null }]);

    const onlyLocked = await t.http.get<Page<AuthEvent>>('/api/auth/events', { token: admin, query: { username: user.username, event: 'login_locked' } });
    expect(onlyLocked.body.total).toBe(1);
    const paged = await t.http.get<Page<AuthEvent>>('/api/auth/events', { token: admin, query: { username: user.username, page: 2, pageSize: 3 } });
    expect(paged.body).toMatchObject({ total: 8, page: 2, pageSize: 3 });
    expect(paged.body.items.map((e) => e.id)).toEqual(res.body.items.slice(3, 6).map((e) => e.id));

    expect((await t.http.get<ErrorBody>('/api/auth/events', { token: admin, query: { event: 'coffee' } })).status).toBe(400);
  });

  it('shows the audit to user.manage only', async () => {
    for (const name of ['requester', 'manager', 'tech']) {
      const res = await t.http.get<ErrorBody>('/api/auth/events', { token: await t.login(name) });
      expect(res.status, name).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    expect((await t.http.get('/api/auth/events')).status).toBe(401);
  });
});

const sharedSuite = testMysqlUrl() ? describe : describe.skip;
const sharedTitle = testMysqlUrl() ? 'login throttling across two API instances on one MariaDB database' : 'login throttling across two API instances (skipped: TEST_MYSQL_URL not set)';

sharedSuite(sharedTitle, () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  beforeAll(async () => {
    t = await createTestApp('mysql');
    second = await createSecondInstance(t);
    const start = Math.floor(Date.now() / 1000) * 1000;
    freezeClock(t.app, start);
    freezeClock(second, start);
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('shares one counter: failures on either instance add up, and both refuse once throttled', async () => {
    const user = await createUser(t, { roles: ['viewer'] });
    const apps = [t.app, second];
    for (let i = 0; i < 5; i++) expect((await attempt(apps[i % 2] ?? t.app, user.username, 'wrong', '127.0.5.1')).status).toBe(401);
    expect((await attempt(second, user.username, user.password, '127.0.5.1')).status).toBe(429);
    expect((await attempt(t.app, user.username, user.password, '127.0.5.1')).status).toBe(429);
  });

  it('counts every one of many concurrent failures on one key', async () => {
    const user = await createUser(t, { roles: ['viewer'] });
    // Different addresses so only the account key is shared; below the delay threshold, all are 401.
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => attempt(i % 2 === 0 ? t.app : second, user.username, 'wrong', `127.0.6.${i + 1}`)),
    );
    expect(results.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    const row = await t.dataSource.manager.findOneBy(LoginThrottleEntity, { key: `user:${user.username.toLowerCase()}` });
    expect(row?.failures).toBe(4);
  });
});
