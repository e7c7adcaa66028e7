import type { AccessAuditEntry, AccessMatrix, CreatedApiToken, ErrorBody, LoginResponse, Page, UserPermissionsView } from '@bdc/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from './engines';
import { createUser, type CreatedUser } from './factories';
import { createTestApp, type TestApp } from './harness';

/** Access administration: disable/enable, password reset, personal grants and denials, their audit and the lock-out rules. */
describeEachEngine('access administration', (engine) => {
  let t: TestApp;
  let admin: CreatedUser;
  let adminToken: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await createUser(t, { roles: ['admin'] });
    adminToken = (await signIn(admin.username, admin.password)).body.accessToken;
  });
  afterAll(async () => t?.close());

  function signIn(username: string, password: string) {
    return t.http.post<LoginResponse & ErrorBody>('/api/auth/login', { body: { username, password } });
  }
  async function session(user: CreatedUser): Promise<LoginResponse> {
    const res = await signIn(user.username, user.password);
    expect(res.status).toBe(200);
    return res.body;
  }
  const me = (token: string) => t.http.get<{ permissions: string[] } & ErrorBody>('/api/auth/me', { token });
  const audit = async (query: string) => (await t.http.get<Page<AccessAuditEntry>>(`/api/access/audit?${query}`, { token: adminToken })).body;

  describe('disable and enable', () => {
    it('disabling ends the sessions, refuses sign-in and API tokens; enabling lets the user back in; both are audited', async () => {
      const user = await createUser(t, { roles: ['viewer'] });
      const s = await session(user);
      const token = await t.http.post<CreatedApiToken>('/api/auth/tokens', { token: s.accessToken, body: { name: 'script', expiresInDays: 3 } });
      expect(token.status).toBe(201);

      const disabled = await t.http.post<{ status: string } & ErrorBody>(`/api/users/${user.id}/disable`, { token: adminToken });
      expect(disabled.status).toBe(200);
      expect(disabled.body.status).toBe('disabled');
      expect((await me(s.accessToken)).body.code).toBe('ACCOUNT_DISABLED');
      expect((await me(token.body.token)).status).toBe(403);
      expect((await t.http.post('/api/auth/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(401);
      expect((await signIn(user.username, user.password)).body.code).toBe('ACCOUNT_DISABLED');

      expect((await t.http.post(`/api/users/${user.id}/enable`, { token: adminToken })).status).toBe(200);
      expect((await signIn(user.username, user.password)).status).toBe(200);
      // The sessions ended at the disable stay ended.
      expect((await me(s.accessToken)).status).toBe(401);

      const rows = (await audit(`targetType=user&targetId=${user.id}`)).items;
      expect(rows.map((r) => r.action)).toEqual(['user.enabled', 'user.disabled']);
      expect(rows[1]).toMatchObject({ actorId: admin.id, actorUsername: admin.username, targetLabel: user.username, before: { status: 'active' }, after: { status: 'disabled' } });
    });

    it('refuses to let an administrator disable themselves (409) and changes nothing', async () => {
      const res = await t.http.post<ErrorBody>(`/api/users/${admin.id}/disable`, { token: adminToken });
      expect(res.status).toBe(409);
      expect(res.body.message).toBe('You cannot disable your own account');
      expect((await me(adminToken)).status).toBe(200);
      expect((await audit(`targetId=${admin.id}&action=user.disabled`)).total).toBe(0);
    });

    it('answers 404 for an unknown user, 400 for a malformed id and 403 without user.manage', async () => {
      expect((await t.http.post<ErrorBody>('/api/users/987654/disable', { token: adminToken })).body.code).toBe('USER_NOT_FOUND');
      expect((await t.http.post('/api/users/abc/disable', { token: adminToken })).status).toBe(400);
      const manager = await session(await createUser(t, { roles: ['manager'] }));
      expect((await t.http.post(`/api/users/${admin.id}/disable`, { token: manager.accessToken })).status).toBe(403);
      expect((await t.http.get('/api/access/audit', { token: manager.accessToken })).status).toBe(403);
    });
  });

  describe('password reset', () => {
    it('sets the password with the same rules, ends the sessions, and audits without the password', async () => {
      const user = await createUser(t, { roles: ['viewer'] });
      const s = await session(user);
      const weak = await t.http.post<ErrorBody>(`/api/users/${user.id}/password`, { token: adminToken, body: { newPassword: 'password123' } });
      expect(weak.status).toBe(400);
      expect(weak.body.details?.fields).toEqual([{ field: 'newPassword', reason: expect.stringMatching(/too common/) }]);
      expect((await me(s.accessToken)).status).toBe(200);

      expect((await t.http.post(`/api/users/${user.id}/password`, { token: adminToken, body: { newPassword: 'amber-lantern-river' } })).status).toBe(204);
      expect((await me(s.accessToken)).status).toBe(401);
      expect((await signIn(user.username, user.password)).status).toBe(401);
      expect((await signIn(user.username, 'amber-lantern-river')).status).toBe(200);
      const [row] = (await audit(`targetId=${user.id}&action=user.password_reset`)).items;
      expect(row).toMatchObject({ before: null, after: { passwordSet: true } });
      expect(JSON.stringify(row)).not.toContain('amber-lantern-river');
    });
  });

  it('sends an administrator to Change password for their own (409), keeping their session', async () => {
    const res = await t.http.post<ErrorBody>(`/api/users/${admin.id}/password`, { token: adminToken, body: { newPassword: 'amber-lantern-river' } });
    expect(res.status).toBe(409);
    expect((await me(adminToken)).status).toBe(200);
  });

  describe('personal grants and denials', () => {
    const put = (id: number, body: unknown) => t.http.put<UserPermissionsView & ErrorBody>(`/api/users/${id}/permissions`, { token: adminToken, body });

    it('a denial removes what a role gives, on the user’s next request; a grant adds; both are audited', async () => {
      const user = await createUser(t, { roles: ['viewer'] });
      const s = await session(user);
      expect((await me(s.accessToken)).body.permissions).toContain('ticket.create');
      expect((await t.http.get('/api/servers', { token: s.accessToken })).status).toBe(200);

      const res = await put(user.id, { grants: ['ticket.view_all'], denials: ['ticket.create', 'server.view'] });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ userId: user.id, grants: ['ticket.view_all'], denials: ['server.view', 'ticket.create'] });
      expect(res.body.effective).toContain('ticket.view_all');
      expect(res.body.effective).not.toContain('ticket.create');

      const after = (await me(s.accessToken)).body.permissions;
      expect(after).toContain('ticket.view_all');
      expect(after).not.toContain('ticket.create');
      expect((await t.http.get<ErrorBody>('/api/servers', { token: s.accessToken })).status).toBe(403);
      expect((await t.http.get<UserPermissionsView>(`/api/users/${user.id}/permissions`, { token: adminToken })).body).toEqual(res.body);

      const [row] = (await audit(`targetId=${user.id}&action=user.permissions_changed`)).items;
      expect(row).toMatchObject({ before: { grants: [], denials: [] }, after: { grants: ['ticket.view_all'], denials: ['server.view', 'ticket.create'] } });

      // Lifting the denial gives the role's permission back.
      expect((await put(user.id, { grants: [], denials: [] })).status).toBe(200);
      expect((await me(s.accessToken)).body.permissions).toContain('ticket.create');
    });

    it('a denial also limits the user’s API tokens and keeps them out of the assignee list', async () => {
      const tech = await createUser(t, { roles: ['technician'] });
      const s = await session(tech);
      const token = (await t.http.post<CreatedApiToken>('/api/auth/tokens', { token: s.accessToken, body: { name: 'n', expiresInDays: 3 } })).body.token;
      const assignees = async () => (await t.http.get<{ items: { id: number }[] }>('/api/users/assignees', { token: adminToken })).body.items.map((u) => u.id);
      expect(await assignees()).toContain(tech.id);
      expect((await put(tech.id, { grants: [], denials: ['ticket.deploy'] })).status).toBe(200);
      expect((await me(token)).body.permissions).not.toContain('ticket.deploy');
      expect(await assignees()).not.toContain(tech.id);
    });

    it('refuses a permission both granted and denied, and unknown permissions (400 naming the field)', async () => {
      const user = await createUser(t, { roles: ['viewer'] });
      const both = await put(user.id, { grants: ['ticket.view_all'], denials: ['ticket.view_all'] });
      expect(both.status).toBe(400);
      expect(both.body.details?.fields?.[0]?.field).toBe('denials');
      const unknown = await put(user.id, { grants: ['root.everything'], denials: [] });
      expect(unknown.status).toBe(400);
      expect((await audit(`targetId=${user.id}`)).total).toBe(0);
    });

    it('refuses to let an administrator deny themselves user.manage (409), changing nothing', async () => {
      const res = await put(admin.id, { grants: [], denials: ['user.manage'] });
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/lock yourself out/);
      expect((await me(adminToken)).body.permissions).toContain('user.manage');
      expect((await audit(`targetId=${admin.id}&action=user.permissions_changed`)).total).toBe(0);
    });

    it('lets an administrator take user.manage from another administrator', async () => {
      const other = await createUser(t, { roles: ['admin'] });
      expect((await put(other.id, { grants: [], denials: ['user.manage'] })).body.effective).not.toContain('user.manage');
    });
  });

  it('lists users with their last successful sign-in', async () => {
    const user = await createUser(t, { roles: ['viewer'] });
    const never = await createUser(t, { roles: ['viewer'] });
    await signIn(user.username, 'wrong-password');
    const before = Date.now() - 5_000;
    await session(user);
    const list = (await t.http.get<{ items: { id: number; lastLoginAt: string | null }[] }>('/api/users', { token: adminToken })).body.items;
    const at = list.find((u) => u.id === user.id)?.lastLoginAt;
    expect(at).toEqual(expect.any(String));
    expect(new Date(at ?? 0).getTime()).toBeGreaterThan(before);
    expect(list.find((u) => u.id === never.id)?.lastLoginAt).toBeNull();
  });

  it('the matrix shows each user’s permissions with their sources: role, grant, denial', async () => {
    const user = await createUser(t, { roles: ['viewer'] });
    expect((await t.http.put(`/api/users/${user.id}/permissions`, { token: adminToken, body: { grants: ['ticket.view_all'], denials: ['ticket.create'] } })).status).toBe(200);
    const res = await t.http.get<AccessMatrix>('/api/access/matrix', { token: adminToken });
    expect(res.status).toBe(200);
    expect(res.body.permissions).toContain('user.manage');
    const row = res.body.users.find((u) => u.id === user.id);
    expect(row?.cells['ticket.view_own']).toEqual({ allowed: true, sources: [{ kind: 'role', role: 'viewer' }] });
    expect(row?.cells['ticket.view_all']).toEqual({ allowed: true, sources: [{ kind: 'grant' }] });
    expect(row?.cells['ticket.create']).toEqual({ allowed: false, sources: [{ kind: 'role', role: 'viewer' }, { kind: 'denied' }] });
    expect(row?.cells['user.manage']).toBeUndefined();
    // The matrix agrees with what the guard lets the user do.
    const s = await session(user);
    const allowed = Object.entries(row?.cells ?? {}).filter(([, c]) => c.allowed).map(([p]) => p).sort();
    expect((await me(s.accessToken)).body.permissions).toEqual(allowed);
  });

  it('pages the audit newest first and filters it', async () => {
    const page = await audit('page=1&pageSize=2');
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    expect((page.items[0]?.id ?? 0) > (page.items[1]?.id ?? 0)).toBe(true);
    expect((await t.http.get<ErrorBody>('/api/access/audit?action=nope', { token: adminToken })).status).toBe(400);
    expect((await audit(`actorId=${admin.id}&action=user.password_reset`)).items.every((r) => r.action === 'user.password_reset')).toBe(true);
  });
});
