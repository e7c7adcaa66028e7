import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, type ErrorBody, type TicketDetail, type UpdateTicketRequest } from '@bdc/contracts';
import { ComponentStockEntity } from '../src/inventory/component-stock.entity';
import { TicketItemAllocationEntity } from '../src/ticket-items/ticket-item-allocation.entity';
import { TicketItemEntity } from '../src/ticket-items/ticket-item.entity';
import { describeEachEngine } from './engines';
import { createTestApp, type TestApp } from './harness';
import { demoUserId } from './factories';
import { act, actAll, addItem, createTicket, getTicket, history, historyRows, MODEL, SERVER, serverSnapshot } from './ticket-helpers';

/**
 * Separation of duties around review: an approval covers exactly what it saw (an edit of what the
 * ticket does sends it back for review), the creator reviews neither way, and a rollback says why.
 */
describeEachEngine('ticket review: edits after approval, self-review, rollback reasons', (engine) => {
  let t: TestApp;
  let requester: string;
  let manager: string;
  let manager2: string;
  let tech: string;
  let admin: string;
  let techId: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    [requester, manager, manager2, tech, admin] = await Promise.all(['requester', 'manager', 'manager2', 'tech', 'admin'].map((u) => t.login(u)));
    techId = await demoUserId(t, 'tech');
  });
  afterAll(async () => t?.close());

  /** Allocation rows of a ticket, by state. */
  async function allocations(ticketId: number): Promise<TicketItemAllocationEntity[]> {
    const items = await t.dataSource.manager.find(TicketItemEntity, { where: { ticketId } });
    const all = await t.dataSource.manager.find(TicketItemAllocationEntity, { order: { id: 'ASC' } });
    const ids = new Set(items.map((i) => i.id));
    return all.filter((a) => ids.has(a.ticketItemId));
  }
  async function stockRows(ids: number[]): Promise<[number, string, string | null][]> {
    const rows = await t.dataSource.manager.find(ComponentStockEntity, { order: { id: 'ASC' } });
    return rows.filter((r) => ids.includes(r.id)).map((r) => [r.id, r.status, r.serverUuid]);
  }
  const reservedIds = async (ticketId: number) => (await allocations(ticketId)).filter((a) => a.state === 'reserved' && a.direction === 'install').map((a) => a.componentId);

  /** The body the SPA's edit form sends: every field, items included, even when only one changed. */
  function formBody(ticket: TicketDetail, overrides: UpdateTicketRequest = {}): UpdateTicketRequest {
    return {
      title: ticket.title,
      description: ticket.description,
      ticketType: ticket.ticketType,
      priority: ticket.priority,
      targetServerUuid: ticket.targetServerUuid,
      items: ticket.items.map((i) => ({
        action: i.action,
        componentType: i.componentType,
        componentUuid: i.componentUuid,
        componentSerial: i.componentSerial,
        quantity: i.quantity,
        specifications: i.specifications,
        currentValue: i.currentValue,
        requestedValue: i.requestedValue,
      })),
      scheduledDate: ticket.scheduledDate,
      estimatedDuration: ticket.estimatedDuration,
      ...overrides,
    };
  }

  describe('an edit after approval', () => {
    it('of the items by a ticket.manage creator sends the ticket back for review and releases its stock', async () => {
      const created = await createTicket(t, admin, { title: 'Memory for db-prod-01', targetServerUuid: SERVER.dbProd01, items: [addItem('ram', MODEL.ramSamsung64, 2)] });
      const approved = await actAll(t, created.id, [[manager, 'approve', { comment: 'two modules ok' }]]);
      expect(approved).toMatchObject({ status: 'approved', approvedBy: { username: 'manager' } });
      const held = await reservedIds(created.id);
      expect(held).toHaveLength(2);
      expect(await stockRows(held)).toEqual(held.map((id) => [id, 'reserved', null]));

      const res = await t.http.patch<TicketDetail>(`/api/tickets/${created.id}`, { token: admin, body: { items: [addItem('ram', MODEL.ramSamsung64, 4)] } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'pending', approvedBy: null, approvedAt: null, assignedTo: null });
      expect(res.body.items.map((i) => [i.componentUuid, i.quantity])).toEqual([[MODEL.ramSamsung64, 4]]);
      // Nothing is reserved any more: the old units are back on the shelf and the new items hold nothing.
      expect(await stockRows(held)).toEqual(held.map((id) => [id, 'available', null]));
      expect((await allocations(created.id)).filter((a) => a.state === 'reserved')).toEqual([]);

      const rows = await historyRows(t, created.id);
      const reopened = rows.filter((h) => h.action === 'status_change').at(-1);
      expect(reopened).toMatchObject({ oldValue: 'approved', newValue: 'pending', comment: 'Sent back for review: items changed after approval', metadata: { action: 'reopen_review', fields: ['items'] } });
      expect(rows.filter((h) => h.action === 'stock_released')).toHaveLength(1);
      expect(rows.filter((h) => h.action === 'updated').map((h) => h.fieldChanged)).toEqual(['items']);

      // The creator still may not approve it; another manager reviews what it now asks for.
      expect((await act(t, admin, created.id, 'approve')).status).toBe(403);
      expect((await getTicket(t, manager2, created.id)).allowedActions).toContain('approve');
      const again = await actAll(t, created.id, [[manager2, 'approve']]);
      expect(again).toMatchObject({ status: 'approved', approvedBy: { username: 'manager2' } });
      const heldNow = await reservedIds(created.id);
      expect(heldNow).toHaveLength(4);
      expect(await stockRows(heldNow)).toEqual(heldNow.map((id) => [id, 'reserved', null]));
    });

    it('of the scheduled date of an in-progress ticket clears the approval and the assignee', async () => {
      const created = await createTicket(t, requester, { title: 'CPU for k8s-node-05', targetServerUuid: SERVER.k8sNode05, items: [addItem('cpu', MODEL.cpuEpyc9124)] });
      await actAll(t, created.id, [
        [manager, 'approve'],
        [manager, 'assign', { assigneeId: techId }],
        [tech, 'start'],
      ]);
      const held = await reservedIds(created.id);
      expect(held).toHaveLength(1);

      const res = await t.http.patch<TicketDetail>(`/api/tickets/${created.id}`, { token: admin, body: { scheduledDate: '2031-03-04T05:06:00.000Z', ticketType: 'configuration_change', title: 'CPU for k8s-node-05 (moved)' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'pending', approvedBy: null, approvedAt: null, assignedTo: null, scheduledDate: '2031-03-04T05:06:00.000Z', ticketType: 'configuration_change' });
      expect(await stockRows(held)).toEqual(held.map((id) => [id, 'available', null]));
      const entries = await history(t, admin, created.id);
      expect(entries.filter((h) => h.action === 'status_change').map((h) => [h.oldValue, h.newValue, h.comment])).toEqual([
        ['pending', 'approved', null],
        ['approved', 'in_progress', null],
        ['in_progress', 'pending', 'Sent back for review: ticketType, scheduledDate changed after approval'],
      ]);
      // The technician no longer holds it; it is back in the approvers' queue.
      expect((await t.http.get(`/api/tickets/${created.id}`, { token: tech })).status).toBe(404);
      expect((await getTicket(t, manager, created.id)).allowedActions).toEqual(['approve', 'reject', 'cancel', 'comment', 'comment_internal']);
    });

    it('of the target server sends it back too', async () => {
      const created = await createTicket(t, requester, { targetServerUuid: SERVER.dbProd01, items: [addItem('ram', MODEL.ramSamsung64, 1)] });
      await actAll(t, created.id, [[manager, 'approve']]);
      const res = await t.http.patch<TicketDetail>(`/api/tickets/${created.id}`, { token: admin, body: { targetServerUuid: SERVER.k8sNode05, items: [addItem('ram', MODEL.ramMicron32, 1)] } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'pending', approvedBy: null, targetServerUuid: SERVER.k8sNode05 });
      expect((await historyRows(t, created.id)).filter((h) => h.action === 'status_change').at(-1)?.comment).toBe(
        'Sent back for review: targetServerUuid, items changed after approval',
      );
      expect((await allocations(created.id)).filter((a) => a.state === 'reserved')).toEqual([]);
    });

    it('that is refused (invalid items) changes nothing: still approved, still reserved', async () => {
      const created = await createTicket(t, requester, { targetServerUuid: SERVER.dbProd01, items: [addItem('ram', MODEL.ramSamsung64, 1)] });
      await actAll(t, created.id, [[manager, 'approve']]);
      const held = await reservedIds(created.id);
      const bad = await t.http.patch<ErrorBody>(`/api/tickets/${created.id}`, { token: admin, body: { items: [addItem('ram', MODEL.ramSamsung32Ddr4)] } });
      expect([bad.status, bad.body.code]).toEqual([422, 'ITEMS_INVALID']);
      expect(await getTicket(t, admin, created.id)).toMatchObject({ status: 'approved', approvedBy: { username: 'manager' } });
      expect(await reservedIds(created.id)).toEqual(held);
      expect(await stockRows(held)).toEqual(held.map((id) => [id, 'reserved', null]));
    });

    it('of the title, description, priority or duration only keeps the approval and the reservations', async () => {
      const created = await createTicket(t, requester, { title: 'Keep me approved', targetServerUuid: SERVER.dbProd01, items: [addItem('ram', MODEL.ramSamsung64, 1)], scheduledDate: '2031-01-02T03:04:00.000Z' });
      await actAll(t, created.id, [
        [manager, 'approve'],
        [manager, 'assign', { assigneeId: techId }],
      ]);
      const before = await getTicket(t, admin, created.id);
      const held = await reservedIds(created.id);
      const allocationsBefore = await allocations(created.id);

      const titleOnly = await t.http.patch<TicketDetail>(`/api/tickets/${created.id}`, { token: admin, body: { title: 'Keep me approved, please' } });
      expect(titleOnly.status).toBe(200);
      // The SPA's form sends every field, the unchanged items and date included.
      const form = await t.http.patch<TicketDetail>(`/api/tickets/${created.id}`, {
        token: admin,
        body: formBody(titleOnly.body, { description: 'Clarified', priority: 'high', estimatedDuration: 45 }),
      });
      expect(form.status).toBe(200);
      expect(form.body).toMatchObject({
        status: 'approved',
        title: 'Keep me approved, please',
        description: 'Clarified',
        priority: 'high',
        estimatedDuration: 45,
        approvedBy: { username: 'manager' },
        approvedAt: before.approvedAt,
        assignedTo: { username: 'tech' },
      });
      expect(form.body.items.map((i) => i.id)).toEqual(before.items.map((i) => i.id));
      expect(await allocations(created.id)).toEqual(allocationsBefore);
      expect(await stockRows(held)).toEqual(held.map((id) => [id, 'reserved', null]));
      const rows = await historyRows(t, created.id);
      expect(rows.filter((h) => h.action === 'status_change').map((h) => h.newValue)).toEqual(['approved']);
      expect(rows.filter((h) => h.action === 'updated').map((h) => h.fieldChanged)).toEqual(['title', 'description', 'priority', 'estimatedDuration']);
    });

    it('of a deployed ticket is refused (409) for what it does, allowed for its wording', async () => {
      const created = await createTicket(t, requester, { targetServerUuid: SERVER.dbProd01, items: [addItem('ram', MODEL.ramSamsung64, 1)] });
      await actAll(t, created.id, [
        [manager, 'approve'],
        [manager, 'assign', { assigneeId: techId }],
        [tech, 'start'],
        [tech, 'deploy'],
      ]);
      const server = await serverSnapshot(t, admin, SERVER.dbProd01);
      for (const body of [{ ticketType: 'configuration_change' }, { scheduledDate: '2032-01-01T00:00:00.000Z' }, { items: [addItem('ram', MODEL.ramSamsung64, 2)] }, { targetServerUuid: SERVER.k8sNode05 }]) {
        const res = await t.http.patch<ErrorBody>(`/api/tickets/${created.id}`, { token: admin, body });
        expect([res.status, res.body.code]).toEqual([409, 'CONFLICT']);
      }
      expect(await getTicket(t, admin, created.id)).toMatchObject({ status: 'deployed', ticketType: 'component_addition', scheduledDate: null });
      expect(await serverSnapshot(t, admin, SERVER.dbProd01)).toEqual(server);
      expect((await t.http.patch(`/api/tickets/${created.id}`, { token: admin, body: { title: 'Deployed, renamed' } })).status).toBe(200);
      // The edit form re-sends the unchanged items and date with a new title: that is no change to them.
      const form = await t.http.patch<TicketDetail>(`/api/tickets/${created.id}`, { token: admin, body: formBody(await getTicket(t, admin, created.id), { title: 'Deployed, renamed again' }) });
      expect(form.status).toBe(200);
      expect(form.body).toMatchObject({ status: 'deployed', title: 'Deployed, renamed again' });
      expect(form.body.items.every((i) => i.fulfilled)).toBe(true);
      expect(await serverSnapshot(t, admin, SERVER.dbProd01)).toEqual(server);
    });
  });

  describe('self-review', () => {
    it('refuses to let the creator reject their own ticket, even an admin; they may cancel it', async () => {
      for (const token of [admin, manager]) {
        const own = await createTicket(t, token, { title: 'My own request' });
        expect((await getTicket(t, token, own.id)).allowedActions).not.toContain('reject');
        const res = await act(t, token, own.id, 'reject', { reason: 'Changed my mind' });
        expect([res.status, res.body.code]).toEqual([403, 'SELF_APPROVAL_FORBIDDEN']);
        expect(res.body.message).toMatch(/review/i);
        const after = await getTicket(t, token, own.id);
        expect(after).toMatchObject({ status: 'pending', rejectionReason: null });
        expect((await history(t, token, own.id)).map((h) => h.action)).toEqual(['ticket_created']);
        expect((await act(t, token, own.id, 'cancel', { comment: 'Withdrawn' })).body.status).toBe('cancelled');
      }
    });

    it('explains self-approval as review too', async () => {
      const own = await createTicket(t, manager);
      const res = await act(t, manager, own.id, 'approve');
      expect([res.status, res.body.code]).toEqual([403, 'SELF_APPROVAL_FORBIDDEN']);
      expect(res.body.message).toMatch(/review/i);
    });
  });

  describe('rollback reason', () => {
    let id: number;
    beforeAll(async () => {
      const created = await createTicket(t, requester, { title: 'Roll me back', targetServerUuid: SERVER.dbProd01, items: [addItem('ram', MODEL.ramSamsung64, 1)] });
      id = created.id;
      await actAll(t, id, [
        [manager, 'approve'],
        [manager, 'assign', { assigneeId: techId }],
        [tech, 'start'],
        [tech, 'deploy'],
      ]);
    });

    it('is required (400 naming the field), trimmed, and at most LIMITS.reasonMax', async () => {
      for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 42 }, { reason: 'x'.repeat(LIMITS.reasonMax + 1) }]) {
        const res = await act(t, tech, id, 'rollback', body);
        expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
        expect(res.body.details?.fields?.map((f) => f.field)).toEqual(['reason']);
      }
      const noBody = await t.http.post<ErrorBody>(`/api/tickets/${id}/rollback`, { token: tech });
      expect([noBody.status, noBody.body.details?.fields?.map((f) => f.field)]).toEqual([400, ['reason']]);
      const oldShape = await act(t, tech, id, 'rollback', { comment: 'why' });
      expect(oldShape.status).toBe(400);
      expect((await getTicket(t, tech, id)).status).toBe('deployed');
    });

    it('is recorded in the history with the status change', async () => {
      const res = await act(t, tech, id, 'rollback', { reason: '  Server fails POST with the new module  ' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('in_progress');
      const last = (await history(t, manager, id)).filter((h) => h.action === 'status_change').at(-1);
      expect(last).toMatchObject({ oldValue: 'deployed', newValue: 'in_progress', comment: 'Server fails POST with the new module', user: { username: 'tech' } });
    });
  });
});
