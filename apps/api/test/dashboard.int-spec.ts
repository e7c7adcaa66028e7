import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Dashboard } from '@bdc/contracts';
import { TicketHistoryEntity } from '../src/history/ticket-history.entity';
import { TicketEntity } from '../src/tickets/ticket.entity';
import { describeEachEngine } from './engines';
import { demoUserId } from './factories';
import { createTestApp, type TestApp } from './harness';
import { act, actAll, addItem, createTicket, MODEL, SERVER } from './ticket-helpers';

const HOUR = 3_600_000;
const at = (iso: string, plusHours = 0) => new Date(new Date(iso).getTime() + plusHours * HOUR);
const RANGE = { from: '2031-03-01T00:00:00Z', to: '2031-03-05T00:00:00Z' };

describeEachEngine('the analytics dashboard', (engine) => {
  let t: TestApp;
  let admin: string;
  let manager: string;
  let requester: string;
  let tech: string;
  let techId: number;

  /** Moves a ticket's life to known instants: its columns and every history row of each status change. */
  async function retime(id: number, times: Partial<Record<'createdAt' | 'submittedAt' | 'approvedAt' | 'rejectedAt' | 'deployedAt' | 'completedAt', Date>>, historyAt: Date) {
    await t.dataSource.getRepository(TicketEntity).update(id, times);
    await t.dataSource.getRepository(TicketHistoryEntity).update({ ticketId: id }, { createdAt: historyAt });
  }
  const get = async (token: string, query: Record<string, string> = RANGE) => {
    const res = await t.http.get<Dashboard>('/api/dashboard', { token, query });
    expect(res.status, res.text).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    [admin, manager, requester, tech] = await Promise.all(['admin', 'manager', 'requester', 'tech'].map((u) => t.login(u)));
    techId = await demoUserId(t, 'tech');
    const ram = { items: [addItem('ram', MODEL.ramSamsung32, 1)] };

    // Two completed tickets: submit → approval 2 h and 4 h, approval → deploy 24 h and 48 h, deploy → completion 1 h and 3 h.
    for (const [i, hours] of [[0, [2, 24, 1]], [1, [4, 48, 3]]] as const) {
      const ticket = await createTicket(t, requester, { title: `Done ${i}`, ...ram });
      await actAll(t, ticket.id, [[manager, 'approve'], [manager, 'assign', { assigneeId: techId }], [tech, 'start'], [tech, 'deploy'], [tech, 'complete']]);
      const created = at('2031-03-01T08:00:00Z', i);
      const approved = at(created.toISOString(), hours[0]);
      const deployed = at(approved.toISOString(), hours[1]);
      await retime(ticket.id, { createdAt: created, submittedAt: created, approvedAt: approved, deployedAt: deployed, completedAt: at(deployed.toISOString(), hours[2]) }, at('2031-03-02T12:00:00Z'));
    }
    // A rejected one, and one that was deployed and rolled back (now in progress with the technician).
    const rejected = await createTicket(t, requester, { title: 'Rejected', ...ram });
    await act(t, manager, rejected.id, 'reject', { reason: 'Not now' });
    await retime(rejected.id, { createdAt: at('2031-03-02T09:00:00Z'), submittedAt: at('2031-03-02T09:00:00Z') }, at('2031-03-02T12:00:00Z'));
    const rolledBack = await createTicket(t, requester, { title: 'Rolled back', priority: 'high', ...ram });
    await actAll(t, rolledBack.id, [[manager, 'approve'], [manager, 'assign', { assigneeId: techId }], [tech, 'start'], [tech, 'deploy'], [tech, 'rollback', { reason: 'BMC reports a DIMM error' }]]);
    await retime(rolledBack.id, { createdAt: at('2031-03-02T10:00:00Z'), submittedAt: at('2031-03-02T10:00:00Z'), approvedAt: at('2031-03-02T16:00:00Z'), deployedAt: null as unknown as Date }, at('2031-03-03T12:00:00Z'));
    // Two pending: the oldest waiting; one filed by the admin on another server, which the requester cannot see.
    const waiting = await createTicket(t, requester, { title: 'Waiting', priority: 'critical', ...ram });
    await retime(waiting.id, { createdAt: at('2031-03-03T07:00:00Z'), submittedAt: at('2031-03-03T07:00:00Z') }, at('2031-03-03T07:00:00Z'));
    const others = await createTicket(t, admin, { title: 'Not the requester’s', targetServerUuid: SERVER.dbProd01, ...ram });
    await retime(others.id, { createdAt: at('2031-03-04T07:00:00Z'), submittedAt: at('2031-03-04T07:00:00Z') }, at('2031-03-04T07:00:00Z'));
  });
  afterAll(async () => t?.close());

  it('counts open tickets now, by status, priority and type', async () => {
    const d = await get(manager);
    expect(d.open.total).toBe(4);
    expect(d.open.byStatus).toEqual({ rejected: 1, in_progress: 1, pending: 2 });
    expect(d.open.byPriority).toEqual({ normal: 2, high: 1, critical: 1 });
    expect(d.open.byType).toEqual({ component_addition: 4 });
  });

  it('counts tickets created and completed per day of the period, every day present', async () => {
    const d = await get(manager);
    expect(d.perDay).toEqual([
      { day: '2031-03-01', created: 2, completed: 0 },
      { day: '2031-03-02', created: 2, completed: 1 },
      { day: '2031-03-03', created: 1, completed: 1 },
      { day: '2031-03-04', created: 1, completed: 0 },
    ]);
  });

  it('counts what the ticket list finds with the same filters (the SPA links each number to it)', async () => {
    const d = await get(manager);
    const listTotal = async (query: Record<string, string>) => (await t.http.get<{ total: number }>('/api/tickets', { token: manager, query })).body.total;
    for (const day of d.perDay) {
      const next = new Date(new Date(`${day.day}T00:00:00Z`).getTime() + 24 * HOUR).toISOString();
      expect(await listTotal({ createdFrom: `${day.day}T00:00:00Z`, createdTo: next })).toBe(day.created);
      expect(await listTotal({ completedFrom: `${day.day}T00:00:00Z`, completedTo: next })).toBe(day.completed);
    }
    expect(await listTotal({ status: 'draft,pending,approved,rejected,in_progress,deployed' })).toBe(d.open.total);
    const period = { transitionFrom: RANGE.from, transitionTo: RANGE.to };
    expect(await listTotal({ transition: 'approved', ...period })).toBe(d.decisions.approvals);
    expect(await listTotal({ transition: 'rejected', ...period })).toBe(d.decisions.rejections);
    expect(await listTotal({ transition: 'deployed', ...period })).toBe(d.rollbacks.deployments);
    expect(await listTotal({ transition: 'rolled_back', ...period })).toBe(d.rollbacks.rollbacks);
    // Outside the period nothing happened.
    expect(await listTotal({ transition: 'approved', transitionFrom: '2031-06-01T00:00:00Z', transitionTo: '2031-07-01T00:00:00Z' })).toBe(0);
    expect(await listTotal({ assignedTo: String(techId), status: 'approved,in_progress,deployed' })).toBe(d.workload[0]?.total);
  });

  it('reports the median and p90 of each stage', async () => {
    const d = await get(manager);
    // Submit → approval: 2 h, 4 h and 6 h (the rolled-back ticket): median 4 h, p90 5.6 h.
    expect(d.stageTimes.submitToApproval).toEqual({ count: 3, medianSeconds: 4 * 3600, p90Seconds: 5.6 * 3600 });
    // Approval → deploy: 24 h and 48 h: median 36 h, p90 45.6 h.
    expect(d.stageTimes.approvalToDeploy).toEqual({ count: 2, medianSeconds: 36 * 3600, p90Seconds: 45.6 * 3600 });
    expect(d.stageTimes.deployToCompletion).toEqual({ count: 2, medianSeconds: 2 * 3600, p90Seconds: 2.8 * 3600 });
  });

  it('reports decision and rollback rates from the status changes of the period', async () => {
    const d = await get(manager);
    expect(d.decisions).toEqual({ approvals: 3, rejections: 1, approvalRate: 0.75, rejectionRate: 0.25 });
    expect(d.rollbacks).toEqual({ deployments: 3, rollbacks: 1, rate: 1 / 3 });
  });

  it('shows the work in hand per technician and the oldest waiting tickets', async () => {
    const d = await get(manager);
    expect(d.workload.map((w) => [w.technician.username, w.approved, w.inProgress, w.deployed, w.total])).toEqual([['tech', 0, 1, 0, 1]]);
    expect(d.oldestWaiting.map((w) => [w.title, w.status])).toEqual([
      ['Waiting', 'pending'],
      ['Not the requester’s', 'pending'],
    ]);
    expect(d.oldestWaiting[0]?.waitingSince).toBe('2031-03-03T07:00:00.000Z');
  });

  it('counts only what the caller may see, and filters by server and type', async () => {
    const own = await get(requester);
    expect(own.open.total).toBe(3);
    expect(own.oldestWaiting.map((w) => w.title)).toEqual(['Waiting']);
    expect(own.perDay.reduce((sum, d) => sum + d.created, 0)).toBe(5);
    const onDb = await get(manager, { ...RANGE, server: SERVER.dbProd01 });
    expect(onDb.open.total).toBe(1);
    expect(onDb.decisions.approvalRate).toBeNull();
    const removals = await get(manager, { ...RANGE, ticketType: 'component_removal' });
    expect(removals.open.total).toBe(0);
  });

  it('refuses a period that is backwards or too long, and a bad date, naming the field', async () => {
    for (const query of [{ from: RANGE.to, to: RANGE.from }, { from: '2029-01-01T00:00:00Z', to: '2031-01-01T00:00:00Z' }, { from: 'last week' }]) {
      const res = await t.http.get('/api/dashboard', { token: manager, query });
      expect(res.status).toBe(400);
      expect(res.text).toContain('from');
    }
  });
});
