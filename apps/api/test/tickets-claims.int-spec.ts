import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ErrorBody, Page, TicketDetail, TicketItemInput, TicketSummary, ValidationReport } from '@bdc/contracts';
import { describeEachEngine } from './engines';
import { createCatalogModel, createServer, createStock } from './factories';
import { createTestApp, type TestApp } from './harness';
import { act, actAll, createTicket, getTicket } from './ticket-helpers';

/**
 * What a ticket claims (tickets/ticket-claims.ts), seen the same way by every reader: the detail's
 * conflicts, validate-items, the list's `conflicts` filter and approval's 409. Each case is one
 * where the three former definitions (the service's, the conflict repository's SQL and the list's
 * SQL) disagreed.
 */
describeEachEngine('ticket claims: units and slots, one definition', (engine) => {
  let t: TestApp;
  let requester: string;
  let manager: string;
  const m: Record<string, string> = {};

  async function model(key: string, componentType: Parameters<typeof createCatalogModel>[1]['componentType'], name: string, specifications: Record<string, unknown>, stock = 4) {
    const { uuid } = await createCatalogModel(t, { componentType, brand: 'Clm', model: name, specifications });
    m[key] = uuid;
    if (stock > 0) await createStock(t, { componentType, model: uuid, count: stock });
  }

  /** A server with chassis, board, a CPU, two DIMMs (A1, A2) and a drive in its caddy in Bay 1. */
  async function server() {
    const s = await createServer(t, {});
    await createStock(t, { componentType: 'chassis', model: m['chassis'] ?? '', serverUuid: s.uuid });
    await createStock(t, { componentType: 'motherboard', model: m['board'] ?? '', serverUuid: s.uuid });
    await createStock(t, { componentType: 'cpu', model: m['cpu'] ?? '', serverUuid: s.uuid, slot: 'CPU1' });
    const [a1] = await createStock(t, { componentType: 'ram', model: m['ddr5'] ?? '', serverUuid: s.uuid, slot: 'DIMM A1' });
    const [a2] = await createStock(t, { componentType: 'ram', model: m['ddr5'] ?? '', serverUuid: s.uuid, slot: 'DIMM A2' });
    const [drive] = await createStock(t, { componentType: 'storage', model: m['ssd'] ?? '', serverUuid: s.uuid, slot: 'Bay 1' });
    const [caddy] = await createStock(t, { componentType: 'caddy', model: m['caddy'] ?? '', serverUuid: s.uuid, slot: 'Bay 1' });
    const serial = (u: { serialNumber: string } | undefined) => u?.serialNumber ?? '';
    return { uuid: s.uuid, a1: serial(a1), a2: serial(a2), drive: serial(drive), caddy: serial(caddy) };
  }

  const open = (serverUuid: string, items: TicketItemInput[]) => createTicket(t, requester, { targetServerUuid: serverUuid, items });
  const conflictsOf = async (id: number) => (await getTicket(t, manager, id)).conflicts ?? [];
  const listed = async (serverUuid: string, conflicts: boolean) =>
    (await t.http.get<Page<TicketSummary>>(`/api/tickets?server=${serverUuid}&conflicts=${conflicts}`, { token: manager })).body.items.map((i) => i.id).sort((a, b) => a - b);
  const validate = (targetServerUuid: string, items: TicketItemInput[]) => t.http.post<ValidationReport & ErrorBody>('/api/tickets/validate-items', { token: requester, body: { targetServerUuid, items } });
  const removeSerial = (componentType: TicketItemInput['componentType'], serial: string): TicketItemInput => ({ action: 'remove', componentType, componentSerial: serial, quantity: 1 });

  beforeAll(async () => {
    t = await createTestApp(engine);
    [requester, manager] = await Promise.all(['requester', 'manager'].map((u) => t.login(u)));
    await model('chassis', 'chassis', 'Chassis 2U', { form_factor: '2U', drive_bays: 4, bay_form_factor: '2.5"', backplane: ['SATA'], psu_watts: 2000, motherboard_form_factors: ['EATX'] });
    await model('board', 'motherboard', 'Board LGA4677', { socket: 'LGA4677', cpu_sockets: 2, form_factor: 'EATX', memory_type: 'DDR5', memory_slots: 8, max_memory_GB: 1024, pcie_slots: 2, m2_slots: 1 });
    await model('cpu', 'cpu', 'Xeon Gold 6430', { socket: 'LGA4677', memory_types: ['DDR5'], tdp_W: 270 });
    await model('ddr5', 'ram', 'DDR5 32GB RDIMM', { memory_type: 'DDR5', module_type: 'RDIMM', capacity_GB: 32, speed_MTs: 4800, power_W: 5 }, 10);
    await model('ddr5big', 'ram', 'DDR5 64GB RDIMM', { memory_type: 'DDR5', module_type: 'RDIMM', capacity_GB: 64, speed_MTs: 4800, power_W: 6 }, 10);
    await model('ssd', 'storage', 'SATA SSD 960GB', { interface: 'SATA', form_factor: '2.5"', capacity_GB: 960, power_W: 4 });
    await model('caddy', 'caddy', 'Caddy 2.5', { form_factor: '2.5"' }, 10);
  });
  afterAll(async () => t?.close());

  it('a replace that pins its new unit claims the unit it takes out too: flagged on both, listed with both', async () => {
    const s = await server();
    const [spare] = await createStock(t, { componentType: 'ram', model: m['ddr5big'] ?? '' });
    const replace: TicketItemInput = { action: 'replace', componentType: 'ram', componentUuid: m['ddr5big'] ?? '', componentSerial: spare?.serialNumber ?? '', currentValue: s.a1, quantity: 1 };
    const first = await open(s.uuid, [replace]);
    const second = await open(s.uuid, [removeSerial('ram', s.a1)]);
    expect(second.conflicts).toEqual([{ ticketId: first.id, ticketNumber: first.ticketNumber, claims: [s.a1, 'DIMM A1'], reserved: false }]);
    expect((await conflictsOf(first.id)).map((c) => [c.ticketNumber, c.claims])).toEqual([[second.ticketNumber, [s.a1, 'DIMM A1']]]);
    expect((await validate(s.uuid, [removeSerial('ram', s.a1)])).body.conflicts?.map((c) => c.ticketId)).toEqual([first.id, second.id]);
    expect(await listed(s.uuid, true)).toEqual([first.id, second.id]);
    expect(await listed(s.uuid, false)).toEqual([]);
  });

  it('a unit held by a reservation that no item names by serial is still a claim of its holder, in the list too', async () => {
    const s = await server();
    const first = await open(s.uuid, [{ action: 'remove', componentType: 'ram', componentUuid: m['ddr5'] ?? '', quantity: 1 }]);
    await actAll(t, first.id, [[manager, 'approve']]);
    // A draft: validation itself refuses to submit a removal of a unit another ticket holds.
    const second = await createTicket(t, requester, { targetServerUuid: s.uuid, items: [removeSerial('ram', s.a1)], draft: true });
    expect(second.conflicts).toEqual([{ ticketId: first.id, ticketNumber: first.ticketNumber, claims: [s.a1, 'DIMM A1'], reserved: true }]);
    expect((await conflictsOf(first.id)).map((c) => c.ticketId)).toEqual([second.id]);
    expect(await listed(s.uuid, true)).toEqual([first.id, second.id]);
  });

  it('a ticket that is no longer open (rejected, cancelled) claims nothing and is flagged by nothing', async () => {
    const s = await server();
    const rejected = await open(s.uuid, [removeSerial('ram', s.a2)]);
    const cancelled = await open(s.uuid, [removeSerial('ram', s.a2)]);
    await actAll(t, rejected.id, [[manager, 'reject', { reason: 'not now' }]]);
    await actAll(t, cancelled.id, [[requester, 'cancel']]);
    const live = await open(s.uuid, [removeSerial('ram', s.a2)]);
    expect(live.conflicts).toEqual([]);
    expect(await conflictsOf(rejected.id)).toEqual([]);
    expect(await listed(s.uuid, true)).toEqual([]);
  });

  it('a model UUID names no unit: two replaces of "a unit of this model" do not conflict until one holds a unit', async () => {
    const s = await server();
    const replace: TicketItemInput = { action: 'replace', componentType: 'ram', componentUuid: m['ddr5big'] ?? '', currentValue: m['ddr5'] ?? '', quantity: 1 };
    const first = await open(s.uuid, [replace]);
    const second = await open(s.uuid, [replace]);
    expect([first.conflicts, second.conflicts]).toEqual([[], []]);
    expect(await listed(s.uuid, true)).toEqual([]);
  });

  it('two tickets taking different units out of one slot (a drive and its caddy in Bay 1) conflict on the slot, and approval of the second is refused', async () => {
    const s = await server();
    const first = await open(s.uuid, [removeSerial('storage', s.drive)]);
    const second = await open(s.uuid, [removeSerial('caddy', s.caddy)]);
    expect(second.conflicts).toEqual([{ ticketId: first.id, ticketNumber: first.ticketNumber, claims: ['Bay 1'], reserved: false }]);
    expect(second.validation.warnings.join(' ')).toContain(`Bay 1 is also claimed by ${first.ticketNumber}`);
    expect((await conflictsOf(first.id)).map((c) => [c.ticketId, c.claims])).toEqual([[second.id, ['Bay 1']]]);
    expect(await listed(s.uuid, true)).toEqual([first.id, second.id]);
    await actAll(t, first.id, [[manager, 'approve']]);
    expect((await conflictsOf(second.id)).map((c) => c.reserved)).toEqual([true]);
    const refused = await act(t, manager, second.id, 'approve');
    expect([refused.status, refused.body.code]).toEqual([409, 'CONFLICT']);
    expect(refused.body.message).toContain('Bay 1');
    expect((await getTicket(t, manager, second.id)).status).toBe('pending');
  });

  it('the detail of a ticket answers from one validation: the list filter and the detail agree on every open ticket', async () => {
    const s = await server();
    const a = await open(s.uuid, [removeSerial('ram', s.a2)]);
    const b = await open(s.uuid, [{ action: 'replace', componentType: 'ram', componentUuid: m['ddr5big'] ?? '', currentValue: s.a2, quantity: 1 }]);
    const c = await open(s.uuid, [{ action: 'add', componentType: 'ram', componentUuid: m['ddr5'] ?? '', quantity: 1 }]);
    const flagged: number[] = [];
    for (const ticket of [a, b, c] as TicketDetail[]) if ((await conflictsOf(ticket.id)).length > 0) flagged.push(ticket.id);
    expect(flagged).toEqual([a.id, b.id]);
    expect(await listed(s.uuid, true)).toEqual(flagged);
    expect(await listed(s.uuid, false)).toEqual([c.id]);
  });
});
