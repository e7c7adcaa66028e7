import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import type { ErrorBody, MyWork } from '@bdc/contracts';
import { Clock } from '../src/auth/clock';
import { startOfDay } from '../src/my-work/my-work.service';
import { describeEachEngine } from './engines';
import { createUser, demoUserId } from './factories';
import { createTestApp, type TestApp } from './harness';
import { act, actAll, createTicket } from './ticket-helpers';

const ids = (work: MyWork, key: keyof MyWork['sections']) => work.sections[key].items.map((t) => t.id);

describeEachEngine('my work (GET /api/my-work)', (engine) => {
  let t: TestApp;
  let requester: string;
  let manager: string;
  let tech: string;
  const myWork = async (token: string) => {
    const res = await t.http.get<MyWork>('/api/my-work', { token });
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { configOverrides: { timeZone: 'Europe/Berlin' } });
    [requester, manager, tech] = [await t.login('requester'), await t.login('manager'), await t.login('tech')];
  });
  afterAll(async () => t?.close());
  afterEach(() => vi.restoreAllMocks());

  it('answers 401 without a token and 403 without any ticket view permission', async () => {
    expect((await t.http.get('/api/my-work')).status).toBe(401);
    const nobody = await createUser(t, { roles: [] });
    const res = await t.http.get<ErrorBody>('/api/my-work', { token: await t.login(nobody.username, nobody.password) });
    expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('lists what waits for each person: approvals (never their own), assignments, role queues, own requests', async () => {
    const pending = await createTicket(t, requester, { title: 'Waiting for approval' });
    const managersOwn = await createTicket(t, manager, { title: 'The manager asked for this' });
    const assigned = await createTicket(t, requester, { title: 'Assigned to tech' });
    const techId = await demoUserId(t, 'tech');
    await actAll(t, assigned.id, [[manager, 'approve'], [manager, 'assign', { assigneeId: techId }]]);
    const queued = await createTicket(t, requester, { title: 'In the technician queue' });
    await actAll(t, queued.id, [[manager, 'approve'], [manager, 'assign', { role: 'technician' }]]);
    const cancelled = await createTicket(t, requester, { title: 'Cancelled request' });
    await actAll(t, cancelled.id, [[requester, 'cancel']]);

    const forManager = await myWork(manager);
    expect(ids(forManager, 'toApprove')).toContain(pending.id);
    expect(ids(forManager, 'toApprove')).not.toContain(managersOwn.id);
    expect(forManager.sections.toApprove.count).toBe(forManager.sections.toApprove.items.length);

    const forTech = await myWork(tech);
    expect(ids(forTech, 'assignedToMe')).toEqual([assigned.id]);
    expect(ids(forTech, 'roleQueues')).toEqual([queued.id]);
    expect(forTech.sections.toApprove).toEqual({ count: 0, items: [] });

    const forRequester = await myWork(requester);
    expect(forRequester.sections.toApprove.count).toBe(0);
    expect(ids(forRequester, 'myRequests').sort()).toEqual([pending.id, assigned.id, queued.id].sort());
    expect(forRequester.sections.myRequests.items[0]).toMatchObject({ ticketNumber: expect.stringMatching(/^TKT-/), status: expect.any(String) });
    // Another requester sees none of it.
    const stranger = await createUser(t, { roles: ['viewer'] });
    const forStranger = await myWork(await t.login(stranger.username, stranger.password));
    expect(Object.values(forStranger.sections).map((s) => s.count)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('shows scheduled today (the configured time zone) and overdue (passed, not deployed), each only where visible', async () => {
    const today = await createTicket(t, requester, { title: 'Scheduled this afternoon', scheduledDate: '2026-03-10T15:00:00Z' });
    const late = await createTicket(t, requester, { title: 'Scheduled yesterday', scheduledDate: '2026-03-09T10:00:00Z' });
    // 23:30 UTC on the 10th is already the 11th in Berlin: not today.
    const tomorrow = await createTicket(t, requester, { title: 'Scheduled for the 11th in Berlin', scheduledDate: '2026-03-10T23:30:00Z' });
    const lateCancelled = await createTicket(t, requester, { title: 'Scheduled yesterday, cancelled', scheduledDate: '2026-03-09T09:00:00Z' });
    await actAll(t, lateCancelled.id, [[requester, 'cancel']]);
    vi.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2026-03-10T12:00:00Z'));

    const work = await myWork(manager);
    expect(ids(work, 'scheduledToday')).toEqual([today.id]);
    expect(ids(work, 'overdue')).toEqual([late.id]);
    expect(ids(work, 'scheduledToday')).not.toContain(tomorrow.id);
    const forTech = await myWork(tech);
    expect(forTech.sections.overdue.count).toBe(0);
  });

  it("counts what someone else changed on the caller's requests since the last visit", async () => {
    const mine = await createTicket(t, requester, { title: 'Changed by the manager' });
    const untouched = await createTicket(t, requester, { title: 'Changed by nobody else' });
    const before = await myWork(requester);
    expect(before.lastVisitAt).toBeNull();
    expect(before.changedSinceLastVisit).toBe(0);

    const seen = await t.http.post<{ lastVisitAt: string }>('/api/my-work/seen', { token: requester });
    expect(seen.status).toBe(200);
    // A visit is recorded in whole seconds, rounded up (history times are whole seconds on SQLite):
    // the change must fall at least a second after it.
    await new Promise((r) => setTimeout(r, 2100));
    expect((await t.http.post(`/api/tickets/${mine.id}/comments`, { token: manager, body: { comment: 'Which rack?' } })).status).toBe(201);
    expect((await t.http.post(`/api/tickets/${untouched.id}/comments`, { token: requester, body: { comment: 'A note to self' } })).status).toBe(201);

    const after = await myWork(requester);
    expect(after.lastVisitAt).toBe(seen.body.lastVisitAt);
    expect(after.changedSinceLastVisit).toBe(1);
    expect(after.changedTicketIds).toEqual([mine.id]);

    await t.http.post('/api/my-work/seen', { token: requester });
    expect((await myWork(requester)).changedSinceLastVisit).toBe(0);
    expect((await act(t, manager, untouched.id, 'approve')).status).toBe(200);
  });

  it('finds the start of a day in a time zone, across a daylight-saving change', () => {
    expect(startOfDay('20260310', 'Europe/Berlin').toISOString()).toBe('2026-03-09T23:00:00.000Z');
    expect(startOfDay('20260329', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDay('20260330', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfDay('20260310', 'UTC').toISOString()).toBe('2026-03-10T00:00:00.000Z');
    expect(startOfDay('20260310', 'Asia/Kolkata').toISOString()).toBe('2026-03-09T18:30:00.000Z');
  });
});
