import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, Page, TicketDetail, TicketSummary } from '@bdc/contracts';
import { describeEachEngine } from './engines';
import { createTestApp, type TestApp } from './harness';
import { createCatalogModel, createStock, createUser, demoUserId, findStock } from './factories';
import { act, actAll, addItem, createTicket, getTicket, history, MODEL, SERVER, ticketBody, ticketCount, unitsOfModel } from './ticket-helpers';

describeEachEngine('ticket rules: access, transitions, validation', (engine) => {
  let t: TestApp;
  let requester: string;
  let otherViewer: string;
  let manager: string;
  let manager2: string;
  let tech: string;
  let tech2: string;
  let admin: string;
  let techId: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const viewer = await createUser(t, { roles: ['viewer'] });
    [requester, otherViewer, manager, manager2, tech, tech2, admin] = await Promise.all(
      ['requester', viewer.username, 'manager', 'manager2', 'tech', 'tech2', 'admin'].map((u) => t.login(u)),
    );
    techId = await demoUserId(t, 'tech');
  });
  afterAll(async () => t?.close());

  const listIds = async (token: string, query: Record<string, string | number> = {}) => {
    const res = await t.http.get<Page<TicketSummary>>('/api/tickets', { token, query: { pageSize: 100, ...query } });
    expect(res.status).toBe(200);
    return res.body.items.map((i) => i.id);
  };

  describe('separation of duties', () => {
    it('refuses self-approval, even to an admin, and lets another manager approve', async () => {
      for (const token of [admin, manager]) {
        const own = await createTicket(t, token);
        const res = await act(t, token, own.id, 'approve');
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('SELF_APPROVAL_FORBIDDEN');
        expect((await getTicket(t, token, own.id)).status).toBe('pending');
        expect((await getTicket(t, token, own.id)).allowedActions).not.toContain('approve');
        // No body at all is fine for actions whose fields are optional.
        expect((await t.http.post(`/api/tickets/${own.id}/approve`, { token: manager2 })).status).toBe(200);
      }
    });
  });

  describe('visibility', () => {
    let ticket: TicketDetail;
    beforeAll(async () => {
      ticket = await createTicket(t, requester, { title: 'Visible to few' });
    });

    it('answers 404 for a ticket the caller may not see, on every route', async () => {
      for (const url of [`/api/tickets/${ticket.id}`, `/api/tickets/${ticket.id}/comments`, `/api/tickets/${ticket.id}/history`]) {
        const res = await t.http.get<ErrorBody>(url, { token: otherViewer });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('TICKET_NOT_FOUND');
      }
      expect((await t.http.post(`/api/tickets/${ticket.id}/comments`, { token: otherViewer, body: { comment: 'hi' } })).status).toBe(404);
      expect((await act(t, otherViewer, ticket.id, 'cancel')).status).toBe(404);
      expect((await t.http.patch(`/api/tickets/${ticket.id}`, { token: otherViewer, body: { title: 'x' } })).status).toBe(404);
      const missing = await t.http.get<ErrorBody>('/api/tickets/999999', { token: admin });
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('TICKET_NOT_FOUND');
    });

    it('shows a technician only what is assigned to them (or their own)', async () => {
      expect((await t.http.get(`/api/tickets/${ticket.id}`, { token: tech })).status).toBe(404);
      expect(await listIds(tech)).not.toContain(ticket.id);
      await actAll(t, ticket.id, [
        [manager, 'approve'],
        [manager, 'assign', { assigneeId: techId }],
      ]);
      expect((await t.http.get(`/api/tickets/${ticket.id}`, { token: tech })).status).toBe(200);
      expect(await listIds(tech)).toContain(ticket.id);
      expect((await t.http.get(`/api/tickets/${ticket.id}`, { token: tech2 })).status).toBe(404);
      expect(await listIds(tech2)).not.toContain(ticket.id);
    });

    it('lists only visible tickets, with totals that match', async () => {
      const mine = await createTicket(t, otherViewer, { title: 'Other viewer ticket' });
      const viewerList = await t.http.get<Page<TicketSummary>>('/api/tickets', { token: otherViewer });
      expect(viewerList.body.items.map((i) => i.id)).toEqual([mine.id]);
      expect(viewerList.body.total).toBe(1);
      const requesterIds = await listIds(requester);
      expect(requesterIds).toContain(ticket.id);
      expect(requesterIds).not.toContain(mine.id);
      const all = await t.http.get<Page<TicketSummary>>('/api/tickets', { token: manager, query: { pageSize: 100 } });
      expect(all.body.total).toBe(await ticketCount(t));
    });
  });

  describe('transitions and permissions', () => {
    it('answers 409 INVALID_TRANSITION for actions not allowed from the current status', async () => {
      const draft = await createTicket(t, requester, { draft: true });
      expect(draft.status).toBe('draft');
      for (const [token, action] of [
        [manager, 'approve'],
        [manager, 'reject'],
        [requester, 'resubmit'],
        [admin, 'start'],
        [admin, 'deploy'],
        [admin, 'complete'],
      ] as const) {
        const res = await act(t, token, draft.id, action, action === 'reject' ? { reason: 'no' } : {});
        expect([action, res.status, res.body.code]).toEqual([action, 409, 'INVALID_TRANSITION']);
      }
      const pending = await actAll(t, draft.id, [[requester, 'submit']]);
      expect(pending.status).toBe('pending');
      const again = await act(t, requester, draft.id, 'submit');
      expect(again.status).toBe(409);
      expect(again.body.details?.['possibleActions']).toEqual(['approve', 'reject', 'cancel']);
    });

    it('answers 403 for a missing permission, at the route and on the ticket', async () => {
      const ticket = await createTicket(t, requester);
      for (const [token, action, code] of [
        [requester, 'approve', 'FORBIDDEN'],
        [tech, 'approve', 'FORBIDDEN'],
        [tech, 'reject', 'FORBIDDEN'],
        [requester, 'assign', 'FORBIDDEN'],
      ] as const) {
        const res = await act(t, token, ticket.id, action, action === 'reject' ? { reason: 'x' } : action === 'assign' ? { assigneeId: techId } : {});
        expect([action, res.status, res.body.code]).toEqual([action, 403, code]);
      }
      expect((await t.http.delete(`/api/tickets/${ticket.id}`, { token: requester })).status).toBe(403);
      await actAll(t, ticket.id, [
        [manager, 'approve'],
        [manager, 'assign', { assigneeId: techId }],
      ]);
      // Neither the assignee nor ticket.manage: refused on the ticket itself.
      const start = await act(t, manager, ticket.id, 'start');
      expect([start.status, start.body.code]).toEqual([403, 'FORBIDDEN']);
      // Only ticket.cancel/manage cancel after approval, not the owner.
      expect((await act(t, requester, ticket.id, 'cancel')).status).toBe(403);
      await actAll(t, ticket.id, [[tech, 'start']]);
      expect((await act(t, manager, ticket.id, 'deploy')).status).toBe(403);
      expect((await act(t, tech2, ticket.id, 'deploy')).status).toBe(404);
    });

    it('assigns only users who can deploy', async () => {
      const ticket = await createTicket(t, requester);
      await actAll(t, ticket.id, [[manager, 'approve']]);
      const viewerId = await demoUserId(t, 'requester');
      const res = await act(t, manager, ticket.id, 'assign', { assigneeId: viewerId });
      expect([res.status, res.body.code]).toEqual([422, 'ASSIGNEE_NOT_ELIGIBLE']);
      expect((await act(t, manager, ticket.id, 'assign', { assigneeId: 987654 })).status).toBe(422);
      const ok = await act(t, manager, ticket.id, 'assign', { assigneeId: techId });
      expect(ok.body.assignedTo?.username).toBe('tech');
      const tech2Id = await demoUserId(t, 'tech2');
      const reassigned = await act(t, manager, ticket.id, 'assign', { assigneeId: tech2Id, comment: 'Tom is out' });
      expect(reassigned.body.assignedTo?.username).toBe('tech2');
      const assigned = (await history(t, manager, ticket.id)).filter((h) => h.action === 'assigned');
      expect(assigned.map((h) => [h.oldValue, h.newValue])).toEqual([
        [null, String(techId)],
        [String(techId), String(tech2Id)],
      ]);
    });
  });

  describe('input validation', () => {
    const expectField = (res: { status: number; body: unknown }, field: string) => {
      const body = res.body as ErrorBody;
      expect(res.status).toBe(400);
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.details?.fields?.map((f) => f.field)).toContain(field);
    };

    it('answers 400 naming the field', async () => {
      const ticket = await createTicket(t, requester);
      expectField(await act(t, manager, ticket.id, 'reject', {}), 'reason');
      expectField(await t.http.post(`/api/tickets/${ticket.id}/reject`, { token: manager }), 'reason');
      expectField(await act(t, manager, ticket.id, 'reject', { reason: '   ' }), 'reason');
      expectField(await act(t, manager, ticket.id, 'assign', { assigneeId: 'tech' }), 'assigneeId');
      expectField(await t.http.post('/api/tickets', { token: requester, body: ticketBody({ priority: 'whenever' as 'high' }) }), 'priority');
      expectField(await t.http.post('/api/tickets', { token: requester, body: ticketBody({ ticketType: 'swap' as 'component_addition' }) }), 'ticketType');
      expectField(await t.http.post('/api/tickets', { token: requester, body: ticketBody({ title: '' }) }), 'title');
      expectField(await t.http.post('/api/tickets', { token: requester, body: ticketBody({ title: 'x'.repeat(256) }) }), 'title');
      expectField(await t.http.post('/api/tickets', { token: requester, body: ticketBody({ items: [addItem('ram', MODEL.ramSamsung32, 0)] }) }), 'items.0.quantity');
      expectField(await t.http.post('/api/tickets', { token: requester, body: ticketBody({ items: [addItem('gpu' as 'ram', MODEL.ramSamsung32)] }) }), 'items.0.componentType');
      expectField(await t.http.post('/api/tickets', { token: requester, body: { ...ticketBody(), status: 'approved' } }), 'status');
      expectField(await t.http.post('/api/tickets', { token: requester, body: ticketBody({ items: [] }) }), 'items');
      expectField(await t.http.patch(`/api/tickets/${ticket.id}`, { token: admin, body: { title: null } }), 'title');
      expectField(await t.http.get('/api/tickets', { token: manager, query: { status: 'pending,bogus' } }), 'status');
      expectField(await t.http.get('/api/tickets', { token: manager, query: { pageSize: 500 } }), 'pageSize');
      expectField(await t.http.get('/api/tickets', { token: manager, query: { assignedTo: 'someone' } }), 'assignedTo');
      expectField(await t.http.get('/api/tickets', { token: manager, query: { sort: 'password' } }), 'sort');
      expectField(await t.http.get('/api/tickets/abc', { token: manager }), 'id');
    });

    it('answers 422 with per-item reasons for invalid items and saves nothing', async () => {
      const count = await ticketCount(t);
      const res = await t.http.post<ErrorBody>('/api/tickets', {
        token: requester,
        body: ticketBody({
          targetServerUuid: SERVER.backup01,
          items: [addItem('ram', MODEL.ramSamsung32), addItem('ram', MODEL.ramSamsung32Ddr4), addItem('cpu', 'no-such-model'), { action: 'remove', componentType: 'nic', componentSerial: 'NOT-HERE', quantity: 1 }],
        }),
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('ITEMS_INVALID');
      expect(res.body.details?.items?.map((p) => p.index)).toEqual([1, 2, 3]);
      expect(res.body.details?.items?.[0]?.message).toContain('DDR4');
      expect(await ticketCount(t)).toBe(count);
      const unknownServer = await t.http.post<ErrorBody>('/api/tickets', { token: requester, body: ticketBody({ targetServerUuid: 'no-such-server' }) });
      expect([unknownServer.status, unknownServer.body.code]).toEqual([404, 'SERVER_NOT_FOUND']);
    });

    it('keeps invalid items in a draft, blocks submit with 422, and accepts fixed items', async () => {
      const draft = await createTicket(t, requester, { draft: true, targetServerUuid: SERVER.mlInfer01, items: [addItem('cpu', MODEL.cpuEpyc9354), addItem('ram', null as unknown as string)] });
      expect(draft.status).toBe('draft');
      // The extra CPU breaks a build-wide rule, reported once for the build rather than on the item.
      expect(draft.items.map((i) => i.validationStatus)).toEqual(['valid', 'invalid']);
      expect(draft.validation.build?.filter((b) => b.severity === 'error').map((b) => [b.rule, b.items])).toEqual([['cpu_count', [0]]]);
      expect(draft.validation.valid).toBe(false);
      const submit = await act(t, requester, draft.id, 'submit');
      expect([submit.status, submit.body.code]).toEqual([422, 'ITEMS_INVALID']);
      expect((await getTicket(t, requester, draft.id)).status).toBe('draft');

      const patched = await t.http.patch<TicketDetail>(`/api/tickets/${draft.id}`, { token: requester, body: { title: 'Memory for ml-infer-01', items: [addItem('ram', MODEL.ramMicron32, 2)] } });
      expect(patched.status).toBe(200);
      expect(patched.body.items.map((i) => i.validationStatus)).toEqual(['valid']);
      const updates = (await history(t, requester, draft.id)).filter((h) => h.action === 'updated');
      expect(updates.map((h) => h.fieldChanged)).toEqual(['title', 'items']);
      expect(updates[0]).toMatchObject({ oldValue: 'Add memory', newValue: 'Memory for ml-infer-01', user: { username: 'requester' } });
      expect((await act(t, requester, draft.id, 'submit')).body.status).toBe('pending');
    });

    it('approval revalidates the items against current stock (422, nothing reserved)', async () => {
      const nic = await createCatalogModel(t, { componentType: 'nic', brand: 'Test', model: 'Last One 10G', specifications: { pcie_lanes: 4, power_W: 5 } });
      const [unit] = await createStock(t, { componentType: 'nic', model: nic.uuid, count: 1 });
      const first = await createTicket(t, requester, { targetServerUuid: SERVER.k8sNode05, items: [addItem('nic', nic.uuid)] });
      const second = await createTicket(t, requester, { targetServerUuid: SERVER.k8sNode05, items: [addItem('nic', nic.uuid)] });
      expect([first.validation.valid, second.validation.valid]).toEqual([true, true]);
      await actAll(t, first.id, [[manager, 'approve']]);
      const res = await act(t, manager, second.id, 'approve');
      expect([res.status, res.body.code]).toEqual([422, 'ITEMS_INVALID']);
      expect(res.body.details?.items).toEqual([{ index: 0, itemId: second.items[0]?.id, status: 'invalid', message: 'Only 0 unit(s) of Test Last One 10G available, 1 needed' }]);
      const after = await getTicket(t, manager, second.id);
      expect(after.status).toBe('pending');
      // The failed approval rolled back entirely, its revalidation included.
      expect(after.items[0]?.validationStatus).toBe('valid');
      expect((await history(t, manager, second.id)).map((h) => h.action)).toEqual(['ticket_created']);
      expect((await findStock(t, { model: nic.uuid })).map((u) => [u.id, u.status])).toEqual([[unit?.id, 'reserved']]);
    });
  });

  describe('edits and resubmission', () => {
    it('lets the owner edit a draft or rejected ticket only; ticket.manage edits while not terminal', async () => {
      const ticket = await createTicket(t, requester);
      const ownerEdit = await t.http.patch<ErrorBody>(`/api/tickets/${ticket.id}`, { token: requester, body: { title: 'changed' } });
      expect([ownerEdit.status, ownerEdit.body.code]).toEqual([403, 'FORBIDDEN']);
      expect((await t.http.patch(`/api/tickets/${ticket.id}`, { token: manager, body: { priority: 'high' } })).status).toBe(403);
      const adminEdit = await t.http.patch<TicketDetail>(`/api/tickets/${ticket.id}`, { token: admin, body: { priority: 'critical', estimatedDuration: 90 } });
      expect(adminEdit.status).toBe(200);
      expect(adminEdit.body).toMatchObject({ priority: 'critical', estimatedDuration: 90, status: 'pending' });
      const rows = (await history(t, admin, ticket.id)).filter((h) => h.action === 'updated');
      expect(rows.map((h) => [h.fieldChanged, h.oldValue, h.newValue, h.user.username])).toEqual([
        ['priority', 'normal', 'critical', 'admin'],
        ['estimatedDuration', null, '90', 'admin'],
      ]);
      // Editing a pending ticket's items still requires valid items.
      const bad = await t.http.patch<ErrorBody>(`/api/tickets/${ticket.id}`, { token: admin, body: { items: [addItem('ram', MODEL.ramSamsung32Ddr4)] } });
      expect([bad.status, bad.body.code]).toEqual([422, 'ITEMS_INVALID']);
    });

    it('sends an approved ticket back for review when ticket.manage changes its items (tickets-review.int-spec.ts has the rest)', async () => {
      const ticket = await createTicket(t, requester, { targetServerUuid: SERVER.dbProd01, items: [addItem('ram', MODEL.ramSamsung64, 2)] });
      await actAll(t, ticket.id, [[manager, 'approve']]);
      const reserved64 = (await unitsOfModel(t, admin, 'ram', MODEL.ramSamsung64, 'reserved')).length;
      const res = await t.http.patch<TicketDetail>(`/api/tickets/${ticket.id}`, { token: admin, body: { items: [addItem('ram', MODEL.ramSamsung64, 1)] } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'pending', approvedBy: null });
      expect((await unitsOfModel(t, admin, 'ram', MODEL.ramSamsung64, 'reserved')).length).toBe(reserved64 - 2);
    });

    it('resubmits a rejected ticket with modified fields and items', async () => {
      const ticket = await createTicket(t, requester, { title: 'First try' });
      const rejected = await actAll(t, ticket.id, [[manager, 'reject', { reason: 'Use 64GB modules' }]]);
      expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Use 64GB modules' });
      expect(rejected.rejectedAt).not.toBeNull();
      expect((await getTicket(t, requester, ticket.id)).allowedActions).toEqual(['resubmit', 'edit', 'comment']);
      const bad = await act(t, requester, ticket.id, 'resubmit', { items: [addItem('ram', MODEL.ramSamsung32Ddr4)] });
      expect([bad.status, bad.body.code]).toEqual([422, 'ITEMS_INVALID']);
      expect((await getTicket(t, requester, ticket.id)).items[0]?.componentUuid).toBe(MODEL.ramSamsung32);
      const resubmitted = await act(t, requester, ticket.id, 'resubmit', { title: 'Second try', items: [addItem('ram', MODEL.ramSamsung64, 2)], comment: 'Now with 64GB' });
      expect(resubmitted.status).toBe(200);
      expect(resubmitted.body).toMatchObject({ status: 'pending', title: 'Second try', rejectionReason: null });
      expect(resubmitted.body.items.map((i) => i.componentUuid)).toEqual([MODEL.ramSamsung64]);
      const entries = await history(t, requester, ticket.id);
      expect(entries.map((h) => h.action)).toEqual(['ticket_created', 'status_change', 'updated', 'updated', 'status_change']);
      expect(entries[4]).toMatchObject({ oldValue: 'rejected', newValue: 'pending', comment: 'Now with 64GB' });
    });
  });
});
