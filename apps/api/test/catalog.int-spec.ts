import type { CandidatesResponse, CatalogModel, ComponentUnit, ErrorBody, Page, ValidationReport } from '@bdc/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../src/seed/demo-catalog';
import { describeEachEngine } from './engines';
import { MODEL } from './factories';
import { createTestApp, type TestApp } from './harness';
import { addItem, SERVER } from './ticket-helpers';

const cpu = (overrides: Record<string, unknown> = {}) => ({
  componentType: 'cpu',
  brand: 'AMD',
  model: `EPYC 9654 ${Math.random().toString(36).slice(2, 8)}`,
  series: 'EPYC',
  family: '9004',
  specifications: { socket: 'SP5', cores: 96, tdp_W: 360, memory_types: ['ddr5'], l3_cache_MB: 384, ...overrides },
});

describeEachEngine('catalog endpoints', (engine) => {
  let t: TestApp;
  let admin: string;
  let viewer: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.login('admin');
    viewer = await t.login('requester');
  });
  afterAll(async () => t?.close());

  describe('GET /api/catalog', () => {
    it('pages active models with a total, filtered by type and brand, sorted as asked', async () => {
      const page1 = await t.http.get<Page<CatalogModel>>('/api/catalog', { token: viewer, query: { pageSize: 10 } });
      expect(page1.status).toBe(200);
      expect(page1.body).toMatchObject({ total: DEMO_CATALOG.length, page: 1, pageSize: 10 });
      expect(page1.body.items).toHaveLength(10);
      const page4 = await t.http.get<Page<CatalogModel>>('/api/catalog', { token: viewer, query: { pageSize: 10, page: 4 } });
      const seen = new Set([...page1.body.items, ...page4.body.items].map((m) => m.uuid));
      expect(seen.size).toBe(10 + DEMO_CATALOG.length - 30);

      const intel = await t.http.get<Page<CatalogModel>>('/api/catalog', { token: viewer, query: { type: 'cpu', brand: 'intel', sort: '-name', pageSize: 100 } });
      const expected = DEMO_CATALOG.filter((m) => m.componentType === 'cpu' && m.brand === 'Intel').map((m) => m.model).sort().reverse();
      expect(intel.body.items.map((m) => m.model)).toEqual(expected);
      expect(intel.body.items[0]).toMatchObject({ status: 'active', source: 'demo', series: null });
    });

    it('refuses unknown filters with a 400 naming the field', async () => {
      const res = await t.http.get<ErrorBody>('/api/catalog', { token: viewer, query: { status: 'gone', sort: 'price' } });
      expect(res.status).toBe(400);
      expect(res.body.details?.fields?.map((f) => f.field).sort()).toEqual(['sort', 'status']);
    });
  });

  describe('GET /api/catalog/:uuid', () => {
    it('returns one model with its typed specs, and 404 for an unknown UUID', async () => {
      const res = await t.http.get<CatalogModel>(`/api/catalog/${MODEL.cpuXeonGold6430}`, { token: viewer });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ uuid: MODEL.cpuXeonGold6430, componentType: 'cpu', name: 'Intel Xeon Gold 6430' });
      expect(res.body.specifications).toMatchObject({ socket: 'LGA4677', cores: 32, memory_types: ['DDR5'] });
      expect(typeof res.body.updatedAt).toBe('string');
      const missing = await t.http.get<ErrorBody>('/api/catalog/no-such-model', { token: viewer });
      expect([missing.status, missing.body.code]).toEqual([404, 'COMPONENT_NOT_FOUND']);
    });
  });

  describe('POST /api/catalog', () => {
    it('creates a model: canonical values normalised, vendor fields kept', async () => {
      const body = cpu();
      const res = await t.http.post<CatalogModel>('/api/catalog', { token: admin, body });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ brand: 'AMD', model: body.model, series: 'EPYC', family: '9004', status: 'active', source: 'manual', availableUnits: 0 });
      expect(res.body.uuid).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.specifications).toEqual({ socket: 'SP5', cores: 96, tdp_W: 360, memory_types: ['DDR5'], l3_cache_MB: 384 });
      const read = await t.http.get<CatalogModel>(`/api/catalog/${res.body.uuid}`, { token: viewer });
      expect(read.body.specifications).toEqual(res.body.specifications);
    });

    it('refuses specs that break the schema of the type with a 400 naming each key, and writes nothing', async () => {
      const before = await t.http.get<Page<CatalogModel>>('/api/catalog', { token: viewer, query: { status: 'all', pageSize: 1 } });
      const res = await t.http.post<ErrorBody>('/api/catalog', { token: admin, body: cpu({ socket: undefined, tdp_W: '350W' }) });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.message).toContain('specifications.socket: required');
      expect(res.body.message).toContain('specifications.tdp_W: must be a number');
      expect(res.body.details?.fields).toEqual([
        { field: 'specifications.socket', reason: 'required' },
        { field: 'specifications.tdp_W', reason: 'must be a number' },
      ]);
      const enumRes = await t.http.post<ErrorBody>('/api/catalog', {
        token: admin,
        body: { componentType: 'storage', brand: 'X', model: 'Y', specifications: { interface: 'IDE', form_factor: '2.5"', capacity_GB: 1 } },
      });
      expect(enumRes.body.details?.fields).toEqual([{ field: 'specifications.interface', reason: 'must be one of SATA, SAS, NVMe' }]);
      const nested = await t.http.post<ErrorBody>('/api/catalog', {
        token: admin,
        body: { componentType: 'chassis', brand: 'X', model: 'Y', specifications: { form_factor: '2U', drive_bays: 2, bays: [{ size: '2.5"', type: 'SAS', count: 'two' }] } },
      });
      expect(nested.body.details?.fields).toEqual([{ field: 'specifications.bays.0.count', reason: 'must be a number' }]);
      const after = await t.http.get<Page<CatalogModel>>('/api/catalog', { token: viewer, query: { status: 'all', pageSize: 1 } });
      expect(after.body.total).toBe(before.body.total);
    });

    it('refuses a UUID that is taken (409) and a body that is not a model (400)', async () => {
      const taken = await t.http.post<ErrorBody>('/api/catalog', { token: admin, body: { ...cpu(), uuid: MODEL.cpuXeonGold6430 } });
      expect([taken.status, taken.body.code]).toEqual([409, 'CONFLICT']);
      const bad = await t.http.post<ErrorBody>('/api/catalog', { token: admin, body: { componentType: 'gpu', brand: '', model: 'x', specifications: [] } });
      expect(bad.status).toBe(400);
      expect(bad.body.details?.fields?.map((f) => f.field).sort()).toEqual(['brand', 'componentType', 'specifications']);
    });

    it('needs inventory.edit', async () => {
      const res = await t.http.post<ErrorBody>('/api/catalog', { token: viewer, body: cpu() });
      expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
    });
  });

  describe('PATCH /api/catalog/:uuid and POST /api/catalog/:uuid/retire', () => {
    it('updates names and replaces specs (validated), keeping the type', async () => {
      const created = await t.http.post<CatalogModel>('/api/catalog', { token: admin, body: cpu() });
      const uuid = created.body.uuid;
      const patched = await t.http.patch<CatalogModel>(`/api/catalog/${uuid}`, { token: admin, body: { model: 'EPYC 9654P', family: null, specifications: { socket: 'sp5', cores: 96, tdp_W: 400, memory_types: ['DDR5'] } } });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ model: 'EPYC 9654P', family: null, series: 'EPYC', componentType: 'cpu' });
      expect(patched.body.specifications).toEqual({ socket: 'sp5', cores: 96, tdp_W: 400, memory_types: ['DDR5'] });
      const invalid = await t.http.patch<ErrorBody>(`/api/catalog/${uuid}`, { token: admin, body: { specifications: { socket: 'SP 5', cores: 0.5 } } });
      expect(invalid.status).toBe(400);
      expect(invalid.body.details?.fields?.map((f) => f.field)).toEqual(['specifications.socket', 'specifications.cores', 'specifications.tdp_W', 'specifications.memory_types']);
      const unchanged = await t.http.get<CatalogModel>(`/api/catalog/${uuid}`, { token: viewer });
      expect(unchanged.body.specifications['tdp_W']).toBe(400);
      // Present but null: refused naming the field (null reached a NOT NULL column or the spec check: 500).
      for (const field of ['brand', 'model', 'specifications']) {
        const cleared = await t.http.patch<ErrorBody>(`/api/catalog/${uuid}`, { token: admin, body: { [field]: null } });
        expect([field, cleared.status, cleared.body.details?.fields?.map((f) => f.field)]).toEqual([field, 400, [field]]);
      }
      const missing = await t.http.patch<ErrorBody>('/api/catalog/no-such-model', { token: admin, body: { model: 'x' } });
      expect(missing.status).toBe(404);
      const forbidden = await t.http.patch<ErrorBody>(`/api/catalog/${uuid}`, { token: viewer, body: { model: 'x' } });
      expect(forbidden.status).toBe(403);
    });

    it('retires a model: still readable, no longer listed unless asked for; retiring again changes nothing', async () => {
      const created = await t.http.post<CatalogModel>('/api/catalog', { token: admin, body: cpu() });
      const uuid = created.body.uuid;
      const retired = await t.http.post<CatalogModel>(`/api/catalog/${uuid}/retire`, { token: admin, body: {} });
      expect([retired.status, retired.body.status]).toEqual([200, 'retired']);
      const again = await t.http.post<CatalogModel>(`/api/catalog/${uuid}/retire`, { token: admin, body: {} });
      expect([again.status, again.body.status, again.body.updatedAt]).toEqual([200, 'retired', retired.body.updatedAt]);
      expect((await t.http.get<CatalogModel>(`/api/catalog/${uuid}`, { token: viewer })).body.status).toBe('retired');
      const list = (status?: string) => t.http.get<Page<CatalogModel>>('/api/catalog', { token: viewer, query: { q: uuid, status } });
      expect((await list()).body.items).toEqual([]);
      expect((await list('retired')).body.items.map((m) => m.uuid)).toEqual([uuid]);
      expect((await list('all')).body.items.map((m) => m.uuid)).toEqual([uuid]);
      const forbidden = await t.http.post<ErrorBody>(`/api/catalog/${MODEL.cpuXeonGold6430}/retire`, { token: viewer, body: {} });
      expect(forbidden.status).toBe(403);
    });
  });
});

/** Retired means no longer ordered: not requested by model, not offered by the pickers; a spare may still be pinned. */
describeEachEngine('retired catalog models in tickets', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('refuses a retired model by model, hides it from the pickers, and still takes a pinned spare of it', async () => {
    const admin = await t.login('admin');
    const requester = await t.login('requester');
    const server = SERVER.webProd01;
    const byModel = { targetServerUuid: server, items: [addItem('ram', MODEL.ramSamsung32, 2)] };
    const before = await t.http.post<ValidationReport>('/api/tickets/validate-items', { token: requester, body: byModel });
    expect(before.body.items[0]?.status).not.toBe('invalid');

    expect((await t.http.post(`/api/catalog/${MODEL.ramSamsung32}/retire`, { token: admin, body: {} })).status).toBe(200);
    const after = await t.http.post<ValidationReport>('/api/tickets/validate-items', { token: requester, body: byModel });
    expect(after.body.items[0]?.status).toBe('invalid');
    expect(after.body.items[0]?.message).toContain('retired from the catalog');

    const candidates = await t.http.post<CandidatesResponse>(`/api/servers/${server}/candidates`, { token: requester, body: { componentType: 'ram' } });
    expect(candidates.status).toBe(200);
    expect(candidates.body.candidates.map((c) => c.uuid)).not.toContain(MODEL.ramSamsung32);

    const spares = await t.http.get<Page<ComponentUnit>>('/api/components', { token: admin, query: { type: 'ram', model: MODEL.ramSamsung32, status: 'available' } });
    const serial = spares.body.items[0]?.serialNumber;
    expect(serial).toBeTruthy();
    const pinned = await t.http.post<ValidationReport>('/api/tickets/validate-items', {
      token: requester,
      body: { targetServerUuid: server, items: [addItem('ram', MODEL.ramSamsung32, 1, { componentSerial: serial })] },
    });
    expect(pinned.body.items[0]?.message ?? '').not.toContain('retired');
  });
});
