import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { CreatedApiToken, ErrorBody, RoleView, TicketDetail } from '@bdc/contracts';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenService } from '../src/access/access-token.service';
import { TicketNotificationEntity } from '../src/notifications/ticket-notification.entity';
import { BENCH_TICKET } from '../bench/create-scenarios';
import { describeEachEngine, testMysqlUrl } from './engines';
import { createUser, type CreatedUser } from './factories';
import { createSecondInstance, createTestApp, injectHttp, type TestApp, type TestHttp } from './harness';
import { countStatements } from './statement-count';

/**
 * Grants and the approvers are cached per process under access_version, which triggers bump in the
 * transaction of every write that can change them (docs/decisions.md, "Auth"). A revoked grant must
 * still leave at once: through the admin API, through SQL that bypasses the application, and on
 * another process. And the point of it: the guard's one query per request no longer joins the grant
 * tables, and a creation on MariaDB sends 4 statements (7 before).
 */
const GRANT_TABLES = /\b(user_roles|role_permissions|user_permissions)\b/;

describeEachEngine('access cache', (engine) => {
  let t: TestApp;
  let admin: string;
  let requester: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.login('admin');
    requester = await t.login('requester');
  });
  afterAll(async () => t?.close());
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  /** A role of its own holding only server.view, and a user holding that role, signed in and warm in the cache. */
  async function viewerOfServers(): Promise<{ role: RoleView; user: CreatedUser; token: string }> {
    const name = `cache_${Math.random().toString(36).slice(2, 8)}`;
    const created = await t.http.post<RoleView>('/api/roles', { token: admin, body: { name, displayName: name, permissions: ['server.view'] } });
    expect(created.status, created.text).toBe(201);
    const user = await createUser(t, { roles: [name as never] });
    const token = await t.login(user.username);
    for (let i = 0; i < 2; i++) expect((await t.http.get('/api/servers', { token })).status).toBe(200);
    return { role: created.body, user, token };
  }

  async function permissionId(name: string): Promise<number> {
    const rows: { id: number | string }[] = await t.dataSource.query('SELECT id FROM permissions WHERE name = ?', [name]);
    return Number(rows[0]?.id);
  }

  describe('a change takes effect on the very next request', () => {
    it("a role's permission revoked through the admin API", async () => {
      const { role, token } = await viewerOfServers();
      const edited = await t.http.patch(`/api/roles/${role.id}`, { token: admin, body: { permissions: ['inventory.view'] } });
      expect(edited.status, edited.text).toBe(200);
      expect((await t.http.get('/api/servers', { token })).status).toBe(403);
      expect((await t.http.get('/api/components', { token })).status).toBe(200);
    });

    it("a role's permission revoked by SQL on role_permissions (UPDATE, then DELETE)", async () => {
      const { role, token } = await viewerOfServers();
      const serverView = await permissionId('server.view');
      await t.dataSource.query('UPDATE role_permissions SET granted = 0 WHERE role_id = ? AND permission_id = ?', [role.id, serverView]);
      expect((await t.http.get('/api/servers', { token })).status).toBe(403);
      await t.dataSource.query('UPDATE role_permissions SET granted = 1 WHERE role_id = ? AND permission_id = ?', [role.id, serverView]);
      expect((await t.http.get('/api/servers', { token })).status).toBe(200);
      await t.dataSource.query('DELETE FROM role_permissions WHERE role_id = ? AND permission_id = ?', [role.id, serverView]);
      expect((await t.http.get('/api/servers', { token })).status).toBe(403);
    });

    it('a personal denial inserted by SQL, and a role membership removed by SQL', async () => {
      const { role, user, token } = await viewerOfServers();
      await t.dataSource.query('INSERT INTO user_permissions (user_id, permission_id, granted) VALUES (?, ?, 0)', [user.id, await permissionId('server.view')]);
      expect((await t.http.get('/api/servers', { token })).status).toBe(403);
      await t.dataSource.query('DELETE FROM user_permissions WHERE user_id = ?', [user.id]);
      expect((await t.http.get('/api/servers', { token })).status).toBe(200);
      await t.dataSource.query('DELETE FROM user_roles WHERE user_id = ? AND role_id = ?', [user.id, role.id]);
      expect((await t.http.get('/api/servers', { token })).status).toBe(403);
    });

    it('a user disabled through the admin API and by SQL', async () => {
      const { user, token } = await viewerOfServers();
      expect((await t.http.post(`/api/users/${user.id}/disable`, { token: admin, body: {} })).status).toBeLessThan(300);
      const refused = await t.http.get<ErrorBody>('/api/servers', { token });
      expect([refused.status, refused.body.code]).toEqual([403, 'ACCOUNT_DISABLED']);
      const other = await viewerOfServers();
      await t.dataSource.query("UPDATE users SET status = 'disabled' WHERE id = ?", [other.user.id]);
      const refusedToo = await t.http.get<ErrorBody>('/api/servers', { token: other.token });
      expect([refusedToo.status, refusedToo.body.code]).toEqual([403, 'ACCOUNT_DISABLED']);
    });

    it("an API token loses what its owner's role lost", async () => {
      const { role, token: session } = await viewerOfServers();
      const minted = await t.http.post<CreatedApiToken>('/api/auth/tokens', { token: session, body: { name: 'script', expiresInDays: 30 } });
      expect(minted.status, minted.text).toBe(201);
      const token = minted.body.token;
      for (let i = 0; i < 2; i++) expect((await t.http.get('/api/servers', { token })).status).toBe(200);
      await t.dataSource.query('DELETE FROM role_permissions WHERE role_id = ?', [role.id]);
      expect((await t.http.get('/api/servers', { token })).status).toBe(403);
    });
  });

  it("access_version moves with a user's status or email, and not with a password or a name", async () => {
    const version = async () => Number(((await t.dataSource.query('SELECT version FROM access_version WHERE id = 1')) as { version: number | string }[])[0]?.version);
    const user = await createUser(t);
    const before = await version();
    await t.dataSource.query('UPDATE users SET password = ?, firstname = ? WHERE id = ?', ['not-a-hash', 'Renamed', user.id]);
    expect(await version()).toBe(before);
    await t.dataSource.query('UPDATE users SET email = ? WHERE id = ?', ['elsewhere@test.example', user.id]);
    const afterEmail = await version();
    expect(afterEmail).toBeGreaterThan(before);
    await t.dataSource.query("UPDATE users SET status = 'disabled' WHERE id = ?", [user.id]);
    expect(await version()).toBeGreaterThan(afterEmail);
  });

  describe('the approvers of a created ticket', () => {
    async function recipientsOf(ticketId: number): Promise<Map<number, string | null>> {
      const rows = await t.dataSource.manager.find(TicketNotificationEntity, { where: { ticketId } });
      return new Map(rows.map((r) => [r.recipientUserId, r.recipientEmail]));
    }
    async function create(): Promise<number> {
      const res = await t.http.post<TicketDetail>('/api/tickets', { token: requester, body: BENCH_TICKET });
      expect(res.status, res.text).toBe(201);
      return res.body.id;
    }

    it('follow a new approver, a changed email, a disabled approver and a revoked approval at once', async () => {
      await create();
      const approver = await createUser(t, { roles: ['manager'] });
      expect((await recipientsOf(await create())).get(approver.id)).toBe(`${approver.username}@test.example`);

      await t.dataSource.query('UPDATE users SET email = ? WHERE id = ?', ['moved@test.example', approver.id]);
      expect((await recipientsOf(await create())).get(approver.id)).toBe('moved@test.example');

      await t.dataSource.query("UPDATE users SET status = 'disabled' WHERE id = ?", [approver.id]);
      expect((await recipientsOf(await create())).has(approver.id)).toBe(false);

      await t.dataSource.query("UPDATE users SET status = 'active' WHERE id = ?", [approver.id]);
      expect((await recipientsOf(await create())).has(approver.id)).toBe(true);
      await t.dataSource.query('INSERT INTO user_permissions (user_id, permission_id, granted) VALUES (?, ?, 0)', [approver.id, await permissionId('ticket.approve')]);
      expect((await recipientsOf(await create())).has(approver.id)).toBe(false);
    });
  });

  describe('what a request costs', () => {
    it("the guard's one query per request reads no grant table once the caller's grants are cached", async () => {
      await t.http.get('/api/notifications/unread-count', { token: requester });
      const counted = await countStatements(t).measure(() => t.http.get('/api/notifications/unread-count', { token: requester }));
      // The guard's query and the count.
      expect(counted.sql).toHaveLength(2);
      expect(counted.sql.filter((sql) => GRANT_TABLES.test(sql))).toEqual([]);
    });

    it('a creation reads neither approvers nor grants, and nothing after its COMMIT', async () => {
      await t.http.post('/api/tickets', { token: requester, body: BENCH_TICKET });
      const counted = await countStatements(t).measure(() => t.http.post('/api/tickets', { token: requester, body: BENCH_TICKET }));
      if (engine === 'mysql') {
        // The guard's query, the validation reads (sent together), the one-round-trip batch (7 before the
        // caches, 4 while the two validation reads went one after the other).
        expect(counted.roundTrips, counted.sql.join('\n')).toBe(3);
      } else {
        // SQLite keeps the TypeORM transaction, which reads who is notified inside it (the approvers with
        // their grants, one query: not cached inside a transaction), but the guard reads no grants and
        // nothing follows COMMIT.
        expect(counted.sql.at(-1)).toBe('COMMIT');
        expect(counted.sql.filter((sql) => GRANT_TABLES.test(sql))).toHaveLength(1);
      }
    });

    it('a verified access token is not verified again until it expires, and is refused from then on', async () => {
      const tokens = t.app.get(AccessTokenService);
      const jwt = t.app.get(JwtService);
      const token = tokens.sign({ id: 6, username: 'requester' }, 'some-session');
      expect(tokens.verify(token)?.sid).toBe('some-session');
      const verify = vi.spyOn(jwt, 'verify');
      expect(tokens.verify(token)?.sid).toBe('some-session');
      expect(verify).not.toHaveBeenCalled();
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + (tokens.ttlSeconds + 1) * 1000);
      expect(tokens.verify(token)).toBeNull();
    });
  });
});

/** Two application instances (two API processes) on one MariaDB database: the version is in the database, not in a process. */
const suite = testMysqlUrl() ? describe : describe.skip;
suite('access cache across two API instances on one MariaDB database', () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  /** The second instance's HTTP client. */
  let onSecond: TestHttp;

  beforeAll(async () => {
    t = await createTestApp('mysql');
    second = await createSecondInstance(t);
    onSecond = injectHttp(second);
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('a grant revoked through one instance is refused by the other on its next request', async () => {
    const admin = await t.login('admin');
    const created = await t.http.post<RoleView>('/api/roles', { token: admin, body: { name: 'cache_two', displayName: 'Cache two', permissions: ['server.view'] } });
    expect(created.status, created.text).toBe(201);
    const user = await createUser(t, { roles: ['cache_two' as never] });
    const token = await t.login(user.username);
    for (let i = 0; i < 2; i++) expect((await onSecond.get('/api/servers', { token })).status).toBe(200);
    expect((await t.http.patch(`/api/roles/${created.body.id}`, { token: admin, body: { permissions: [] } })).status).toBe(200);
    expect((await onSecond.get('/api/servers', { token })).status).toBe(403);
    expect((await t.http.get('/api/servers', { token })).status).toBe(403);
  });
});
