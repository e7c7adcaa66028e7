import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketItemInput } from '@bdc/contracts';
import { TicketHistoryEntity } from '../src/history/ticket-history.entity';
import { ComponentStockEntity } from '../src/inventory/component-stock.entity';
import { ServerEntity } from '../src/inventory/server.entity';
import { TicketItemAllocationEntity } from '../src/ticket-items/ticket-item-allocation.entity';
import { TicketItemEntity } from '../src/ticket-items/ticket-item.entity';
import { TicketEntity } from '../src/tickets/ticket.entity';
import { describeEachEngine } from './engines';
import { createTestApp, type TestApp } from './harness';
import { demoUserId, findStock } from './factories';
import { act, actAll, addItem, createTicket, getTicket, MODEL, SERVER } from './ticket-helpers';

/**
 * What happens when the inventory moved under a ticket: every refusal is a clear 4xx and leaves every
 * row exactly as it was (ticket, items, allocations, stock, servers, history), never a 500 and never
 * half a change.
 */
describeEachEngine('ticket failure paths: refusals change nothing', (engine) => {
  let t: TestApp;
  let requester: string;
  let manager: string;
  let manager2: string;
  let tech: string;
  let techId: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    [requester, manager, manager2, tech] = await Promise.all(['requester', 'manager', 'manager2', 'tech'].map((u) => t.login(u)));
    techId = await demoUserId(t, 'tech');
  });
  afterAll(async () => t?.close());

  /** Every row a workflow action could touch, read straight from the database. */
  async function snapshot(ticketId: number) {
    const m = t.dataSource.manager;
    const items = await m.find(TicketItemEntity, { where: { ticketId }, order: { id: 'ASC' } });
    const itemIds = new Set(items.map((i) => i.id));
    return {
      ticket: await m.findOneOrFail(TicketEntity, { where: { id: ticketId } }),
      items,
      allocations: (await m.find(TicketItemAllocationEntity, { order: { id: 'ASC' } })).filter((a) => itemIds.has(a.ticketItemId)),
      stock: await m.find(ComponentStockEntity, { order: { id: 'ASC' } }),
      servers: await m.find(ServerEntity, { order: { id: 'ASC' } }),
      history: await m.count(TicketHistoryEntity),
    };
  }

  async function installedSerial(serverUuid: string, model: string, index = 0): Promise<string> {
    const unit = (await findStock(t, { serverUuid, model, status: 'in_use' }))[index];
    if (!unit?.serialNumber) throw new Error(`no ${model} in ${serverUuid}`);
    return unit.serialNumber;
  }
  async function spareSerial(model: string, index = 0): Promise<string> {
    const unit = (await findStock(t, { model, status: 'available', serverUuid: null }))[index];
    if (!unit?.serialNumber) throw new Error(`no spare ${model}`);
    return unit.serialNumber;
  }
  const unitBySerial = (serialNumber: string) => t.dataSource.manager.findOneOrFail(ComponentStockEntity, { where: { serialNumber } });
  const setUnit = (serialNumber: string, values: Partial<Pick<ComponentStockEntity, 'status' | 'serverUuid' | 'slotPosition'>>) =>
    t.dataSource.manager.update(ComponentStockEntity, { serialNumber }, values);
  const removeItem = (componentType: TicketItemInput['componentType'], componentSerial: string): TicketItemInput => ({ action: 'remove', componentType, componentSerial, quantity: 1 });

  async function inProgress(items: TicketItemInput[], targetServerUuid: string): Promise<number> {
    const created = await createTicket(t, requester, { ticketType: 'component_replacement', targetServerUuid, items });
    expect(created.validation.valid).toBe(true);
    await actAll(t, created.id, [
      [manager, 'approve'],
      [manager, 'assign', { assigneeId: techId }],
      [tech, 'start'],
    ]);
    return created.id;
  }

  describe('rollback when the inventory moved since the deploy', () => {
    let id: number;
    let installed: string;
    let removed: string;

    beforeAll(async () => {
      removed = await installedSerial(SERVER.dbProd01, MODEL.hddToshibaMg09);
      // Rollback reverts the items last to first: the unit that moved belongs to the first item, so
      // the second one has already been reverted when the failure is found, and must be undone.
      id = await inProgress([addItem('ram', MODEL.ramSamsung64, 1), removeItem('storage', removed)], SERVER.dbProd01);
      const deployed = await actAll(t, id, [[tech, 'deploy']]);
      expect(deployed.status).toBe('deployed');
      const [ram] = (await t.dataSource.manager.find(TicketItemAllocationEntity, { where: { ticketItemId: deployed.items[0]?.id, direction: 'install' } })).map((a) => a.componentId);
      installed = (await t.dataSource.manager.findOneOrFail(ComponentStockEntity, { where: { id: ram } })).serialNumber ?? 'missing';
      expect(await unitBySerial(removed)).toMatchObject({ status: 'available', serverUuid: null });
    });

    it('refuses (409) when a unit the deploy installed was since marked failed, changing nothing', async () => {
      await setUnit(installed, { status: 'failed' });
      const before = await snapshot(id);
      const res = await act(t, tech, id, 'rollback', { reason: 'Disk array degraded' });
      expect([res.status, res.body.code]).toEqual([409, 'CONFLICT']);
      expect(res.body.message).toContain(installed);
      expect(res.body.message).toContain('failed');
      expect(await snapshot(id)).toEqual(before);
      await setUnit(installed, { status: 'in_use' });
    });

    it('refuses (409) when a unit the deploy removed was since installed in another server, changing nothing', async () => {
      await setUnit(removed, { status: 'in_use', serverUuid: SERVER.backup01, slotPosition: 'Bay 12' });
      const before = await snapshot(id);
      const res = await act(t, tech, id, 'rollback', { reason: 'Disk array degraded' });
      expect([res.status, res.body.code]).toEqual([409, 'CONFLICT']);
      expect(res.body.message).toContain(removed);
      expect(await snapshot(id)).toEqual(before);
      expect((await getTicket(t, tech, id)).status).toBe('deployed');
    });

    it('goes through once the inventory is back as the deploy left it', async () => {
      await setUnit(removed, { status: 'available', serverUuid: null, slotPosition: null });
      const res = await act(t, tech, id, 'rollback', { reason: 'Disk array degraded' });
      expect(res.status).toBe(200);
      expect(await unitBySerial(removed)).toMatchObject({ status: 'in_use', serverUuid: SERVER.dbProd01 });
      expect(await unitBySerial(installed)).toMatchObject({ status: 'reserved', serverUuid: null });
    });
  });

  describe('rollback when a server setting the deploy changed was changed again since', () => {
    it('refuses (409) instead of overwriting the newer value, changing nothing', async () => {
      const setting: TicketItemInput = { action: 'modify', componentType: 'motherboard', quantity: 1, specifications: { setting: 'iommu' }, currentValue: 'enabled', requestedValue: 'disabled' };
      const created = await createTicket(t, requester, { ticketType: 'configuration_change', targetServerUuid: SERVER.mlInfer01, items: [setting] });
      await actAll(t, created.id, [
        [manager, 'approve'],
        [manager, 'assign', { assigneeId: techId }],
        [tech, 'start'],
        [tech, 'deploy'],
      ]);
      const server = () => t.dataSource.manager.findOneOrFail(ServerEntity, { where: { uuid: SERVER.mlInfer01 } });
      expect((await server()).settings?.['iommu']).toBe('disabled');
      // Someone re-enabled it directly on the server afterwards.
      await t.dataSource.manager.update(ServerEntity, { uuid: SERVER.mlInfer01 }, { settings: { ...(await server()).settings, iommu: 'passthrough' } });
      const before = await snapshot(created.id);

      const res = await act(t, tech, created.id, 'rollback', { reason: 'Guests lost their devices' });
      expect([res.status, res.body.code]).toEqual([409, 'CONFLICT']);
      expect(res.body.message).toContain('iommu');
      expect(await snapshot(created.id)).toEqual(before);

      // Back to what the deploy left, the rollback restores the value from before the deploy.
      await t.dataSource.manager.update(ServerEntity, { uuid: SERVER.mlInfer01 }, { settings: { ...(await server()).settings, iommu: 'disabled' } });
      expect((await act(t, tech, created.id, 'rollback', { reason: 'Guests lost their devices' })).status).toBe(200);
      expect((await server()).settings?.['iommu']).toBe('enabled');
    });
  });

  describe('deploy when a unit to remove is no longer installed', () => {
    it('refuses (409 DEPLOY_FAILED) after applying nothing, even the items before it', async () => {
      const pulled = await installedSerial(SERVER.webProd01, MODEL.ramSamsung32, 3);
      // The first item (an install) is applied before the second is found impossible.
      const id = await inProgress([addItem('storage', MODEL.ssdPm9a3U2), removeItem('ram', pulled)], SERVER.webProd01);
      // Someone pulled the module by hand and put it on the shelf as failed.
      await setUnit(pulled, { status: 'failed', serverUuid: null, slotPosition: null });
      const before = await snapshot(id);

      const res = await act(t, tech, id, 'deploy', { notes: 'swap' });
      expect([res.status, res.body.code]).toEqual([409, 'DEPLOY_FAILED']);
      expect(res.body.message).toContain(pulled);
      expect(res.body.message).toContain('no longer installed');
      expect(await snapshot(id)).toEqual(before);
      expect(before.ticket.status).toBe('in_progress');
    });

    it('refuses it too when the unit now sits in another server', async () => {
      const moved = await installedSerial(SERVER.webProd01, MODEL.ramSamsung32, 4);
      const id = await inProgress([removeItem('ram', moved)], SERVER.webProd01);
      await setUnit(moved, { serverUuid: SERVER.backup01 });
      const before = await snapshot(id);
      const res = await act(t, tech, id, 'deploy');
      expect([res.status, res.body.code]).toEqual([409, 'DEPLOY_FAILED']);
      expect(await snapshot(id)).toEqual(before);
    });
  });

  describe('a pinned serial taken by another ticket before approval', () => {
    it('refuses the second approval of the same spare unit (409 naming the ticket that holds it, nothing reserved)', async () => {
      const serial = await spareSerial(MODEL.cpuEpyc9354);
      const pin = [addItem('cpu', MODEL.cpuEpyc9354, 1, { componentSerial: serial })];
      const first = await createTicket(t, requester, { targetServerUuid: SERVER.k8sNode05, items: pin });
      const second = await createTicket(t, requester, { targetServerUuid: SERVER.k8sNode05, items: pin });
      expect([first.validation.valid, second.validation.valid]).toEqual([true, true]);
      // Both are flagged: each names the other.
      expect(second.conflicts?.map((c) => c.ticketNumber)).toEqual([first.ticketNumber]);
      await actAll(t, first.id, [[manager, 'approve']]);
      const before = await snapshot(second.id);

      const res = await act(t, manager2, second.id, 'approve');
      expect([res.status, res.body.code]).toEqual([409, 'CONFLICT']);
      expect(res.body.message).toContain(serial);
      expect(res.body.message).toContain(first.ticketNumber);
      expect(await snapshot(second.id)).toEqual(before);
      expect(before.allocations).toEqual([]);
      expect(before.ticket.status).toBe('pending');
      expect(await unitBySerial(serial)).toMatchObject({ status: 'reserved' });
    });

    it('refuses the approval when the pinned spare was marked failed directly (422, nothing reserved)', async () => {
      const serial = await spareSerial(MODEL.cpuEpyc9354);
      const ticket = await createTicket(t, requester, { targetServerUuid: SERVER.k8sNode05, items: [addItem('cpu', MODEL.cpuEpyc9354, 1, { componentSerial: serial })] });
      await setUnit(serial, { status: 'failed' });
      const before = await snapshot(ticket.id);
      const res = await act(t, manager, ticket.id, 'approve');
      expect([res.status, res.body.code]).toEqual([422, 'ITEMS_INVALID']);
      expect(res.body.details?.items?.[0]?.message).toContain(serial);
      expect(await snapshot(ticket.id)).toEqual(before);
      expect(before.allocations).toEqual([]);
    });

    it('refuses the second approval of a removal of the same installed unit (409 naming the ticket that holds it, nothing reserved)', async () => {
      const serial = await installedSerial(SERVER.backup01, MODEL.hddExosX18, 5);
      const first = await createTicket(t, requester, { ticketType: 'component_removal', targetServerUuid: SERVER.backup01, items: [removeItem('storage', serial)] });
      const second = await createTicket(t, requester, { ticketType: 'component_removal', targetServerUuid: SERVER.backup01, items: [removeItem('storage', serial)] });
      await actAll(t, first.id, [[manager, 'approve']]);
      const before = await snapshot(second.id);

      const res = await act(t, manager2, second.id, 'approve');
      expect([res.status, res.body.code]).toEqual([409, 'CONFLICT']);
      expect(res.body.message).toContain(serial);
      expect(res.body.message).toContain(first.ticketNumber);
      expect(await snapshot(second.id)).toEqual(before);
      expect(before.allocations).toEqual([]);
    });
  });
});
