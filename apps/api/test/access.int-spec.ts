import type { ErrorBody } from '@bdc/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from './engines';
import { createUser } from './factories';
import { createTestApp, type TestApp } from './harness';

describeEachEngine('access guard and errors', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('403 FORBIDDEN naming the permission a route needs', async () => {
    const res = await t.http.get<ErrorBody>('/api/users', { token: await t.login('requester') });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(res.body.message).toContain('user.manage');
    expect((await t.http.get('/api/users', { token: await t.login('admin') })).status).toBe(200);
  });

  it('grants come from roles and from personal user_permissions', async () => {
    const nobody = await createUser(t, { roles: [] });
    const token = await t.login(nobody.username);
    expect((await t.http.get('/api/components', { token })).status).toBe(403);
    const granted = await createUser(t, { roles: [], permissions: ['inventory.view'] });
    const grantedToken = await t.login(granted.username);
    expect((await t.http.get('/api/components', { token: grantedToken })).status).toBe(200);
    expect((await t.http.get('/api/servers', { token: grantedToken })).status).toBe(403);
  });

  it('every non-public route needs a token', async () => {
    for (const url of ['/api/servers', '/api/components', '/api/catalog', '/api/users/assignees', '/api/auth/me']) {
      const res = await t.http.get<ErrorBody>(url);
      expect(res.status, url).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    }
    expect((await t.http.get('/api/health')).status).toBe(200);
  });

  it('400 VALIDATION_FAILED names each bad field, including unknown ones', async () => {
    const res = await t.http.post<ErrorBody>('/api/auth/login', { body: { username: 42, password: 'x', role: 'admin' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.details?.fields ?? [];
    expect(fields.map((f) => f.field).sort()).toEqual(['role', 'username']);
    expect(fields.find((f) => f.field === 'role')?.reason).toBe('is not an allowed property');
  });

  it('400 for bad query parameters', async () => {
    const token = await t.login('admin');
    const res = await t.http.get<ErrorBody>('/api/components?type=gpu&pageSize=0', { token });
    expect(res.status).toBe(400);
    expect(res.body.details?.fields?.map((f) => f.field).sort()).toEqual(['pageSize', 'type']);
  });

  it('400 for malformed JSON, 413 for an oversized body', async () => {
    const bad = await t.http.post<ErrorBody>('/api/auth/login', { body: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ code: 'VALIDATION_FAILED', message: 'The request body is not valid JSON' });
    const big = await t.http.post<ErrorBody>('/api/auth/login', { body: { username: 'x'.repeat(1_100_000), password: 'x' } });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('400 naming a prototype-poisoning key (__proto__, constructor.prototype) and writing nothing', async () => {
    for (const [body, field] of [
      ['{"username":"admin","password":"demo","__proto__":{"isAdmin":true}}', '__proto__'],
      ['{"username":"admin","password":"demo","constructor":{"prototype":{"isAdmin":true}}}', 'constructor'],
    ] as const) {
      const res = await t.http.post<ErrorBody>('/api/auth/login', { body, headers: { 'content-type': 'application/json' } });
      expect([res.status, res.body.details?.fields]).toEqual([400, [{ field, reason: 'is not an allowed property' }]]);
    }
  });

  it('unknown API routes are JSON 404 NOT_FOUND', async () => {
    const res = await t.http.get<ErrorBody>('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'NOT_FOUND', message: 'No such endpoint: GET /api/no-such-thing' });
  });
});
