import type { AuthUser, ErrorBody, LoginResponse } from '@bdc/contracts';
import { JwtService } from '@nestjs/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from './engines';
import { hashPassword } from '../src/auth/password';
import { createUser, setUserStatus } from './factories';
import { createTestApp, type TestApp } from './harness';

describeEachEngine('auth', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  const login = (username: string, password: string) => t.http.post<LoginResponse & ErrorBody>('/api/auth/login', { body: { username, password } });

  describe('login', () => {
    it('returns tokens and the user with roles and permissions', async () => {
      const res = await login('manager', 'demo');
      expect(res.status).toBe(200);
      expect(res.body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(res.body.refreshToken.length).toBeGreaterThan(30);
      expect(res.body.expiresIn).toBe(900);
      expect(res.body.user).toMatchObject({ username: 'manager', displayName: 'Maria Lopez', roles: ['manager'] });
      expect(res.body.user.permissions).toContain('ticket.approve');
      expect(res.body.user.permissions).not.toContain('ticket.deploy');
    });

    it('answers the same 401 for a wrong password and an unknown user', async () => {
      const wrong = await login('manager', 'nope');
      const unknown = await login('nobody-here', 'demo');
      for (const res of [wrong, unknown]) {
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('INVALID_CREDENTIALS');
      }
      expect(wrong.body.message).toBe(unknown.body.message);
    });

    it('refuses a disabled account with 403 ACCOUNT_DISABLED', async () => {
      const user = await createUser(t, { roles: ['viewer'], status: 'disabled' });
      const res = await login(user.username, user.password);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ACCOUNT_DISABLED');
    });

    it('accepts a PHP $2y$ bcrypt hash', async () => {
      const php = (await hashPassword('legacy-pass', 4)).replace(/^\$2[ab]\$/, '$2y$');
      expect(php.startsWith('$2y$')).toBe(true);
      const user = await createUser(t, { roles: ['viewer'], passwordHash: php });
      expect((await login(user.username, 'legacy-pass')).status).toBe(200);
      expect((await login(user.username, 'legacy-pasS')).status).toBe(401);
    });

    it('names the missing field in a 400', async () => {
      const res = await t.http.post<ErrorBody>('/api/auth/login', { body: { username: 'admin' } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details?.fields?.map((f) => f.field)).toEqual(['password']);
    });
  });

  describe('me and the access token', () => {
    it('returns the caller', async () => {
      const token = await t.login('tech');
      const res = await t.http.get<AuthUser>('/api/auth/me', { token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ username: 'tech', roles: ['technician'], email: 'tom.becker@bdc.example' });
      expect(res.body.permissions).toEqual(expect.arrayContaining(['ticket.deploy', 'server.edit', 'inventory.view']));
    });

    it('401 UNAUTHENTICATED without a token', async () => {
      const res = await t.http.get<ErrorBody>('/api/auth/me');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });

    it('401 TOKEN_INVALID for a forged, malformed or expired token', async () => {
      const forged = new JwtService({ secret: 'another-secret-of-sufficient-length' }).sign({ sub: 1, username: 'admin' });
      const expired = t.app.get(JwtService).sign({ sub: 1, username: 'admin' }, { expiresIn: -10 });
      for (const token of [forged, 'not-a-jwt', expired]) {
        const res = await t.http.get<ErrorBody>('/api/auth/me', { token });
        expect(res.status, token).toBe(401);
        expect(res.body.code).toBe('TOKEN_INVALID');
      }
    });

    it('stops a valid token as soon as its user is disabled', async () => {
      const user = await createUser(t, { roles: ['viewer'] });
      const token = await t.login(user.username);
      expect((await t.http.get('/api/auth/me', { token })).status).toBe(200);
      await setUserStatus(t, user.id, 'disabled');
      const res = await t.http.get<ErrorBody>('/api/auth/me', { token });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ACCOUNT_DISABLED');
    });
  });

  describe('refresh tokens', () => {
    const refresh = (refreshToken: string) => t.http.post<LoginResponse & ErrorBody>('/api/auth/refresh', { body: { refreshToken } });

    it('rotates: the new pair works, the old refresh token does not', async () => {
      const first = (await login('requester', 'demo')).body;
      const second = await refresh(first.refreshToken);
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect(second.body.user.username).toBe('requester');
      expect((await t.http.get('/api/auth/me', { token: second.body.accessToken })).status).toBe(200);
      const third = await refresh(second.body.refreshToken);
      expect(third.status).toBe(200);
    });

    it('reuse of a rotated token revokes the whole family', async () => {
      const first = (await login('requester', 'demo')).body;
      const second = (await refresh(first.refreshToken)).body;
      const replay = await refresh(first.refreshToken);
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe('TOKEN_INVALID');
      // The legitimate holder's current token died with the family.
      expect((await refresh(second.refreshToken)).status).toBe(401);
      // Another login (another family) is unaffected.
      const other = (await login('requester', 'demo')).body;
      expect((await refresh(other.refreshToken)).status).toBe(200);
    });

    it('refuses an unknown token and a disabled user', async () => {
      expect((await refresh('x'.repeat(43))).body.code).toBe('TOKEN_INVALID');
      const user = await createUser(t, { roles: ['viewer'] });
      const session = (await login(user.username, user.password)).body;
      await setUserStatus(t, user.id, 'disabled');
      const res = await refresh(session.refreshToken);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ACCOUNT_DISABLED');
    });

    it('two concurrent refreshes with one token: exactly one wins', async () => {
      const first = (await login('requester', 'demo')).body;
      const results = await Promise.all([refresh(first.refreshToken), refresh(first.refreshToken)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    });
  });

  describe('logout', () => {
    it('revokes the given refresh token (and its family)', async () => {
      const session = (await login('tech2', 'demo')).body;
      const rotated = (await t.http.post<LoginResponse>('/api/auth/refresh', { body: { refreshToken: session.refreshToken } })).body;
      const res = await t.http.post('/api/auth/logout', { body: { refreshToken: rotated.refreshToken } });
      expect(res.status).toBe(204);
      expect((await t.http.post('/api/auth/refresh', { body: { refreshToken: rotated.refreshToken } })).status).toBe(401);
    });

    it('without a refresh token ends every session of the bearer', async () => {
      const a = (await login('manager2', 'demo')).body;
      const b = (await login('manager2', 'demo')).body;
      expect((await t.http.post('/api/auth/logout', { token: a.accessToken, body: {} })).status).toBe(204);
      for (const s of [a, b]) {
        expect((await t.http.post('/api/auth/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(401);
      }
    });
  });
});
