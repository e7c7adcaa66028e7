/**
 * Every input limit (libs/contracts LIMITS), walked on both engines through HTTP: at the limit the
 * request is accepted and the value reads back intact (4-byte characters included), one over it is
 * 400 naming the field and the limit, and nothing is written. Also: strict date-times, control
 * characters, JSON nesting, bounded query numbers, reads that survive a bad stored date, and who
 * sees client addresses in the history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, isItemsChange, type CommentView, type ErrorBody, type HistoryEntryView, type Page, type TicketDetail, type TicketItemInput, type TicketSummary } from '@bdc/contracts';
import { describeEachEngine } from './engines';
import { demoUserId } from './factories';
import { createTestApp, type TestApp, type TestResponse } from './harness';
import { MODEL, act, actAll, addItem, createTicket, getTicket, history, ticketBody } from './ticket-helpers';

/** A 4-byte UTF-8 character (two UTF-16 units): the worst case for a utf8mb4 column. */
const WIDE = '😀';
const wide = (codePoints: number) => WIDE.repeat(codePoints);

const TABLES = ['tickets', 'ticket_items', 'ticket_history', 'ticket_comments'] as const;

describeEachEngine('input limits', (engine) => {
  let t: TestApp;
  let requester: string;
  let manager: string;
  let admin: string;
  let tech: string;
  let techId: number;

  beforeAll(async () => {
    t = await createTestApp(engine, { configOverrides: { trustProxy: true } });
    [requester, manager, admin, tech] = await Promise.all(['requester', 'manager', 'admin', 'tech'].map((u) => t.login(u)));
    techId = await demoUserId(t, 'tech');
  });
  afterAll(async () => t?.close());

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      const rows: { n: number | string }[] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
      out[table] = Number(rows[0]?.n ?? 0);
    }
    return out;
  }

  /** 400 VALIDATION_FAILED naming `field`, with `reason` (e.g. the limit) in that field's reason. */
  function expectRefused(res: TestResponse, field: string, reason?: string | RegExp): void {
    const body = res.body as ErrorBody;
    expect(res.status, res.text).toBe(400);
    expect(body.code).toBe('VALIDATION_FAILED');
    const entry = body.details?.fields?.find((f) => f.field === field);
    expect(entry, `no field ${field} in ${res.text}`).toBeDefined();
    if (reason !== undefined) expect(entry?.reason).toMatch(reason);
  }

  /** Runs `request` and checks it was refused for `field` and left every table as it was. */
  async function expectRefusedUnchanged(request: () => Promise<TestResponse>, field: string, reason?: string | RegExp): Promise<void> {
    const before = await counts();
    expectRefused(await request(), field, reason);
    expect(await counts()).toEqual(before);
  }

  const create = (overrides: Parameters<typeof ticketBody>[0], token = requester) => t.http.post<TicketDetail>('/api/tickets', { token, body: ticketBody(overrides) });
  const createRaw = (body: unknown, token = requester) => t.http.post<TicketDetail>('/api/tickets', { token, body });
  const draftItems = (n: number, extra: Partial<TicketItemInput> = {}): TicketItemInput[] =>
    Array.from({ length: n }, () => ({ action: 'modify', componentType: 'nic', quantity: 1, ...extra }) as TicketItemInput);

  describe('texts', () => {
    it('title: 255 characters (4-byte ones) stored intact; 256 refused', async () => {
      const res = await create({ title: wide(LIMITS.titleMax) });
      expect(res.status, res.text).toBe(201);
      expect((await getTicket(t, requester, res.body.id)).title).toBe(wide(LIMITS.titleMax));
      await expectRefusedUnchanged(() => create({ title: wide(LIMITS.titleMax + 1) }), 'title', String(LIMITS.titleMax));
      // A variation selector is a code point of its own: 255 "❤️" are 510 and do not fit VARCHAR(255).
      await expectRefusedUnchanged(() => create({ title: '❤️'.repeat(LIMITS.titleMax) }), 'title', String(LIMITS.titleMax));
    });

    it('description: 10,000 characters (4-byte ones) stored intact; 10,001 refused', async () => {
      const res = await create({ description: wide(LIMITS.descriptionMax) });
      expect(res.status, res.text).toBe(201);
      expect((await getTicket(t, requester, res.body.id)).description).toBe(wide(LIMITS.descriptionMax));
      await expectRefusedUnchanged(() => create({ description: wide(LIMITS.descriptionMax + 1) }), 'description', String(LIMITS.descriptionMax));
    });

    it('comment: 10,000 characters stored intact; 10,001 refused', async () => {
      const id = (await createTicket(t, requester)).id;
      const res = await t.http.post<CommentView>(`/api/tickets/${id}/comments`, { token: requester, body: { comment: wide(LIMITS.commentMax) } });
      expect(res.status, res.text).toBe(201);
      const listed = await t.http.get<CommentView[]>(`/api/tickets/${id}/comments`, { token: requester });
      expect(listed.body.map((c) => c.comment)).toEqual([wide(LIMITS.commentMax)]);
      await expectRefusedUnchanged(() => t.http.post(`/api/tickets/${id}/comments`, { token: requester, body: { comment: wide(LIMITS.commentMax + 1) } }), 'comment', String(LIMITS.commentMax));
    });

    it('reject reason: 2,000 characters stored intact; 2,001 refused', async () => {
      const id = (await createTicket(t, requester)).id;
      await expectRefusedUnchanged(() => act(t, manager, id, 'reject', { reason: wide(LIMITS.reasonMax + 1) }), 'reason', String(LIMITS.reasonMax));
      expect((await getTicket(t, manager, id)).status).toBe('pending');
      const res = await act(t, manager, id, 'reject', { reason: wide(LIMITS.reasonMax) });
      expect(res.status, res.text).toBe(200);
      expect((await getTicket(t, manager, id)).rejectionReason).toBe(wide(LIMITS.reasonMax));
    });

    it('deployment notes: 5,000 characters stored intact; 5,001 refused', async () => {
      const id = (await createTicket(t, requester)).id;
      await actAll(t, id, [
        [manager, 'approve'],
        [manager, 'assign', { assigneeId: techId }],
        [tech, 'start'],
      ]);
      await expectRefusedUnchanged(() => act(t, tech, id, 'deploy', { notes: wide(LIMITS.notesMax + 1) }), 'notes', String(LIMITS.notesMax));
      expect((await getTicket(t, tech, id)).status).toBe('in_progress');
      const res = await act(t, tech, id, 'deploy', { notes: wide(LIMITS.notesMax) });
      expect(res.status, res.text).toBe(200);
      expect((await getTicket(t, tech, id)).deploymentNotes).toBe(wide(LIMITS.notesMax));
    });

    it('refuses control characters in single-line texts and keeps line breaks and tabs in multi-line ones', async () => {
      await expectRefusedUnchanged(() => create({ title: '\u0000\u0000\u0000' }), 'title', 'contains control characters');
      await expectRefusedUnchanged(() => create({ title: 'Add\tmemory' }), 'title', 'contains control characters');
      await expectRefusedUnchanged(() => create({ title: 'Add\u0085memory' }), 'title', 'contains control characters');
      await expectRefusedUnchanged(() => create({ title: ' \n\t ' }), 'title', 'must not be blank');
      await expectRefusedUnchanged(() => create({ description: 'bell\u0007' }), 'description', 'contains control characters');
      await expectRefusedUnchanged(() => create({ items: [addItem('ram', MODEL.ramSamsung32, 1, { requestedValue: 'a\u0000b' })] }), 'items.0.requestedValue', 'contains control characters');
      const id = (await createTicket(t, requester)).id;
      await expectRefusedUnchanged(() => t.http.post(`/api/tickets/${id}/comments`, { token: requester, body: { comment: 'nul\u0000' } }), 'comment', 'contains control characters');
      await expectRefusedUnchanged(() => act(t, manager, id, 'reject', { reason: '\u001b[31mred' }), 'reason', 'contains control characters');

      // A lone surrogate cannot be stored by either engine (it came back as U+FFFD): refused, not mangled.
      await expectRefusedUnchanged(() => create({ title: 'x\ud800y' }), 'title', 'unpaired UTF-16 surrogate');
      await expectRefusedUnchanged(() => t.http.post(`/api/tickets/${id}/comments`, { token: requester, body: { comment: 'x\udc00y' } }), 'comment', 'unpaired UTF-16 surrogate');
      // An email address too (the email check underneath, validator's isEmail, threw on one: a 500).
      const adminId = await demoUserId(t, 'admin');
      const patched = await t.http.patch(`/api/users/${adminId}`, { token: admin, body: { email: 'x\udc00y@example.com' } });
      expectRefused(patched, 'email', 'unpaired UTF-16 surrogate');
      const created = await t.http.post('/api/users', { token: admin, body: { username: 'surrogate', email: 'a\ud800@example.com', firstName: 'A', lastName: 'B', password: 'a long enough passphrase', roles: [] } });
      expectRefused(created, 'email', 'unpaired UTF-16 surrogate');

      const multiLine = 'Line one\r\n\tindented line two\nline three';
      const res = await create({ description: multiLine });
      expect(res.status, res.text).toBe(201);
      expect((await getTicket(t, requester, res.body.id)).description).toBe(multiLine);
    });
  });

  describe('items', () => {
    it(`accepts ${LIMITS.itemsMax} items and refuses ${LIMITS.itemsMax + 1}`, async () => {
      const res = await create({ draft: true, items: draftItems(LIMITS.itemsMax) });
      expect(res.status, res.text).toBe(201);
      expect(res.body.items).toHaveLength(LIMITS.itemsMax);
      await expectRefusedUnchanged(() => create({ draft: true, items: draftItems(LIMITS.itemsMax + 1) }), 'items', String(LIMITS.itemsMax));
    });

    it('values: 1,000 characters stored intact; 1,001 refused', async () => {
      const res = await create({ draft: true, items: draftItems(1, { currentValue: wide(LIMITS.valueMax), requestedValue: wide(LIMITS.valueMax) }) });
      expect(res.status, res.text).toBe(201);
      const item = (await getTicket(t, requester, res.body.id)).items[0];
      expect([item?.currentValue, item?.requestedValue]).toEqual([wide(LIMITS.valueMax), wide(LIMITS.valueMax)]);
      await expectRefusedUnchanged(() => create({ draft: true, items: draftItems(1, { currentValue: wide(LIMITS.valueMax + 1) }) }), 'items.0.currentValue', String(LIMITS.valueMax));
      await expectRefusedUnchanged(() => create({ draft: true, items: draftItems(1, { requestedValue: wide(LIMITS.valueMax + 1) }) }), 'items.0.requestedValue', String(LIMITS.valueMax));
      await expectRefusedUnchanged(() => create({ draft: true, items: draftItems(1, { componentSerial: 'S'.repeat(LIMITS.serialMax + 1) }) }), 'items.0.componentSerial', String(LIMITS.serialMax));
    });

    it(`a PATCH of ${LIMITS.itemsMax} items with ${LIMITS.valueMax}-character values is stored and its history row is structured`, async () => {
      const before = draftItems(LIMITS.itemsMax, { currentValue: wide(LIMITS.valueMax), requestedValue: wide(LIMITS.valueMax) });
      const created = await create({ draft: true, items: before });
      expect(created.status, created.text).toBe(201);
      const after = draftItems(LIMITS.itemsMax, { currentValue: '✓'.repeat(LIMITS.valueMax), requestedValue: '✓'.repeat(LIMITS.valueMax) });
      const res = await t.http.patch<TicketDetail>(`/api/tickets/${created.body.id}`, { token: requester, body: { items: after } });
      expect(res.status, res.text).toBe(200);
      expect(res.body.items.every((i) => i.requestedValue === '✓'.repeat(LIMITS.valueMax))).toBe(true);

      const entry = (await history(t, requester, created.body.id)).find((h) => h.action === 'updated' && h.fieldChanged === 'items');
      expect([entry?.oldValue, entry?.newValue]).toEqual([`${LIMITS.itemsMax} items`, `${LIMITS.itemsMax} items`]);
      const change = entry?.metadata?.items;
      expect(isItemsChange(change)).toBe(true);
      if (!isItemsChange(change)) return;
      expect(change.changed).toHaveLength(LIMITS.itemsMax * 2);
      expect(change.changed[0]).toEqual({ index: 0, field: 'currentValue', from: wide(LIMITS.valueMax), to: '✓'.repeat(LIMITS.valueMax) });
    });

    it('records an item change item by item, and nothing for a PATCH that changes nothing', async () => {
      const ticket = await createTicket(t, requester, { draft: true, items: [addItem('ram', MODEL.ramSamsung32, 1), addItem('ram', MODEL.ramSamsung32, 1)] });
      const res = await t.http.patch(`/api/tickets/${ticket.id}`, { token: requester, body: { items: [addItem('ram', MODEL.ramSamsung32, 2)] } });
      expect(res.status, res.text).toBe(200);
      const updates = (await history(t, requester, ticket.id)).filter((h) => h.action === 'updated');
      expect(updates.map((h) => [h.fieldChanged, h.oldValue, h.newValue])).toEqual([['items', '2 items', '1 item']]);
      expect(updates[0]?.metadata?.items).toEqual({
        added: [],
        removed: [{ index: 1, item: { action: 'add', componentType: 'ram', componentUuid: MODEL.ramSamsung32, quantity: 1 } }],
        changed: [{ index: 0, field: 'quantity', from: 1, to: 2 }],
      });

      const historyBefore = (await history(t, requester, ticket.id)).length;
      const same = await t.http.patch(`/api/tickets/${ticket.id}`, { token: requester, body: { title: ticket.title, items: [addItem('ram', MODEL.ramSamsung32, 2)] } });
      expect(same.status, same.text).toBe(200);
      expect(await history(t, requester, ticket.id)).toHaveLength(historyBefore);
    });
  });

  describe('transactions', () => {
    it('a failure late in a request rolls back everything it wrote before (title, deleted items, history)', async () => {
      const ticket = await createTicket(t, requester);
      const before = await counts();
      // apply() writes the title and deletes the items before validating the new ones (422).
      const res = await t.http.patch<ErrorBody>(`/api/tickets/${ticket.id}`, { token: admin, body: { title: 'Changed', items: [addItem('ram', MODEL.ramSamsung32Ddr4)] } });
      expect([res.status, res.body.code]).toEqual([422, 'ITEMS_INVALID']);
      expect(await counts()).toEqual(before);
      const after = await getTicket(t, admin, ticket.id);
      expect([after.title, after.items.map((i) => [i.componentUuid, i.quantity])]).toEqual([ticket.title, ticket.items.map((i) => [i.componentUuid, i.quantity])]);
    });
  });

  describe('specifications', () => {
    const withSpecs = (specifications: unknown) => create({ draft: true, items: draftItems(1, { specifications: specifications as Record<string, unknown> }) });

    it(`size: ${LIMITS.specificationsBytesMax} bytes of JSON stored intact; one byte more refused`, async () => {
      // {"note":"…"}: 11 bytes of frame around the value.
      const atLimit = { note: 'x'.repeat(LIMITS.specificationsBytesMax - 11 - 4) + WIDE };
      expect(Buffer.byteLength(JSON.stringify(atLimit))).toBe(LIMITS.specificationsBytesMax);
      const res = await withSpecs(atLimit);
      expect(res.status, res.text).toBe(201);
      expect((await getTicket(t, requester, res.body.id)).items[0]?.specifications).toEqual(atLimit);
      await expectRefusedUnchanged(() => withSpecs({ note: `${atLimit.note}x` }), 'items.0.specifications', String(LIMITS.specificationsBytesMax));
      // What MariaDB refused as "Data too long" (500) before there was a limit.
      await expectRefusedUnchanged(() => withSpecs({ note: 'x'.repeat(70_000) }), 'items.0.specifications', String(LIMITS.specificationsBytesMax));
    });

    it(`keys: ${LIMITS.specificationsKeysMax} accepted, ${LIMITS.specificationsKeysMax + 1} refused`, async () => {
      const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
      const res = await withSpecs(keys(LIMITS.specificationsKeysMax));
      expect(res.status, res.text).toBe(201);
      expect((await getTicket(t, requester, res.body.id)).items[0]?.specifications).toEqual(keys(LIMITS.specificationsKeysMax));
      await expectRefusedUnchanged(() => withSpecs(keys(LIMITS.specificationsKeysMax + 1)), 'items.0.specifications', String(LIMITS.specificationsKeysMax));
    });

    it(`depth: ${LIMITS.specificationsDepthMax} levels accepted, ${LIMITS.specificationsDepthMax + 1} refused, and values are scalars`, async () => {
      const nested = { setting: 'bios', values: { turbo: true, cores: 32, profile: null, name: 'perf' } };
      const res = await withSpecs(nested);
      expect(res.status, res.text).toBe(201);
      expect((await getTicket(t, requester, res.body.id)).items[0]?.specifications).toEqual(nested);
      await expectRefusedUnchanged(() => withSpecs({ a: { b: { c: 1 } } }), 'items.0.specifications', String(LIMITS.specificationsDepthMax));
      await expectRefusedUnchanged(() => withSpecs({ list: [1, 2] }), 'items.0.specifications', /string, number, boolean, null/);
      await expectRefusedUnchanged(() => withSpecs(['not', 'an', 'object']), 'items.0.specifications');
    });

    it('a specifications value nested 5,000 deep is refused by the body depth limit (400, not a stack overflow)', async () => {
      const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
      const body = JSON.stringify(ticketBody({ draft: true, items: draftItems(1) })).replace('"quantity":1', `"quantity":1,"specifications":${deep}`);
      await expectRefusedUnchanged(() => t.http.post('/api/tickets', { token: requester, body, headers: { 'content-type': 'application/json' } }), 'body', String(LIMITS.jsonDepthMax));
    });
  });

  describe('JSON nesting', () => {
    const post = (url: string, body: string) => t.http.post(url, { body, headers: { 'content-type': 'application/json' } });
    const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

    it('answers an unauthenticated 100,000-deep body with 400, not 500', async () => {
      expectRefused(await post('/api/auth/login', nestedArrays(100_000)), 'body', String(LIMITS.jsonDepthMax));
      expectRefused(await post('/api/tickets', `{"title":${nestedArrays(100_000)}}`), 'body', String(LIMITS.jsonDepthMax));
    });

    it(`parses a body nested ${LIMITS.jsonDepthMax} deep and refuses ${LIMITS.jsonDepthMax + 1}; brackets inside strings do not count`, async () => {
      // Depth 1 is the object itself: an extra property nested to the limit reaches validation.
      const body = (depth: number) => `{"username":"x","password":"y","extra":${nestedArrays(depth - 1)}}`;
      const atLimit = await post('/api/auth/login', body(LIMITS.jsonDepthMax));
      expectRefused(atLimit, 'extra', 'not an allowed property');
      expectRefused(await post('/api/auth/login', body(LIMITS.jsonDepthMax + 1)), 'body', String(LIMITS.jsonDepthMax));
      const inString = await post('/api/auth/login', JSON.stringify({ username: '['.repeat(50), password: '{'.repeat(50) }));
      expect(inString.status, inString.text).toBe(401);
    });
  });

  describe('scheduledDate', () => {
    const accepted: [string, string][] = [
      ['2026-02-03T10:00:00Z', '2026-02-03T10:00:00.000Z'],
      ['2026-02-03T10:00Z', '2026-02-03T10:00:00.000Z'],
      ['2026-02-03T10:00:00.999+05:30', '2026-02-03T04:30:00.000Z'],
      ['2028-02-29T23:59:59-01:00', '2028-03-01T00:59:59.000Z'],
      ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
    ];
    it.each(accepted)('accepts %s (stored as %s)', async (input, stored) => {
      const res = await create({ scheduledDate: input });
      expect(res.status, res.text).toBe(201);
      expect(res.body.scheduledDate).toBe(stored);
      expect((await getTicket(t, requester, res.body.id)).scheduledDate).toBe(stored);
    });

    const refused: unknown[] = [
      '2026-W05',
      '2026-034',
      '2026-02-30T10:00:00Z',
      '2027-02-29T10:00:00Z',
      '1900-02-29T10:00:00Z',
      '2026-13-01T10:00:00Z',
      '2026-02-03T24:00:00Z',
      '2026-02-03T10:60:00Z',
      '2026-02-03T10:00:00+24:00',
      '2026-02-03',
      '2026-02-03T10:00:00',
      '2026-02-03 10:00:00Z',
      '0000-01-01T00:00:00Z',
      '+275760-09-13T00:00:00Z',
      'tomorrow',
      '',
      1_770_000_000_000,
    ];
    it.each(refused)('refuses %j on create and on PATCH, writing nothing', async (input) => {
      await expectRefusedUnchanged(() => createRaw({ ...ticketBody(), scheduledDate: input }), 'scheduledDate');
    });

    it('refuses a bad date on PATCH and keeps the stored one', async () => {
      const ticket = await createTicket(t, requester, { draft: true, scheduledDate: '2026-05-01T08:00:00Z' });
      await expectRefusedUnchanged(() => t.http.patch(`/api/tickets/${ticket.id}`, { token: requester, body: { scheduledDate: '2026-02-30T10:00:00Z' } }), 'scheduledDate');
      expect((await getTicket(t, requester, ticket.id)).scheduledDate).toBe('2026-05-01T08:00:00.000Z');
      const cleared = await t.http.patch<TicketDetail>(`/api/tickets/${ticket.id}`, { token: requester, body: { scheduledDate: null } });
      expect([cleared.status, cleared.body.scheduledDate]).toEqual([200, null]);
    });
  });

  describe('numeric query parameters', () => {
    const list = (query: Record<string, string | number>) => t.http.get<Page<TicketSummary>>('/api/tickets', { token: manager, query });
    const components = (query: Record<string, string | number>) => t.http.get('/api/components', { token: manager, query });

    it.each([
      ['tickets', list],
      ['components', components],
    ] as const)('%s: page and pageSize within bounds answer 200, outside 400', async (_name, get) => {
      expect((await get({ page: LIMITS.pageMax, pageSize: LIMITS.pageSizeMax })).status).toBe(200);
      expectRefused(await get({ page: LIMITS.pageMax + 1 }), 'page', String(LIMITS.pageMax));
      expectRefused(await get({ page: '99999999999999999999' }), 'page');
      expectRefused(await get({ page: 0 }), 'page');
      expectRefused(await get({ page: '1.5' }), 'page');
      expectRefused(await get({ pageSize: LIMITS.pageSizeMax + 1 }), 'pageSize', String(LIMITS.pageSizeMax));
      expectRefused(await get({ pageSize: '1e21' }), 'pageSize');
    });

    it('bounds user ids in filters and bodies', async () => {
      expect((await list({ assignedTo: LIMITS.idMax })).status).toBe(200);
      expectRefused(await list({ assignedTo: '9999999999' }), 'assignedTo');
      expectRefused(await list({ createdBy: '9999999999' }), 'createdBy');
      const id = (await createTicket(t, requester)).id;
      await actAll(t, id, [[manager, 'approve']]);
      await expectRefusedUnchanged(() => act(t, manager, id, 'assign', { assigneeId: LIMITS.idMax + 1 }), 'assigneeId');
      await expectRefusedUnchanged(() => act(t, manager, id, 'assign', { assigneeId: 1e21 }), 'assigneeId');
    });

    it('bounds ids in the path', async () => {
      expect((await t.http.get(`/api/tickets/${LIMITS.idMax}`, { token: manager })).status).toBe(404);
      expectRefused(await t.http.get(`/api/tickets/${LIMITS.idMax + 1}`, { token: manager }), 'id', String(LIMITS.idMax));
      expectRefused(await t.http.get('/api/tickets/99999999999999999999/history', { token: manager }), 'id');
    });

    it('bounds estimatedDuration', async () => {
      const res = await create({ estimatedDuration: LIMITS.estimatedDurationMax });
      expect([res.status, res.body.estimatedDuration]).toEqual([201, LIMITS.estimatedDurationMax]);
      await expectRefusedUnchanged(() => create({ estimatedDuration: LIMITS.estimatedDurationMax + 1 }), 'estimatedDuration', String(LIMITS.estimatedDurationMax));
    });
  });

  describe('reads survive a bad value already stored', () => {
    it('GET, the list and sort=-scheduledDate answer 200 with the unreadable date shown as null', async () => {
      const ticket = await createTicket(t, requester, { scheduledDate: '2026-05-01T08:00:00Z' });
      if (engine === 'sqlite') {
        // What `new Date('2026-W05')` wrote before date-times were validated.
        await t.dataSource.query(`UPDATE tickets SET scheduled_date = '0NaN-aN-aN' WHERE id = ?`, [ticket.id]);
      } else {
        // A zero date, which MariaDB stores when strict mode is off for the session that writes it.
        const runner = t.dataSource.createQueryRunner();
        try {
          await runner.query(`SET SESSION sql_mode = ''`);
          await runner.query(`UPDATE tickets SET scheduled_date = '0000-00-00 00:00:00' WHERE id = ?`, [ticket.id]);
          await runner.query('SET SESSION sql_mode = DEFAULT');
        } finally {
          await runner.release();
        }
      }
      const detail = await t.http.get<TicketDetail>(`/api/tickets/${ticket.id}`, { token: requester });
      expect(detail.status, detail.text).toBe(200);
      expect(detail.body.scheduledDate).toBeNull();
      for (const sort of ['-scheduledDate', 'scheduledDate', '-createdAt']) {
        const page = await t.http.get<Page<TicketSummary>>('/api/tickets', { token: manager, query: { sort, pageSize: LIMITS.pageSizeMax } });
        expect(page.status, page.text).toBe(200);
        expect(page.body.items.find((i) => i.id === ticket.id)?.scheduledDate).toBeNull();
      }
    });
  });

  describe('client addresses in the history', () => {
    it('go to ticket.manage only, never in metadata (legacy rows included)', async () => {
      const created = await t.http.post<TicketDetail>('/api/tickets', { token: requester, body: ticketBody(), headers: { 'x-forwarded-for': '198.51.100.7' } });
      expect(created.status).toBe(201);
      const id = created.body.id;
      // A row as the old code wrote it, with the address in metadata.
      const legacyMetadata = JSON.stringify({ items: 1, draft: false, ip_address: '198.51.100.8' });
      await t.dataSource.query(`INSERT INTO ticket_history (ticket_id, action, user_id, metadata) VALUES (?, 'ticket_created', ?, ?)`, [id, await demoUserId(t, 'requester'), legacyMetadata]);

      const seen = async (token: string): Promise<HistoryEntryView[]> => {
        const res = await t.http.get<HistoryEntryView[]>(`/api/tickets/${id}/history`, { token });
        expect(res.status).toBe(200);
        return res.body;
      };
      for (const token of [requester, manager]) {
        const rows = await seen(token);
        expect(rows).toHaveLength(2);
        expect(rows.some((r) => 'ipAddress' in r)).toBe(false);
        expect(JSON.stringify(rows)).not.toContain('198.51.100.');
      }
      const managed = await seen(admin);
      expect(managed.map((r) => r.ipAddress)).toEqual(['198.51.100.7', '198.51.100.8']);
      expect(managed.map((r) => r.metadata)).toEqual([
        { items: 1, draft: false },
        { items: 1, draft: false },
      ]);
    });
  });
});
