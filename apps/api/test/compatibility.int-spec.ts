import { afterAll, beforeAll, expect, it } from 'vitest';
import { LIMITS, type CandidatesResponse, type ErrorBody, type Page, type ServerDetail, type TicketDetail, type TicketItemInput, type TicketSummary, type ValidationReport } from '@bdc/contracts';
import { describeEachEngine } from './engines';
import { createCatalogModel, createServer, createStock, demoUserId, findStockById } from './factories';
import { createTestApp, type TestApp } from './harness';
import { act, actAll, addItem, createTicket, getTicket, ticketBody, ticketCount } from './ticket-helpers';
import { ServerEntity } from '../src/inventory/server.entity';

/**
 * The compatibility engine through the API, on catalog models of its own (the demo catalog may
 * change): whole-ticket validation on the projected build, build-wide findings once, the projected
 * build by slot, dependency refusals, build-aware pickers and conflicts between tickets.
 */
describeEachEngine('compatibility engine through tickets', (engine) => {
  let t: TestApp;
  let requester: string;
  let manager: string;
  let admin: string;
  const m: Record<string, string> = {};

  async function model(key: string, componentType: Parameters<typeof createCatalogModel>[1]['componentType'], name: string, specifications: Record<string, unknown>, stock = 4) {
    const { uuid } = await createCatalogModel(t, { componentType, brand: 'Cmp', model: name, specifications });
    m[key] = uuid;
    if (stock > 0) await createStock(t, { componentType, model: uuid, count: stock });
    return uuid;
  }

  /** A server with chassis, an LGA4677 DDR5 board (2 sockets, 8 DIMM slots), one CPU and two DIMMs. */
  async function server(opts: { powerBudgetWatts?: number | null } = {}) {
    const s = await createServer(t, { powerBudgetWatts: opts.powerBudgetWatts ?? null });
    const [chassis] = await createStock(t, { componentType: 'chassis', model: m['chassis'] ?? '', serverUuid: s.uuid });
    const [board] = await createStock(t, { componentType: 'motherboard', model: m['board'] ?? '', serverUuid: s.uuid });
    const [cpu] = await createStock(t, { componentType: 'cpu', model: m['cpu'] ?? '', serverUuid: s.uuid, slot: 'CPU1' });
    const dimms = [
      ...(await createStock(t, { componentType: 'ram', model: m['ddr5'] ?? '', serverUuid: s.uuid, slot: 'DIMM A1' })),
      ...(await createStock(t, { componentType: 'ram', model: m['ddr5'] ?? '', serverUuid: s.uuid, slot: 'DIMM A2' })),
    ];
    return { ...s, chassis, board, cpu, dimms };
  }

  const validate = (targetServerUuid: string, items: TicketItemInput[]) => t.http.post<ValidationReport & ErrorBody>('/api/tickets/validate-items', { token: requester, body: { targetServerUuid, items } });

  beforeAll(async () => {
    t = await createTestApp(engine);
    [requester, manager, admin] = await Promise.all(['requester', 'manager', 'admin'].map((u) => t.login(u)));
    await model('chassis', 'chassis', 'Chassis 2U', { form_factor: '2U', drive_bays: 4, bay_form_factor: '2.5"', backplane: ['SATA'], psu_watts: 2000, motherboard_form_factors: ['EATX'] });
    await model('board', 'motherboard', 'Board LGA4677', {
      socket: 'LGA4677',
      cpu_sockets: 2,
      form_factor: 'EATX',
      memory_type: 'DDR5',
      memory_form_factors: ['RDIMM'],
      memory_slots: 8,
      max_memory_GB: 1024,
      pcie_slots: [{ size: 'x16', lanes: 16, generation: 5, count: 2 }],
      m2_slots: 1,
    });
    await model('board2', 'motherboard', 'Board Spare', { socket: 'LGA4677', cpu_sockets: 2, form_factor: 'EATX', memory_type: 'DDR5', memory_slots: 8, max_memory_GB: 1024, pcie_slots: 2 });
    await model('cpu', 'cpu', 'Xeon Gold 6430', { socket: 'LGA4677', memory_types: ['DDR5'], tdp_W: 270 });
    await model('cpuVariant', 'cpu', 'Xeon Gold 6430+', { socket: 'LGA4677', memory_types: ['DDR5'], tdp_W: 270 });
    await model('epyc', 'cpu', 'EPYC 9354', { socket: 'SP5', memory_types: ['DDR5'], tdp_W: 280 });
    await model('ddr5', 'ram', 'DDR5 32GB RDIMM', { memory_type: 'DDR5', module_type: 'RDIMM', capacity_GB: 32, speed_MTs: 4800, power_W: 5 }, 10);
    await model('ddr4', 'ram', 'DDR4 32GB RDIMM', { memory_type: 'DDR4', module_type: 'RDIMM', capacity_GB: 32, speed_MTs: 3200, power_W: 4 });
    await model('sas', 'storage', 'SAS 2.4TB', { interface: 'SAS', form_factor: '2.5"', capacity_GB: 2400, power_W: 9 });
    await model('caddy', 'caddy', 'Caddy 2.5', { form_factor: '2.5"' }, 10);
    await model('hba', 'hbacard', 'HBA 9500 SAS', { protocol: 'SAS', pcie_lanes: 8, power_W: 10 });
  });
  afterAll(async () => t?.close());

  it('validate-items: per-item verdicts naming the rule, build-wide findings once, and the projected build by slot', async () => {
    const s = await server();
    const res = await validate(s.uuid, [addItem('cpu', m['epyc'] ?? ''), addItem('ram', m['ddr4'] ?? ''), { action: 'remove', componentType: 'ram', componentSerial: s.dimms[0]?.serialNumber ?? '', quantity: 1 }]);
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.items.map((i) => [i.status, i.rules])).toEqual([
      ['invalid', ['socket']],
      ['invalid', ['memory_type']],
      ['valid', []],
    ]);
    expect(res.body.items[0]?.message).toContain('EPYC 9354 (socket SP5) does not fit the LGA4677 socket of Cmp Board LGA4677');
    // The mixed CPUs are a build-wide finding: once in the build list, naming the item.
    expect(res.body.build?.filter((b) => b.rule === 'cpu_mixed_models').map((b) => b.items)).toEqual([[0]]);
    const slots = res.body.projectedBuild?.slots ?? [];
    expect(res.body.projectedBuild?.serverName).toBe(s.name);
    expect(slots.filter((x) => x.kind === 'cpu').map((x) => [x.slot, x.state, x.model])).toEqual([
      ['CPU1', 'kept', 'Cmp Xeon Gold 6430'],
      ['CPU2', 'added', 'Cmp EPYC 9354'],
    ]);
    expect(slots.filter((x) => x.kind === 'ram' && x.state !== 'empty').map((x) => x.state).sort()).toEqual(['added', 'kept', 'removed']);
    expect(slots.filter((x) => x.kind === 'ram' && x.state === 'empty')).toHaveLength(6);
    expect(slots.filter((x) => x.kind === 'chassis').map((x) => x.state)).toEqual(['kept']);
  });

  it('a CPU and a motherboard added together validate against each other', async () => {
    const empty = await createServer(t);
    await createStock(t, { componentType: 'chassis', model: m['chassis'] ?? '', serverUuid: empty.uuid });
    const together = await validate(empty.uuid, [addItem('motherboard', m['board'] ?? ''), addItem('cpu', m['cpu'] ?? ''), addItem('ram', m['ddr5'] ?? '', 2)]);
    expect(together.body.items.map((i) => i.status)).toEqual(['valid', 'valid', 'valid']);
    const cpuAlone = await validate(empty.uuid, [addItem('cpu', m['cpu'] ?? '')]);
    expect(cpuAlone.body.items[0]).toMatchObject({ status: 'invalid', rules: ['cpu_needs_motherboard'] });
    const wrongPair = await validate(empty.uuid, [addItem('motherboard', m['board'] ?? ''), addItem('cpu', m['epyc'] ?? '')]);
    expect(wrongPair.body.items.map((i) => i.rules?.[0])).toEqual(['socket', 'socket']);
  });

  it('create refuses a build-wide error with 422 naming it once, and saves nothing', async () => {
    const s = await server();
    const count = await ticketCount(t);
    const res = await t.http.post<ErrorBody>('/api/tickets', { token: requester, body: ticketBody({ targetServerUuid: s.uuid, items: [addItem('cpu', m['cpu'] ?? '', 2)] }) });
    expect([res.status, res.body.code]).toEqual([422, 'ITEMS_INVALID']);
    expect(res.body.details?.items).toEqual([]);
    expect(res.body.details?.build).toEqual([{ rule: 'cpu_count', severity: 'error', message: '3 CPUs but Cmp Board LGA4677 has 2 CPU socket(s)', items: [0] }]);
    expect(res.body.message).toContain('3 CPUs but Cmp Board LGA4677 has 2 CPU socket(s)');
    expect(await ticketCount(t)).toBe(count);
  });

  it('refuses a removal that would strand parts, naming them', async () => {
    const s = await server();
    const res = await t.http.post<ErrorBody>('/api/tickets', {
      token: requester,
      body: ticketBody({ targetServerUuid: s.uuid, items: [{ action: 'remove', componentType: 'motherboard', componentSerial: s.board?.serialNumber ?? '', quantity: 1 }] }),
    });
    expect(res.status).toBe(422);
    expect(res.body.details?.items?.[0]).toMatchObject({ index: 0, rule: 'removal_dependency' });
    expect(res.body.details?.items?.[0]?.message).toMatch(/^Removing Cmp Board LGA4677 would strand Cmp Xeon Gold 6430, 2 × Cmp DDR5 32GB RDIMM/);
    // Replacing the board in the same ticket strands nothing.
    const replaced = await validate(s.uuid, [{ action: 'replace', componentType: 'motherboard', currentValue: s.board?.serialNumber ?? '', componentUuid: m['board2'] ?? '', quantity: 1 }]);
    expect(replaced.body.items[0]?.status).toBe('valid');
    // SAS drives behind the only SAS HBA.
    const sasServer = await server();
    const [hba] = await createStock(t, { componentType: 'hbacard', model: m['hba'] ?? '', serverUuid: sasServer.uuid });
    await createStock(t, { componentType: 'storage', model: m['sas'] ?? '', serverUuid: sasServer.uuid });
    const pullHba = await validate(sasServer.uuid, [{ action: 'remove', componentType: 'hbacard', componentSerial: hba?.serialNumber ?? '', quantity: 1 }]);
    expect(pullHba.body.items[0]?.message).toMatch(/Removing Cmp HBA 9500 SAS would strand Cmp SAS 2\.4TB/);
  });

  it('refuses to install a failed unit, by the rule that says why', async () => {
    const s = await server();
    const [dead] = await createStock(t, { componentType: 'ram', model: m['ddr5'] ?? '', status: 'failed' });
    const res = await validate(s.uuid, [addItem('ram', m['ddr5'] ?? '', 1, { componentSerial: dead?.serialNumber ?? '' })]);
    expect(res.body.items[0]).toMatchObject({ status: 'invalid', rules: ['unit_unusable'], message: `Unit ${dead?.serialNumber} is failed: a failed unit can never be installed` });
  });

  it("configuration changes need no component type and use the server's setting keys (a new key is flagged)", async () => {
    const s = await server();
    await t.dataSource.manager.update(ServerEntity, { uuid: s.uuid }, { settings: { bios_profile: 'balanced' } });
    const res = await validate(s.uuid, [
      { action: 'modify', quantity: 1, specifications: { setting: 'bios_profile' }, currentValue: 'balanced', requestedValue: 'performance' },
      { action: 'modify', componentType: null, quantity: 1, specifications: { setting: 'bios_profil' }, requestedValue: 'performance' },
      { action: 'modify', quantity: 1, requestedValue: 'x' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i) => [i.status, i.message])).toEqual([
      ['valid', null],
      ['warning', `bios_profil is a new setting for ${s.name}: it will be added`],
      ['invalid', `Choose the setting of ${s.name} to change`],
    ]);
    // Only a configuration change may leave the component type out.
    const add = await validate(s.uuid, [{ action: 'add', quantity: 1, componentUuid: m['ddr5'] ?? '' }]);
    expect(add.status).toBe(400);
    expect(add.body.details?.fields?.[0]?.field).toBe('items.0.componentType');
    const created = await createTicket(t, requester, { targetServerUuid: s.uuid, ticketType: 'configuration_change', items: [{ action: 'modify', quantity: 1, specifications: { setting: 'bios_profile' }, requestedValue: 'performance' }] });
    expect(created.items[0]).toMatchObject({ componentType: null, itemType: 'configuration', validationStatus: 'valid' });
    expect((await getTicket(t, requester, created.id)).items[0]?.componentType).toBeNull();
  });

  it('refuses quantities above the limit with a 400 naming it', async () => {
    const s = await server();
    const res = await validate(s.uuid, [addItem('ram', m['ddr5'] ?? '', LIMITS.quantityMax + 35)]);
    expect(res.status).toBe(400);
    expect(res.body.details?.fields?.[0]?.field).toBe('items.0.quantity');
    expect(JSON.stringify(res.body)).toContain(String(LIMITS.quantityMax));
  });

  it('pickers offer compatible models first and the others with the reason', async () => {
    const s = await server();
    const cpus = await t.http.post<CandidatesResponse>(`/api/servers/${s.uuid}/candidates`, { token: requester, body: { componentType: 'cpu' } });
    expect(cpus.status).toBe(200);
    const byName = new Map(cpus.body.candidates.map((c) => [c.name, c]));
    expect(byName.get('Cmp Xeon Gold 6430')).toMatchObject({ status: 'valid', compatible: true });
    expect(byName.get('Cmp Xeon Gold 6430+')).toMatchObject({ status: 'warning', compatible: true, rules: ['cpu_mixed_models'] });
    expect(byName.get('Cmp EPYC 9354')).toMatchObject({ status: 'invalid', compatible: false });
    expect(byName.get('Cmp EPYC 9354')?.rules).toContain('socket');
    expect(byName.get('Cmp EPYC 9354')?.reasons.join(' ')).toContain('does not fit the LGA4677 socket');
    const order = cpus.body.candidates.map((c) => c.status);
    expect(order.indexOf('invalid')).toBeGreaterThan(order.lastIndexOf('valid'));
    expect(byName.get('Cmp Xeon Gold 6430')?.units.length).toBeGreaterThan(0);
    const ram = await t.http.post<CandidatesResponse>(`/api/servers/${s.uuid}/candidates`, { token: requester, body: { componentType: 'ram' } });
    const ddr4 = ram.body.candidates.find((c) => c.uuid === m['ddr4']);
    expect(ddr4).toMatchObject({ compatible: false, rules: ['memory_type'] });
    expect(ram.body.candidates.findIndex((c) => c.uuid === m['ddr5'])).toBeLessThan(ram.body.candidates.findIndex((c) => c.uuid === m['ddr4']));
    // Against the draft: with a second CPU already in the draft, a third has no socket.
    const drafted = await t.http.post<CandidatesResponse>(`/api/servers/${s.uuid}/candidates`, { token: requester, body: { componentType: 'cpu', items: [addItem('cpu', m['cpu'] ?? '')] } });
    expect(drafted.body.candidates.find((c) => c.uuid === m['cpu'])).toMatchObject({ compatible: false, rules: ['cpu_count'] });
    const missing = await t.http.post<ErrorBody>('/api/servers/no-such-server/candidates', { token: requester, body: { componentType: 'cpu' } });
    expect(missing.status).toBe(404);
  });

  it('flags two open tickets claiming one unit on both, filters them, and refuses the second approval with 409', async () => {
    const s = await server();
    const [spare] = await createStock(t, { componentType: 'ram', model: m['ddr5'] ?? '' });
    const pin = [addItem('ram', m['ddr5'] ?? '', 1, { componentSerial: spare?.serialNumber ?? '' })];
    const first = await createTicket(t, requester, { targetServerUuid: s.uuid, items: pin });
    expect(first.conflicts).toEqual([]);
    const check = await validate(s.uuid, pin);
    expect(check.body.conflicts).toEqual([{ ticketId: first.id, ticketNumber: first.ticketNumber, claims: [spare?.serialNumber], reserved: false }]);
    expect(check.body.warnings.join(' ')).toContain(`also claimed by ${first.ticketNumber}`);
    const second = await createTicket(t, requester, { targetServerUuid: s.uuid, items: pin });
    expect(second.conflicts?.map((c) => c.ticketNumber)).toEqual([first.ticketNumber]);
    expect((await getTicket(t, requester, first.id)).conflicts?.map((c) => c.ticketNumber)).toEqual([second.ticketNumber]);

    const list = await t.http.get<Page<TicketSummary>>(`/api/tickets?server=${s.uuid}&conflicts=true`, { token: manager });
    expect(list.body.items.map((i) => i.id).sort()).toEqual([first.id, second.id].sort());
    const clean = await t.http.get<Page<TicketSummary>>(`/api/tickets?server=${s.uuid}&conflicts=false`, { token: manager });
    expect(clean.body.items).toEqual([]);
    const bad = await t.http.get<ErrorBody>('/api/tickets?conflicts=maybe', { token: manager });
    expect(bad.status).toBe(400);

    expect((await act(t, manager, first.id, 'approve')).status).toBe(200);
    const refused = await act(t, manager, second.id, 'approve');
    expect([refused.status, refused.body.code]).toEqual([409, 'CONFLICT']);
    expect(refused.body.message).toContain(first.ticketNumber);
    expect((await getTicket(t, admin, second.id)).status).toBe('pending');
    expect((await findStockById(t, spare?.id ?? -1))?.status).toBe('reserved');
  });

  it("a deploy and a rollback change the server's updatedAt with its build", async () => {
    const s = await server();
    const old = new Date('2020-01-01T00:00:00Z');
    const age = () => t.dataSource.manager.update(ServerEntity, { uuid: s.uuid }, { updatedAt: old });
    const updatedAt = async () => (await t.http.get<ServerDetail>(`/api/servers/${s.uuid}`, { token: admin })).body.updatedAt;
    const tech = await t.login('tech');
    const techId = await demoUserId(t, 'tech');
    const created = await createTicket(t, requester, { targetServerUuid: s.uuid, items: [addItem('ram', m['ddr5'] ?? '', 2)] });
    await actAll(t, created.id, [
      [manager, 'approve'],
      [manager, 'assign', { assigneeId: techId }],
      [tech, 'start'],
    ]);
    await age();
    expect(new Date(await updatedAt()).getTime()).toBe(old.getTime());
    await actAll(t, created.id, [[tech, 'deploy']]);
    expect(new Date(await updatedAt()).getTime()).toBeGreaterThan(old.getTime());
    await age();
    await actAll(t, created.id, [[tech, 'rollback', { reason: 'wrong DIMMs' }]]);
    expect(new Date(await updatedAt()).getTime()).toBeGreaterThan(old.getTime());
  });

  it('the ticket detail shows the server after the change until it is deployed', async () => {
    const s = await server();
    const created: TicketDetail = await createTicket(t, requester, { targetServerUuid: s.uuid, items: [addItem('ram', m['ddr5'] ?? '', 2)] });
    const detail = await getTicket(t, requester, created.id);
    const added = detail.validation.projectedBuild?.slots.filter((x) => x.state === 'added') ?? [];
    expect(added.map((x) => [x.kind, x.slot, x.itemIndex])).toEqual([
      ['ram', 'DIMM B1', 0],
      ['ram', 'DIMM B2', 0],
    ]);
    expect(detail.validation.build).toEqual(created.validation.build);
    expect(detail.validation.items.map((i) => i.rules)).toEqual([[]]);
    const wrong = await createTicket(t, requester, { draft: true, targetServerUuid: s.uuid, items: [addItem('ram', m['ddr4'] ?? '')] });
    expect((await getTicket(t, requester, wrong.id)).validation.items[0]).toMatchObject({ status: 'invalid', rules: ['memory_type'] });
  });
});

