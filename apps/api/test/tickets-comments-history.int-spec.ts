import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentView, ErrorBody, HistoryEntryView } from '@bdc/contracts';
import { describeEachEngine } from './engines';
import { createTestApp, type TestApp } from './harness';
import { demoUserId } from './factories';
import { act, actAll, createTicket, history, historyRows } from './ticket-helpers';

describeEachEngine('ticket comments and history', (engine) => {
  let t: TestApp;
  let requester: string;
  let manager: string;
  let tech: string;
  let techId: number;

  beforeAll(async () => {
    // Behind a proxy the client address comes from X-Forwarded-For, which the test sets per request.
    t = await createTestApp(engine, { configOverrides: { trustProxy: true } });
    [requester, manager, tech] = await Promise.all(['requester', 'manager', 'tech'].map((u) => t.login(u)));
    techId = await demoUserId(t, 'tech');
  });
  afterAll(async () => t?.close());

  const comments = async (token: string, id: number) => {
    const res = await t.http.get<CommentView[]>(`/api/tickets/${id}/comments`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };

  describe('comments and internal notes', () => {
    let id: number;
    let publicComment: CommentView;
    let note: CommentView;

    beforeAll(async () => {
      id = (await createTicket(t, requester)).id;
      await actAll(t, id, [
        [manager, 'approve'],
        [manager, 'assign', { assigneeId: techId }],
      ]);
      const res = await t.http.post<CommentView>(`/api/tickets/${id}/comments`, { token: requester, body: { comment: 'Please do it on Tuesday' } });
      expect(res.status).toBe(201);
      publicComment = res.body;
      const noteRes = await t.http.post<CommentView>(`/api/tickets/${id}/comments`, { token: manager, body: { comment: 'Vendor quote is 20% over budget', internal: true } });
      expect(noteRes.status).toBe(201);
      note = noteRes.body;
    });

    it('stores comments and notes with their author and type', () => {
      expect(publicComment).toMatchObject({ ticketId: id, comment: 'Please do it on Tuesday', commentType: 'comment', isInternal: false, edited: false, author: { username: 'requester' } });
      expect(note).toMatchObject({ commentType: 'internal_note', isInternal: true, author: { username: 'manager' } });
    });

    it('shows internal notes only to holders of ticket.view_internal', async () => {
      expect((await comments(manager, id)).map((c) => c.id)).toEqual([publicComment.id, note.id]);
      expect((await comments(requester, id)).map((c) => c.id)).toEqual([publicComment.id]);
      expect((await comments(tech, id)).map((c) => c.id)).toEqual([publicComment.id]);
    });

    it('refuses an internal note from a caller without ticket.view_internal', async () => {
      const res = await t.http.post<ErrorBody>(`/api/tickets/${id}/comments`, { token: requester, body: { comment: 'sneaky', internal: true } });
      expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
      expect((await comments(manager, id)).map((c) => c.comment)).not.toContain('sneaky');
    });

    it('lets only the author edit, sets `edited` and records old and new text', async () => {
      const other = await t.http.patch<ErrorBody>(`/api/tickets/${id}/comments/${publicComment.id}`, { token: manager, body: { comment: 'rewritten' } });
      expect([other.status, other.body.code]).toEqual([403, 'FORBIDDEN']);
      const edited = await t.http.patch<CommentView>(`/api/tickets/${id}/comments/${publicComment.id}`, { token: requester, body: { comment: 'Please do it on Wednesday' } });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ id: publicComment.id, comment: 'Please do it on Wednesday', edited: true });
      const row = (await history(t, requester, id)).find((h) => h.action === 'comment_edited');
      expect(row).toMatchObject({ oldValue: 'Please do it on Tuesday', newValue: 'Please do it on Wednesday', user: { username: 'requester' } });
      // An internal note the caller cannot see does not exist for them.
      const hidden = await t.http.patch<ErrorBody>(`/api/tickets/${id}/comments/${note.id}`, { token: requester, body: { comment: 'x' } });
      expect([hidden.status, hidden.body.code]).toEqual([404, 'COMMENT_NOT_FOUND']);
      expect((await t.http.patch(`/api/tickets/${id}/comments/999999`, { token: requester, body: { comment: 'x' } })).status).toBe(404);
      expect((await t.http.patch(`/api/tickets/${id}/comments/${publicComment.id}`, { token: requester, body: { comment: '' } })).status).toBe(400);
    });

    it('hides the text of internal notes in the history of callers without ticket.view_internal', async () => {
      const forManager = (await history(t, manager, id)).filter((h) => h.action === 'comment_added');
      const forRequester = (await history(t, requester, id)).filter((h) => h.action === 'comment_added');
      expect(forManager.map((h) => h.comment)).toEqual(['Please do it on Tuesday', 'Vendor quote is 20% over budget']);
      expect(forRequester.map((h) => h.comment)).toEqual(['Please do it on Tuesday', null]);
    });
  });

  it('writes a typed history row for every action, with the user and the client address', async () => {
    const ip = (n: number) => ({ 'x-forwarded-for': `203.0.113.${n}` });
    const created = await t.http.post<{ id: number }>('/api/tickets', {
      token: requester,
      headers: ip(1),
      body: { title: 'Audit me', description: 'x', ticketType: 'component_addition', priority: 'low', targetServerUuid: '3f6b2a10-7c1d-4e8a-9b25-5a1c0e7d9f05', items: [{ action: 'add', componentType: 'ram', componentUuid: '28f7824e-f89c-48da-8245-4f506b391603', quantity: 1 }] },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await act(t, manager, id, 'approve', { comment: 'Fine' }, ip(2))).status).toBe(200);
    expect((await act(t, manager, id, 'assign', { assigneeId: techId }, ip(3))).status).toBe(200);
    expect((await act(t, tech, id, 'start', {}, ip(4))).status).toBe(200);
    expect((await t.http.post(`/api/tickets/${id}/comments`, { token: tech, body: { comment: 'On it' }, headers: ip(5) })).status).toBe(201);
    expect((await act(t, tech, id, 'deploy', { notes: 'Seated in DIMM A1' }, ip(6))).status).toBe(200);
    expect((await act(t, tech, id, 'complete', {}, ip(7))).status).toBe(200);

    const view: HistoryEntryView[] = await history(t, manager, id);
    expect(view.map((h) => [h.action, h.user.username, h.oldValue, h.newValue])).toEqual([
      ['ticket_created', 'requester', null, 'pending'],
      ['items_validated', 'manager', null, null],
      ['stock_reserved', 'manager', null, null],
      ['status_change', 'manager', 'pending', 'approved'],
      ['assigned', 'manager', null, String(techId)],
      ['status_change', 'tech', 'approved', 'in_progress'],
      ['comment_added', 'tech', null, null],
      ['item_fulfilled', 'tech', null, null],
      ['status_change', 'tech', 'in_progress', 'deployed'],
      ['status_change', 'tech', 'deployed', 'completed'],
    ]);
    // The assignee is resolved for the reader ("Assigned to Tom Becker"), the actor stays in `user`.
    const assigned = view.find((h) => h.action === 'assigned');
    expect(assigned?.subject?.id).toBe(techId);
    expect(assigned?.subject?.username).toBe('tech');
    expect(view.filter((h) => h.action !== 'assigned').every((h) => h.subject === undefined)).toBe(true);
    expect(view.find((h) => h.newValue === 'approved')?.comment).toBe('Fine');
    expect(view.find((h) => h.newValue === 'deployed')?.comment).toBe('Seated in DIMM A1');
    expect(view.every((h) => !Number.isNaN(Date.parse(h.createdAt)))).toBe(true);

    const rows = await historyRows(t, id);
    expect(rows.map((r) => r.ipAddress)).toEqual(['203.0.113.1', '203.0.113.2', '203.0.113.2', '203.0.113.2', '203.0.113.3', '203.0.113.4', '203.0.113.5', '203.0.113.6', '203.0.113.6', '203.0.113.7']);
    expect(rows.map((r) => r.userName)).toEqual(['requester', 'manager', 'manager', 'manager', 'manager', 'tech', 'tech', 'tech', 'tech', 'tech']);
  });

  it('writes no history for an action that fails', async () => {
    const id = (await createTicket(t, requester)).id;
    const before = (await historyRows(t, id)).length;
    expect((await act(t, requester, id, 'approve')).status).toBe(403);
    expect((await act(t, manager, id, 'start')).status).toBe(409);
    expect((await act(t, manager, id, 'reject', {})).status).toBe(400);
    expect((await historyRows(t, id)).length).toBe(before);
  });
});
