/**
 * Servers through HTTP: create, edit, decommission (and its refusals), the build by slot.
 * The server history after ticket deploys is in deploy-choices.int-spec.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, ListResult, Page, ServerDetail, ServerHistoryEntry, ServerSummary } from '@bdc/contracts';
import { describeEachEngine } from './engines';
import { createStock, MODEL, SERVER } from './factories';
import { createTestApp, type TestApp } from './harness';
import { createTicket, serverDetail, ticketBody } from './ticket-helpers';

describeEachEngine('servers', (engine) => {
  let t: TestApp;
  let manager: string;
  let tech: string;
  let requester: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    [manager, tech, requester] = await Promise.all([t.login('manager'), t.login('tech'), t.login('requester')]);
  });
  afterAll(async () => t?.close());

  describe('create and edit', () => {
    it('creates a server (draft by default) with its rack position derived from rack and unit', async () => {
      const res = await t.http.post<ServerDetail>('/api/servers', {
        token: manager,
        body: { name: 'edge-01', description: 'Edge cache', location: 'FRA2 Hall C', rack: 'C07', rackUnit: 12, powerBudgetWatts: 750, notes: 'Bought 2026' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: 'edge-01', status: 'draft', rack: 'C07', rackUnit: 12, rackPosition: 'C07-U12', powerBudgetWatts: 750, components: [], build: [], decommissionedAt: null, settings: {} });
      expect(res.body.historyUrl).toBe(`/api/servers/${res.body.uuid}/history`);
      const listed = await t.http.get<ListResult<ServerSummary>>('/api/servers', { token: requester, query: { q: 'edge-01' } });
      expect(listed.body.items.map((s) => s.uuid)).toEqual([res.body.uuid]);
      const history = await t.http.get<Page<ServerHistoryEntry>>(res.body.historyUrl, { token: requester });
      expect([history.status, history.body.total]).toEqual([200, 0]);
    });

    it('refuses a taken name (409) and invalid fields (400 naming them); writes nothing', async () => {
      const count = async () => Number(((await t.dataSource.query('SELECT COUNT(*) AS n FROM server_configurations')) as { n: number | string }[])[0]?.n);
      const before = await count();
      const taken = await t.http.post<ErrorBody>('/api/servers', { token: tech, body: { name: 'web-prod-01' } });
      expect([taken.status, taken.body.code]).toEqual([409, 'CONFLICT']);
      for (const [body, field] of [
        [{ name: '  ' }, 'name'],
        [{ name: 'x', rackUnit: 0 }, 'rackUnit'],
        [{ name: 'x', rack: 'R'.repeat(16) }, 'rack'],
        [{ name: 'x', status: 'broken' }, 'status'],
        [{ name: 'x', powerBudgetWatts: 1.5 }, 'powerBudgetWatts'],
      ] as const) {
        const res = await t.http.post<ErrorBody>('/api/servers', { token: manager, body });
        expect([res.status, res.body.details?.fields?.[0]?.field]).toEqual([400, field]);
      }
      expect(await count()).toBe(before);
    });

    it('edits fields, keeps the rack position in step, clears with null', async () => {
      const created = await t.http.post<ServerDetail>('/api/servers', { token: manager, body: { name: 'edit-me', rack: 'B01', rackUnit: 3 } });
      const uuid = created.body.uuid;
      const moved = await t.http.patch<ServerDetail>(`/api/servers/${uuid}`, { token: tech, body: { rackUnit: 40, status: 'built', notes: 'racked' } });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ rack: 'B01', rackUnit: 40, rackPosition: 'B01-U40', status: 'built', notes: 'racked' });
      const cleared = await t.http.patch<ServerDetail>(`/api/servers/${uuid}`, { token: manager, body: { rack: null, rackUnit: null, notes: null } });
      expect(cleared.body).toMatchObject({ rack: null, rackUnit: null, rackPosition: null, notes: null });
      const renamedToTaken = await t.http.patch<ErrorBody>(`/api/servers/${uuid}`, { token: manager, body: { name: 'db-prod-01' } });
      expect(renamedToTaken.status).toBe(409);
      const noName = await t.http.patch<ErrorBody>(`/api/servers/${uuid}`, { token: manager, body: { name: null } });
      expect([noName.status, noName.body.details?.fields?.[0]?.field]).toEqual([400, 'name']);
      const missing = await t.http.patch<ErrorBody>('/api/servers/00000000-0000-4000-8000-000000000000', { token: manager, body: { notes: 'x' } });
      expect([missing.status, missing.body.code]).toEqual([404, 'SERVER_NOT_FOUND']);
    });
  });

  it('shows the build by slot: one group per slot in physical order, parts without a slot on their own', async () => {
    const detail = await serverDetail(t, requester, SERVER.webProd01);
    expect(detail.build.slice(0, 4).map((g) => [g.componentType, g.slot, g.units.length])).toEqual([
      ['chassis', null, 1],
      ['motherboard', null, 1],
      ['cpu', 'CPU1', 1],
      ['cpu', 'CPU2', 1],
    ]);
    expect(detail.build.filter((g) => g.componentType === 'ram').map((g) => g.slot)).toEqual(['DIMM A1', 'DIMM A2', 'DIMM B1', 'DIMM B2', 'DIMM C1', 'DIMM C2', 'DIMM D1', 'DIMM D2']);
    expect(detail.build.flatMap((g) => g.units).map((u) => u.id)).toEqual(detail.components.map((c) => c.id));
    expect(detail).toMatchObject({ rack: 'A03', rackUnit: 10, rackPosition: 'A03-U10' });
  });

  describe('decommission', () => {
    it('is refused while units are installed, or while an open ticket targets the server (409 naming it)', async () => {
      const withUnits = await t.http.post<ErrorBody>(`/api/servers/${SERVER.backup01}/decommission`, { token: manager, body: {} });
      expect([withUnits.status, withUnits.body.message]).toEqual([409, expect.stringContaining('still installed')]);

      const created = await t.http.post<ServerDetail>('/api/servers', { token: manager, body: { name: 'to-retire' } });
      const uuid = created.body.uuid;
      const [cpu] = await createStock(t, { componentType: 'cpu', model: MODEL.cpuXeonSilver4410Y });
      expect(cpu).toBeDefined();
      const ticket = await createTicket(t, requester, { title: 'Draft for to-retire', targetServerUuid: uuid, draft: true, items: [{ action: 'modify', componentType: 'motherboard', quantity: 1, specifications: { setting: 'bios_profile' }, requestedValue: 'balanced' }] });
      const open = await t.http.post<ErrorBody>(`/api/servers/${uuid}/decommission`, { token: manager, body: { reason: 'end of life' } });
      expect([open.status, open.body.message]).toEqual([409, expect.stringContaining(ticket.ticketNumber)]);
      expect((await serverDetail(t, requester, uuid)).decommissionedAt).toBeNull();

      const cancelled = await t.http.post(`/api/tickets/${ticket.id}/cancel`, { token: requester, body: {} });
      expect(cancelled.status).toBe(200);
      const done = await t.http.post<ServerDetail>(`/api/servers/${uuid}/decommission`, { token: manager, body: { reason: 'end of life' } });
      expect(done.status).toBe(200);
      expect(done.body.decommissionedAt).not.toBeNull();
      expect(done.body.notes).toContain('end of life');
      const edit = await t.http.patch<ErrorBody>(`/api/servers/${uuid}`, { token: manager, body: { notes: 'x' } });
      expect([edit.status, edit.body.message]).toEqual([409, expect.stringContaining('decommissioned')]);
      const twice = await t.http.post<ErrorBody>(`/api/servers/${uuid}/decommission`, { token: manager, body: {} });
      expect(twice.status).toBe(409);
      // No ticket may newly target it: not at creation, not by moving a ticket onto it.
      const modify = { action: 'modify' as const, componentType: 'motherboard' as const, quantity: 1, specifications: { setting: 'bios_profile' }, requestedValue: 'balanced' };
      const late = await t.http.post<ErrorBody>('/api/tickets', { token: requester, body: ticketBody({ title: 'Late change', targetServerUuid: uuid, items: [modify] }) });
      expect([late.status, late.body.code, late.body.message]).toEqual([409, 'CONFLICT', expect.stringContaining('decommissioned')]);
      const elsewhere = await createTicket(t, requester, { title: 'Elsewhere', items: [modify] });
      const moved = await t.http.patch<ErrorBody>(`/api/tickets/${elsewhere.id}`, { token: await t.login('admin'), body: { targetServerUuid: uuid } });
      expect([moved.status, moved.body.message]).toEqual([409, expect.stringContaining('decommissioned')]);
      // Its name is free again for a new server.
      const reuse = await t.http.post<ServerDetail>('/api/servers', { token: manager, body: { name: 'to-retire' } });
      expect(reuse.status).toBe(201);
    });
  });
});
