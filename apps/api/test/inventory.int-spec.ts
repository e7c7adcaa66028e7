import type { CatalogModel, ComponentUnit, ErrorBody, ListResult, Page, ServerDetail, ServerSummary } from '@bdc/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SERVERS } from '../src/seed/demo-data';
import { describeEachEngine } from './engines';
import { MODEL, SERVER, createStock, findStock } from './factories';
import { createTestApp, type TestApp } from './harness';

describeEachEngine('inventory endpoints', (engine) => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    token = await t.login('requester');
  });
  afterAll(async () => t?.close());

  describe('GET /api/servers', () => {
    it('lists every server with its component count, by name', async () => {
      const res = await t.http.get<ListResult<ServerSummary>>('/api/servers', { token });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(DEMO_SERVERS.length);
      expect(res.body.items.map((s) => s.name)).toEqual(DEMO_SERVERS.map((s) => s.name).sort());
      const web = res.body.items.find((s) => s.uuid === SERVER.webProd01);
      expect(web).toMatchObject({ name: 'web-prod-01', location: 'FRA1 Hall A', rackPosition: 'A03-U10', status: 'deployed' });
      expect(web?.componentCount).toBe(DEMO_SERVERS.find((s) => s.uuid === SERVER.webProd01)?.components.length);
    });

    it('filters by text and status', async () => {
      const byText = await t.http.get<ListResult<ServerSummary>>('/api/servers', { token, query: { q: 'PROD' } });
      expect(byText.body.items.map((s) => s.name).sort()).toEqual(['db-prod-01', 'web-prod-01']);
      const byStatus = await t.http.get<ListResult<ServerSummary>>('/api/servers', { token, query: { status: 'draft' } });
      expect(byStatus.body.items.map((s) => s.name)).toEqual(['k8s-node-05']);
      // LIKE wildcards in the search text are literal.
      const wildcard = await t.http.get<ListResult<ServerSummary>>('/api/servers', { token, query: { q: '%' } });
      expect(wildcard.body.total).toBe(0);
    });
  });

  describe('GET /api/servers/:uuid', () => {
    it('returns the server with its installed components and model names', async () => {
      const res = await t.http.get<ServerDetail>(`/api/servers/${SERVER.webProd01}`, { token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ uuid: SERVER.webProd01, powerBudgetWatts: 1100, settings: { bios_profile: 'performance' } });
      expect(res.body.components[0]).toMatchObject({ componentType: 'chassis' });
      const cpus = res.body.components.filter((c) => c.componentType === 'cpu');
      expect(cpus.map((c) => [c.slot, c.model, c.uuid])).toEqual([
        ['CPU1', 'Intel Xeon Gold 6430', MODEL.cpuXeonGold6430],
        ['CPU2', 'Intel Xeon Gold 6430', MODEL.cpuXeonGold6430],
      ]);
      expect(res.body.components.filter((c) => c.componentType === 'ram')).toHaveLength(8);
      expect(res.body.components.every((c) => c.serialNumber)).toBe(true);
      expect(Number.isNaN(Date.parse(res.body.updatedAt))).toBe(false);
    });

    it('404 SERVER_NOT_FOUND for an unknown UUID', async () => {
      const res = await t.http.get<ErrorBody>('/api/servers/00000000-0000-4000-8000-000000000000', { token });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('SERVER_NOT_FOUND');
    });
  });

  describe('GET /api/components', () => {
    it('filters stock by type and status', async () => {
      const res = await t.http.get<Page<ComponentUnit>>('/api/components', { token, query: { type: 'ram', status: 'available', pageSize: 100 } });
      expect(res.status).toBe(200);
      const expected = await findStock(t, { componentType: 'ram', status: 'available' });
      expect(res.body.total).toBe(expected.length);
      expect(res.body.items.map((u) => u.id).sort((a, b) => a - b)).toEqual(expected.map((u) => u.id));
      expect(res.body.items.every((u) => u.componentType === 'ram' && u.status === 'available' && u.serverUuid === null)).toBe(true);
      expect(res.body.items.find((u) => u.uuid === MODEL.ramSamsung32)?.model).toBe('Samsung M321R4GA3BB6-CQK 32GB DDR5-4800 RDIMM');
    });

    it('filters by server, by search text, and paginates', async () => {
      const installed = await t.http.get<Page<ComponentUnit>>('/api/components', { token, query: { serverUuid: SERVER.backup01, pageSize: 100 } });
      expect(installed.body.total).toBe(DEMO_SERVERS.find((s) => s.uuid === SERVER.backup01)?.components.length);
      expect(installed.body.items.every((u) => u.status === 'in_use' && u.serverUuid === SERVER.backup01)).toBe(true);

      const [unit] = await createStock(t, { componentType: 'nic', model: MODEL.nicE810Cqda2 });
      const bySerial = await t.http.get<Page<ComponentUnit>>('/api/components', { token, query: { q: unit?.serialNumber.toLowerCase() } });
      expect(bySerial.body.items.map((u) => u.id)).toEqual([unit?.id]);
      const byModel = await t.http.get<Page<ComponentUnit>>('/api/components', { token, query: { q: 'Exos', status: 'failed' } });
      expect(byModel.body.total).toBe(1);
      expect(byModel.body.items[0]?.uuid).toBe(MODEL.hddExosX18);

      const page1 = await t.http.get<Page<ComponentUnit>>('/api/components', { token, query: { type: 'caddy', pageSize: 5, page: 1 } });
      const page2 = await t.http.get<Page<ComponentUnit>>('/api/components', { token, query: { type: 'caddy', pageSize: 5, page: 2 } });
      expect(page1.body).toMatchObject({ page: 1, pageSize: 5 });
      expect(page1.body.items).toHaveLength(5);
      expect(page2.body.total).toBe(page1.body.total);
      const ids = new Set([...page1.body.items, ...page2.body.items].map((u) => u.id));
      expect(ids.size).toBe(page1.body.items.length + page2.body.items.length);
    });
  });

  describe('GET /api/catalog', () => {
    it('lists models of a type with their available units', async () => {
      const res = await t.http.get<ListResult<CatalogModel>>('/api/catalog', { token, query: { type: 'cpu' } });
      expect(res.status).toBe(200);
      expect(res.body.items.every((m) => m.componentType === 'cpu')).toBe(true);
      const gold = res.body.items.find((m) => m.uuid === MODEL.cpuXeonGold6430);
      expect(gold).toMatchObject({ brand: 'Intel', model: 'Xeon Gold 6430', name: 'Intel Xeon Gold 6430' });
      expect(gold?.specifications).toMatchObject({ socket: 'LGA4677', tdp_W: 270 });
      // The failed unit of this model is not counted.
      expect(gold?.availableUnits).toBe((await findStock(t, { model: MODEL.cpuXeonGold6430, status: 'available' })).length);
      expect(gold?.availableUnits).toBe(2);
    });

    it('covers every component type and searches brand and model', async () => {
      const all = await t.http.get<ListResult<CatalogModel>>('/api/catalog', { token, query: { pageSize: 100 } });
      expect(new Set(all.body.items.map((m) => m.componentType)).size).toBe(9);
      const epyc = await t.http.get<ListResult<CatalogModel>>('/api/catalog', { token, query: { q: 'epyc' } });
      expect(epyc.body.items.map((m) => m.model).sort()).toEqual(['EPYC 9124', 'EPYC 9354']);
    });
  });
});
