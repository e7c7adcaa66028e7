import type { CreatedApiToken, ErrorBody, LoginResponse } from '@bdc/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from './engines';
import { createUser, type CreatedUser } from './factories';
import { createTestApp, type TestApp } from './harness';

/** POST /api/auth/password: a user changes their own password; the rules; the other sessions end. */
describeEachEngine('own password change', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  const NEW = 'violet-kettle-morning';
  async function signIn(username: string, password: string): Promise<{ status: number; body: LoginResponse & ErrorBody }> {
    return t.http.post<LoginResponse & ErrorBody>('/api/auth/login', { body: { username, password } });
  }
  async function session(user: CreatedUser): Promise<LoginResponse> {
    const res = await signIn(user.username, user.password);
    expect(res.status).toBe(200);
    return res.body;
  }
  const change = (token: string, body: unknown) => t.http.post<ErrorBody>('/api/auth/password', { token, body });
  const me = (token: string) => t.http.get<ErrorBody>('/api/auth/me', { token });

  function expectFieldError(res: { status: number; body: ErrorBody }, field: string, reason: RegExp): void {
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details?.fields).toEqual([{ field, reason: expect.stringMatching(reason) }]);
  }

  it('changes the password: the new one signs in, the old one no longer does', async () => {
    const user = await createUser(t, { roles: ['viewer'] });
    const s = await session(user);
    expect((await change(s.accessToken, { currentPassword: user.password, newPassword: NEW })).status).toBe(204);
    expect((await signIn(user.username, user.password)).status).toBe(401);
    expect((await signIn(user.username, NEW)).status).toBe(200);
  });

  it('keeps the session that changed it and ends every other one (access and refresh tokens)', async () => {
    const user = await createUser(t, { roles: ['viewer'] });
    const [laptop, phone] = [await session(user), await session(user)];
    const bystander = await session(await createUser(t, { roles: ['viewer'] }));
    expect((await change(laptop.accessToken, { currentPassword: user.password, newPassword: NEW })).status).toBe(204);
    expect((await me(laptop.accessToken)).status).toBe(200);
    expect((await t.http.post('/api/auth/refresh', { body: { refreshToken: laptop.refreshToken } })).status).toBe(200);
    const phoneMe = await me(phone.accessToken);
    expect(phoneMe.status).toBe(401);
    expect(phoneMe.body.code).toBe('TOKEN_INVALID');
    expect((await t.http.post('/api/auth/refresh', { body: { refreshToken: phone.refreshToken } })).status).toBe(401);
    expect((await me(bystander.accessToken)).status).toBe(200);
  });

  it('requires the current password, named as the field at fault', async () => {
    const user = await createUser(t, { roles: ['viewer'] });
    const s = await session(user);
    expectFieldError(await change(s.accessToken, { currentPassword: 'not-it-at-all', newPassword: NEW }), 'currentPassword', /not your current password/);
    expect((await signIn(user.username, user.password)).status).toBe(200);
    const missing = await change(s.accessToken, { newPassword: NEW });
    expect(missing.status).toBe(400);
    expect(missing.body.details?.fields?.map((f) => f.field)).toContain('currentPassword');
  });

  describe('refuses a weak new password and keeps the old one', () => {
    it.each([
      ['fewer than 10 characters', 'short-pw1', /at least 10 characters/],
      ['a common password', 'Password123', /too common/],
      ['the username', 'USERNAME', /must not be the username/],
      ['the current password', 'CURRENT', /must differ/],
    ])('%s', async (_label, candidate, reason) => {
      const user = await createUser(t, { roles: ['viewer'], password: 'an-old-long-password' });
      const s = await session(user);
      const newPassword = candidate === 'USERNAME' ? user.username : candidate === 'CURRENT' ? user.password : candidate;
      expectFieldError(await change(s.accessToken, { currentPassword: user.password, newPassword }), 'newPassword', reason);
      expect((await signIn(user.username, user.password)).status).toBe(200);
    });
  });

  it('answers 401 without a token and 403 with a personal API token', async () => {
    expect((await t.http.post('/api/auth/password', { body: { currentPassword: 'x', newPassword: NEW } })).status).toBe(401);
    const user = await createUser(t, { roles: ['viewer'] });
    const s = await session(user);
    const created = await t.http.post<CreatedApiToken>('/api/auth/tokens', { token: s.accessToken, body: { name: 'script', expiresInDays: 7 } });
    expect(created.status).toBe(201);
    const res = await change(created.body.token, { currentPassword: user.password, newPassword: NEW });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect((await signIn(user.username, user.password)).status).toBe(200);
  });
});
