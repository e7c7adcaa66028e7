/**
 * Direct server edits (POST/DELETE /api/servers/:uuid/components): the same compatibility engine and
 * the same stock moves as a ticket deploy, audited as `direct` in the unit log and the server
 * history; refused while an open ticket holds the unit or the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidatesResponse, ComponentUnitDetail, ErrorBody, Page, ServerDetail, ServerHistoryEntry, UnitLogEntry } from '@bdc/contracts';
import { describeEachEngine } from './engines';
import { demoUserId } from './factories';
import { createTestApp, type TestApp } from './harness';
import { act, actAll, addItem, createTicket, MODEL, SERVER, serverDetail, serverSnapshot, stockSnapshot, unitsOfModel } from './ticket-helpers';

describeEachEngine('direct server edits', (engine) => {
  let t: TestApp;
  let admin: string;
  let tech: string;
  let manager: string;
  let requester: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    [admin, tech, manager, requester] = await Promise.all(['admin', 'tech', 'manager', 'requester'].map((u) => t.login(u)));
  });
  afterAll(async () => t?.close());

  const install = (token: string, server: string, body: Record<string, unknown>) => t.http.post<ServerDetail & ErrorBody>(`/api/servers/${server}/components`, { token, body });
  const remove = (token: string, server: string, unitId: number, query: Record<string, string> = {}) =>
    t.http.delete<ServerDetail & ErrorBody>(`/api/servers/${server}/components/${unitId}`, { token, query });

  async function unit(id: number): Promise<ComponentUnitDetail> {
    const res = await t.http.get<ComponentUnitDetail>(`/api/components/${id}`, { token: admin });
    expect(res.status).toBe(200);
    return res.body;
  }
  async function unitLog(id: number): Promise<UnitLogEntry[]> {
    const res = await t.http.get<UnitLogEntry[]>(`/api/components/${id}/log`, { token: admin });
    expect(res.status).toBe(200);
    return res.body;
  }
  async function serverHistory(uuid: string): Promise<ServerHistoryEntry[]> {
    const res = await t.http.get<Page<ServerHistoryEntry>>(`/api/servers/${uuid}/history`, { token: requester, query: { pageSize: 100 } });
    expect(res.status).toBe(200);
    return res.body.items;
  }
  async function firstAvailable(type: Parameters<typeof unitsOfModel>[2], model: string): Promise<{ id: number; serialNumber: string | null }> {
    const [found] = await unitsOfModel(t, admin, type, model, 'available');
    if (!found) throw new Error(`no available ${model}`);
    return found;
  }
  const everything = () => stockSnapshot(t, admin, ['cpu', 'ram', 'motherboard', 'nic', 'storage']);

  describe('on k8s-node-05 (chassis and an SP5 board only)', () => {
    let cpuId: number;

    it('installs an available CPU by serial: in_use in CPU1, logged as a direct edit by who, in the server history, updatedAt moves', async () => {
      const cpu = await firstAvailable('cpu', MODEL.cpuEpyc9124);
      cpuId = cpu.id;
      await t.dataSource.query('UPDATE server_configurations SET updated_at = ? WHERE config_uuid = ?', ['2020-01-01 00:00:00', SERVER.k8sNode05]);
      const res = await install(tech, SERVER.k8sNode05, { serialNumber: cpu.serialNumber, note: 'capacity plan' });
      expect(res.status).toBe(200);
      expect(res.body.components.find((c) => c.id === cpu.id)).toMatchObject({ componentType: 'cpu', slot: 'CPU1' });
      expect(new Date(res.body.updatedAt).getFullYear()).toBeGreaterThan(2020);
      expect(await unit(cpu.id)).toMatchObject({ status: 'in_use', serverUuid: SERVER.k8sNode05, slot: 'CPU1', claim: null });
      expect((await unit(cpu.id)).installationDate).not.toBeNull();
      const [row] = await unitLog(cpu.id);
      expect(row).toMatchObject({ event: 'installed', source: 'direct', ticket: null, before: { status: 'available', serverUuid: null }, after: { status: 'in_use', serverUuid: SERVER.k8sNode05, slot: 'CPU1' } });
      expect(row?.user?.username).toBe('tech');
      expect(row?.note).toContain('capacity plan');
      const [entry] = await serverHistory(SERVER.k8sNode05);
      expect(entry).toMatchObject({ change: 'installed', source: 'direct', ticket: null, slotAfter: 'CPU1', unit: { id: cpu.id } });
      expect(entry?.user?.username).toBe('tech');
    });

    it('refuses what breaks an error-level rule (422 with the rule codes, as ticket validation reports them) and changes nothing', async () => {
      const before = await everything();
      const server = await serverSnapshot(t, admin, SERVER.k8sNode05);
      const ddr4 = await firstAvailable('ram', MODEL.ramSamsung32Ddr4);
      const wrongMemory = await install(admin, SERVER.k8sNode05, { unitId: ddr4.id });
      expect([wrongMemory.status, wrongMemory.body.code]).toEqual([422, 'ITEMS_INVALID']);
      expect(wrongMemory.body.details?.['rules']).toContain('memory_type');
      expect(wrongMemory.body.details?.items?.[0]?.rule).toBe('memory_type');
      const xeon = await firstAvailable('cpu', MODEL.cpuXeonGold6430);
      const wrongSocket = await install(admin, SERVER.k8sNode05, { unitId: xeon.id });
      expect([wrongSocket.status, wrongSocket.body.details?.['rules']]).toEqual([422, expect.arrayContaining(['socket'])]);
      // Dependency on removal: the board carries the CPU.
      const board = (await serverDetail(t, admin, SERVER.k8sNode05)).components.find((c) => c.componentType === 'motherboard');
      const strand = await remove(admin, SERVER.k8sNode05, board?.id ?? 0);
      expect([strand.status, strand.body.details?.['rules']]).toEqual([422, expect.arrayContaining(['removal_dependency'])]);
      expect(await everything()).toEqual(before);
      expect(await serverSnapshot(t, admin, SERVER.k8sNode05)).toEqual(server);
      expect(await unitLog(ddr4.id)).toEqual([]);
    });

    it('the candidates picker judges models against the current build (no items): compatible first, the rest with the reason', async () => {
      const res = await t.http.post<CandidatesResponse>(`/api/servers/${SERVER.k8sNode05}/candidates`, { token: tech, body: { componentType: 'ram' } });
      expect(res.status).toBe(200);
      const ddr5 = res.body.candidates.find((c) => c.uuid === MODEL.ramMicron32);
      const ddr4 = res.body.candidates.find((c) => c.uuid === MODEL.ramSamsung32Ddr4);
      expect(ddr5?.compatible).toBe(true);
      expect(ddr4).toMatchObject({ compatible: false, status: 'invalid', rules: expect.arrayContaining(['memory_type']) });
      expect(res.body.candidates.findIndex((c) => c === ddr5)).toBeLessThan(res.body.candidates.findIndex((c) => c === ddr4));
    });

    it('takes a chosen slot of the unit’s kind when free; refuses a slot of another kind (400) or a taken one (409)', async () => {
      const ram = await unitsOfModel(t, admin, 'ram', MODEL.ramMicron32, 'available');
      const [a, b, c] = ram;
      if (!a || !b || !c) throw new Error('need three DDR5 modules');
      const chosen = await install(tech, SERVER.k8sNode05, { unitId: a.id, slot: 'DIMM B1' });
      expect(chosen.status).toBe(200);
      expect((await unit(a.id)).slot).toBe('DIMM B1');
      const wrongKind = await install(tech, SERVER.k8sNode05, { unitId: b.id, slot: 'CPU2' });
      expect([wrongKind.status, wrongKind.body.details?.fields?.[0]?.field]).toEqual([400, 'slot']);
      const taken = await install(tech, SERVER.k8sNode05, { unitId: b.id, slot: 'DIMM B1' });
      expect([taken.status, taken.body.code]).toEqual([409, 'CONFLICT']);
      expect((await unit(b.id)).status).toBe('available');
      const next = await install(tech, SERVER.k8sNode05, { unitId: b.id });
      expect(next.status).toBe(200);
      expect((await unit(b.id)).slot).toBe('DIMM A1');
      expect((await install(tech, SERVER.k8sNode05, { unitId: c.id })).status).toBe(200);
    });

    it('removes units back to stock (the default), as failed, or retired; each logged and in the history', async () => {
      const ram = (await serverDetail(t, admin, SERVER.k8sNode05)).components.filter((c) => c.componentType === 'ram');
      expect(ram).toHaveLength(3);
      const destinations = [undefined, 'failed', 'retired'] as const;
      for (const [index, destination] of destinations.entries()) {
        const module = ram[index];
        if (!module) throw new Error('missing module');
        const res = await remove(tech, SERVER.k8sNode05, module.id, destination ? { destination, note: 'reseat' } : {});
        expect(res.status).toBe(200);
        expect(res.body.components.some((c) => c.id === module.id)).toBe(false);
        const after = await unit(module.id);
        expect(after).toMatchObject({ status: destination ?? 'available', serverUuid: null, slot: null });
        const row = (await unitLog(module.id)).at(-1);
        expect(row).toMatchObject({ event: 'removed', source: 'direct', ticket: null, before: { status: 'in_use', serverUuid: SERVER.k8sNode05 }, after: { status: destination ?? 'available', serverUuid: null } });
        const [entry] = await serverHistory(SERVER.k8sNode05);
        expect(entry).toMatchObject({ change: 'removed', source: 'direct', unit: { id: module.id } });
      }
      const notThere = await remove(tech, SERVER.k8sNode05, ram[0]?.id ?? 0);
      expect([notThere.status, notThere.body.code]).toEqual([409, 'CONFLICT']);
      const bad = await remove(tech, SERVER.k8sNode05, cpuId, { destination: 'bin' });
      expect([bad.status, bad.body.details?.fields?.[0]?.field]).toEqual([400, 'destination']);
    });
  });

  describe('while a ticket holds a reservation', () => {
    let ticketNumber: string;
    let ticketId: number;
    let reservedNicId: number;

    beforeAll(async () => {
      const created = await createTicket(t, requester, { title: 'Second NIC for web-prod-01', ticketType: 'component_addition', items: [addItem('nic', MODEL.nicConnectX6Lx)] });
      expect(created.validation.valid).toBe(true);
      const approved = await act(t, manager, created.id, 'approve');
      expect(approved.status).toBe(200);
      ticketNumber = created.ticketNumber;
      ticketId = created.id;
      const [reserved] = await unitsOfModel(t, admin, 'nic', MODEL.nicConnectX6Lx, 'reserved');
      reservedNicId = reserved?.id ?? 0;
      expect(reservedNicId).toBeGreaterThan(0);
    });

    it('refuses a direct edit of that server (409 naming the ticket) and changes nothing', async () => {
      const before = await everything();
      const server = await serverSnapshot(t, admin, SERVER.webProd01);
      const ssd = (await serverDetail(t, admin, SERVER.webProd01)).components.find((c) => c.componentType === 'storage');
      const out = await remove(admin, SERVER.webProd01, ssd?.id ?? 0);
      expect([out.status, out.body.code, out.body.details?.['ticketNumber']]).toEqual([409, 'CONFLICT', ticketNumber]);
      expect(out.body.message).toContain(ticketNumber);
      const spare = await firstAvailable('ram', MODEL.ramSamsung32);
      const into = await install(admin, SERVER.webProd01, { unitId: spare.id });
      expect([into.status, into.body.details?.['ticketId']]).toEqual([409, ticketId]);
      expect(await everything()).toEqual(before);
      expect(await serverSnapshot(t, admin, SERVER.webProd01)).toEqual(server);
    });

    it('refuses to install the unit it reserved into another server (409 naming the ticket) and changes nothing', async () => {
      const before = await everything();
      const res = await install(admin, SERVER.k8sNode05, { unitId: reservedNicId });
      expect([res.status, res.body.details?.['ticketNumber']]).toEqual([409, ticketNumber]);
      expect(res.body.message).toContain(`ticket ${ticketNumber} holds unit`);
      expect(await everything()).toEqual(before);
      expect((await unit(reservedNicId)).status).toBe('reserved');
    });

    it('allows the edit again once the ticket is cancelled', async () => {
      expect((await act(t, manager, ticketId, 'cancel')).status).toBe(200);
      const ssd = (await serverDetail(t, admin, SERVER.webProd01)).components.find((c) => c.componentType === 'storage');
      const res = await remove(admin, SERVER.webProd01, ssd?.id ?? 0);
      expect(res.status).toBe(200);
    });
  });

  it('refuses while a deployed ticket awaits completion (its rollback must find the build as it left it), allows it after', async () => {
    const created = await createTicket(t, requester, { title: 'Memory for backup-01', targetServerUuid: SERVER.backup01, items: [addItem('ram', MODEL.ramSamsung32, 2)] });
    await actAll(t, created.id, [
      [manager, 'approve'],
      [manager, 'assign', { assigneeId: await demoUserId(t, 'tech') }],
      [tech, 'start'],
      [tech, 'deploy'],
    ]);
    const before = await everything();
    const module = (await serverDetail(t, admin, SERVER.backup01)).components.find((c) => c.componentType === 'ram');
    const refused = await remove(admin, SERVER.backup01, module?.id ?? 0);
    expect([refused.status, refused.body.details?.['ticketNumber']]).toEqual([409, created.ticketNumber]);
    expect(refused.body.message).toContain('deployed, not yet completed');
    expect(await everything()).toEqual(before);
    expect((await act(t, admin, created.id, 'complete')).status).toBe(200);
    expect((await remove(admin, SERVER.backup01, module?.id ?? 0)).status).toBe(200);
  });

  it('lets exactly one of two concurrent direct edits of one unit win', async () => {
    const ram = await firstAvailable('ram', MODEL.ramMicron32);
    const logged = (await unitLog(ram.id)).length;
    const results = await Promise.all([install(admin, SERVER.k8sNode05, { unitId: ram.id }), install(tech, SERVER.k8sNode05, { unitId: ram.id, slot: 'DIMM F2' })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body.message).toContain('not available');
    expect((await unitLog(ram.id)).slice(logged).map((r) => r.event)).toEqual(['installed']);
    expect((await unit(ram.id)).serverUuid).toBe(SERVER.k8sNode05);
    const removals = await Promise.all([remove(admin, SERVER.k8sNode05, ram.id), remove(tech, SERVER.k8sNode05, ram.id, { destination: 'failed' })]);
    expect(removals.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await unitLog(ram.id)).slice(logged).map((r) => r.event)).toEqual(['installed', 'removed']);
  });

  it('needs server.edit (403), names its fields (400), and 404s what does not exist', async () => {
    const spare = await firstAvailable('ram', MODEL.ramMicron32);
    const denied = await install(requester, SERVER.k8sNode05, { unitId: spare.id });
    expect([denied.status, denied.body.code]).toEqual([403, 'FORBIDDEN']);
    const deniedRemove = await remove(requester, SERVER.k8sNode05, spare.id);
    expect(deniedRemove.status).toBe(403);
    const neither = await install(admin, SERVER.k8sNode05, {});
    expect([neither.status, neither.body.details?.fields?.[0]?.field]).toEqual([400, 'unitId']);
    const both = await install(admin, SERVER.k8sNode05, { unitId: spare.id, serialNumber: 'X' });
    expect(both.status).toBe(400);
    const noUnit = await install(admin, SERVER.k8sNode05, { unitId: 987654 });
    expect([noUnit.status, noUnit.body.code]).toEqual([404, 'COMPONENT_NOT_FOUND']);
    const noSerial = await install(admin, SERVER.k8sNode05, { serialNumber: 'NO-SUCH-SERIAL' });
    expect([noSerial.status, noSerial.body.code]).toEqual([404, 'COMPONENT_NOT_FOUND']);
    const noServer = await install(admin, '00000000-0000-4000-8000-000000000000', { unitId: spare.id });
    expect([noServer.status, noServer.body.code]).toEqual([404, 'SERVER_NOT_FOUND']);
    const badId = await remove(admin, SERVER.k8sNode05, 0);
    expect([badId.status, badId.body.details?.fields?.[0]?.field]).toEqual([400, 'unitId']);
    expect((await unit(spare.id)).status).toBe('available');
  });
});
