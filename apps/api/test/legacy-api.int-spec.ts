/**
 * The BDC IMS action API (/api/api.php): every action with form, multipart and JSON bodies, the
 * envelope on success and on each error status, the status-driven ticket-update, priority aliases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TicketDetail } from '@bdc/contracts';
import { describeEachEngine } from './engines';
import { createUser, demoUserId } from './factories';
import { DEFAULT_LOGIN_THROTTLE } from '../src/config/app-config';
import { createTestApp, type TestApp } from './harness';
import { BODY_KINDS, legacy, type LegacyResponse, type Params } from './legacy-client';
import { MODEL, SERVER } from './ticket-helpers';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const ITEMS = JSON.stringify([{ action: 'add', component_type: 'ram', component_uuid: MODEL.ramSamsung32, quantity: 2 }]);

type Ticket = { id: number; ticket_number: string; status: string; priority: string; created_by: number; assigned_to: number | null; items: unknown[]; history?: { action: string }[]; comments?: unknown[] };

const ENVELOPE_KEYS = ['success', 'authenticated', 'message', 'timestamp', 'code', 'data'];

/** Every field name in an answer, as a path, except inside `specifications` (catalog data, named by the catalog). */
function fieldNames(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => fieldNames(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => [`${path}.${key}`, ...(key === 'specifications' ? [] : fieldNames(v, `${path}.${key}`))]);
}

function expectEnvelope(res: LegacyResponse<unknown>, code: number, success: boolean) {
  expect(res.status, res.text).toBe(code);
  expect(res.body.code).toBe(code);
  expect(res.body.success).toBe(success);
  expect(res.body.timestamp).toMatch(TIMESTAMP);
  expect(typeof res.body.message).toBe('string');
  // BDC IMS's key order, `data` only when there is some; every field name in snake_case.
  expect(Object.keys(res.body)).toEqual(ENVELOPE_KEYS.filter((k) => k !== 'data' || res.body.data !== undefined));
  if ('data' in res.body) expect(res.body.data).not.toBeNull();
  expect(fieldNames(res.body.data).filter((name) => !/^[a-z][a-z0-9_]*$/.test(name.slice(name.lastIndexOf('.') + 1)))).toEqual([]);
  // Never an internal detail in an answer.
  expect(res.text).not.toMatch(/SELECT|INSERT|UPDATE .* SET|at .*\.ts:\d+|QueryFailedError/);
}

describeEachEngine('BDC IMS action API', (engine) => {
  let t: TestApp;
  const token: Record<'admin' | 'manager' | 'tech' | 'requester' | 'noroles', string> = { admin: '', manager: '', tech: '', requester: '', noroles: '' };
  let techId: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    for (const name of ['admin', 'manager', 'tech', 'requester'] as const) {
      const res = await legacy<{ tokens: { access_token: string } }>(t, { action: 'auth-login', username: name, password: 'demo' });
      expect(res.status, res.text).toBe(200);
      token[name] = res.body.data?.tokens.access_token ?? '';
    }
    const noroles = await createUser(t, { roles: [] });
    token.noroles = (await legacy<{ tokens: { access_token: string } }>(t, { action: 'auth-login', username: noroles.username, password: noroles.password })).body.data?.tokens.access_token ?? '';
    techId = await demoUserId(t, 'tech');
  });
  afterAll(async () => t?.close());

  async function create(as: string, extra: Params = {}, kind: 'form' | 'multipart' | 'json' = 'form'): Promise<Ticket> {
    const res = await legacy<{ ticket: Ticket }>(
      t,
      { action: 'ticket-create', title: 'Add memory', description: 'Needs more RAM for the database', target_server_uuid: SERVER.webProd01, priority: 'high', items: ITEMS, ...extra },
      { token: as, kind },
    );
    expectEnvelope(res, 201, true);
    const ticket = res.body.data?.ticket;
    if (!ticket) throw new Error(res.text);
    return ticket;
  }

  it('signs in with auth-login and answers the BDC IMS shape; a wrong password is 401 Invalid credentials', async () => {
    const ok = await legacy<{ user: Record<string, unknown>; tokens: Record<string, unknown> }>(t, { action: 'auth-login', username: 'tech', password: 'demo' });
    expectEnvelope(ok, 200, true);
    expect(ok.body).toMatchObject({ authenticated: true, message: 'Login successful' });
    expect(Object.keys(ok.body.data?.user ?? {}).sort()).toEqual(['email', 'firstname', 'id', 'lastname', 'username']);
    expect(ok.body.data?.tokens).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), expires_in: expect.any(Number) });
    // Key order as PHP printed it.
    expect(Object.keys(ok.body)).toEqual(['success', 'authenticated', 'message', 'timestamp', 'code', 'data']);

    const bad = await legacy(t, { action: 'auth-login', username: 'tech', password: 'wrong' });
    expectEnvelope(bad, 401, false);
    expect(bad.body).toEqual({ success: false, authenticated: false, message: 'Invalid credentials', timestamp: expect.any(String), code: 401 });

    const missing = await legacy(t, { action: 'auth-login', username: 'tech' });
    expectEnvelope(missing, 400, false);
    expect(missing.body.message).toBe('Username and password are required');
  });

  it('refreshes (rotating the refresh token), verifies and logs out', async () => {
    const login = await legacy<{ tokens: { access_token: string; refresh_token: string } }>(t, { action: 'auth-login', username: 'tech2', password: 'demo' }, { kind: 'json' });
    const refresh = login.body.data?.tokens.refresh_token ?? '';
    const refreshed = await legacy<{ access_token: string; refresh_token: string; user: { username: string } }>(t, { action: 'auth-refresh', refresh_token: refresh });
    expectEnvelope(refreshed, 200, true);
    expect(refreshed.body.message).toBe('Token refreshed successfully');
    expect(refreshed.body.data?.user.username).toBe('tech2');

    const access = refreshed.body.data?.access_token ?? '';
    const verified = await legacy<{ valid: boolean; user: { username: string } }>(t, { action: 'auth-verify_token' }, { token: access, kind: 'query' });
    expectEnvelope(verified, 200, true);
    expect(verified.body.data).toMatchObject({ valid: true, user: { username: 'tech2' } });

    // The spent refresh token is refused (and, being a replay, ends the session: sign in again).
    expect((await legacy(t, { action: 'auth-refresh', refresh_token: refresh })).status).toBe(401);
    const again = await legacy<{ tokens: { access_token: string } }>(t, { action: 'auth-login', username: 'tech2', password: 'demo' });
    const fresh = again.body.data?.tokens.access_token ?? '';
    const out = await legacy(t, { action: 'auth-logout' }, { token: fresh, kind: 'multipart' });
    expectEnvelope(out, 200, true);
    // Logging out ends the session: the access token no longer authenticates.
    const after = await legacy(t, { action: 'ticket-list' }, { token: fresh, kind: 'query' });
    expectEnvelope(after, 401, false);
  });

  it('answers 401 without a valid token, 400 without an action, 400 naming an unknown one', async () => {
    for (const tok of [undefined, 'not-a-jwt', `${token.admin}x`]) {
      const res = await legacy(t, { action: 'ticket-list' }, { token: tok, kind: 'query' });
      expectEnvelope(res, 401, false);
      expect(res.body).toEqual({ success: false, authenticated: false, message: 'Valid JWT token required - please login', timestamp: expect.any(String), code: 401 });
    }
    const none = await legacy(t, {}, { kind: 'query' });
    expectEnvelope(none, 400, false);
    expect(none.body).toMatchObject({ authenticated: false, message: 'Action parameter is required' });
    expect(none.body).not.toHaveProperty('data');

    const unknown = await legacy(t, { action: 'ticket-frobnicate' }, { token: token.admin, kind: 'query' });
    expectEnvelope(unknown, 400, false);
    expect(unknown.body).toMatchObject({ authenticated: true, message: 'Invalid ticket operation: frobnicate' });
    const otherModule = await legacy(t, { action: 'server-list' }, { token: token.admin });
    expectEnvelope(otherModule, 400, false);
    expect(otherModule.body.message).toBe('Invalid action: server-list');
  });

  it('answers the envelope for a body refused before routing (too deep, malformed, too large)', async () => {
    const deep = await t.http.post<Record<string, unknown>>('/api/api.php', { body: `{"action":${'['.repeat(40)}${']'.repeat(40)}}`, headers: { 'content-type': 'application/json' } });
    expect(deep.status).toBe(400);
    expect(deep.body).toMatchObject({ success: false, code: 400, message: 'Validation failed', data: { errors: [expect.stringContaining('nested at most')] } });
    const broken = await t.http.post<Record<string, unknown>>('/api.php', { body: '{"action":', headers: { 'content-type': 'application/json' } });
    expect(broken.body).toMatchObject({ success: false, code: 400 });
    const huge = await t.http.post<Record<string, unknown>>('/api/api.php', { body: `action=ticket-list&x=${'a'.repeat(1_100_000)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ success: false, code: 413 });
  });

  it('serves /api.php too, by GET and POST', async () => {
    const get = await legacy<{ tickets: unknown[] }>(t, { action: 'ticket-list' }, { token: token.admin, kind: 'query', path: '/api.php' });
    expectEnvelope(get, 200, true);
    const post = await legacy(t, { action: 'ticket-list' }, { token: token.admin, path: '/api.php' });
    expectEnvelope(post, 200, true);
  });

  for (const kind of BODY_KINDS) {
    it(`creates a ticket from a ${kind} body (items as a JSON string, an array, or one object)`, async () => {
      const items = kind === 'json' ? JSON.parse(ITEMS) : ITEMS;
      const res = await legacy<{ ticket_id: number; ticket_number: string; status: string; validation: Record<string, unknown>; ticket: Ticket }>(
        t,
        { action: 'ticket-create', title: `From ${kind}`, description: 'Needs more RAM for the database', target_server_uuid: SERVER.webProd01, priority: 'medium', items },
        { token: token.requester, kind },
      );
      expectEnvelope(res, 201, true);
      expect(res.body.message).toBe('Ticket created successfully');
      const data = res.body.data;
      expect(data).toMatchObject({ ticket_id: expect.any(Number), ticket_number: expect.stringMatching(/^TKT-\d{8}-\d{4}$/), status: 'pending' });
      expect(data?.validation).toMatchObject({ items_validated: true, compatibility_checked: true, warnings: expect.any(Array) });
      expect(data?.ticket).toMatchObject({ id: data?.ticket_id, priority: 'normal', status: 'pending', items: [expect.objectContaining({ component_type: 'ram', component_uuid: MODEL.ramSamsung32, quantity: 2, action: 'add' })] });
    });
  }

  for (const kind of BODY_KINDS) {
    it(`runs every action with a ${kind} body`, async () => {
      const call = (as: string, action: string, params: Params = {}) => legacy<{ ticket?: Ticket; tickets?: unknown[]; validation?: unknown }>(t, { action, ...params }, { token: as, kind });
      // A settings change needs no stock and no free slot: the test can take it through every step.
      const modify = [{ action: 'modify', component_type: 'motherboard', quantity: 1, specifications: { setting: 'bios_profile' }, requested_value: 'balanced' }];
      const items = kind === 'json' ? modify : JSON.stringify(modify);
      const ok = async (res: Promise<LegacyResponse<{ ticket?: Ticket; tickets?: unknown[]; validation?: unknown }>>, code = 200) => {
        const r = await res;
        expectEnvelope(r, code, true);
        return r.body.data;
      };
      const created = await ok(call(token.requester, 'ticket-create', { title: `Every action (${kind})`, description: 'All the actions, one body type', ticket_type: 'configuration_change', target_server_uuid: SERVER.webProd01, priority: 'medium', items }), 201);
      const id = created?.ticket?.id ?? 0;
      await ok(call(token.requester, 'ticket-validate-items', { target_server_uuid: SERVER.webProd01, items }));
      await ok(call(token.requester, 'ticket-list', { search: `Every action (${kind})` }));
      await ok(call(token.requester, 'ticket-get', { ticket_id: id, include_history: 'true', include_comments: 'true' }));
      await ok(call(token.requester, 'ticket-add-comment', { ticket_id: id, comment: 'hello' }), 201);
      expect((await ok(call(token.manager, 'ticket-reject', { ticket_id: id, rejection_reason: 'Needs a date' })))?.ticket?.status).toBe('rejected');
      expect((await ok(call(token.requester, 'ticket-update', { ticket_id: id, status: 'pending', title: `Every action (${kind}) again` })))?.ticket?.status).toBe('pending');
      expect((await ok(call(token.manager, 'ticket-approve', { ticket_id: id })))?.ticket?.status).toBe('approved');
      expect((await ok(call(token.manager, 'ticket-assign', { ticket_id: id, assigned_to_role: 'technician' })))?.ticket?.assigned_to).toBeNull();
      expect((await ok(call(token.tech, 'ticket-claim', { ticket_id: id })))?.ticket?.assigned_to).toBe(techId);
      expect((await ok(call(token.tech, 'ticket-start', { ticket_id: id })))?.ticket?.status).toBe('in_progress');
      expect((await ok(call(token.tech, 'ticket-deploy', { ticket_id: id, deployment_notes: 'done' })))?.ticket?.status).toBe('deployed');
      expect((await ok(call(token.tech, 'ticket-rollback', { ticket_id: id, reason: 'again' })))?.ticket?.status).toBe('in_progress');
      expect((await ok(call(token.manager, 'ticket-cancel', { ticket_id: id })))?.ticket?.status).toBe('cancelled');
      await ok(call(token.admin, 'ticket-delete', { ticket_id: id, hard_delete: 'true' }));
      const draft = await ok(call(token.requester, 'ticket-create', { title: `Draft (${kind})`, description: 'Saved first', ticket_type: 'configuration_change', target_server_uuid: SERVER.webProd01, items, draft: 'true' }), 201);
      const draftId = draft?.ticket?.id ?? 0;
      expect((await ok(call(token.requester, 'ticket-submit', { ticket_id: draftId })))?.ticket?.status).toBe('pending');
      await ok(call(token.requester, 'ticket-delete', { ticket_id: draftId }));
      const done = await ok(call(token.requester, 'ticket-create', { title: `Completed (${kind})`, description: 'To the end', ticket_type: 'configuration_change', target_server_uuid: SERVER.webProd01, items }), 201);
      const doneId = done?.ticket?.id ?? 0;
      // Approve and assign in one call, as BDC IMS scripts do: approval first, then the assignment.
      expect((await ok(call(token.manager, 'ticket-update', { ticket_id: doneId, status: 'approved', assigned_to: techId })))?.ticket).toMatchObject({ status: 'approved', assigned_to: techId });
      await ok(call(token.tech, 'ticket-update', { ticket_id: doneId, status: 'in_progress' }));
      await ok(call(token.tech, 'ticket-update', { ticket_id: doneId, status: 'deployed' }));
      expect((await ok(call(token.tech, 'ticket-complete', { ticket_id: doneId, completion_notes: 'ok' })))?.ticket?.status).toBe('completed');
    });
  }

  it('takes a single item object as a list of one, and refuses malformed items in BDC words', async () => {
    const one = await create(token.requester, { items: JSON.stringify({ action: 'add', component_type: 'ram', component_uuid: MODEL.ramSamsung32, quantity: 1 }) });
    expect(one.items).toHaveLength(1);

    const bad = await legacy(t, { action: 'ticket-create', title: 'T', description: 'long enough', target_server_uuid: SERVER.webProd01, items: '{bad' }, { token: token.requester });
    expectEnvelope(bad, 400, false);
    expect(bad.body.message).toBe('Invalid JSON format for items: Syntax error');

    const deep = await legacy(t, { action: 'ticket-create', title: 'T', description: 'long enough', target_server_uuid: SERVER.webProd01, items: `${'['.repeat(40)}${']'.repeat(40)}` }, { token: token.requester });
    expectEnvelope(deep, 400, false);
    expect(deep.body.data).toEqual({ errors: [expect.stringContaining('nested at most')] });

    const invalid = await legacy<{ errors: string[] }>(
      t,
      { action: 'ticket-create', title: '', description: 'x', target_server_uuid: SERVER.webProd01, priority: 'whenever', items: JSON.stringify([{ action: 'add', component_type: 'gpu', quantity: 0 }]) },
      { token: token.requester, kind: 'multipart' },
    );
    expectEnvelope(invalid, 400, false);
    expect(invalid.body.message).toBe('Validation failed');
    const errors = invalid.body.data?.errors ?? [];
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/^title /), expect.stringMatching(/^priority /), expect.stringMatching(/^items\[0\]\.component_type /), expect.stringMatching(/^items\[0\]\.quantity /)]));
  });

  it('answers 400 Validation failed with "Item #n:" problems where REST answers 422 ITEMS_INVALID', async () => {
    const items = JSON.stringify([{ action: 'add', component_type: 'ram', component_uuid: MODEL.ramSamsung32, quantity: 1 }, { action: 'add', component_type: 'cpu', component_uuid: '00000000-0000-4000-8000-000000000000', quantity: 1 }]);
    const params = { title: 'Bad items', description: 'One item does not exist', target_server_uuid: SERVER.webProd01, items };
    const rest = await t.http.post('/api/tickets', { token: token.requester, body: { title: 'Bad items', description: 'x', ticketType: 'component_addition', priority: 'normal', targetServerUuid: SERVER.webProd01, items: JSON.parse(items).map((i: { action: string; component_type: string; component_uuid: string; quantity: number }) => ({ action: i.action, componentType: i.component_type, componentUuid: i.component_uuid, quantity: i.quantity })) } });
    expect(rest.status).toBe(422);
    const res = await legacy<{ errors: string[] }>(t, { action: 'ticket-create', ...params }, { token: token.requester, kind: 'multipart' });
    expectEnvelope(res, 400, false);
    expect(res.body.message).toBe('Validation failed');
    expect(res.body.data?.errors).toEqual([expect.stringMatching(/^Item #2: /)]);
  });

  it('checks the permission before the parameters (403 before 400)', async () => {
    const res = await legacy<{ required_permission: string }>(t, { action: 'ticket-create', title: '' }, { token: token.noroles });
    expectEnvelope(res, 403, false);
    expect(res.body).toMatchObject({ authenticated: true, message: 'Permission denied', data: { required_permission: 'ticket.create' } });
    const list = await legacy(t, { action: 'ticket-list', status: 'nonsense' }, { token: token.noroles, kind: 'query' });
    expectEnvelope(list, 403, false);
  });

  it('checks every ticket action\'s permission before its parameters, ticket_id included (403 before 400)', async () => {
    const garbage = { ticket_id: 'abc', items: '{bad', priority: 'whenever' };
    const actions: Params[] = [
      { action: 'ticket-create' },
      { action: 'ticket-list', status: 'nonsense' },
      { action: 'ticket-get' },
      { action: 'ticket-validate-items' },
      { action: 'ticket-add-comment' },
      { action: 'ticket-delete', hard_delete: 'true' },
      // start and cancel (so soft delete and status=in_progress|cancelled too) declare no permission: who may is the ticket's (its assignee, its creator), as on REST.
      ...['submit', 'approve', 'reject', 'assign', 'claim', 'deploy', 'complete', 'rollback'].map((op) => ({ action: `ticket-${op}` })),
      ...['pending', 'approved', 'rejected', 'deployed', 'completed'].map((status) => ({ action: 'ticket-update', status })),
      { action: 'ticket-update', title: 'An edit' },
      { action: 'ticket-update', assigned_to: 1 },
    ];
    for (const params of actions) {
      const { items, ...rest } = garbage;
      // items only where it is not what decides the permission (create and validate-items parse it after the check)
      const res = await legacy(t, { ...rest, ...(params['action'] === 'ticket-update' ? {} : { items }), ...params }, { token: token.noroles, kind: 'multipart' });
      expect([params, res.status]).toEqual([params, 403]);
      expectEnvelope(res, 403, false);
      expect(res.body).toMatchObject({ authenticated: true, message: 'Permission denied', data: { required_permission: expect.any(String) } });
    }
  });

  it('signs in, verifies, refreshes and logs out with multipart and JSON bodies too', async () => {
    const someone = await createUser(t, { roles: [] });
    for (const kind of ['multipart', 'json'] as const) {
      const login = await legacy<{ user: { username: string }; tokens: { access_token: string; refresh_token: string } }>(t, { action: 'auth-login', username: someone.username, password: someone.password }, { kind });
      expectEnvelope(login, 200, true);
      expect(login.body).toMatchObject({ authenticated: true, message: 'Login successful', data: { user: { username: someone.username } } });
      const access = login.body.data?.tokens.access_token ?? '';
      expectEnvelope(await legacy(t, { action: 'auth-verify_token' }, { kind, token: access }), 200, true);
      const refreshed = await legacy<{ access_token: string; refresh_token: string }>(t, { action: 'auth-refresh', refresh_token: login.body.data?.tokens.refresh_token }, { kind });
      expectEnvelope(refreshed, 200, true);
      expect(refreshed.body.message).toBe('Token refreshed successfully');
      const logout = await legacy(t, { action: 'auth-logout' }, { kind, token: refreshed.body.data?.access_token ?? '' });
      expectEnvelope(logout, 200, true);
      expect(logout.body.message).toBe('Logout successful');
      const missing = await legacy(t, { action: 'auth-login', username: someone.username }, { kind });
      expectEnvelope(missing, 400, false);
      expect(missing.body).toMatchObject({ authenticated: false, message: 'Username and password are required' });
    }
  });

  it('takes a single item object in a JSON body as a list of one, on create, update and validate-items', async () => {
    const one = { action: 'add', component_type: 'ram', component_uuid: MODEL.ramSamsung32, quantity: 1 };
    const created = await create(token.requester, { items: one, draft: true }, 'json');
    expect(created.items).toHaveLength(1);
    const validated = await legacy<{ validation: { items: unknown[] } }>(t, { action: 'ticket-validate-items', target_server_uuid: SERVER.webProd01, items: one }, { token: token.requester, kind: 'json' });
    expectEnvelope(validated, 200, true);
    expect(validated.body.data?.validation.items).toHaveLength(1);
    const updated = await legacy<{ ticket: Ticket }>(t, { action: 'ticket-update', ticket_id: created.id, items: { ...one, quantity: 2 } }, { token: token.requester, kind: 'json' });
    expectEnvelope(updated, 200, true);
    expect(updated.body.data?.ticket.items).toEqual([expect.objectContaining({ component_uuid: MODEL.ramSamsung32, quantity: 2 })]);
  });

  it('answers what BDC IMS served and this product does not in BDC words', async () => {
    // remember_me is accepted (lifetimes are the installation's).
    const remembered = await legacy<{ tokens: { expires_in: number } }>(t, { action: 'auth-login', username: 'manager', password: 'demo', remember_me: 'true' });
    expectEnvelope(remembered, 200, true);
    for (const op of ['register', 'forgot_password', 'reset_password']) {
      const res = await legacy(t, { action: `auth-${op}`, username: 'someone', password: 'x' });
      expectEnvelope(res, 400, false);
      expect(res.body).toMatchObject({ authenticated: false, message: `Invalid auth operation: ${op}` });
    }
    // The unauthenticated echo BDC IMS shipped is not there.
    const debug = await legacy(t, { action: 'ticket-debug' }, { token: token.admin });
    expectEnvelope(debug, 400, false);
    expect(debug.body).toMatchObject({ authenticated: true, message: 'Invalid ticket operation: debug' });
    // Assignment at creation (required by BDC IMS d79c3a2) is accepted, not applied, and said so.
    const res = await legacy<{ validation: { warnings: string[] }; ticket: Ticket }>(
      t,
      { action: 'ticket-create', title: 'Assigned at create', description: 'BDC IMS wanted an assignee', target_server_uuid: SERVER.webProd01, items: ITEMS, assigned_to: techId },
      { token: token.requester },
    );
    expectEnvelope(res, 201, true);
    expect(res.body.data?.ticket.assigned_to).toBeNull();
    expect(res.body.data?.validation.warnings).toContainEqual(expect.stringContaining('not applied at creation'));
    // ticket-update with nothing to do names a bad ticket_id first, as BDC IMS did.
    const nothing = await legacy(t, { action: 'ticket-update' }, { token: token.requester });
    expectEnvelope(nothing, 400, false);
    expect(nothing.body.message).toBe('ticket_id is required and must be numeric');
  });

  it('lists with the BDC filters, paging and ordering', async () => {
    const a = await create(token.requester, { title: 'Zebra list probe', priority: 'urgent' });
    await create(token.requester, { title: 'Alpha list probe', priority: 'low' });
    for (const kind of ['query', 'form', 'json'] as const) {
      const res = await legacy<{ tickets: { id: number; title: string; priority: string; item_count: number; created_by_username: string }[]; total: number; page: number; limit: number; total_pages: number }>(
        t,
        { action: 'ticket-list', search: 'list probe', priority: 'urgent', order_by: 'title', order_dir: 'ASC', limit: 500, page: 0 },
        { token: token.admin, kind },
      );
      expectEnvelope(res, 200, true);
      expect(res.body.message).toBe('Tickets retrieved successfully');
      expect(res.body.data).toMatchObject({ total: 1, page: 1, limit: 100, total_pages: 1 });
      expect(res.body.data?.tickets.map((r) => r.id)).toEqual([a.id]);
      expect(res.body.data?.tickets[0]).toMatchObject({ priority: 'critical', item_count: 1, created_by_username: 'requester' });
    }
    const sorted = await legacy<{ tickets: { title: string }[] }>(t, { action: 'ticket-list', search: 'list probe', order_by: 'title', order_dir: 'ASC' }, { token: token.admin, kind: 'query' });
    expect(sorted.body.data?.tickets.map((r) => r.title)).toEqual(['Alpha list probe', 'Zebra list probe']);
    const mine = await legacy<{ total: number }>(t, { action: 'ticket-list', my_tickets: 'true', search: 'list probe' }, { token: token.admin, kind: 'query' });
    expect(mine.body.data?.total).toBe(0);
    // created_from / created_to as BDC IMS clients send them (dates or 'Y-m-d H:i:s', UTC); created_to excludes its instant.
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const inRange = await legacy<{ total: number }>(t, { action: 'ticket-list', search: 'list probe', created_from: today, created_to: tomorrow }, { token: token.admin, kind: 'query' });
    expect(inRange.body.data?.total).toBe(2);
    const before = await legacy<{ total: number }>(t, { action: 'ticket-list', search: 'list probe', created_to: `${today} 00:00:00` }, { token: token.admin, kind: 'query' });
    expect(before.body.data?.total).toBe(0);
    const after = await legacy<{ total: number }>(t, { action: 'ticket-list', search: 'list probe', created_from: tomorrow }, { token: token.admin, kind: 'query' });
    expect(after.body.data?.total).toBe(0);
    const rest = await t.http.get<{ total: number }>('/api/tickets', { token: token.admin, query: { q: 'list probe', createdFrom: `${today}T00:00:00Z` } });
    expect(rest.body.total).toBe(2);
    expect((await legacy(t, { action: 'ticket-list', created_from: 'yesterday' }, { token: token.admin, kind: 'query' })).status).toBe(400);
    const bogus = await legacy(t, { action: 'ticket-list', status: 'nonsense' }, { token: token.admin, kind: 'query' });
    expectEnvelope(bogus, 400, false);
  });

  it('gets a ticket with history and comments; 404 for an invisible or missing one; 400 for a bad id', async () => {
    const ticket = await create(token.requester);
    const comment = await legacy(t, { action: 'ticket-add-comment', ticket_id: ticket.id, comment: 'Please hurry' }, { token: token.requester, kind: 'multipart' });
    expectEnvelope(comment, 201, true);
    const res = await legacy<{ ticket: Ticket }>(t, { action: 'ticket-get', ticket_id: ticket.id, include_history: 'true', include_comments: '1' }, { token: token.requester, kind: 'query' });
    expectEnvelope(res, 200, true);
    expect(res.body.message).toBe('Ticket retrieved successfully');
    expect(res.body.data?.ticket.history?.map((h) => h.action)).toContain('ticket_created');
    expect(res.body.data?.ticket.comments).toEqual([expect.objectContaining({ comment: 'Please hurry', is_internal: 0, username: 'requester' })]);

    // Another viewer may not see it: exactly like a missing ticket.
    const other = await createUser(t, { roles: ['viewer'] });
    const otherToken = (await legacy<{ tokens: { access_token: string } }>(t, { action: 'auth-login', username: other.username, password: other.password })).body.data?.tokens.access_token;
    const hidden = await legacy(t, { action: 'ticket-get', ticket_id: ticket.id }, { token: otherToken, kind: 'query' });
    expectEnvelope(hidden, 404, false);
    expect(hidden.body.message).toBe('Ticket not found');
    const missing = await legacy(t, { action: 'ticket-get', ticket_id: 999999 }, { token: token.admin, kind: 'query' });
    expect(missing.body).toMatchObject({ code: 404, message: 'Ticket not found' });
    const bad = await legacy(t, { action: 'ticket-get', ticket_id: 'abc' }, { token: token.admin, kind: 'query' });
    expectEnvelope(bad, 400, false);
    expect(bad.body.message).toBe('ticket_id is required and must be numeric');
  });

  it('drives the whole workflow through ticket-update status=… (form, multipart and JSON alike)', async () => {
    const ticket = await create(token.requester, { draft: 'true' });
    expect(ticket.status).toBe('draft');
    const update = (as: string, params: Params, kind: 'form' | 'multipart' | 'json' = 'form') => legacy<{ ticket: Ticket & Record<string, unknown> }>(t, { action: 'ticket-update', ticket_id: ticket.id, ...params }, { token: as, kind });

    let res = await update(token.requester, { status: 'pending', priority: 'urgent' }, 'json');
    expectEnvelope(res, 200, true);
    expect(res.body.message).toBe('Ticket updated successfully');
    expect(res.body.data?.ticket).toMatchObject({ status: 'pending', priority: 'critical' });

    // Nobody approves their own ticket; a viewer lacks the permission (403 either way).
    res = await update(token.requester, { status: 'approved' });
    expectEnvelope(res, 403, false);
    expect(res.body.data).toEqual({ required_permission: 'ticket.approve' });

    // Permission first (a manager may not complete), then the transition table (pending → completed: 409).
    res = await update(token.manager, { status: 'completed' }, 'multipart');
    expectEnvelope(res, 403, false);
    res = await update(token.admin, { status: 'completed' }, 'multipart');
    expectEnvelope(res, 409, false);

    res = await update(token.manager, { status: 'approved' }, 'multipart');
    expectEnvelope(res, 200, true);
    expect(res.body.data?.ticket).toMatchObject({ status: 'approved', approved_by_username: 'manager' });

    res = await update(token.manager, { assigned_to: techId });
    expectEnvelope(res, 200, true);
    expect(res.body.data?.ticket.assigned_to).toBe(techId);

    res = await update(token.tech, { status: 'in_progress' }, 'json');
    expect(res.body.data?.ticket.status).toBe('in_progress');
    res = await update(token.tech, { status: 'deployed', deployment_notes: 'Installed in rack A1' });
    expectEnvelope(res, 200, true);
    expect(res.body.data?.ticket).toMatchObject({ status: 'deployed', deployment_notes: 'Installed in rack A1', deployed_at: expect.stringMatching(TIMESTAMP) });
    res = await update(token.tech, { status: 'completed', completion_notes: 'Verified & <b>closed</b>' }, 'multipart');
    expectEnvelope(res, 200, true);
    expect(res.body.data?.ticket).toMatchObject({ status: 'completed', completed_at: expect.stringMatching(TIMESTAMP) });

    res = await update(token.admin, { status: 'cancelled' });
    expectEnvelope(res, 409, false);
    const history = await legacy<{ ticket: Ticket }>(t, { action: 'ticket-get', ticket_id: ticket.id, include_history: '1' }, { token: token.admin, kind: 'query' });
    const completion = (history.body.data?.ticket.history ?? []) as { action: string; new_value: string | null; notes: string | null }[];
    // Newest first, as BDC IMS ordered it; the completion notes are kept verbatim (no HTML escaping).
    expect(completion[0]).toMatchObject({ action: 'status_change', new_value: 'completed', notes: 'Verified & <b>closed</b>' });
  });

  it('ticket-update refuses what it cannot do, in BDC words', async () => {
    const ticket = await create(token.requester);
    const update = (as: string, params: Params) => legacy<{ errors?: string[] }>(t, { action: 'ticket-update', ticket_id: ticket.id, ...params }, { token: as });
    let res = await update(token.requester, {});
    expect(res.body).toMatchObject({ code: 400, message: 'No updates provided' });
    res = await update(token.requester, { status: 'draft' });
    expect(res.body).toMatchObject({ code: 400, message: 'Validation failed', data: { errors: ['Invalid status: draft'] } });
    res = await update(token.requester, { status: 'bogus' });
    expect(res.body).toMatchObject({ code: 400, data: { errors: ['Invalid status: bogus'] } });
    res = await update(token.manager, { status: 'rejected' });
    expectEnvelope(res, 400, false);
    expect(res.body.data?.errors).toEqual([expect.stringMatching(/^rejection_reason /)]);
    // A status equal to the current one changes nothing and succeeds.
    res = await update(token.requester, { status: 'pending' });
    expectEnvelope(res, 200, true);
    expect((await legacy(t, { action: 'ticket-update', status: 'pending' }, { token: token.requester })).body.message).toBe('ticket_id is required and must be numeric');
    expect((await legacy(t, { action: 'ticket-update', ticket_id: 999999, status: 'approved' }, { token: token.manager })).status).toBe(404);
  });

  it('ticket-update is all or nothing: a part refused by the ticket\'s state rolls back the parts before it', async () => {
    const ticket = await create(token.requester);
    const before = await t.dataSource.query('SELECT title, priority, status FROM tickets WHERE id = ?', [ticket.id]);
    const history = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM ticket_history WHERE ticket_id = ?', [ticket.id]))[0].n);
    const historyBefore = await history();
    // An admin may edit a pending ticket, but not assign it before approval: the edit must not stay.
    const res = await legacy(t, { action: 'ticket-update', ticket_id: ticket.id, title: 'Edited, then refused', priority: 'critical', assigned_to: techId }, { token: token.admin });
    expectEnvelope(res, 409, false);
    expect(await t.dataSource.query('SELECT title, priority, status FROM tickets WHERE id = ?', [ticket.id])).toEqual(before);
    expect(await history()).toBe(historyBefore);
  });

  it('a rejected ticket is resubmitted with its edits through status=pending', async () => {
    const ticket = await create(token.requester);
    const rejected = await legacy<{ ticket: Ticket & { rejection_reason: string } }>(t, { action: 'ticket-reject', ticket_id: ticket.id, rejection_reason: 'Not in budget' }, { token: token.manager });
    expectEnvelope(rejected, 200, true);
    expect(rejected.body.data?.ticket).toMatchObject({ status: 'rejected', rejection_reason: 'Not in budget' });
    const res = await legacy<{ ticket: Ticket & { title: string } }>(t, { action: 'ticket-update', ticket_id: ticket.id, status: 'pending', title: 'Cheaper memory' }, { token: token.requester, kind: 'json' });
    expectEnvelope(res, 200, true);
    expect(res.body.data?.ticket).toMatchObject({ status: 'pending', title: 'Cheaper memory', rejection_reason: null });
  });

  it('runs every dedicated workflow action: approve, assign, start, deploy, rollback, complete, cancel, delete', async () => {
    const ticket = await create(token.requester);
    const act = (as: string, action: string, params: Params = {}, kind: 'form' | 'multipart' | 'json' = 'form') => legacy<{ ticket: Ticket }>(t, { action, ticket_id: ticket.id, ...params }, { token: as, kind });
    expect((await act(token.requester, 'ticket-approve')).status).toBe(403);
    expect((await act(token.manager, 'ticket-approve', {}, 'json')).body.data?.ticket.status).toBe('approved');
    expect((await act(token.manager, 'ticket-assign', { assigned_to: techId }, 'multipart')).body.data?.ticket.assigned_to).toBe(techId);
    expect((await act(token.tech, 'ticket-start')).body.data?.ticket.status).toBe('in_progress');
    expect((await act(token.tech, 'ticket-deploy', { deployment_notes: 'done' })).body.data?.ticket.status).toBe('deployed');
    const noReason = await act(token.tech, 'ticket-rollback');
    expectEnvelope(noReason, 400, false);
    expect((await act(token.tech, 'ticket-rollback', { reason: 'wrong slot' })).body.data?.ticket.status).toBe('in_progress');
    expect((await act(token.tech, 'ticket-deploy', {}, 'json')).body.data?.ticket.status).toBe('deployed');
    const done = await act(token.tech, 'ticket-complete', { completion_notes: 'ok' }, 'multipart');
    expectEnvelope(done, 200, true);
    expect(done.body).toMatchObject({ message: 'Ticket completed successfully', data: { ticket: { status: 'completed' } } });

    const other = await create(token.requester);
    const cancelled = await legacy<{ ticket: Ticket }>(t, { action: 'ticket-cancel', ticket_id: other.id }, { token: token.requester, kind: 'json' });
    expect(cancelled.body.data?.ticket.status).toBe('cancelled');

    const third = await create(token.requester);
    const soft = await legacy(t, { action: 'ticket-delete', ticket_id: third.id }, { token: token.requester });
    expectEnvelope(soft, 200, true);
    expect(soft.body.data).toEqual({ ticket_id: third.id, delete_type: 'soft' });
    const stillThere = await legacy<{ ticket: Ticket }>(t, { action: 'ticket-get', ticket_id: third.id }, { token: token.requester, kind: 'query' });
    expect(stillThere.body.data?.ticket.status).toBe('cancelled');
    const refused = await legacy(t, { action: 'ticket-delete', ticket_id: third.id, hard_delete: 'true' }, { token: token.manager });
    expectEnvelope(refused, 403, false);
    const hard = await legacy(t, { action: 'ticket-delete', ticket_id: third.id, hard_delete: 'true' }, { token: token.admin, kind: 'multipart' });
    expectEnvelope(hard, 200, true);
    expect(hard.body.data).toEqual({ ticket_id: third.id, delete_type: 'hard' });
    expect((await legacy(t, { action: 'ticket-get', ticket_id: third.id }, { token: token.admin, kind: 'query' })).status).toBe(404);
  });

  it('validates items as a dry run and adds internal notes only for those who may', async () => {
    for (const kind of BODY_KINDS) {
      const items = kind === 'json' ? JSON.parse(ITEMS) : ITEMS;
      const res = await legacy<{ validation: { items_validated: boolean; valid: boolean; items: unknown[] } }>(t, { action: 'ticket-validate-items', target_server_uuid: SERVER.webProd01, items }, { token: token.requester, kind });
      expectEnvelope(res, 200, true);
      expect(res.body.data?.validation).toMatchObject({ items_validated: true, valid: true, items: [expect.objectContaining({ index: 0, status: 'valid' })] });
    }
    const ticket = await create(token.requester);
    const internal = await legacy<{ comment: { is_internal: number } }>(t, { action: 'ticket-add-comment', ticket_id: ticket.id, comment: 'staff only', is_internal: 'true' }, { token: token.manager, kind: 'json' });
    expectEnvelope(internal, 201, true);
    expect(internal.body.data?.comment.is_internal).toBe(1);
    const refused = await legacy(t, { action: 'ticket-add-comment', ticket_id: ticket.id, comment: 'me too', is_internal: '1' }, { token: token.requester });
    expect(refused.status).toBe(403);
  });

  it("runs the guide's §3 curl example unchanged (ticket_type, priority=normal, items as a form field)", async () => {
    // The guide's exact fields; its server and model ids are placeholders, replaced by real ones.
    const res = await legacy<{ ticket_id: number; ticket_number: string; status: string; validation: { items_validated: boolean; compatibility_checked: boolean; warnings: string[] } }>(
      t,
      {
        action: 'ticket-create',
        title: 'Add 2 Samsung 980 Pro SSDs',
        description: 'Need additional storage for database expansion',
        ticket_type: 'component_addition',
        priority: 'normal',
        target_server_uuid: SERVER.webProd01,
        items: JSON.stringify([{ action: 'add', component_type: 'ram', component_uuid: MODEL.ramSamsung32, quantity: 2 }]),
      },
      { token: token.requester },
    );
    expectEnvelope(res, 201, true);
    expect(res.body).toMatchObject({ success: true, authenticated: true, code: 201, message: 'Ticket created successfully' });
    expect(res.body.data).toMatchObject({ ticket_id: expect.any(Number), ticket_number: expect.stringMatching(/^TKT-\d{8}-\d{4}$/), status: 'pending', validation: { items_validated: true, compatibility_checked: true, warnings: expect.any(Array) } });
    const approve = await legacy<{ ticket: Ticket }>(t, { action: 'ticket-approve', ticket_id: res.body.data?.ticket_id }, { token: token.manager });
    expectEnvelope(approve, 200, true);
    expect(approve.body.data?.ticket.status).toBe('approved');
  });

  it("answers the guide's §10 test requests in the envelope: a create without items is refused by name, approve works", async () => {
    // Exactly the guide's fields: no description, no items, a placeholder server.
    const refused = await legacy<{ errors: string[] }>(t, { action: 'ticket-create', title: 'Test Ticket', target_server_uuid: 'server-123' }, { token: token.requester });
    expectEnvelope(refused, 400, false);
    expect(refused.body.message).toBe('Validation failed');
    expect(refused.body.data?.errors.length).toBeGreaterThan(0);
    const ticket = await create(token.requester);
    const approve = await legacy<{ ticket: Ticket }>(t, { action: 'ticket-approve', ticket_id: ticket.id }, { token: token.manager });
    expectEnvelope(approve, 200, true);
    expect(approve.body.data?.ticket.status).toBe('approved');
  });

  it('accepts the BDC priorities medium and urgent on the REST API too', async () => {
    const body = { title: 'REST alias', description: 'alias', ticketType: 'component_addition', priority: 'urgent', targetServerUuid: SERVER.webProd01, items: [{ action: 'add', componentType: 'ram', componentUuid: MODEL.ramSamsung32, quantity: 1 }] };
    const created = await t.http.post<TicketDetail>('/api/tickets', { token: token.requester, body });
    expect(created.status, created.text).toBe(201);
    expect(created.body.priority).toBe('critical');
    const edited = await t.http.patch<TicketDetail>(`/api/tickets/${created.body.id}`, { token: token.admin, body: { priority: 'medium' } });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.priority).toBe('normal');
    const listed = await t.http.get<{ items: { id: number }[] }>('/api/tickets', { token: token.admin, query: { priority: 'medium', q: 'REST alias' } });
    expect(listed.body.items.map((i) => i.id)).toEqual([created.body.id]);
    expect((await t.http.post('/api/tickets', { token: token.requester, body: { ...body, priority: 'whenever' } })).status).toBe(400);
  });
});

describeEachEngine('BDC IMS action API: sign-in throttling', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { configOverrides: { loginThrottle: { ...DEFAULT_LOGIN_THROTTLE, delayAfter: 2, maxFailures: 2 } } });
  });
  afterAll(async () => t?.close());

  it('auth-login goes through the same throttle as POST /api/auth/login: 429 in the envelope, with Retry-After', async () => {
    for (let i = 0; i < 2; i++) expect((await legacy(t, { action: 'auth-login', username: 'tech', password: 'wrong' })).status).toBe(401);
    const locked = await legacy(t, { action: 'auth-login', username: 'tech', password: 'demo' });
    expectEnvelope(locked, 429, false);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.body.data).toEqual({ retry_after_seconds: expect.any(Number) });
    // The REST sign-in shares the counter: the account is locked there too.
    expect((await t.http.post('/api/auth/login', { body: { username: 'tech', password: 'demo' } })).status).toBe(429);
  });
});
