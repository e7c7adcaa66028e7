/**
 * Object-level authorization: the route lets the caller in (route-matrix.int-spec.ts proves that part),
 * and then the resource policy decides about *this* ticket or comment. What a caller may not see
 * answers exactly like what does not exist, and nothing about it changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentView, ErrorBody, HistoryEntryView, Page, TicketDetail, TicketSummary, WorkflowAction } from '@bdc/contracts';
import { describeEachEngine } from './engines';
import { createUser, demoUserId } from './factories';
import { createTestApp, type TestApp } from './harness';
import { act, actAll, createTicket, getTicket } from './ticket-helpers';

const WORKFLOW: [WorkflowAction, unknown][] = [
  ['submit', {}],
  ['approve', {}],
  ['reject', { reason: 'not yours' }],
  ['resubmit', {}],
  ['assign', { assigneeId: 1 }],
  ['start', {}],
  ['deploy', {}],
  ['complete', {}],
  ['rollback', { reason: 'not yours' }],
  ['cancel', {}],
];

describeEachEngine('object-level access', (engine) => {
  let t: TestApp;
  let userA: string;
  let userB: string;
  let userBId: number;
  let userAId: number;
  let manager: string;
  let tech: string;
  let tech2: string;
  let techId: number;
  let tech2Id: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const a = await createUser(t, { roles: ['viewer'] });
    const b = await createUser(t, { roles: ['viewer'] });
    userAId = a.id;
    userBId = b.id;
    [userA, userB, manager, tech, tech2] = await Promise.all([a.username, b.username, 'manager', 'tech', 'tech2'].map((u) => t.login(u)));
    techId = await demoUserId(t, 'tech');
    tech2Id = await demoUserId(t, 'tech2');
  });
  afterAll(async () => t?.close());

  const listIds = async (token: string, query: Record<string, string | number> = {}) => {
    const res = await t.http.get<Page<TicketSummary>>('/api/tickets', { token, query: { pageSize: 100, ...query } });
    expect(res.status).toBe(200);
    return { ids: res.body.items.map((i) => i.id), total: res.body.total };
  };

  /** What the API answers on a ticket id that does not exist, with that id replaced, for comparison. */
  const notFoundBody = async (token: string, path: (id: number) => string, method: 'GET' | 'POST' | 'PATCH' = 'GET', body?: unknown) => {
    const missing = 987_654;
    const res = await t.http.request<ErrorBody>(method, path(missing), { token, body });
    expect(res.status).toBe(404);
    return (id: number) => JSON.parse(JSON.stringify(res.body).replaceAll(String(missing), String(id))) as ErrorBody;
  };

  describe("another requester's ticket", () => {
    let draft: TicketDetail;
    let pending: TicketDetail;

    beforeAll(async () => {
      draft = await createTicket(t, userA, { title: 'A draft of A', draft: true });
      pending = await createTicket(t, userA, { title: 'A pending ticket of A' });
      expect((await t.http.post(`/api/tickets/${pending.id}/comments`, { token: userA, body: { comment: 'from A' } })).status).toBe(201);
    });

    it('is answered exactly like a ticket that does not exist, on every route', async () => {
      for (const ticket of [draft, pending]) {
        for (const suffix of ['', '/comments', '/history']) {
          const expected = await notFoundBody(userB, (id) => `/api/tickets/${id}${suffix}`);
          const res = await t.http.get<ErrorBody>(`/api/tickets/${ticket.id}${suffix}`, { token: userB });
          expect([suffix, res.status, res.body]).toEqual([suffix, 404, expected(ticket.id)]);
        }
        const patch = await t.http.patch<ErrorBody>(`/api/tickets/${ticket.id}`, { token: userB, body: { title: 'taken over' } });
        expect([patch.status, patch.body.code]).toEqual([404, 'TICKET_NOT_FOUND']);
        const comment = await t.http.post<ErrorBody>(`/api/tickets/${ticket.id}/comments`, { token: userB, body: { comment: 'hello' } });
        expect([comment.status, comment.body.code]).toEqual([404, 'TICKET_NOT_FOUND']);
        // Where B lacks the route's permission the answer is 403 whatever the ticket: still no tell.
        for (const [action, body] of WORKFLOW) {
          const res = await act(t, userB, ticket.id, action, body);
          const missing = await act(t, userB, 987_654, action, body);
          expect([action, res.status, res.body.code]).toEqual([action, missing.status, missing.body.code]);
          expect(res.status === 404 || res.status === 403).toBe(true);
        }
      }
    });

    it('changes nothing when B tries', async () => {
      const before = await getTicket(t, userA, pending.id);
      const comments = await t.http.get<CommentView[]>(`/api/tickets/${pending.id}/comments`, { token: userA });
      await t.http.patch(`/api/tickets/${pending.id}`, { token: userB, body: { title: 'taken over' } });
      await t.http.post(`/api/tickets/${pending.id}/comments`, { token: userB, body: { comment: 'hello' } });
      await act(t, userB, pending.id, 'cancel');
      const after = await getTicket(t, userA, pending.id);
      expect([after.title, after.status, after.updatedAt]).toEqual([before.title, before.status, before.updatedAt]);
      expect((await t.http.get<CommentView[]>(`/api/tickets/${pending.id}/comments`, { token: userA })).body).toEqual(comments.body);
    });

    it("stays out of B's lists, whatever the filters name", async () => {
      const own = await createTicket(t, userB, { title: 'B own ticket' });
      const queries: Record<string, string | number>[] = [{}, { createdBy: userAId }, { q: pending.ticketNumber }, { q: 'pending ticket of A' }, { status: 'pending,draft' }, { assignedTo: 'none' }];
      for (const query of queries) {
        const { ids, total } = await listIds(userB, query);
        expect(ids, JSON.stringify(query)).not.toContain(pending.id);
        expect(ids).not.toContain(draft.id);
        expect(total).toBe(ids.length);
      }
      expect((await listIds(userB)).ids).toContain(own.id);
      expect((await listIds(userA, { createdBy: userBId })).ids).toEqual([]);
    });
  });

  describe('comments', () => {
    let ticket: TicketDetail;
    let otherOfA: TicketDetail;
    let byA: CommentView;
    let byManager: CommentView;
    let internal: CommentView;

    beforeAll(async () => {
      ticket = await createTicket(t, userA, { title: 'Comments of A' });
      otherOfA = await createTicket(t, userA, { title: 'Another ticket of A' });
      const post = async (token: string, body: unknown) => {
        const res = await t.http.post<CommentView>(`/api/tickets/${ticket.id}/comments`, { token, body });
        expect(res.status).toBe(201);
        return res.body;
      };
      byA = await post(userA, { comment: 'question from A' });
      byManager = await post(manager, { comment: 'answer from the manager' });
      internal = await post(manager, { comment: 'staff only: the vendor is late', internal: true });
    });

    it("the owner cannot edit the manager's comment, nor the manager the owner's (403)", async () => {
      const edit = await t.http.patch<ErrorBody>(`/api/tickets/${ticket.id}/comments/${byManager.id}`, { token: userA, body: { comment: 'rewritten by A' } });
      expect([edit.status, edit.body.code]).toEqual([403, 'FORBIDDEN']);
      const back = await t.http.patch<ErrorBody>(`/api/tickets/${ticket.id}/comments/${byA.id}`, { token: manager, body: { comment: 'rewritten by the manager' } });
      expect([back.status, back.body.code]).toEqual([403, 'FORBIDDEN']);
      const texts = (await t.http.get<CommentView[]>(`/api/tickets/${ticket.id}/comments`, { token: manager })).body.map((c) => c.comment);
      expect(texts).toEqual(['question from A', 'answer from the manager', 'staff only: the vendor is late']);
    });

    it('another requester cannot edit any comment of the ticket (404)', async () => {
      for (const comment of [byA, byManager, internal]) {
        const res = await t.http.patch<ErrorBody>(`/api/tickets/${ticket.id}/comments/${comment.id}`, { token: userB, body: { comment: 'B was here' } });
        expect([res.status, res.body.code]).toEqual([404, 'TICKET_NOT_FOUND']);
      }
    });

    it('an internal note does not exist for the owner: not listed, not editable, its text not in the history', async () => {
      const listed = await t.http.get<CommentView[]>(`/api/tickets/${ticket.id}/comments`, { token: userA });
      expect(listed.body.map((c) => c.id)).toEqual([byA.id, byManager.id]);
      const edit = await t.http.patch<ErrorBody>(`/api/tickets/${ticket.id}/comments/${internal.id}`, { token: userA, body: { comment: 'x' } });
      expect([edit.status, edit.body.code]).toEqual([404, 'COMMENT_NOT_FOUND']);
      const history = await t.http.get<HistoryEntryView[]>(`/api/tickets/${ticket.id}/history`, { token: userA });
      expect(history.status).toBe(200);
      expect(JSON.stringify(history.body)).not.toContain('vendor is late');
      const staff = await t.http.get<HistoryEntryView[]>(`/api/tickets/${ticket.id}/history`, { token: manager });
      expect(JSON.stringify(staff.body)).toContain('vendor is late');
    });

    it('the owner cannot write an internal note (403)', async () => {
      const res = await t.http.post<ErrorBody>(`/api/tickets/${ticket.id}/comments`, { token: userA, body: { comment: 'sneaky', internal: true } });
      expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
    });

    it("a comment is reached only through its own ticket (404 through another of the author's tickets)", async () => {
      const res = await t.http.patch<ErrorBody>(`/api/tickets/${otherOfA.id}/comments/${byA.id}`, { token: userA, body: { comment: 'moved' } });
      expect([res.status, res.body.code]).toEqual([404, 'COMMENT_NOT_FOUND']);
      const mine = await t.http.patch<CommentView>(`/api/tickets/${ticket.id}/comments/${byA.id}`, { token: userA, body: { comment: 'question from A, edited' } });
      expect([mine.status, mine.body.edited]).toEqual([200, true]);
    });
  });

  describe('technicians', () => {
    it('see a ticket only while it is assigned to them, and act on nothing else', async () => {
      const ticket = await createTicket(t, userA, { title: 'For a technician' });
      await actAll(t, ticket.id, [[manager, 'approve']]);
      for (const token of [tech, tech2]) expect((await t.http.get(`/api/tickets/${ticket.id}`, { token })).status).toBe(404);

      await actAll(t, ticket.id, [[manager, 'assign', { assigneeId: techId }]]);
      expect((await t.http.get(`/api/tickets/${ticket.id}`, { token: tech })).status).toBe(200);
      expect((await listIds(tech)).ids).toContain(ticket.id);
      expect((await listIds(tech2)).ids).not.toContain(ticket.id);
      for (const suffix of ['', '/comments', '/history']) {
        expect([suffix, (await t.http.get(`/api/tickets/${ticket.id}${suffix}`, { token: tech2 })).status]).toEqual([suffix, 404]);
      }
      for (const action of ['start', 'deploy', 'complete', 'rollback', 'cancel'] as const) {
        expect([action, (await act(t, tech2, ticket.id, action, action === 'rollback' ? { reason: 'not mine' } : {})).status]).toEqual([action, 404]);
      }
      expect((await t.http.post(`/api/tickets/${ticket.id}/comments`, { token: tech2, body: { comment: 'not mine' } })).status).toBe(404);

      // Reassigned: the first technician loses sight of it, the second gains it.
      await actAll(t, ticket.id, [[manager, 'assign', { assigneeId: tech2Id }]]);
      expect((await t.http.get(`/api/tickets/${ticket.id}`, { token: tech })).status).toBe(404);
      expect((await act(t, tech, ticket.id, 'start')).status).toBe(404);
      expect((await act(t, tech2, ticket.id, 'start')).status).toBe(200);
      expect((await listIds(tech, { assignedTo: tech2Id })).ids).not.toContain(ticket.id);
    });
  });
});
