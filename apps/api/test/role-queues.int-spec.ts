/**
 * Role queues (BDC IMS assigned_to_role): a manager assigns an approved ticket to a role; every
 * member with ticket.view_assigned sees it; one member who can deploy claims it (becoming the
 * assignee, recorded in history); a manager can reassign. Through REST and the action API.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ErrorBody, HistoryEntryView, Page, TicketDetail, TicketSummary } from '@bdc/contracts';
import { describeEachEngine } from './engines';
import { createUser, demoUserId } from './factories';
import { createTestApp, type TestApp } from './harness';
import { legacy } from './legacy-client';
import { act, actAll, createTicket } from './ticket-helpers';

describeEachEngine('role queues', (engine) => {
  let t: TestApp;
  let manager: string;
  let tech: string;
  let tech2: string;
  let requester: string;
  let outsider: string;
  let techId: number;
  let tech2Id: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    [manager, tech, tech2, requester] = await Promise.all(['manager', 'tech', 'tech2', 'requester'].map((u) => t.login(u)));
    // A technician's permissions through a different role: not a member of the technician queue.
    const other = await createUser(t, { roles: [], permissions: ['ticket.view_assigned', 'ticket.deploy'] });
    outsider = await t.login(other.username, other.password);
    techId = await demoUserId(t, 'tech');
    tech2Id = await demoUserId(t, 'tech2');
  });
  afterAll(async () => t?.close());

  async function queued(role = 'technician'): Promise<TicketDetail> {
    const ticket = await createTicket(t, requester, { title: `Queued for ${role}` });
    return actAll(t, ticket.id, [
      [manager, 'approve'],
      [manager, 'assign', { role }],
    ]);
  }

  it('assigns to a role queue: nobody is the assignee, every member sees it, others do not', async () => {
    const ticket = await queued();
    expect(ticket).toMatchObject({ status: 'approved', assignedTo: null, assignedRole: 'technician' });
    for (const token of [tech, tech2]) {
      expect((await t.http.get(`/api/tickets/${ticket.id}`, { token })).status).toBe(200);
      const list = await t.http.get<Page<TicketSummary>>('/api/tickets', { token, query: { queue: 'mine' } });
      expect(list.body.items.map((i) => i.id)).toContain(ticket.id);
    }
    const seen = await t.http.get<TicketDetail>(`/api/tickets/${ticket.id}`, { token: tech });
    expect(seen.body.allowedActions).toContain('claim');
    expect(seen.body.allowedActions).not.toContain('start');
    expect((await t.http.get(`/api/tickets/${ticket.id}`, { token: outsider })).status).toBe(404);
    const outsiderList = await t.http.get<Page<TicketSummary>>('/api/tickets', { token: outsider });
    expect(outsiderList.body.items.map((i) => i.id)).not.toContain(ticket.id);
    const byRole = await t.http.get<Page<TicketSummary>>('/api/tickets', { token: manager, query: { queue: 'technician' } });
    expect(byRole.body.items.find((i) => i.id === ticket.id)?.assignedRole).toBe('technician');
  });

  it('one member claims it: they become the assignee, the queue is left, history records it; a second claim is refused', async () => {
    const ticket = await queued();
    const claimed = await act(t, tech, ticket.id, 'claim', { comment: 'mine' });
    expect(claimed.status, claimed.text).toBe(200);
    expect(claimed.body).toMatchObject({ assignedTo: { id: techId }, assignedRole: null });
    expect(claimed.body.allowedActions).toContain('start');
    const again = await act(t, tech2, ticket.id, 'claim');
    // tech2 no longer sees it (neither assignee nor queue member): 404, like any invisible ticket.
    expect(again.status).toBe(404);
    const history = await t.http.get<HistoryEntryView[]>(`/api/tickets/${ticket.id}/history`, { token: manager });
    const entries = history.body.filter((h) => h.action === 'assigned');
    expect(entries.map((h) => [h.fieldChanged, h.newValue])).toEqual([
      ['assigned_role', 'technician'],
      ['assigned_to', String(techId)],
    ]);
    expect(entries[1]?.metadata).toMatchObject({ claimedFrom: 'technician' });
    expect((await act(t, tech, ticket.id, 'start')).status).toBe(200);
  });

  it('only a member holding ticket.deploy claims, and only while the ticket is queued', async () => {
    const ticket = await queued();
    expect((await act(t, outsider, ticket.id, 'claim')).status).toBe(404);
    const managerClaim = await act(t, manager, ticket.id, 'claim');
    expect(managerClaim.status).toBe(403);
    const pending = await createTicket(t, requester);
    expect((await act(t, tech, pending.id, 'claim')).status).toBe(404);
    expect(((await act(t, manager, pending.id, 'assign', { role: 'technician' })).body as ErrorBody).code).toBe('INVALID_TRANSITION');
  });

  it('a manager reassigns from a queue to a person and back; a role must exist; not both at once', async () => {
    const ticket = await queued();
    const person = await act(t, manager, ticket.id, 'assign', { assigneeId: tech2Id });
    expect(person.body).toMatchObject({ assignedTo: { id: tech2Id }, assignedRole: null });
    const back = await act(t, manager, ticket.id, 'assign', { role: 'technician' });
    expect(back.body).toMatchObject({ assignedTo: null, assignedRole: 'technician' });
    const nosuch = await act(t, manager, ticket.id, 'assign', { role: 'nosuchrole' });
    expect([nosuch.status, (nosuch.body as ErrorBody).code]).toEqual([422, 'ASSIGNEE_NOT_ELIGIBLE']);
    const both = await act(t, manager, ticket.id, 'assign', { role: 'technician', assigneeId: techId });
    expect(both.status).toBe(400);
    expect((both.body as ErrorBody).details?.fields?.map((f) => f.field)).toEqual(expect.arrayContaining(['assigneeId']));
    const neither = await act(t, manager, ticket.id, 'assign', {});
    expect(neither.status).toBe(400);
  });

  it('through the action API: assigned_to_role by id or name, the list filter, and ticket-claim', async () => {
    const ticket = await createTicket(t, requester, { title: 'Queued via api.php' });
    await actAll(t, ticket.id, [[manager, 'approve']]);
    const roleId = Number(((await t.dataSource.query('SELECT id FROM roles WHERE name = ?', ['technician'])) as { id: number | string }[])[0]?.id);
    const assigned = await legacy<{ ticket: { assigned_to: number | null; assigned_to_role: string | null } }>(t, { action: 'ticket-update', ticket_id: ticket.id, assigned_to_role: roleId }, { token: manager });
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.body.data?.ticket).toMatchObject({ assigned_to: null, assigned_to_role: 'technician' });
    const list = await legacy<{ tickets: { id: number }[] }>(t, { action: 'ticket-list', assigned_to_role: 'technician' }, { token: tech, kind: 'query' });
    expect(list.body.data?.tickets.map((r) => r.id)).toContain(ticket.id);
    const claimed = await legacy<{ ticket: { assigned_to: number | null; assigned_to_role: string | null } }>(t, { action: 'ticket-claim', ticket_id: ticket.id }, { token: tech2, kind: 'json' });
    expect(claimed.status, claimed.text).toBe(200);
    expect(claimed.body.data?.ticket).toMatchObject({ assigned_to: tech2Id, assigned_to_role: null });
    const byName = await legacy(t, { action: 'ticket-assign', ticket_id: ticket.id, assigned_to_role: 'technician' }, { token: manager, kind: 'multipart' });
    expect(byName.status, byName.text).toBe(200);
    const unknown = await legacy<{ errors: string[] }>(t, { action: 'ticket-assign', ticket_id: ticket.id, assigned_to_role: 9999 }, { token: manager });
    expect(unknown.status).toBe(400);
    expect(unknown.body.data?.errors).toEqual([expect.stringMatching(/role/)]);
  });
});
