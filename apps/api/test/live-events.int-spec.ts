import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, LiveEvent } from '@bdc/contracts';
import type { AuthContext } from '../src/access/auth-context';
import { HistoryService } from '../src/history/history.service';
import { LiveEventsService, MAX_STREAMS_PER_USER } from '../src/notifications/live/live-events.service';
import { NotificationsService } from '../src/notifications/notifications.service';
import { TicketNotificationEntity } from '../src/notifications/ticket-notification.entity';
import { describeEachEngine } from './engines';
import { createUser, demoUserId } from './factories';
import { createSecondInstance, createTestApp, type TestApp } from './harness';
import { listening, openLiveStream, type LiveStream } from './live-stream';
import { redisAnswers } from './redis-probe';
import { act, createTicket } from './ticket-helpers';

const changed = (ticketId: number) => (e: LiveEvent) => e.type === 'ticket.changed' && e.ticketId === ticketId;
const notified = (ticketId: number) => (e: LiveEvent) => e.type === 'notification.created' && e.ticketId === ticketId;
const settle = () => new Promise((r) => setTimeout(r, 150));

describeEachEngine('live events (GET /api/events)', (engine) => {
  let t: TestApp;
  let base: string;
  const streams: LiveStream[] = [];
  const open = async (token: string, headers?: Record<string, string>) => {
    const stream = await openLiveStream(base, token, headers);
    streams.push(stream);
    return stream;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    base = await listening(t.app);
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await t?.close();
  });

  it('answers 401 without a token and 400 to a client that does not ask for an event stream', async () => {
    const anonymous = await t.http.get<ErrorBody>('/api/events', { headers: { accept: 'text/event-stream' } });
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    const plain = await t.http.get<ErrorBody>('/api/events', { token: await t.login('manager') });
    expect([plain.status, plain.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(plain.body.message).toContain('text/event-stream');
  });

  it('streams with the SSE headers, a retry hint and the security headers', async () => {
    const stream = await open(await t.login('manager'));
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toContain('text/event-stream');
    expect(stream.headers['cache-control']).toContain('no-cache');
    expect(stream.headers['x-content-type-options']).toBe('nosniff');
    await settle();
    expect(stream.text()).toMatch(/^retry: \d+\n/);
    stream.close();
  });

  it("delivers a ticket change to a second client who may see it, and not to one who may not", async () => {
    const requester = await t.login('requester');
    const manager = await open(await t.login('manager'));
    const outsider = await createUser(t, { roles: ['viewer'] });
    const other = await open(await t.login(outsider.username, outsider.password));
    const own = await open(requester);

    const ticket = await createTicket(t, requester, { title: 'Live: filed by the requester' });
    expect(await manager.waitFor(changed(ticket.id))).toEqual({ type: 'ticket.changed', ticketId: ticket.id, status: 'pending', action: 'ticket_created' });
    await own.waitFor(changed(ticket.id));

    const approved = await act(t, await t.login('manager2'), ticket.id, 'approve');
    expect(approved.status).toBe(200);
    expect(await manager.waitFor((e) => changed(ticket.id)(e) && e.type === 'ticket.changed' && e.status === 'approved')).toMatchObject({ status: 'approved' });
    await settle();
    expect(other.events.filter((e) => e.event.type === 'ticket.changed' && e.event.ticketId === ticket.id)).toEqual([]);
    expect(manager.events.every((e) => e.id !== null)).toBe(true);
    // An approval writes its history in several steps (validated, stock reserved, approved): one announcement.
    expect(manager.events.filter((e) => e.event.type === 'ticket.changed' && e.event.ticketId === ticket.id && e.event.status === 'approved')).toHaveLength(1);
  });

  it('publishes nothing for a change that is rolled back', async () => {
    const requester = await t.login('requester');
    const manager = await open(await t.login('manager'));
    const ticket = await createTicket(t, requester, { title: 'Live: rolled back' });
    // Its creation is announced (asynchronously, after the commit): wait for it, so only the rollback is left to watch.
    await manager.waitFor(changed(ticket.id));
    const auth: AuthContext = { id: await demoUserId(t, 'requester'), username: 'requester', displayName: 'Requester', roles: ['viewer'], permissions: [], ip: null };
    await expect(
      t.db.transaction(async (manager) => {
        await t.app.get(HistoryService).record(manager, auth, { ticketId: ticket.id, action: 'comment_added', comment: 'never committed' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // A later committed change on another ticket arrives: had the rolled-back one been published, it came first.
    const marker = await createTicket(t, requester, { title: 'Live: the marker' });
    await manager.waitFor(changed(marker.id));
    expect(manager.events.filter((e) => e.event.type === 'ticket.changed' && e.event.ticketId === ticket.id).map((e) => e.event)).toEqual([
      { type: 'ticket.changed', ticketId: ticket.id, status: 'pending', action: 'ticket_created' },
    ]);
  });

  it('rings the bell of each recipient once the notification commits: its row id, never the actor, never for a rollback', async () => {
    const requesterToken = await t.login('requester');
    const manager = await open(await t.login('manager'));
    const requester = await open(requesterToken);

    const ticket = await createTicket(t, requesterToken, { title: 'Live: the bell rings' });
    const rung = await manager.waitFor(notified(ticket.id));
    const managerId = await demoUserId(t, 'manager');
    const row = await t.dataSource.manager.findOneOrFail(TicketNotificationEntity, { where: { ticketId: ticket.id, recipientUserId: managerId } });
    expect(rung).toEqual({ type: 'notification.created', notificationId: row.id, ticketId: ticket.id });
    await requester.waitFor(changed(ticket.id));
    await settle();
    // The requester filed it: the approvers hear of it, the actor does not.
    expect(requester.events.filter((e) => e.event.type === 'notification.created')).toEqual([]);

    // A comment whose transaction rolls back wrote a notification row for the requester and must ring nothing.
    const managerAuth: AuthContext = { id: managerId, username: 'manager', displayName: 'Manager', roles: ['manager'], permissions: [], ip: null };
    await expect(
      t.db.transaction(async (tx) => {
        await t.app.get(NotificationsService).recordTicketEvent(tx, managerAuth, ticket.id, 'comment', { text: 'never committed' });
        expect(await tx.count(TicketNotificationEntity, { where: { ticketId: ticket.id, notificationType: 'comment' } })).toBe(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // The same, committed: it arrives, and had the rolled-back one been published it came first.
    await t.db.transaction((tx) => t.app.get(NotificationsService).recordTicketEvent(tx, managerAuth, ticket.id, 'comment', { text: 'committed' }));
    const comment = await t.dataSource.manager.findOneOrFail(TicketNotificationEntity, { where: { ticketId: ticket.id, notificationType: 'comment' } });
    expect(await requester.waitFor(notified(ticket.id))).toEqual({ type: 'notification.created', notificationId: comment.id, ticketId: ticket.id });
    await settle();
    expect(requester.events.filter((e) => e.event.type === 'notification.created').map((e) => e.event)).toEqual([
      { type: 'notification.created', notificationId: comment.id, ticketId: ticket.id },
    ]);
    expect(manager.events.filter((e) => notified(ticket.id)(e.event))).toHaveLength(1);
  });

  it('replays what a client missed when it reconnects with Last-Event-ID', async () => {
    const requester = await t.login('requester');
    const token = await t.login('manager');
    const first = await open(token);
    const one = await createTicket(t, requester, { title: 'Live: before the drop' });
    await first.waitFor(changed(one.id));
    const lastId = first.events[first.events.length - 1]?.id ?? '';
    first.close();
    const two = await createTicket(t, requester, { title: 'Live: while away' });
    const again = await open(token, { 'last-event-id': lastId });
    await again.waitFor(changed(two.id));
    expect(again.events.some((e) => e.event.type === 'ticket.changed' && e.event.ticketId === one.id)).toBe(false);
  });

  it(`keeps at most ${MAX_STREAMS_PER_USER} streams per user, closing the oldest, and forgets closed ones`, async () => {
    const live = t.app.get(LiveEventsService);
    for (const s of streams.splice(0)) s.close();
    await expect.poll(() => live.streamCount).toBe(0);
    const user = await createUser(t, { roles: ['viewer'] });
    const token = await t.login(user.username, user.password);
    for (let i = 0; i < MAX_STREAMS_PER_USER + 2; i++) await open(token);
    await expect.poll(() => live.streamCount).toBe(MAX_STREAMS_PER_USER);
    for (const s of streams.splice(0)) s.close();
    await expect.poll(() => live.streamCount).toBe(0);
  });
});

const REDIS_URL = process.env.TEST_REDIS_URL?.trim() || 'redis://127.0.0.1:6379';
const redis = redisAnswers(REDIS_URL);

describeEachEngine('live events through Redis, two API instances on one database', (engine) => {
  const suite = redis ? describe : describe.skip;
  suite(redis ? 'with REDIS_URL' : `with REDIS_URL (skipped: no Redis answers at ${REDIS_URL}; set TEST_REDIS_URL)`, () => {
    let t: TestApp;
    let second: NestFastifyApplication;
    let stream: LiveStream | null = null;

    beforeAll(async () => {
      t = await createTestApp(engine, { configOverrides: { redisUrl: REDIS_URL } });
      second = await createSecondInstance(t, { redisUrl: REDIS_URL });
    });
    afterAll(async () => {
      stream?.close();
      await second?.close();
      await t?.close();
    });

    it('a change made on one instance reaches a stream open on the other', async () => {
      // Subscriptions complete asynchronously: give both a moment before publishing.
      await new Promise((r) => setTimeout(r, 300));
      stream = await openLiveStream(await listening(second), await t.login('manager'));
      const ticket = await createTicket(t, await t.login('requester'), { title: 'Live: across processes' });
      expect(await stream.waitFor(changed(ticket.id))).toMatchObject({ type: 'ticket.changed', ticketId: ticket.id, status: 'pending' });
    });
  });
});
