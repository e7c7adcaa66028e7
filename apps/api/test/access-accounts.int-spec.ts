import type { AccessAuditEntry, AdminUserEntry, ErrorBody, ListResult, LoginResponse, Page, RoleView } from '@bdc/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsersRepository } from '../src/users/users.repository';
import { describeEachEngine } from './engines';
import { createUser, setUserStatus, type CreatedUser } from './factories';
import { createTestApp, type TestApp } from './harness';
import { createTicket } from './ticket-helpers';

/**
 * Access administration, accounts and roles: creating and editing users, roles and their grants, the
 * built-in roles' protection, and the rule that no path leaves nobody with user.manage or locks the
 * caller out (including two administrators demoting each other at once).
 */
describeEachEngine('access administration: users and roles', (engine) => {
  let t: TestApp;
  let admin: CreatedUser;
  let adminToken: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await createUser(t, { roles: ['admin'] });
    adminToken = await login(admin);
  });
  afterAll(async () => t?.close());

  async function login(user: { username: string; password: string }): Promise<string> {
    const res = await t.http.post<LoginResponse>('/api/auth/login', { body: { username: user.username, password: user.password } });
    expect(res.status).toBe(200);
    return res.body.accessToken;
  }
  const me = (token: string) => t.http.get<{ permissions: string[]; roles: string[] } & ErrorBody>('/api/auth/me', { token });
  const audit = async (query: string) => (await t.http.get<Page<AccessAuditEntry>>(`/api/access/audit?${query}`, { token: adminToken })).body.items;
  const roles = async () => (await t.http.get<ListResult<RoleView>>('/api/roles', { token: adminToken })).body.items;
  const roleNamed = async (name: string) => (await roles()).find((r) => r.name === name) as RoleView;
  const createRole = (body: unknown, token = adminToken) => t.http.post<RoleView & ErrorBody>('/api/roles', { token, body });
  const patchRole = (id: number, body: unknown, token = adminToken) => t.http.patch<RoleView & ErrorBody>(`/api/roles/${id}`, { token, body });
  const patchUser = (id: number, body: unknown, token = adminToken) => t.http.patch<AdminUserEntry & ErrorBody>(`/api/users/${id}`, { token, body });
  let seq = 0;
  const uniqueName = (prefix: string) => `${prefix}${Date.now().toString(36)}${seq++}`;

  describe('creating and editing users', () => {
    const newUser = (overrides: Record<string, unknown> = {}) => ({
      username: uniqueName('new'),
      email: 'new.user@example.test',
      firstName: 'Nina',
      lastName: 'Neu',
      password: 'amber-lantern-river',
      roles: ['viewer'],
      ...overrides,
    });

    it('creates an active user with roles who can sign in at once; the audit has the fields, never the password', async () => {
      const body = newUser({ roles: ['technician', 'viewer'] });
      const res = await t.http.post<AdminUserEntry>('/api/users', { token: adminToken, body });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ username: body.username, email: body.email, firstName: 'Nina', lastName: 'Neu', displayName: 'Nina Neu', status: 'active', roles: ['technician', 'viewer'], lastLoginAt: null });
      const token = await login({ username: body.username, password: body.password });
      expect((await me(token)).body.permissions).toContain('ticket.deploy');

      const list = (await t.http.get<ListResult<AdminUserEntry>>('/api/users', { token: adminToken })).body.items;
      expect(list.find((u) => u.id === res.body.id)?.lastLoginAt).toEqual(expect.any(String));

      const [row] = await audit(`targetType=user&targetId=${res.body.id}&action=user.created`);
      expect(row).toMatchObject({ actorId: admin.id, targetLabel: body.username, before: null, after: { username: body.username, email: body.email, roles: ['technician', 'viewer'], passwordSet: true } });
      expect(JSON.stringify(row)).not.toContain('amber-lantern-river');
    });

    it('applies the own-password rules to the initial password (400 naming password)', async () => {
      for (const password of ['short', 'password123']) {
        const res = await t.http.post<ErrorBody>('/api/users', { token: adminToken, body: newUser({ password }) });
        expect(res.status).toBe(400);
        expect(res.body.details?.fields?.[0]?.field).toBe('password');
      }
      const username = uniqueName('samename');
      const same = await t.http.post<ErrorBody>('/api/users', { token: adminToken, body: newUser({ username, password: username }) });
      expect(same.body.details?.fields).toEqual([{ field: 'password', reason: 'must not be the username' }]);
    });

    it('refuses a taken username (409 naming username), an unknown role and bad fields (400), creating nothing', async () => {
      const taken = await t.http.post<ErrorBody>('/api/users', { token: adminToken, body: newUser({ username: admin.username }) });
      expect(taken.status).toBe(409);
      expect(taken.body.details?.fields).toEqual([{ field: 'username', reason: 'is taken' }]);
      expect((await t.http.post<ErrorBody>('/api/users', { token: adminToken, body: newUser({ username: admin.username.toUpperCase() }) })).status).toBe(409);
      const unknownRole = await t.http.post<ErrorBody>('/api/users', { token: adminToken, body: newUser({ roles: ['viewer', 'wizard'] }) });
      expect(unknownRole.status).toBe(400);
      expect(unknownRole.body.details?.fields?.[0]).toEqual({ field: 'roles', reason: 'unknown role wizard' });
      for (const [field, value] of [['username', 'has space'], ['email', 'nope'], ['firstName', ''], ['username', 'x'.repeat(31)]] as const) {
        const res = await t.http.post<ErrorBody>('/api/users', { token: adminToken, body: newUser({ [field]: value }) });
        expect(res.status).toBe(400);
        expect(res.body.details?.fields?.map((f) => f.field)).toContain(field);
      }
    });

    it('edits names, email and roles; the roles apply on the next request; the audit holds only what changed', async () => {
      const user = await createUser(t, { roles: ['viewer'] });
      const token = await login(user);
      expect((await me(token)).body.permissions).not.toContain('ticket.view_all');

      const res = await patchUser(user.id, { firstName: 'Renamed', email: 'renamed@example.test', roles: ['manager'] });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ firstName: 'Renamed', email: 'renamed@example.test', roles: ['manager'] });
      expect((await me(token)).body.permissions).toContain('ticket.view_all');

      const [row] = await audit(`targetId=${user.id}&action=user.updated`);
      expect(row?.before).toEqual({ firstName: 'Test', email: `${user.username}@test.example`, roles: ['viewer'] });
      expect(row?.after).toEqual({ firstName: 'Renamed', email: 'renamed@example.test', roles: ['manager'] });

      // Sending what is already there changes nothing and writes no audit row.
      expect((await patchUser(user.id, { firstName: 'Renamed', roles: ['manager'] })).status).toBe(200);
      expect(await audit(`targetId=${user.id}&action=user.updated`)).toHaveLength(1);
    });

    it('refuses an unknown role, a blank name and null (400), and answers 404 for an unknown user', async () => {
      const user = await createUser(t, { roles: ['viewer'] });
      expect((await patchUser(user.id, { roles: ['wizard'] })).status).toBe(400);
      expect((await patchUser(user.id, { lastName: '  ' })).status).toBe(400);
      expect((await patchUser(user.id, { email: null })).status).toBe(400);
      expect((await patchUser(987_654, { firstName: 'x' })).body.code).toBe('USER_NOT_FOUND');
      expect(await audit(`targetId=${user.id}`)).toHaveLength(0);
    });
  });

  describe('roles', () => {
    it('lists the built-in roles as protected, with their grants and holders', async () => {
      const list = await roles();
      const adminRole = list.find((r) => r.name === 'admin');
      expect(adminRole).toMatchObject({ builtIn: true, lockedPermissions: ['user.manage'] });
      expect(adminRole?.permissions).toContain('user.manage');
      expect(adminRole?.userCount).toBeGreaterThanOrEqual(1);
      expect(list.find((r) => r.name === 'viewer')).toMatchObject({ builtIn: true, lockedPermissions: [] });
    });

    it('creates a role, grants it to a user, and a change of its grants applies to that user on the next request', async () => {
      const name = uniqueName('auditors');
      const created = await createRole({ name, displayName: 'Auditors', description: 'Read everything', permissions: ['ticket.view_all', 'ticket.comment'] });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name, displayName: 'Auditors', builtIn: false, permissions: ['ticket.comment', 'ticket.view_all'], userCount: 0 });

      const user = await createUser(t, { roles: [] });
      expect((await patchUser(user.id, { roles: [name] })).body.roles).toEqual([name]);
      const token = await login(user);
      expect((await t.http.get('/api/tickets', { token })).status).toBe(200);
      expect((await t.http.get('/api/servers', { token })).status).toBe(403);

      const changed = await patchRole(created.body.id, { displayName: 'Auditors (read only)', permissions: ['ticket.view_all', 'server.view'] });
      expect(changed.status).toBe(200);
      // No cache between a role and its users' requests: the same access token sees the new grants.
      expect((await t.http.get('/api/servers', { token })).status).toBe(200);
      expect((await me(token)).body.permissions).toEqual(['server.view', 'ticket.view_all']);

      const [row] = await audit(`targetType=role&targetId=${created.body.id}&action=role.updated`);
      expect(row?.before).toEqual({ displayName: 'Auditors', permissions: ['ticket.comment', 'ticket.view_all'] });
      expect(row?.after).toEqual({ displayName: 'Auditors (read only)', permissions: ['server.view', 'ticket.view_all'], added: ['server.view'], removed: ['ticket.comment'] });
      expect((await audit(`targetType=role&targetId=${created.body.id}&action=role.created`))[0]?.after).toMatchObject({ name, permissions: ['ticket.comment', 'ticket.view_all'] });
    });

    it('refuses a taken or malformed name and unknown permissions', async () => {
      const taken = await createRole({ name: 'viewer', displayName: 'Again', permissions: [] });
      expect(taken.status).toBe(409);
      expect(taken.body.details?.fields?.[0]?.field).toBe('name');
      for (const body of [
        { name: 'Has Caps', displayName: 'x', permissions: [] },
        { name: 'ok_name', displayName: '', permissions: [] },
        { name: 'ok_name', displayName: 'x', permissions: ['root.all'] },
      ]) {
        expect((await createRole(body)).status).toBe(400);
      }
    });

    it('deletes a role nobody holds; refuses (409) one that users hold, one whose queue has tickets, and a built-in one', async () => {
      const name = uniqueName('temp');
      const role = (await createRole({ name, displayName: 'Temp', permissions: ['ticket.comment'] })).body;
      const user = await createUser(t, { roles: [] });
      expect((await patchUser(user.id, { roles: [name] })).status).toBe(200);
      const held = await t.http.delete<ErrorBody>(`/api/roles/${role.id}`, { token: adminToken });
      expect(held.status).toBe(409);
      expect(held.body.message).toMatch(/held by 1 user/);

      expect((await patchUser(user.id, { roles: [] })).status).toBe(200);
      const ticket = await createTicket(t, adminToken);
      await t.dataSource.query('UPDATE tickets SET assigned_role = ? WHERE id = ?', [name, ticket.id]);
      const queued = await t.http.delete<ErrorBody>(`/api/roles/${role.id}`, { token: adminToken });
      expect(queued.status).toBe(409);
      expect(queued.body.message).toBe('1 ticket in the queue of Temp: reassign it first');
      await t.dataSource.query('UPDATE tickets SET assigned_role = NULL WHERE id = ?', [ticket.id]);

      const deleted = await t.http.delete<ErrorBody>(`/api/roles/${role.id}`, { token: adminToken });
      expect(deleted.status).toBe(204);
      expect((await roles()).some((r) => r.id === role.id)).toBe(false);
      expect((await audit(`targetType=role&targetId=${role.id}&action=role.deleted`))[0]?.before).toMatchObject({ name, permissions: ['ticket.comment'] });
      expect((await t.http.delete<ErrorBody>(`/api/roles/${role.id}`, { token: adminToken })).status).toBe(404);

      const viewer = await roleNamed('viewer');
      const builtIn = await t.http.delete<ErrorBody>(`/api/roles/${viewer.id}`, { token: adminToken });
      expect(builtIn.status).toBe(409);
      expect(builtIn.body.message).toMatch(/built-in/);
    });

    it('keeps a built-in role’s name, description and kept grants; its other grants may change', async () => {
      const adminRole = await roleNamed('admin');
      expect((await patchRole(adminRole.id, { displayName: 'Boss' })).status).toBe(409);
      expect((await patchRole(adminRole.id, { description: 'Changed' })).status).toBe(409);
      const withoutManage = adminRole.permissions.filter((p) => p !== 'user.manage');
      const kept = await patchRole(adminRole.id, { permissions: withoutManage });
      expect(kept.status).toBe(409);
      expect(kept.body.message).toMatch(/keeps user\.manage/);

      const viewer = await roleNamed('viewer');
      const less = await patchRole(viewer.id, { permissions: viewer.permissions.filter((p) => p !== 'server.view') });
      expect(less.status).toBe(200);
      expect((await patchRole(viewer.id, { permissions: viewer.permissions })).status).toBe(200);
      expect((await roleNamed('admin')).permissions).toEqual(adminRole.permissions);
    });

    it('answers 403 without user.manage and 404 for an unknown role', async () => {
      const manager = await login(await createUser(t, { roles: ['manager'] }));
      expect((await t.http.get('/api/roles', { token: manager })).status).toBe(403);
      expect((await createRole({ name: 'x_y', displayName: 'x', permissions: [] }, manager)).status).toBe(403);
      expect((await patchUser(admin.id, { firstName: 'x' }, manager)).status).toBe(403);
      expect((await patchRole(987_654, { displayName: 'x' })).status).toBe(404);
    });
  });

  describe('nobody locks themselves out', () => {
    it('refuses to let an administrator drop their own admin role (409), but not another admin’s', async () => {
      const res = await patchUser(admin.id, { roles: ['viewer'] });
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/lock yourself out/);
      expect((await me(adminToken)).body.roles).toEqual(['admin']);
      // Keeping user.manage through another role is fine.
      expect((await patchUser(admin.id, { roles: ['super_admin'] })).status).toBe(200);
      expect((await patchUser(admin.id, { roles: ['admin'] })).status).toBe(200);

      const other = await createUser(t, { roles: ['admin'] });
      expect((await patchUser(other.id, { roles: ['viewer'] })).status).toBe(200);
    });

    it('refuses to take user.manage from a role the caller holds it through (409)', async () => {
      const name = uniqueName('keys');
      const role = (await createRole({ name, displayName: 'Key holders', permissions: ['user.manage'] })).body;
      const holder = await createUser(t, { roles: [] });
      expect((await patchUser(holder.id, { roles: [name] })).status).toBe(200);
      const holderToken = await login(holder);
      const res = await patchRole(role.id, { permissions: [] }, holderToken);
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/lock yourself out/);
      // Another administrator may.
      expect((await patchRole(role.id, { permissions: [] })).status).toBe(200);
      expect((await t.http.get('/api/roles', { token: holderToken })).status).toBe(403);
    });
  });
});

/**
 * The last administrator, on every path that can take user.manage away. Its own database: the others
 * holding user.manage (the demo admin) are disabled first, so `last` is the only active one. Done one
 * after the other, each path is refused as a lock-out (the caller is the last holder); done at once by
 * two administrators, the second is refused as leaving nobody.
 */
describeEachEngine('access administration: the last administrator', (engine) => {
  let t: TestApp;
  let last: CreatedUser;
  let lastToken: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    last = await createUser(t, { roles: ['admin'] });
    for (const u of await t.app.get(UsersRepository).activeUsersWithPermission('user.manage')) if (u.id !== last.id) await setUserStatus(t, u.id, 'disabled');
    lastToken = await login(last);
  });
  afterAll(async () => t?.close());

  async function login(user: CreatedUser): Promise<string> {
    const res = await t.http.post<LoginResponse>('/api/auth/login', { body: { username: user.username, password: user.password } });
    expect(res.status).toBe(200);
    return res.body.accessToken;
  }
  const holders = async () => (await t.app.get(UsersRepository).activeUsersWithPermission('user.manage')).map((u) => u.id).sort((x, y) => x - y);
  const auditCount = async () => (await t.http.get<Page<AccessAuditEntry>>('/api/access/audit', { token: lastToken })).body.total;

  it('cannot lose user.manage through their roles, a denial, being disabled, or their role’s grants', async () => {
    expect(await holders()).toEqual([last.id]);
    const before = await auditCount();
    const refusals = [
      await t.http.patch<ErrorBody>(`/api/users/${last.id}`, { token: lastToken, body: { roles: ['viewer'] } }),
      await t.http.put<ErrorBody>(`/api/users/${last.id}/permissions`, { token: lastToken, body: { grants: [], denials: ['user.manage'] } }),
      await t.http.post<ErrorBody>(`/api/users/${last.id}/disable`, { token: lastToken }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([409, 409, 409]);

    // Holding user.manage only through a custom role: its grants and the role itself stay.
    const role = (await t.http.post<RoleView>('/api/roles', { token: lastToken, body: { name: 'keyring', displayName: 'Keyring', permissions: ['user.manage'] } })).body;
    expect((await t.http.patch(`/api/users/${last.id}`, { token: lastToken, body: { roles: ['keyring'] } })).status).toBe(200);
    const byGrants = await t.http.patch<ErrorBody>(`/api/roles/${role.id}`, { token: lastToken, body: { permissions: ['ticket.view_all'] } });
    expect(byGrants.status).toBe(409);
    expect(byGrants.body.message).toMatch(/lock yourself out/);
    expect((await t.http.delete(`/api/roles/${role.id}`, { token: lastToken })).status).toBe(409);
    expect(await holders()).toEqual([last.id]);
    // Only the role's creation and the role change were audited.
    expect(await auditCount()).toBe(before + 2);
    expect((await t.http.patch(`/api/users/${last.id}`, { token: lastToken, body: { roles: ['admin'] } })).status).toBe(200);
  });

  describe('two administrators demoting each other at once leave one of them administering', () => {
    /** One wins; the other is refused: 409 inside the change, or 403 if it started after the first committed. */
    function expectOneRefused(results: { status: number }[]) {
      const [first, second] = results.map((r) => r.status).sort();
      expect(first).toBe(200);
      expect([403, 409]).toContain(second);
    }
    async function pair(roles: ('admin' | 'viewer')[] = ['admin']) {
      const a = await createUser(t, { roles: [...roles] });
      const b = await createUser(t, { roles: [...roles] });
      return { a, b, aToken: await login(a), bToken: await login(b) };
    }
    /** Runs `work` while only `ids` hold user.manage (the other holders disabled meanwhile). */
    async function onlyThem<T>(ids: number[], work: () => Promise<T>): Promise<T> {
      const others = (await holders()).filter((id) => !ids.includes(id));
      for (const id of others) await setUserStatus(t, id, 'disabled');
      try {
        expect(await holders()).toEqual([...ids].sort((x, y) => x - y));
        return await work();
      } finally {
        for (const id of others) await setUserStatus(t, id, 'active');
      }
    }

    it('by their roles', async () => {
      const { a, b, aToken, bToken } = await pair();
      await onlyThem([a.id, b.id], async () => {
        const results = await Promise.all([
          t.http.patch<ErrorBody>(`/api/users/${b.id}`, { token: aToken, body: { roles: ['viewer'] } }),
          t.http.patch<ErrorBody>(`/api/users/${a.id}`, { token: bToken, body: { roles: ['viewer'] } }),
        ]);
        expectOneRefused(results);
        const refused = results.find((r) => r.status === 409);
        if (refused) expect(refused.body.message).toMatch(/last active user with user\.manage/);
        expect(await holders()).toHaveLength(1);
      });
    });

    it('by disabling each other', async () => {
      const { a, b, aToken, bToken } = await pair();
      await onlyThem([a.id, b.id], async () => {
        const results = await Promise.all([
          t.http.post(`/api/users/${b.id}/disable`, { token: aToken }),
          t.http.post(`/api/users/${a.id}/disable`, { token: bToken }),
        ]);
        expectOneRefused(results);
        expect(await holders()).toHaveLength(1);
      });
    });

    it('by denials, and by taking user.manage from each other’s role', async () => {
      const { a, b, aToken, bToken } = await pair();
      await onlyThem([a.id, b.id], async () => {
        const results = await Promise.all([
          t.http.put(`/api/users/${b.id}/permissions`, { token: aToken, body: { grants: [], denials: ['user.manage'] } }),
          t.http.put(`/api/users/${a.id}/permissions`, { token: bToken, body: { grants: [], denials: ['user.manage'] } }),
        ]);
        expectOneRefused(results);
        expect(await holders()).toHaveLength(1);
      });

      const roleA = (await t.http.post<RoleView>('/api/roles', { token: lastToken, body: { name: 'keys_a', displayName: 'Keys A', permissions: ['user.manage'] } })).body;
      const roleB = (await t.http.post<RoleView>('/api/roles', { token: lastToken, body: { name: 'keys_b', displayName: 'Keys B', permissions: ['user.manage'] } })).body;
      const c = await pair(['viewer']);
      expect((await t.http.patch(`/api/users/${c.a.id}`, { token: lastToken, body: { roles: ['keys_a'] } })).status).toBe(200);
      expect((await t.http.patch(`/api/users/${c.b.id}`, { token: lastToken, body: { roles: ['keys_b'] } })).status).toBe(200);
      await onlyThem([c.a.id, c.b.id], async () => {
        const results = await Promise.all([
          t.http.patch(`/api/roles/${roleB.id}`, { token: c.aToken, body: { permissions: [] } }),
          t.http.patch(`/api/roles/${roleA.id}`, { token: c.bToken, body: { permissions: [] } }),
        ]);
        expectOneRefused(results);
        expect(await holders()).toHaveLength(1);
      });
    });
  });
});
