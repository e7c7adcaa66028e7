import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MentionableUser, NotificationPreferences, NotificationView, Page, UnreadCount } from '@bdc/contracts';
import { mentionedUsernames } from '../src/notifications/notifications.service';
import { TicketNotificationEntity } from '../src/notifications/ticket-notification.entity';
import { describeEachEngine } from './engines';
import { createStock, createUser, demoUserId, MODEL } from './factories';
import { createTestApp, type TestApp } from './harness';
import { act, actAll, addItem, createTicket as createWith } from './ticket-helpers';

describe('mentionedUsernames', () => {
  it('finds @usernames, not addresses, without trailing punctuation, once each', () => {
    expect(mentionedUsernames('@tech please check, cc @Manager2. Mail rita@bdc.example or @tech again')).toEqual(['tech', 'manager2']);
    expect(mentionedUsernames('no mentions @ all')).toEqual([]);
  });
});

describeEachEngine('notifications: the outbox and its recipients', (engine) => {
  let t: TestApp;
  let tokens: Record<'admin' | 'manager' | 'manager2' | 'tech' | 'tech2' | 'requester', string>;
  let ids: Record<keyof typeof tokens, number>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const names = ['admin', 'manager', 'manager2', 'tech', 'tech2', 'requester'] as const;
    tokens = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await t.login(n)]))) as typeof tokens;
    ids = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await demoUserId(t, n)]))) as typeof ids;
    await createStock(t, { componentType: 'ram', model: MODEL.ramSamsung32, count: 40 });
  });
  afterAll(async () => t?.close());

  /** One unit each, from stock added for this file: many tickets get approved (which reserves). */
  const createTicket = (token: string, overrides: Parameters<typeof createWith>[2] = {}) => createWith(t, token, { items: [addItem('ram', MODEL.ramSamsung32, 1)], ...overrides });

  /** Recipients (by user id) of each event type written for the ticket, optionally since a row id. */
  async function outbox(ticketId: number, afterId = 0): Promise<TicketNotificationEntity[]> {
    const rows = await t.dataSource.manager.find(TicketNotificationEntity, { where: { ticketId }, order: { id: 'ASC' } });
    return rows.filter((r) => r.id > afterId);
  }
  const lastId = async () => (await t.dataSource.manager.find(TicketNotificationEntity, { order: { id: 'DESC' }, take: 1 }))[0]?.id ?? 0;
  const recipientsOf = (rows: TicketNotificationEntity[], type: string) =>
    rows
      .filter((r) => r.notificationType === type)
      .map((r) => r.recipientUserId)
      .sort((a, b) => a - b);

  it('a submitted ticket goes to the approvers, not to its creator; a draft to nobody', async () => {
    const draft = await createTicket(tokens.requester, { draft: true });
    expect(await outbox(draft.id)).toEqual([]);
    const ticket = await createTicket(tokens.requester);
    const rows = await outbox(ticket.id);
    expect(recipientsOf(rows, 'submitted')).toEqual([ids.admin, ids.manager, ids.manager2].sort((a, b) => a - b));
    expect(rows.every((r) => r.readAt === null && r.actorUserId === ids.requester)).toBe(true);
    // No SMTP_URL in this app: in-app only, nothing for a worker to send.
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['skipped']));
    expect(rows[0]?.subject).toContain(ticket.ticketNumber);

    const before = await lastId();
    expect((await act(t, tokens.requester, draft.id, 'submit')).status).toBe(200);
    expect(recipientsOf(await outbox(draft.id, before), 'submitted')).toEqual([ids.admin, ids.manager, ids.manager2].sort((a, b) => a - b));
  });

  it('approved and rejected go to the requester; nobody hears of their own action', async () => {
    const approved = await createTicket(tokens.requester);
    let before = await lastId();
    await act(t, tokens.manager, approved.id, 'approve', { comment: 'Fine by me' });
    let rows = await outbox(approved.id, before);
    expect(rows.map((r) => [r.notificationType, r.recipientUserId])).toEqual([['approved', ids.requester]]);
    expect(rows[0]?.message).toContain('Fine by me');

    const rejected = await createTicket(tokens.requester);
    before = await lastId();
    await act(t, tokens.manager2, rejected.id, 'reject', { reason: 'Wrong server' });
    rows = await outbox(rejected.id, before);
    expect(rows.map((r) => [r.notificationType, r.recipientUserId])).toEqual([['rejected', ids.requester]]);

    // A manager's own ticket: the other approvers hear of it, the manager does not.
    const own = await createTicket(tokens.manager);
    expect(recipientsOf(await outbox(own.id), 'submitted')).toEqual([ids.admin, ids.manager2].sort((a, b) => a - b));
  });

  it('assigned goes to the technician, or to every member of the queue who can see it', async () => {
    const ticket = await createTicket(tokens.requester);
    await act(t, tokens.manager, ticket.id, 'approve');
    let before = await lastId();
    await act(t, tokens.manager, ticket.id, 'assign', { assigneeId: ids.tech });
    expect((await outbox(ticket.id, before)).map((r) => [r.notificationType, r.recipientUserId])).toEqual([['assigned', ids.tech]]);

    const queued = await createTicket(tokens.requester);
    await act(t, tokens.manager, queued.id, 'approve');
    before = await lastId();
    await act(t, tokens.manager, queued.id, 'assign', { role: 'technician' });
    expect(recipientsOf(await outbox(queued.id, before), 'assigned')).toEqual([ids.tech, ids.tech2].sort((a, b) => a - b));

    // Claiming: the claimer acted, nobody else in the queue is the assignee now.
    before = await lastId();
    await act(t, tokens.tech2, queued.id, 'claim');
    expect(await outbox(queued.id, before)).toEqual([]);
  });

  it('deployed, completed, rolled back and cancelled go to the participants', async () => {
    const ticket = await createTicket(tokens.requester);
    await actAll(t, ticket.id, [
      [tokens.manager, 'approve'],
      [tokens.manager, 'assign', { assigneeId: ids.tech }],
      [tokens.tech, 'start'],
    ]);
    let before = await lastId();
    await act(t, tokens.tech, ticket.id, 'deploy', { notes: 'Done in slot 3' });
    expect(recipientsOf(await outbox(ticket.id, before), 'deployed')).toEqual([ids.manager, ids.requester].sort((a, b) => a - b));
    before = await lastId();
    expect((await act(t, tokens.tech, ticket.id, 'rollback', { reason: 'Fan noise' })).status).toBe(200);
    expect(recipientsOf(await outbox(ticket.id, before), 'rolled_back')).toEqual([ids.manager, ids.requester].sort((a, b) => a - b));

    const other = await createTicket(tokens.requester);
    await actAll(t, other.id, [
      [tokens.manager, 'approve'],
      [tokens.manager, 'assign', { assigneeId: ids.tech }],
      [tokens.tech, 'start'],
      [tokens.tech, 'deploy'],
    ]);
    before = await lastId();
    const completed = await act(t, tokens.admin, other.id, 'complete');
    expect(completed.status, completed.text).toBe(200);
    expect(recipientsOf(await outbox(other.id, before), 'completed')).toEqual([ids.manager, ids.tech, ids.requester].sort((a, b) => a - b));

    const cancelled = await createTicket(tokens.requester);
    await act(t, tokens.manager, cancelled.id, 'approve');
    before = await lastId();
    expect((await act(t, tokens.manager2, cancelled.id, 'cancel')).status).toBe(200);
    expect(recipientsOf(await outbox(cancelled.id, before), 'cancelled')).toEqual([ids.manager, ids.requester].sort((a, b) => a - b));
  });

  describe('comments, internal notes and mentions', () => {
    let ticketId: number;
    beforeAll(async () => {
      ticketId = (await createTicket(tokens.requester)).id;
      await actAll(t, ticketId, [
        [tokens.manager, 'approve'],
        [tokens.manager, 'assign', { assigneeId: ids.tech }],
      ]);
    });
    const comment = (token: string, body: { comment: string; internal?: boolean }) => t.http.post(`/api/tickets/${ticketId}/comments`, { token, body });

    it('a public comment goes to the participants but its author', async () => {
      const before = await lastId();
      expect((await comment(tokens.requester, { comment: 'Tuesday please' })).status).toBe(201);
      expect(recipientsOf(await outbox(ticketId, before), 'comment')).toEqual([ids.manager, ids.tech].sort((a, b) => a - b));
    });

    it('an internal note never reaches the requester, by mail or in-app', async () => {
      const before = await lastId();
      expect((await comment(tokens.manager, { comment: 'Spare part is dusty, @requester do not worry; @manager2 FYI', internal: true })).status).toBe(201);
      const rows = await outbox(ticketId, before);
      // Participants: requester and tech, neither with ticket.view_internal; manager2 is mentioned and has it.
      expect(rows.map((r) => [r.notificationType, r.recipientUserId])).toEqual([['mention', ids.manager2]]);
      const inbox = await t.http.get<Page<NotificationView>>('/api/notifications', { token: tokens.requester, query: { pageSize: 100 } });
      expect(inbox.body.items.some((n) => n.message.includes('dusty'))).toBe(false);
    });

    it('a mention reaches a user who can see the ticket, once, as a mention; not one who cannot', async () => {
      const outsider = await createUser(t, { roles: ['viewer'] });
      const before = await lastId();
      expect((await comment(tokens.requester, { comment: `@tech2 @manager2 and @${outsider.username}, have a look` })).status).toBe(201);
      const rows = await outbox(ticketId, before);
      // tech2 cannot see a ticket assigned to tech (view_assigned); manager2 can (view_all).
      expect(recipientsOf(rows, 'mention')).toEqual([ids.manager2]);
      expect(rows.map((r) => r.recipientUserId)).not.toContain(outsider.id);
      expect(rows.map((r) => r.recipientUserId)).not.toContain(ids.tech2);
      // tech is a participant and gets the comment; manager is too.
      expect(recipientsOf(rows, 'comment')).toEqual([ids.manager, ids.tech].sort((a, b) => a - b));

      const mentionedParticipant = await lastId();
      await comment(tokens.requester, { comment: 'Thanks @tech' });
      const again = await outbox(ticketId, mentionedParticipant);
      expect(again.filter((r) => r.recipientUserId === ids.tech).map((r) => r.notificationType)).toEqual(['mention']);
    });

    it('offers for autocomplete only users who can see the ticket (and internal notes)', async () => {
      const res = await t.http.get<MentionableUser[]>('/api/users/mentionable', { token: tokens.requester, query: { ticketId, q: '' } });
      expect(res.status).toBe(200);
      const names = res.body.map((u) => u.username);
      expect(names).toEqual(expect.arrayContaining(['admin', 'manager', 'manager2', 'tech']));
      expect(names).not.toContain('tech2');
      expect(names).not.toContain('requester');
      const internal = await t.http.get<MentionableUser[]>('/api/users/mentionable', { token: tokens.manager, query: { ticketId, q: 'req', internal: true } });
      expect(internal.body).toEqual([]);
      const prefix = await t.http.get<MentionableUser[]>('/api/users/mentionable', { token: tokens.manager, query: { ticketId, q: 'ri' } });
      expect(prefix.body.map((u) => u.username)).toEqual(['requester']);
      expect((await t.http.get('/api/users/mentionable', { token: tokens.tech2, query: { ticketId } })).status).toBe(404);
      expect((await t.http.get('/api/users/mentionable', { token: tokens.tech, query: { ticketId: 'x' } })).status).toBe(400);
    });
  });

  it('a ticket the recipient may not see is never announced to them', async () => {
    // A technician with ticket.approve but without view_all: the submitted ticket is invisible to them.
    const blind = await createUser(t, { permissions: ['ticket.approve', 'ticket.view_own'] });
    const ticket = await createTicket(tokens.requester);
    expect((await outbox(ticket.id)).map((r) => r.recipientUserId)).not.toContain(blind.id);
  });

  it('a rolled back change writes nothing: the rows share its transaction', async () => {
    const ticket = await createTicket(tokens.requester);
    const before = await lastId();
    // Refused (self-approval): the transaction rolls back, so no notification exists either.
    expect((await act(t, tokens.requester, ticket.id, 'approve')).status).toBe(403);
    expect(await outbox(ticket.id, before)).toEqual([]);
  });

  describe('the in-app inbox', () => {
    it('lists, counts, marks read one and all, and only the caller’s own', async () => {
      const fresh = await createUser(t, { roles: ['manager'] });
      const token = await t.login(fresh.username);
      await createTicket(tokens.requester);
      await createTicket(tokens.requester);
      let count = await t.http.get<UnreadCount>('/api/notifications/unread-count', { token });
      expect(count.body).toEqual({ unread: 2 });
      const list = await t.http.get<Page<NotificationView>>('/api/notifications', { token, query: { unread: true } });
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(2);
      const [first] = list.body.items;
      expect(first?.event).toBe('submitted');
      expect(first?.ticketNumber).toEqual(expect.any(String));
      const read = await t.http.post<NotificationView>(`/api/notifications/${first?.id}/read`, { token });
      expect(read.status).toBe(200);
      expect(read.body.readAt).not.toBeNull();
      count = await t.http.get<UnreadCount>('/api/notifications/unread-count', { token });
      expect(count.body).toEqual({ unread: 1 });
      expect((await t.http.get<Page<NotificationView>>('/api/notifications', { token, query: { unread: true } })).body.total).toBe(1);
      // Someone else's notification does not exist for them.
      expect((await t.http.post(`/api/notifications/${first?.id}/read`, { token: tokens.requester })).status).toBe(404);
      const all = await t.http.post<UnreadCount>('/api/notifications/read-all', { token });
      expect(all.body).toEqual({ unread: 0 });
      expect((await t.http.get<Page<NotificationView>>('/api/notifications', { token })).body.total).toBe(2);
      expect((await t.http.get('/api/notifications', { token, query: { unread: 'maybe' } })).status).toBe(400);
    });

    it('keeps email preferences per event, default on', async () => {
      const token = tokens.tech2;
      const initial = await t.http.get<NotificationPreferences>('/api/notifications/preferences', { token });
      expect(initial.body.items.every((p) => p.email)).toBe(true);
      const put = await t.http.put<NotificationPreferences>('/api/notifications/preferences', { token, body: { items: [{ event: 'comment', email: false }] } });
      expect(put.status).toBe(200);
      expect(put.body.items.find((p) => p.event === 'comment')?.email).toBe(false);
      expect(put.body.items.find((p) => p.event === 'assigned')?.email).toBe(true);
      const bad = await t.http.put<{ code: string; details?: unknown }>('/api/notifications/preferences', { token, body: { items: [{ event: 'nope', email: true }] } });
      expect(bad.status).toBe(400);
      expect((await t.http.put('/api/notifications/preferences', { token, body: { items: [{ event: 'comment', email: true }, { event: 'comment', email: false }] } })).status).toBe(400);
    });
  });
});
