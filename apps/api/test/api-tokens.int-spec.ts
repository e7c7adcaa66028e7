/**
 * Personal API tokens through HTTP on both engines: created once and shown once, stored hashed, used
 * as Bearer on reads and writes, scoped to a subset and to what the owner holds now, expiring,
 * revocable by the owner and by an administrator, last use recorded at most once a minute, no
 * minting with a token, and one answer for every unknown or garbled token.
 */
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiTokenView, AuthUser, CreatedApiToken, ErrorBody, ListResult, TicketDetail } from '@bdc/contracts';
import { Clock } from '../src/auth/clock';
import { UserRoleEntity } from '../src/users/user-role.entity';
import { describeEachEngine } from './engines';
import { createUser, setUserStatus } from './factories';
import { freezeClock } from './clock';
import { createTestApp, type TestApp } from './harness';
import { ticketBody } from './ticket-helpers';

const DAY = 24 * 60 * 60;

describeEachEngine('personal API tokens', (engine) => {
  let t: TestApp;
  let requester: string;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp(engine, { configOverrides: { trustProxy: true } });
    requester = await t.login('requester');
    admin = await t.login('admin');
  });
  afterAll(async () => t?.close());
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function create(session: string, body: Record<string, unknown>) {
    return t.http.post<CreatedApiToken & ErrorBody>('/api/auth/tokens', { token: session, body });
  }
  async function mint(session: string, body: Record<string, unknown> = {}): Promise<CreatedApiToken> {
    const res = await create(session, { name: 'script', expiresInDays: 30, ...body });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }
  async function tokenRow(id: number): Promise<Record<string, unknown>> {
    const rows: Record<string, unknown>[] = await t.dataSource.query('SELECT * FROM api_tokens WHERE id = ?', [id]);
    const row = rows[0];
    if (!row) throw new Error(`no api_tokens row ${id}`);
    return row;
  }
  const list = async (session: string) => (await t.http.get<ListResult<ApiTokenView>>('/api/auth/tokens', { token: session })).body.items;

  it('creates a token, shows it once and stores only a hash of its secret', async () => {
    const created = await mint(requester, { name: 'nightly export' });
    expect(created.token).toMatch(/^bdcpat_\d+_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    expect(created).toMatchObject({ name: 'nightly export', permissions: null, lastUsedAt: null, revokedAt: null });
    const secret = created.token.slice(`bdcpat_${created.id}_`.length);

    const listed = (await list(requester)).find((x) => x.id === created.id);
    expect(listed).toEqual({ ...created, token: undefined });
    expect(JSON.stringify(await list(requester))).not.toContain(secret);

    const row = await tokenRow(created.id);
    expect(Object.values(row).map(String).join('|')).not.toContain(secret);
    expect(row['secret_hash']).toBe(createHash('sha256').update(secret).digest('hex'));
  });

  it('is accepted as Bearer on a read and on a write', async () => {
    const { token } = await mint(requester);
    const me = await t.http.get<AuthUser>('/api/auth/me', { token });
    expect([me.status, me.body.username]).toEqual([200, 'requester']);
    expect((await t.http.get('/api/tickets', { token })).status).toBe(200);
    const created = await t.http.post<TicketDetail>('/api/tickets', { token, body: ticketBody({ title: 'Filed by a script' }) });
    expect(created.status, created.text).toBe(201);
    expect(created.body.createdBy?.username).toBe('requester');
  });

  it('a subset limits the token even where the owner could', async () => {
    const { token, permissions } = await mint(requester, { permissions: ['ticket.view_own', 'ticket.view_own'] });
    expect(permissions).toEqual(['ticket.view_own']);
    expect((await t.http.get<AuthUser>('/api/auth/me', { token })).body.permissions).toEqual(['ticket.view_own']);
    expect((await t.http.get('/api/tickets', { token })).status).toBe(200);
    const refused = await t.http.post<ErrorBody>('/api/tickets', { token, body: ticketBody({ title: 'Not with this token' }) });
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(refused.body.message).toContain('ticket.create');
    // The owner's own session still can.
    expect((await t.http.post('/api/tickets', { token: requester, body: ticketBody({ title: 'By the owner' }) })).status).toBe(201);
  });

  it('refuses a subset with a permission the owner does not hold, naming it', async () => {
    const before = (await list(requester)).length;
    const res = await create(requester, { name: 'too much', expiresInDays: 1, permissions: ['ticket.view_own', 'ticket.delete', 'user.manage'] });
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.body.details?.fields).toEqual([
      { field: 'permissions', reason: 'you do not hold ticket.delete' },
      { field: 'permissions', reason: 'you do not hold user.manage' },
    ]);
    const unknown = await create(requester, { name: 'x', expiresInDays: 1, permissions: ['ticket.fly'] });
    expect([unknown.status, unknown.body.details?.fields?.[0]?.field]).toEqual([400, 'permissions']);
    expect((await list(requester)).length).toBe(before);
  });

  it('follows what the owner holds now: a lost grant, a disabled account', async () => {
    const owner = await createUser(t, { roles: ['viewer'] });
    const session = await t.login(owner.username);
    const { token } = await mint(session);
    expect((await t.http.post('/api/tickets', { token, body: ticketBody({ title: 'While granted' }) })).status).toBe(201);

    await t.dataSource.manager.delete(UserRoleEntity, { userId: owner.id });
    const lost = await t.http.post<ErrorBody>('/api/tickets', { token, body: ticketBody({ title: 'After the grant went' }) });
    expect([lost.status, lost.body.code]).toEqual([403, 'FORBIDDEN']);

    await setUserStatus(t, owner.id, 'disabled');
    const disabled = await t.http.get<ErrorBody>('/api/auth/me', { token });
    expect([disabled.status, disabled.body.code]).toEqual([403, 'ACCOUNT_DISABLED']);
  });

  describe('expiry', () => {
    it('stops working when it expires', async () => {
      const clock = freezeClock(t.app);
      const { token, expiresAt } = await mint(requester, { expiresInDays: 2 });
      expect(new Date(expiresAt).getTime()).toBe(t.app.get(Clock).now().getTime() + 2 * DAY * 1000);
      clock.advance(2 * DAY - 1);
      expect((await t.http.get('/api/auth/me', { token })).status).toBe(200);
      clock.advance(1);
      const res = await t.http.get<ErrorBody>('/api/auth/me', { token });
      expect([res.status, res.body.code, res.body.message]).toEqual([401, 'TOKEN_INVALID', 'This API token has expired; create a new one']);
    });

    it('takes an explicit expiresAt in the future, within a year', async () => {
      freezeClock(t.app);
      const now = t.app.get(Clock).now().getTime();
      const at = new Date(now + 10 * DAY * 1000).toISOString();
      const ok = await create(requester, { name: 'dated', expiresAt: at });
      expect([ok.status, ok.body.expiresAt]).toEqual([201, at]);

      const cases: [Record<string, unknown>, string][] = [
        [{ expiresAt: new Date(now - 1000).toISOString() }, 'expiresAt'],
        [{ expiresAt: new Date(now + 366 * DAY * 1000).toISOString() }, 'expiresAt'],
        [{ expiresAt: '2027-02-30T00:00:00Z' }, 'expiresAt'],
        [{ expiresAt: at, expiresInDays: 3 }, 'expiresAt'],
        [{}, 'expiresInDays'],
        [{ expiresInDays: 0 }, 'expiresInDays'],
        [{ expiresInDays: 366 }, 'expiresInDays'],
        [{ expiresInDays: 1.5 }, 'expiresInDays'],
        [{ expiresInDays: null }, 'expiresInDays'],
      ];
      for (const [body, field] of cases) {
        const res = await create(requester, { name: 'bad expiry', ...body });
        expect([JSON.stringify(body), res.status, res.body.details?.fields?.map((f) => f.field)]).toEqual([JSON.stringify(body), 400, [field]]);
      }
    });
  });

  describe('revocation', () => {
    it('by the owner: it stops at once, and revoking again changes nothing', async () => {
      const { id, token } = await mint(requester);
      expect((await t.http.delete(`/api/auth/tokens/${id}`, { token: requester })).status).toBe(204);
      const res = await t.http.get<ErrorBody>('/api/tickets', { token });
      expect([res.status, res.body.code, res.body.message]).toEqual([401, 'TOKEN_INVALID', 'This API token was revoked; create a new one']);
      const revokedAt = (await list(requester)).find((x) => x.id === id)?.revokedAt;
      expect(revokedAt).toEqual(expect.any(String));
      expect((await t.http.delete(`/api/auth/tokens/${id}`, { token: requester })).status).toBe(204);
      expect((await list(requester)).find((x) => x.id === id)?.revokedAt).toBe(revokedAt);
    });

    it('by an administrator, who sees every user’s tokens; nobody else can see or touch them', async () => {
      const owner = await createUser(t, { roles: ['viewer'] });
      const other = await createUser(t, { roles: ['manager'] });
      const { id, token } = await mint(await t.login(owner.username));
      const otherSession = await t.login(other.username);

      const asOther = await t.http.delete<ErrorBody>(`/api/auth/tokens/${id}`, { token: otherSession });
      expect([asOther.status, asOther.body.code]).toEqual([404, 'NOT_FOUND']);
      expect((await t.http.get('/api/auth/me', { token })).status).toBe(200);
      const peek = await t.http.get<ErrorBody>(`/api/users/${owner.id}/tokens`, { token: otherSession });
      expect([peek.status, peek.body.code]).toEqual([403, 'FORBIDDEN']);

      const seen = await t.http.get<ListResult<ApiTokenView>>(`/api/users/${owner.id}/tokens`, { token: admin });
      expect(seen.body.items.map((x) => x.id)).toEqual([id]);
      expect((await t.http.get<ErrorBody>('/api/users/987654/tokens', { token: admin })).status).toBe(404);
      expect((await t.http.delete(`/api/auth/tokens/${id}`, { token: admin })).status).toBe(204);
      expect((await t.http.get<ErrorBody>('/api/auth/me', { token })).status).toBe(401);
      expect((await tokenRow(id))['revoked_by']).toEqual(await adminIdOf());
    });

    it('an unknown id is 404, a malformed one 400', async () => {
      expect((await t.http.delete<ErrorBody>('/api/auth/tokens/987654', { token: requester })).status).toBe(404);
      const bad = await t.http.delete<ErrorBody>('/api/auth/tokens/abc', { token: requester });
      expect([bad.status, bad.body.details?.fields?.[0]?.field]).toEqual([400, 'id']);
    });
  });

  async function adminIdOf(): Promise<number> {
    return (await t.http.get<AuthUser>('/api/auth/me', { token: admin })).body.id;
  }

  it('records the last use (time and address) at most once a minute', async () => {
    const clock = freezeClock(t.app);
    const { id, token } = await mint(requester);
    const use = (ip: string) => t.http.get('/api/auth/me', { token, headers: { 'x-forwarded-for': ip } });
    const lastUse = async () => (await list(requester)).find((x) => x.id === id);

    expect((await use('203.0.113.7')).status).toBe(200);
    const first = await lastUse();
    expect(first?.lastUsedIp).toBe('203.0.113.7');
    expect(first?.lastUsedAt).toBe(t.app.get(Clock).now().toISOString());

    clock.advance(59);
    expect((await use('198.51.100.2')).status).toBe(200);
    expect(await lastUse()).toEqual(first);

    clock.advance(2);
    expect((await use('198.51.100.2')).status).toBe(200);
    const later = await lastUse();
    expect(later?.lastUsedIp).toBe('198.51.100.2');
    expect(later?.lastUsedAt).toBe(t.app.get(Clock).now().toISOString());
  });

  it('cannot mint tokens; it may list them and revoke itself', async () => {
    const { id, token } = await mint(admin);
    const before = (await list(admin)).length;
    const res = await create(token, { name: 'successor', expiresInDays: 365 });
    expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(res.body.message).toContain('not with another API token');
    expect((await list(token)).length).toBe(before);
    expect((await t.http.delete(`/api/auth/tokens/${id}`, { token })).status).toBe(204);
    expect((await t.http.get('/api/auth/me', { token })).status).toBe(401);
  });

  it('answers every unknown, wrong or garbled token alike with 401 TOKEN_INVALID, and never throttles sign-in for it', async () => {
    const { id, token } = await mint(requester);
    const secret = token.slice(`bdcpat_${id}_`.length);
    const flipped = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    const bad = [`bdcpat_${id}_${flipped}`, `bdcpat_987654_${secret}`, `bdcpat_${id}_${secret.slice(0, 20)}`, 'bdcpat_', 'bdcpat_x_y', `bdcpat_${id}_${secret}=`];
    for (const credential of bad) {
      const res = await t.http.get<ErrorBody>('/api/tickets', { token: credential });
      expect([credential, res.status, res.body]).toEqual([credential, 401, { code: 'TOKEN_INVALID', message: 'The API token is invalid' }]);
    }
    for (let i = 0; i < 25; i++) await t.http.get('/api/auth/me', { token: bad[0] });
    const throttled: { n: number | string }[] = await t.dataSource.query('SELECT COUNT(*) AS n FROM login_throttle');
    expect(Number(throttled[0]?.n)).toBe(0);
    expect((await t.http.get('/api/auth/me', { token })).status).toBe(200);
  });

  it('is not a session: signing out keeps it, and logging out with it ends no session', async () => {
    const owner = await createUser(t, { roles: ['viewer'] });
    const login = await t.http.post<{ accessToken: string }>('/api/auth/login', { body: { username: owner.username, password: owner.password } });
    const session = login.body.accessToken;
    const { token } = await mint(session);
    expect((await t.http.post('/api/auth/logout', { token, body: {} })).status).toBe(204);
    expect((await t.http.get('/api/auth/me', { token: session })).status).toBe(200);
    expect((await t.http.post('/api/auth/logout', { token: session, body: {} })).status).toBe(204);
    expect((await t.http.get('/api/auth/me', { token: session })).status).toBe(401);
    expect((await t.http.get('/api/auth/me', { token })).status).toBe(200);
  });

  it('needs a name, and refuses extra fields', async () => {
    for (const body of [{ expiresInDays: 1 }, { name: '   ', expiresInDays: 1 }, { name: 'x'.repeat(101), expiresInDays: 1 }, { name: 'a\u0000b', expiresInDays: 1 }]) {
      const res = await create(requester, body);
      expect([res.status, res.body.details?.fields?.[0]?.field]).toEqual([400, 'name']);
    }
    const extra = await create(requester, { name: 'x', expiresInDays: 1, userId: 1 });
    expect([extra.status, extra.body.details?.fields?.[0]?.field]).toEqual([400, 'userId']);
  });
});
