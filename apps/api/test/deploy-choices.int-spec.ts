/**
 * Deploy choices (slots of installed units, what becomes of removed units), their rollback, and the
 * unit log rows every ticket move writes (reserve, release, deploy, rollback), with the server history
 * seen from the other side. Also: a unit a ticket holds cannot be moved by a direct stock edit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentUnitDetail, ErrorBody, Page, ServerHistoryEntry, UnitLogEntry } from '@bdc/contracts';
import { describeEachEngine } from './engines';
import { createTestApp, type TestApp } from './harness';
import { demoUserId } from './factories';
import { act, actAll, addItem, createTicket, MODEL, SERVER, serverDetail, serverSnapshot, stockSnapshot } from './ticket-helpers';

describeEachEngine('deploy choices, rollback and the unit log', (engine) => {
  let t: TestApp;
  let requester: string;
  let manager: string;
  let tech: string;
  let admin: string;
  let techId: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    [requester, manager, tech, admin] = await Promise.all(['requester', 'manager', 'tech', 'admin'].map((u) => t.login(u)));
    techId = await demoUserId(t, 'tech');
  });
  afterAll(async () => t?.close());

  async function unitLog(id: number): Promise<UnitLogEntry[]> {
    const res = await t.http.get<UnitLogEntry[]>(`/api/components/${id}/log`, { token: requester });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function unit(id: number): Promise<ComponentUnitDetail> {
    const res = await t.http.get<ComponentUnitDetail>(`/api/components/${id}`, { token: requester });
    expect(res.status).toBe(200);
    return res.body;
  }

  describe('on web-prod-01: replace the NIC, remove two DIMMs, add an SSD', () => {
    let id: number;
    let ticketNumber: string;
    let items: { nic: number; ram: number; ssd: number };
    let oldNic: { id: number; serial: string };
    let removedRam: number[];
    let newNicId: number;
    let newSsdId: number;
    let serverBefore: Awaited<ReturnType<typeof serverSnapshot>>;
    let reservedState: Awaited<ReturnType<typeof stockSnapshot>>;

    beforeAll(async () => {
      const detail = await serverDetail(t, admin, SERVER.webProd01);
      const nic = detail.components.find((c) => c.uuid === MODEL.nicE810Xxvda2);
      oldNic = { id: nic?.id ?? 0, serial: nic?.serialNumber ?? 'missing' };
      expect(nic?.slot).toBe('PCIe slot 1');
      const created = await createTicket(t, requester, {
        title: 'Rework web-prod-01 with chosen slots',
        ticketType: 'component_replacement',
        items: [
          { action: 'replace', componentType: 'nic', currentValue: oldNic.serial, componentUuid: MODEL.nicConnectX6Lx, quantity: 1 },
          { action: 'remove', componentType: 'ram', componentUuid: MODEL.ramSamsung32, quantity: 2 },
          addItem('storage', MODEL.ssdPm9a3U2),
        ],
      });
      expect(created.validation.valid).toBe(true);
      id = created.id;
      ticketNumber = created.ticketNumber;
      const [nicItem, ramItem, ssdItem] = created.items;
      items = { nic: nicItem?.id ?? 0, ram: ramItem?.id ?? 0, ssd: ssdItem?.id ?? 0 };
      serverBefore = await serverSnapshot(t, admin, SERVER.webProd01);
      await actAll(t, id, [
        [manager, 'approve'],
        [manager, 'assign', { assigneeId: techId }],
        [tech, 'start'],
      ]);
      reservedState = await stockSnapshot(t, admin, ['nic', 'ram', 'storage']);
      const reserved = await t.http.get<Page<ComponentUnitDetail>>('/api/components', { token: admin, query: { status: 'reserved', pageSize: 100 } });
      const reservedNic = reserved.body.items.find((u) => u.uuid === MODEL.nicConnectX6Lx);
      const reservedSsd = reserved.body.items.find((u) => u.uuid === MODEL.ssdPm9a3U2);
      newNicId = reservedNic?.id ?? 0;
      newSsdId = reservedSsd?.id ?? 0;
      const rows: { component_id: number | string }[] = await t.dataSource.query(
        `SELECT a.component_id FROM ticket_item_allocations a WHERE a.ticket_item_id = ? AND a.direction = 'remove' ORDER BY a.component_id`,
        [items.ram],
      );
      removedRam = rows.map((r) => Number(r.component_id));
      expect([newNicId > 0, newSsdId > 0, removedRam.length]).toEqual([true, true, 2]);
    });

    it('logs the reservation of units to install and the claim on units to remove, naming the ticket', async () => {
      const [reserved] = await unitLog(newNicId);
      expect(reserved).toMatchObject({ event: 'reserved', source: 'ticket', ticket: { id, ticketNumber }, before: { status: 'available' }, after: { status: 'reserved' } });
      expect(reserved?.user?.username).toBe('manager');
      const [claim] = await unitLog(oldNic.id);
      expect(claim).toMatchObject({ event: 'reserved', ticket: { ticketNumber }, before: { status: 'in_use', serverUuid: SERVER.webProd01, slot: 'PCIe slot 1' }, after: { status: 'in_use', slot: 'PCIe slot 1' } });
      expect((await unit(oldNic.id)).claim).toEqual({ ticketId: id, ticketNumber, direction: 'remove' });
    });

    it('refuses direct stock edits that would move a unit the ticket holds (409 naming the ticket), and changes nothing', async () => {
      const move = await t.http.patch<ErrorBody>(`/api/components/${newNicId}`, { token: admin, body: { location: 'Shelf 9' } });
      expect([move.status, move.body.code]).toEqual([409, 'CONFLICT']);
      expect(move.body.message).toContain(ticketNumber);
      expect(move.body.details).toMatchObject({ ticketId: id, ticketNumber });
      const fail = await t.http.post<ErrorBody>(`/api/components/${oldNic.id}/fail`, { token: admin, body: { reason: 'looks broken' } });
      expect([fail.status, fail.body.message.includes(ticketNumber)]).toEqual([409, true]);
      const retire = await t.http.post<ErrorBody>(`/api/components/${newNicId}/retire`, { token: admin, body: { reason: 'old' } });
      expect(retire.status).toBe(409);
      expect(await stockSnapshot(t, admin, ['nic', 'ram', 'storage'])).toEqual(reservedState);
      expect(await unitLog(newNicId)).toHaveLength(1);
      // Describing the unit is not moving it: notes stay editable.
      const notes = await t.http.patch<ComponentUnitDetail>(`/api/components/${newNicId}`, { token: admin, body: { notes: 'for web-prod-01' } });
      expect([notes.status, notes.body.notes, notes.body.status]).toEqual([200, 'for web-prod-01', 'reserved']);
    });

    it('refuses a chosen slot that is taken (409) or of the wrong kind (422), and names of items not on the ticket; nothing changes', async () => {
      const taken = await act(t, tech, id, 'deploy', { placements: [{ itemId: items.ssd, slot: 'Bay 0' }] });
      expect([taken.status, taken.body.code]).toEqual([409, 'DEPLOY_FAILED']);
      expect(taken.body.message).toContain('Bay 0');
      const wrongKind = await act(t, tech, id, 'deploy', { placements: [{ itemId: items.ssd, slot: 'DIMM A1' }] });
      expect([wrongKind.status, wrongKind.body.code]).toEqual([422, 'ITEMS_INVALID']);
      expect(wrongKind.body.message).toContain('DIMM A1');
      const notOurs = await act(t, tech, id, 'deploy', { removals: [{ itemId: 999999, destination: 'failed' }] });
      expect([notOurs.status, notOurs.body.details?.fields?.[0]?.field]).toEqual([422, 'removals.0.itemId']);
      const removesNothing = await act(t, tech, id, 'deploy', { removals: [{ itemId: items.ssd, destination: 'failed' }] });
      expect(removesNothing.status).toBe(422);
      const badDestination = await act(t, tech, id, 'deploy', { removals: [{ itemId: items.ram, destination: 'bin' }] });
      expect([badDestination.status, badDestination.body.details?.fields?.[0]?.field]).toEqual([400, 'removals.0.destination']);
      expect(await serverSnapshot(t, admin, SERVER.webProd01)).toEqual(serverBefore);
      expect(await stockSnapshot(t, admin, ['nic', 'ram', 'storage'])).toEqual(reservedState);
    });

    it('deploys into the chosen slots (one freed by the same ticket) and sends removed units where the technician says', async () => {
      // An old updatedAt, so that the deploy's own is later whatever the clock's resolution.
      await t.dataSource.query('UPDATE server_configurations SET updated_at = ? WHERE config_uuid = ?', ['2020-01-01 00:00:00', SERVER.webProd01]);
      const res = await act(t, tech, id, 'deploy', {
        notes: 'Old NIC to RMA',
        placements: [
          { itemId: items.nic, slot: 'PCIe slot 1' },
          { itemId: items.ssd, slot: 'Bay 5' },
        ],
        removals: [
          { itemId: items.nic, destination: 'failed' },
          { itemId: items.ram, destination: 'retired' },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('deployed');
      const server = await serverDetail(t, requester, SERVER.webProd01);
      expect(Date.parse(server.updatedAt)).toBeGreaterThan(Date.parse('2021-01-01T00:00:00Z'));
      expect(server.components.find((c) => c.id === newNicId)?.slot).toBe('PCIe slot 1');
      expect(server.components.find((c) => c.id === newSsdId)?.slot).toBe('Bay 5');
      expect(server.build.find((g) => g.slot === 'Bay 5')?.units.map((u) => u.id)).toEqual([newSsdId]);
      expect(await unit(oldNic.id)).toMatchObject({ status: 'failed', serverUuid: null, slot: null, claim: null });
      for (const ram of removedRam) expect(await unit(ram)).toMatchObject({ status: 'retired', serverUuid: null });

      const nicLog = await unitLog(oldNic.id);
      expect(nicLog.map((e) => e.event)).toEqual(['reserved', 'removed']);
      expect(nicLog[1]).toMatchObject({ source: 'ticket', ticket: { ticketNumber }, before: { status: 'in_use', serverUuid: SERVER.webProd01, slot: 'PCIe slot 1' }, after: { status: 'failed', serverUuid: null, slot: null } });
      expect(nicLog[1]?.user?.username).toBe('tech');
      expect((await unitLog(newSsdId)).map((e) => [e.event, e.after.status, e.after.slot])).toEqual([
        ['reserved', 'reserved', null],
        ['installed', 'in_use', 'Bay 5'],
      ]);
    });

    it('shows the change in the server history: what came and went, by which ticket and whom', async () => {
      const res = await t.http.get<Page<ServerHistoryEntry>>(`/api/servers/${SERVER.webProd01}/history`, { token: requester });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(5);
      const seen = res.body.items.map((e) => `${e.change} ${e.unit.id} ${e.slotBefore ?? '-'}→${e.slotAfter ?? '-'} ${e.ticket?.ticketNumber} ${e.user?.username}`).sort();
      expect(seen).toEqual(
        [
          `installed ${newNicId} -→PCIe slot 1 ${ticketNumber} tech`,
          `installed ${newSsdId} -→Bay 5 ${ticketNumber} tech`,
          `removed ${oldNic.id} PCIe slot 1→- ${ticketNumber} tech`,
          ...removedRam.map((ram) => `removed ${ram} ${serverBefore.components.find((c) => c.startsWith(`${ram}|`))?.split('|')[4]}→- ${ticketNumber} tech`),
        ].sort(),
      );
      expect(res.body.items.find((e) => e.unit.id === newSsdId)?.unit.model).toContain('PM9A3');
      expect((await serverDetail(t, requester, SERVER.webProd01)).historyUrl).toBe(`/api/servers/${SERVER.webProd01}/history`);
    });

    it('rolls back both: removed units back in their slots (in use), installed units out of theirs, all logged', async () => {
      const res = await act(t, tech, id, 'rollback', { reason: 'Wrong NIC firmware' });
      expect(res.status).toBe(200);
      expect(await serverSnapshot(t, admin, SERVER.webProd01)).toEqual(serverBefore);
      expect(await stockSnapshot(t, admin, ['nic', 'ram', 'storage'])).toEqual(reservedState);
      expect(await unit(oldNic.id)).toMatchObject({ status: 'in_use', serverUuid: SERVER.webProd01, slot: 'PCIe slot 1' });
      const last = (await unitLog(oldNic.id)).at(-1);
      expect(last).toMatchObject({ event: 'rolled_back', before: { status: 'failed' }, after: { status: 'in_use', serverUuid: SERVER.webProd01, slot: 'PCIe slot 1' }, ticket: { ticketNumber } });
      expect((await unitLog(newSsdId)).at(-1)).toMatchObject({ event: 'rolled_back', before: { status: 'in_use', slot: 'Bay 5' }, after: { status: 'reserved', serverUuid: null, slot: null } });
      const historyTotal = (await t.http.get<Page<ServerHistoryEntry>>(`/api/servers/${SERVER.webProd01}/history`, { token: requester })).body.total;
      expect(historyTotal).toBe(10);
    });

    it('a second deploy without choices uses the defaults (back to stock, next free slot), and rolls back again', async () => {
      await actAll(t, id, [[tech, 'deploy']]);
      expect(await unit(oldNic.id)).toMatchObject({ status: 'available', serverUuid: null });
      for (const ram of removedRam) expect((await unit(ram)).status).toBe('available');
      expect((await unit(newSsdId)).slot).toBe('Bay 2');
      await actAll(t, id, [[tech, 'rollback', { reason: 'again' }]]);
      expect(await serverSnapshot(t, admin, SERVER.webProd01)).toEqual(serverBefore);
    });

    it('cancel releases the reservations and logs the release of each unit', async () => {
      await actAll(t, id, [[manager, 'cancel', { comment: 'Postponed' }]]);
      expect((await unit(newNicId)).status).toBe('available');
      expect((await unitLog(newNicId)).at(-1)).toMatchObject({ event: 'released', before: { status: 'reserved' }, after: { status: 'available' }, ticket: { ticketNumber } });
      expect((await unitLog(oldNic.id)).at(-1)).toMatchObject({ event: 'released', before: { status: 'in_use' }, after: { status: 'in_use' } });
      expect((await unit(oldNic.id)).claim).toBeNull();
      // Free again: a direct edit now moves it, and says so in its log.
      const moved = await t.http.patch<ComponentUnitDetail>(`/api/components/${newNicId}`, { token: admin, body: { location: 'Shelf 9' } });
      expect([moved.status, moved.body.location]).toEqual([200, 'Shelf 9']);
      expect((await unitLog(newNicId)).at(-1)).toMatchObject({ event: 'moved', source: 'stock_edit', ticket: null, after: { location: 'Shelf 9' } });
    });
  });

  it('rollback refuses (409) when a removed unit was moved on since the deploy sent it to stock', async () => {
    const detail = await serverDetail(t, admin, SERVER.dbProd01);
    const ram = detail.components.find((c) => c.componentType === 'ram');
    const created = await createTicket(t, requester, {
      title: 'Take one DIMM out of db-prod-01',
      ticketType: 'component_removal',
      targetServerUuid: SERVER.dbProd01,
      items: [{ action: 'remove', componentType: 'ram', componentSerial: ram?.serialNumber ?? '', quantity: 1 }],
    });
    await actAll(t, created.id, [
      [manager, 'approve'],
      [manager, 'assign', { assigneeId: techId }],
      [tech, 'start'],
      [tech, 'deploy', { removals: [{ itemId: created.items[0]?.id, destination: 'available' }] }],
    ]);
    const retired = await t.http.post<ComponentUnitDetail>(`/api/components/${ram?.id}/retire`, { token: admin, body: { reason: 'scrapped' } });
    expect(retired.status).toBe(200);
    const res = await act(t, tech, created.id, 'rollback', { reason: 'undo' });
    expect([res.status, res.body.code]).toEqual([409, 'CONFLICT']);
    expect((await unit(ram?.id ?? 0)).status).toBe('retired');
  });
});

describeEachEngine('demo tickets deployed through the workflow', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demoTickets: true });
  });
  afterAll(async () => t?.close());

  it('keep their deployment notes (the deploy request carries them)', async () => {
    const rows: { n: number | string }[] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM tickets WHERE deployment_notes = 'Installed, memtest passed'`);
    expect(Number(rows[0]?.n)).toBe(1);
  });

  describe('a new server: caddy on automatic, its drive in a chosen bay', () => {
    it('puts the caddy in the bay of the drive it carries, even when the caddy item comes first', async () => {
      const [requester, manager, tech, admin] = await Promise.all(['requester', 'manager', 'tech', 'admin'].map((u) => t.login(u)));
      const techId = await demoUserId(t, 'tech');
      const created = await t.http.post<{ uuid: string }>('/api/servers', { token: admin, body: { name: 'caddy-follows-drive-01' } });
      expect(created.status).toBe(201);
      const ticket = await createTicket(t, requester, {
        title: 'First build with a drive in bay 2',
        targetServerUuid: created.body.uuid,
        items: [addItem('caddy', MODEL.caddyDell25), addItem('chassis', MODEL.chassisDellR760), addItem('storage', MODEL.ssdMicron5400)],
      });
      expect(ticket.validation.valid, JSON.stringify(ticket.validation)).toBe(true);
      const drive = ticket.items[2]?.id ?? 0;
      await actAll(t, ticket.id, [
        [manager, 'approve'],
        [manager, 'assign', { assigneeId: techId }],
        [tech, 'start'],
        [tech, 'deploy', { placements: [{ itemId: drive, slot: 'Bay 2' }] }],
      ]);
      const server = await serverDetail(t, admin, created.body.uuid);
      const slotOf = (type: string) => server.components.find((c) => c.componentType === type)?.slot;
      expect([slotOf('storage'), slotOf('caddy')]).toEqual(['Bay 2', 'Bay 2']);
    });
  });
});
