import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_NUMBER_PATTERN, type ValidationReport } from '@bdc/contracts';
import { ComponentStockEntity } from '../src/inventory/component-stock.entity';
import { describeEachEngine } from './engines';
import { createTestApp, type TestApp } from './harness';
import { demoUserId } from './factories';
import {
  act,
  actAll,
  addItem,
  createTicket,
  getTicket,
  history,
  MODEL,
  SERVER,
  serverDetail,
  serverSnapshot,
  stockSnapshot,
  ticketCount,
  unitsOfModel,
} from './ticket-helpers';

describeEachEngine('ticket lifecycle and inventory', (engine) => {
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

  it('runs create → approve → assign → start → deploy → complete and applies the items to the server', async () => {
    const cpusBefore = await unitsOfModel(t, admin, 'cpu', MODEL.cpuEpyc9124, 'available');
    const ramBefore = await unitsOfModel(t, admin, 'ram', MODEL.ramMicron32, 'available');
    const created = await createTicket(t, requester, {
      title: 'Bring k8s-node-05 up',
      targetServerUuid: SERVER.k8sNode05,
      items: [
        addItem('cpu', MODEL.cpuEpyc9124),
        addItem('ram', MODEL.ramMicron32, 2),
        { action: 'modify', componentType: 'motherboard', quantity: 1, specifications: { setting: 'bios_profile' }, requestedValue: 'performance' },
      ],
    });
    expect(created.status).toBe('pending');
    expect(created.ticketNumber).toMatch(TICKET_NUMBER_PATTERN);
    expect(created.createdBy.username).toBe('requester');
    expect(created.submittedAt).not.toBeNull();
    expect(created.items.map((i) => [i.action, i.itemType, i.validationStatus])).toEqual([
      ['add', 'component', 'valid'],
      ['add', 'component', 'valid'],
      // k8s-node-05 has no bios_profile yet: allowed, and flagged as a new setting.
      ['modify', 'configuration', 'warning'],
    ]);
    expect(created.items[2]?.validationMessage).toBe('bios_profile is a new setting for k8s-node-05: it will be added');
    expect(created.items[0]?.componentName).toBe('AMD EPYC 9124');
    expect(created.validation).toMatchObject({ itemsValidated: true, valid: true });
    expect(created.allowedActions).toEqual(['cancel', 'comment']);
    expect((await getTicket(t, manager, created.id)).allowedActions).toEqual(['approve', 'reject', 'cancel', 'comment', 'comment_internal']);

    const approved = await actAll(t, created.id, [[manager, 'approve', { comment: 'ok' }]]);
    expect(approved).toMatchObject({ status: 'approved', approvedBy: { username: 'manager' } });
    expect(approved.approvedAt).not.toBeNull();
    const reservedCpus = await unitsOfModel(t, admin, 'cpu', MODEL.cpuEpyc9124, 'reserved');
    expect(reservedCpus).toHaveLength(1);
    expect(await unitsOfModel(t, admin, 'cpu', MODEL.cpuEpyc9124, 'available')).toHaveLength(cpusBefore.length - 1);
    expect(await unitsOfModel(t, admin, 'ram', MODEL.ramMicron32, 'available')).toHaveLength(ramBefore.length - 2);

    const assigned = await actAll(t, created.id, [[manager, 'assign', { assigneeId: techId }]]);
    expect(assigned).toMatchObject({ status: 'approved', assignedTo: { username: 'tech' } });
    expect((await getTicket(t, tech, created.id)).allowedActions).toContain('start');

    const deployed = await actAll(t, created.id, [
      [tech, 'start'],
      [tech, 'deploy', { notes: 'Installed and tested' }],
    ]);
    expect(deployed).toMatchObject({ status: 'deployed', deploymentNotes: 'Installed and tested' });
    expect(deployed.items.every((i) => i.fulfilled && i.fulfilledAt !== null)).toBe(true);
    expect(deployed.items.map((i) => i.fulfilledComponentUuid)).toEqual([MODEL.cpuEpyc9124, MODEL.ramMicron32, null]);
    expect(deployed.items[0]?.fulfillmentNotes).toContain(reservedCpus[0]?.serialNumber ?? 'missing');

    const server = await serverDetail(t, requester, SERVER.k8sNode05);
    expect(server.settings['bios_profile']).toBe('performance');
    const cpu = server.components.find((c) => c.componentType === 'cpu');
    expect(cpu).toMatchObject({ uuid: MODEL.cpuEpyc9124, serialNumber: reservedCpus[0]?.serialNumber, slot: 'CPU1' });
    expect(server.components.filter((c) => c.componentType === 'ram').map((c) => c.slot)).toEqual(['DIMM A1', 'DIMM A2']);
    const installedCpu = (await unitsOfModel(t, admin, 'cpu', MODEL.cpuEpyc9124)).find((u) => u.id === cpu?.id);
    expect(installedCpu).toMatchObject({ status: 'in_use', serverUuid: SERVER.k8sNode05 });

    const completed = await actAll(t, created.id, [[tech, 'complete', { notes: 'All good' }]]);
    expect(completed).toMatchObject({ status: 'completed', reviewedBy: { username: 'tech' } });
    expect(completed.completedAt).not.toBeNull();
    expect(completed.allowedActions).toEqual(['comment']);
    expect((await history(t, manager, created.id)).filter((h) => h.action === 'status_change').map((h) => h.newValue)).toEqual([
      'approved',
      'in_progress',
      'deployed',
      'completed',
    ]);
  });

  describe('on web-prod-01 (replace, remove, add and modify together)', () => {
    let id: number;
    let beforeApproval: Awaited<ReturnType<typeof stockSnapshot>>;
    let reservedState: Awaited<ReturnType<typeof stockSnapshot>>;
    let serverBefore: Awaited<ReturnType<typeof serverSnapshot>>;
    let oldNicSerial: string;

    beforeAll(async () => {
      const detail = await serverDetail(t, admin, SERVER.webProd01);
      oldNicSerial = detail.components.find((c) => c.uuid === MODEL.nicE810Xxvda2)?.serialNumber ?? 'missing';
      const created = await createTicket(t, requester, {
        title: 'Rework web-prod-01',
        ticketType: 'component_replacement',
        items: [
          { action: 'replace', componentType: 'nic', currentValue: oldNicSerial, componentUuid: MODEL.nicConnectX6Lx, quantity: 1 },
          { action: 'remove', componentType: 'ram', componentUuid: MODEL.ramSamsung32, quantity: 2 },
          addItem('storage', MODEL.ssdPm9a3U2),
          { action: 'modify', componentType: 'motherboard', quantity: 1, specifications: { setting: 'hyperthreading' }, currentValue: 'enabled', requestedValue: 'disabled' },
        ],
      });
      expect(created.validation.valid).toBe(true);
      id = created.id;
      beforeApproval = await stockSnapshot(t, admin, ['nic', 'ram', 'storage']);
      await actAll(t, id, [
        [manager, 'approve'],
        [manager, 'assign', { assigneeId: techId }],
        [tech, 'start'],
      ]);
      reservedState = await stockSnapshot(t, admin, ['nic', 'ram', 'storage']);
      serverBefore = await serverSnapshot(t, admin, SERVER.webProd01);
    });

    it('deploys every item in one go', async () => {
      const deployed = await actAll(t, id, [[tech, 'deploy']]);
      expect(deployed.status).toBe('deployed');
      const server = await serverDetail(t, admin, SERVER.webProd01);
      expect(server.settings['hyperthreading']).toBe('disabled');
      expect(server.components.some((c) => c.serialNumber === oldNicSerial)).toBe(false);
      expect(server.components.filter((c) => c.uuid === MODEL.nicConnectX6Lx)).toHaveLength(1);
      expect(server.components.filter((c) => c.uuid === MODEL.ramSamsung32)).toHaveLength(6);
      expect(server.components.filter((c) => c.uuid === MODEL.ssdPm9a3U2)).toHaveLength(3);
      const oldNic = (await unitsOfModel(t, admin, 'nic', MODEL.nicE810Xxvda2)).find((u) => u.serialNumber === oldNicSerial);
      expect(oldNic).toMatchObject({ status: 'available', serverUuid: null });
      expect(deployed.items.every((i) => i.fulfilled)).toBe(true);
      expect(deployed.items[0]?.fulfillmentNotes).toContain(oldNicSerial);
    });

    it('rolls back exactly what deploy applied', async () => {
      const rolledBack = await actAll(t, id, [[tech, 'rollback', { reason: 'NIC firmware issue' }]]);
      expect(rolledBack.status).toBe('in_progress');
      expect(rolledBack.deployedAt).toBeNull();
      expect(rolledBack.items.every((i) => !i.fulfilled && i.fulfilledAt === null && i.fulfilledComponentUuid === null)).toBe(true);
      expect(await serverSnapshot(t, admin, SERVER.webProd01)).toEqual(serverBefore);
      expect(await stockSnapshot(t, admin, ['nic', 'ram', 'storage'])).toEqual(reservedState);
      // Dates are not in the API: the units that came back to the shelf have no installation date again.
      const reserved = await t.dataSource.manager.find(ComponentStockEntity, { where: { status: 'reserved' } });
      expect(reserved.length).toBeGreaterThan(0);
      expect(reserved.every((u) => u.installationDate === null && u.slotPosition === null)).toBe(true);
      const entries = await history(t, manager, id);
      expect(entries.filter((h) => h.action === 'item_reverted')).toHaveLength(4);
    });

    it('deploys again after a rollback, rolls back, and cancel gives the reserved stock back', async () => {
      await actAll(t, id, [
        [tech, 'deploy'],
        [tech, 'rollback', { reason: 'Second attempt failed too' }],
      ]);
      expect(await serverSnapshot(t, admin, SERVER.webProd01)).toEqual(serverBefore);
      const cancelled = await actAll(t, id, [[manager, 'cancel', { comment: 'Postponed' }]]);
      expect(cancelled.status).toBe('cancelled');
      expect(await stockSnapshot(t, admin, ['nic', 'ram', 'storage'])).toEqual(beforeApproval);
      expect((await history(t, manager, id)).filter((h) => h.action === 'stock_released').length).toBeGreaterThan(0);
    });
  });

  it('deploys atomically: one unapplicable item changes nothing, and the ticket stays in progress', async () => {
    const created = await createTicket(t, requester, {
      title: 'GPU and scratch disks',
      targetServerUuid: SERVER.mlInfer01,
      items: [addItem('storage', MODEL.ssdMicron5400, 2), addItem('pciecard', MODEL.gpuNvidiaL4)],
    });
    await actAll(t, created.id, [
      [manager, 'approve'],
      [manager, 'assign', { assigneeId: techId }],
      [tech, 'start'],
    ]);
    const serverBefore = await serverSnapshot(t, admin, SERVER.mlInfer01);
    const stockBefore = await stockSnapshot(t, admin, ['storage', 'pciecard']);
    const [gpu] = await unitsOfModel(t, admin, 'pciecard', MODEL.gpuNvidiaL4, 'reserved');
    expect(gpu).toBeDefined();
    // Someone flags the reserved GPU as failed between approval and deploy.
    await t.dataSource.manager.update(ComponentStockEntity, { id: gpu?.id }, { status: 'failed' });

    const res = await act(t, tech, created.id, 'deploy');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DEPLOY_FAILED');
    expect(res.body.message).toContain(gpu?.serialNumber ?? 'missing');
    expect(res.body.message).toContain('failed');

    const after = await getTicket(t, tech, created.id);
    expect(after.status).toBe('in_progress');
    expect(after.deployedAt).toBeNull();
    expect(after.items.some((i) => i.fulfilled)).toBe(false);
    expect(await serverSnapshot(t, admin, SERVER.mlInfer01)).toEqual(serverBefore);
    expect(await stockSnapshot(t, admin, ['storage', 'pciecard'])).toEqual({ ...stockBefore, [gpu?.id ?? 0]: 'failed|-' });
    expect((await history(t, manager, created.id)).some((h) => h.action === 'item_fulfilled' || h.newValue === 'deployed')).toBe(false);

    // The failure was the GPU: once it is back, the same deploy goes through.
    await t.dataSource.manager.update(ComponentStockEntity, { id: gpu?.id }, { status: 'reserved' });
    expect((await act(t, tech, created.id, 'deploy')).status).toBe(200);
  });

  it('refuses to delete a deployed ticket; deleting others gives their reservations back', async () => {
    const before = await unitsOfModel(t, admin, 'ram', MODEL.ramSamsung64, 'available');
    const approved = await createTicket(t, requester, { targetServerUuid: SERVER.dbProd01, items: [addItem('ram', MODEL.ramSamsung64, 2)] });
    await actAll(t, approved.id, [[manager, 'approve']]);
    expect(await unitsOfModel(t, admin, 'ram', MODEL.ramSamsung64, 'available')).toHaveLength(before.length - 2);

    expect((await t.http.delete(`/api/tickets/${approved.id}`, { token: manager })).status).toBe(403);
    expect((await t.http.delete(`/api/tickets/${approved.id}`, { token: admin })).status).toBe(204);
    expect((await t.http.get(`/api/tickets/${approved.id}`, { token: admin })).status).toBe(404);
    expect(await unitsOfModel(t, admin, 'ram', MODEL.ramSamsung64, 'available')).toHaveLength(before.length);

    const deployed = await createTicket(t, requester, { targetServerUuid: SERVER.dbProd01, items: [addItem('ram', MODEL.ramSamsung64, 2)] });
    await actAll(t, deployed.id, [
      [manager, 'approve'],
      [manager, 'assign', { assigneeId: techId }],
      [tech, 'start'],
      [tech, 'deploy'],
    ]);
    const refused = await t.http.delete<{ code: string }>(`/api/tickets/${deployed.id}`, { token: admin });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONFLICT');
    expect((await getTicket(t, admin, deployed.id)).status).toBe('deployed');
  });

  it('validate-items is a dry run of the same validation', async () => {
    const count = await ticketCount(t);
    const res = await t.http.post<ValidationReport>('/api/tickets/validate-items', {
      token: requester,
      body: {
        targetServerUuid: SERVER.backup01,
        items: [addItem('ram', MODEL.ramSamsung32), addItem('ram', MODEL.ramSamsung32Ddr4), addItem('cpu', MODEL.cpuEpyc9354)],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.items.map((i) => i.status)).toEqual(['valid', 'invalid', 'invalid']);
    expect(res.body.items[1]?.message).toContain('DDR4');
    expect(res.body.items[2]?.message).toContain('SP5');
    expect(await ticketCount(t)).toBe(count);
    const unknownServer = await t.http.post<{ code: string }>('/api/tickets/validate-items', { token: requester, body: { targetServerUuid: 'nope', items: [] } });
    expect(unknownServer.status).toBe(404);
    expect(unknownServer.body.code).toBe('SERVER_NOT_FOUND');
  });
});
