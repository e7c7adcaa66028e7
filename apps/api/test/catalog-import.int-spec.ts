import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CatalogImportReport, CatalogModel, ComponentType, ErrorBody, Page } from '@bdc/contracts';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CatalogModelEntity } from '../src/inventory/catalog-model.entity';
import { CatalogImportService } from '../src/inventory/catalog-import/catalog-import.service';
import { CatalogRepository } from '../src/inventory/catalog.repository';
import { readCatalogFolder } from '../src/inventory/catalog-import/folder';
import type { ImportFile } from '../src/inventory/catalog-import/reader';
import { describeEachEngine } from './engines';
import { createUser } from './factories';
import { createTestApp, type TestApp } from './harness';

/** The real BDC IMS catalogs, beside the repository (../shared from the repo root); absent on some machines. */
const FIXTURES = resolve(__dirname, '../../..', '../shared/fixtures/bdc-ims/catalog');
const HAS_FIXTURES = existsSync(FIXTURES);

/** What the fixture set holds, per type: models imported and skipped (EPYC 9534 has no UUID; a caddy repeats a UUID). */
const EXPECTED: Record<ComponentType, { imported: number; skipped: number }> = {
  cpu: { imported: 3, skipped: 1 },
  motherboard: { imported: 7, skipped: 0 },
  ram: { imported: 8, skipped: 0 },
  storage: { imported: 7, skipped: 0 },
  nic: { imported: 37, skipped: 0 },
  pciecard: { imported: 29, skipped: 0 },
  hbacard: { imported: 16, skipped: 0 },
  chassis: { imported: 15, skipped: 0 },
  caddy: { imported: 15, skipped: 1 },
};
const DEMO_HBAS = 3;
const TOTAL = Object.values(EXPECTED).reduce((n, e) => n + e.imported, 0);

const byType = (report: CatalogImportReport) => Object.fromEntries(report.types.map((t) => [t.componentType, { imported: t.imported, skipped: t.skipped.length }]));

/** A multipart/form-data body, as a browser sends it. */
function multipart(parts: { name: string; filename?: string; content: Uint8Array | string }[]): { payload: Buffer; contentType: string } {
  const boundary = `----catalog${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`;
    const type = part.filename ? 'Content-Type: application/octet-stream\r\n' : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`), Buffer.from(part.content), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(t: TestApp, token: string, parts: Parameters<typeof multipart>[0]): Promise<{ status: number; body: CatalogImportReport & ErrorBody }> {
  const { payload, contentType } = multipart(parts);
  const res = await t.app.getHttpAdapter().getInstance().inject({
    method: 'POST',
    url: '/api/catalog/import',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    payload,
  });
  return { status: res.statusCode, body: JSON.parse(res.body) as CatalogImportReport & ErrorBody };
}

const catalogRows = (t: TestApp) => t.dataSource.manager.count(CatalogModelEntity);

describeEachEngine('catalog import', (engine) => {
  let t: TestApp;
  let admin: string;
  let files: ImportFile[] = [];
  beforeAll(async () => {
    t = await createTestApp(engine, { seedDemo: true });
    admin = await t.login('admin');
    if (HAS_FIXTURES) files = await readCatalogFolder(FIXTURES);
  });
  afterAll(async () => t?.close());

  describe.skipIf(!HAS_FIXTURES)('the BDC IMS fixture catalogs (skipped: ../shared/fixtures/bdc-ims/catalog is absent)', () => {
    it('a dry run reports what it would import and writes nothing', async () => {
      const before = await catalogRows(t);
      const report = await t.app.get(CatalogImportService).run(files, { dryRun: true });
      expect(report.dryRun).toBe(true);
      expect(byType(report)).toEqual(EXPECTED);
      expect(await catalogRows(t)).toBe(before);
    });

    it('imports every fixture file: counts per type, skips with their reasons', async () => {
      const before = await catalogRows(t);
      const progress: number[] = [];
      const report = await t.app.get(CatalogImportService).run(files, { dryRun: false, onProgress: (done) => progress.push(done) });
      expect(report.files.read).toBe(19);
      expect(report.files.unreadable).toEqual([]);
      expect(byType(report)).toEqual(EXPECTED);
      expect(report.totals).toEqual({ imported: TOTAL, updated: 0, unchanged: 0, skipped: 2 });
      expect(progress.at(-1)).toBe(TOTAL);
      const reasons = report.types.flatMap((r) => r.skipped.map((s) => `${r.componentType} ${s.model}: ${s.reason}`));
      expect(reasons).toEqual(['cpu EPYC 9534: no UUID', expect.stringMatching(/^caddy Generic Test Caddy 2: duplicate UUID/)]);
      expect(await catalogRows(t)).toBe(before + TOTAL);
    });

    it('maps the key specs of known models', async () => {
      const get = async (uuid: string) => (await t.http.get<CatalogModel>(`/api/catalog/${uuid}`, { token: admin })).body;
      const platinum = await get('545e143b-57b3-419e-86e5-1df6f7aa8fd3');
      expect(platinum).toMatchObject({ componentType: 'cpu', brand: 'Intel', model: 'Platinum 8480+', series: 'Xeon Scalable', family: 'Platinum 8400', source: 'bdc-ims-import', status: 'active' });
      expect(platinum.specifications).toMatchObject({
        socket: 'LGA4189',
        cores: 56,
        threads: 112,
        tdp_W: 350,
        memory_types: ['DDR5'],
        max_memory_speed_MTs: 4800,
        memory_channels: 8,
        pcie_lanes: 80,
        pcie_generation: 5,
        base_clock_GHz: 2,
        boost_clock_GHz: 3.8,
        // vendor fields kept as they came
        l3_cache: '105 MB',
        power_efficiency: { idle_power_W: 65, avg_power_under_load_W: 280, perf_per_watt_score: 8.2 },
      });
      const board = await get('8c5f2b87-1e5b-4e8c-a1d2-0b1a5e3f4d6c');
      expect(board.specifications).toMatchObject({
        socket: 'LGA4189',
        cpu_sockets: 2,
        form_factor: 'EATX',
        memory_type: 'DDR5',
        memory_form_factors: ['RDIMM', 'LRDIMM'],
        memory_slots: 32,
        max_memory_GB: 8192,
        ecc: true,
        pcie_slots: [
          { size: 'x16', lanes: 16, generation: 5, count: 6 },
          { size: 'x8', lanes: 8, generation: 5, count: 4 },
          { size: 'x4', lanes: 4, generation: 5, count: 2 },
        ],
        riser_slots: 4,
        m2_slots: 4,
        sata_ports: 8,
        sas_ports: 4,
        onboard_nics: [{ ports: 2, speed_Gbps: 10, port_type: 'SFP+' }],
      });
      expect((await get('64992d14-c775-4002-8ed5-419404909d75')).specifications).toMatchObject({ kind: 'card', ports: 4, port_type: 'RJ45', speed_Gbps: 1, power_W: 8, pcie_generation: 2, pcie_lanes: 4 });
      expect((await get('c5d6e7f8-a9b0-c1d2-e3f4-a5b6c7d8e9f0')).specifications).toMatchObject({ interface: 'NVMe', form_factor: 'U.2', capacity_GB: 6400, power_W: 7 });
      expect((await get('hba-9500-16i-001-qrst7890')).specifications).toMatchObject({ protocol: 'tri-mode', internal_ports: 16, slot_size: 'x8', pcie_generation: 4 });
      expect((await get('dell-r740xd-chassis-001')).specifications).toMatchObject({ form_factor: '2U', drive_bays: 32, backplane: ['SAS', 'SATA', 'NVMe'], bay_form_factor: '2.5"' });
      expect((await get('a1b2c3d4-e5f6-7890-1234-567890abcdef'))).toMatchObject({ brand: 'Samsung', model: 'Server Premier DDR5 RDIMM 64GB 6000', specifications: { memory_type: 'DDR5', module_type: 'RDIMM', capacity_GB: 64, speed_MTs: 6000, ecc: true } });
      expect((await get('a2b4c6d8-e1f3-4a5b-9c7d-8e9f0a1b2c3d')).specifications).toMatchObject({ form_factor: '2.5"', bay_type: 'NVMe' });
      const adaptor = await get('nvme-adaptor-4m2p-001-ijkl9012');
      expect(adaptor).toMatchObject({ componentType: 'pciecard', specifications: { slot_size: 'x16', pcie_lanes: 16, pcie_generation: 3, m2_slots: 4, power_W: 25 } });
    });

    it('is idempotent: a second run changes nothing and says so', async () => {
      const stored = await t.dataSource.manager.find(CatalogModelEntity, { order: { id: 'ASC' } });
      const report = await t.app.get(CatalogImportService).run(files, { dryRun: false });
      expect(report.totals).toEqual({ imported: 0, updated: 0, unchanged: TOTAL, skipped: 2 });
      const after = await t.dataSource.manager.find(CatalogModelEntity, { order: { id: 'ASC' } });
      expect(after.map((m) => [m.uuid, m.updatedAt.getTime()])).toEqual(stored.map((m) => [m.uuid, m.updatedAt.getTime()]));
    });

    it('updates a model whose file changed, and leaves its retirement alone', async () => {
      const uuid = '545e143b-57b3-419e-86e5-1df6f7aa8fd3';
      await t.http.post(`/api/catalog/${uuid}/retire`, { token: admin, body: {} });
      const edited = files.map((f) => (f.name.endsWith('Cpu-details-level-3.json') ? { ...f, text: f.text.replace('"tdp_W": 350', '"tdp_W": 355') } : f));
      const report = await t.app.get(CatalogImportService).run(edited, { dryRun: false });
      expect(report.types.find((r) => r.componentType === 'cpu')).toMatchObject({ imported: 0, updated: 1, unchanged: 2 });
      const model = (await t.http.get<CatalogModel>(`/api/catalog/${uuid}`, { token: admin })).body;
      expect([model.specifications['tdp_W'], model.status]).toEqual([355, 'retired']);
    });

    it('leaves nothing half-imported when a write fails', async () => {
      const uuid = 'd3b5f1c2-9f4e-4c2a-8e6b-7a9f3e2d1c4b';
      const changed = files.map((f) => (f.name.endsWith('Cpu-details-level-3.json') ? { ...f, text: f.text.replace('"tdp_W": 320', '"tdp_W": 321') } : f));
      changed.push({ name: 'nic-jsons/extra.json', text: JSON.stringify([{ brand: 'Acme', models: [{ model: 'N1', uuid: 'half-nic', ports: 1, port_type: 'RJ45', speeds: ['1GbE'] }] }]) });
      const repository = t.app.get(CatalogRepository);
      const spy = vi.spyOn(repository, 'insert').mockRejectedValueOnce(new Error('disk full'));
      try {
        await expect(t.app.get(CatalogImportService).run(changed, { dryRun: false })).rejects.toThrow('disk full');
      } finally {
        spy.mockRestore();
      }
      // The update that ran before the failed insert was rolled back with it.
      expect((await t.http.get<CatalogModel>(`/api/catalog/${uuid}`, { token: admin })).body.specifications['tdp_W']).toBe(320);
      expect((await t.http.get(`/api/catalog/half-nic`, { token: admin })).status).toBe(404);
    });

    it('the upload takes a zip of the catalog folders, dry run first', async () => {
      const zip = zipSync(Object.fromEntries(files.map((f) => [`catalog/${f.name}`, strToU8(f.text)])));
      const fresh = await createTestApp(engine, { seedDemo: true });
      try {
        const token = await fresh.login('admin');
        const before = await catalogRows(fresh);
        const dry = await upload(fresh, token, [{ name: 'dryRun', content: 'true' }, { name: 'file', filename: 'catalog.zip', content: zip }]);
        expect(dry.status).toBe(200);
        expect([dry.body.dryRun, dry.body.totals.imported]).toEqual([true, TOTAL]);
        expect(await catalogRows(fresh)).toBe(before);
        const real = await upload(fresh, token, [{ name: 'file', filename: 'catalog.zip', content: zip }]);
        expect(real.status).toBe(200);
        expect(byType(real.body)).toEqual(EXPECTED);
        expect(await catalogRows(fresh)).toBe(before + TOTAL);
        const models = await fresh.http.get<Page<CatalogModel>>('/api/catalog', { token, query: { type: 'hbacard', pageSize: 100 } });
        expect(models.body.total).toBe(DEMO_HBAS + EXPECTED.hbacard.imported);
      } finally {
        await fresh.close();
      }
    });
  });

  it('the upload takes JSON files as they are, reporting by type', async () => {
    const nic = JSON.stringify([{ brand: 'Intel', series: [{ name: 'E810', models: [{ model: 'E810-2CQDA2', uuid: 'upload-nic-1', ports: 2, port_type: 'QSFP28', speeds: ['100GbE'], interface: 'PCIe 4.0 x16', power: '26W' }] }] }]);
    const caddy = '{"caddies": [{"uuid": "upload-caddy-1", "model": "Tray 3.5", "type": "3.5-inch HDD Caddy", "compatibility": {"size": "3.5-inch", "interface": "SAS"},},]}';
    const res = await upload(t, admin, [
      { name: 'file', filename: 'nic-level-3.json', content: nic },
      { name: 'file', filename: 'caddy.json', content: caddy },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.types.find((r) => r.componentType === 'nic')).toMatchObject({ imported: 1 });
    expect(res.body.types.find((r) => r.componentType === 'caddy')).toMatchObject({ imported: 1 });
    const model = await t.http.get<CatalogModel>('/api/catalog/upload-nic-1', { token: admin });
    expect(model.body.specifications).toMatchObject({ kind: 'card', speed_Gbps: 100, power_W: 26, slot_size: 'x16' });
    expect((await t.http.get<CatalogModel>('/api/catalog/upload-caddy-1', { token: admin })).body.specifications).toMatchObject({ form_factor: '3.5"', bay_type: 'SAS' });
  });

  it('reports files it cannot read and models it cannot map, and imports the rest', async () => {
    const res = await upload(t, admin, [
      { name: 'file', filename: 'cpu-broken.json', content: '[{"models": [' },
      { name: 'file', filename: 'notes.json', content: '[]' },
      { name: 'file', filename: 'cpu-odd.json', content: JSON.stringify([{ brand: 'X', models: [{ model: 'Odd', uuid: 'odd-cpu', socket: 'round', cores: 1, tdp_W: 1, memory_types: ['DDR4'] }] }]) },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.files.unreadable.map((f) => f.file)).toEqual(['cpu-broken.json', 'notes.json']);
    expect(res.body.types.find((r) => r.componentType === 'cpu')?.skipped.map((s) => s.reason)).toEqual(['unknown socket "round"']);
  });

  it('needs inventory.edit, and refuses what is not a catalog upload', async () => {
    const viewer = await t.login('requester');
    const forbidden = await upload(t, viewer, [{ name: 'file', filename: 'nic.json', content: '[]' }]);
    expect([forbidden.status, forbidden.body.code]).toEqual([403, 'FORBIDDEN']);
    const json = await t.http.post<ErrorBody>('/api/catalog/import', { token: admin, body: { files: [] } });
    expect([json.status, json.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const empty = await upload(t, admin, [{ name: 'dryRun', content: 'true' }]);
    expect([empty.status, empty.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const badFlag = await upload(t, admin, [{ name: 'dryRun', content: 'maybe' }, { name: 'file', filename: 'nic.json', content: '[]' }]);
    expect(badFlag.body.details?.fields).toEqual([{ field: 'dryRun', reason: 'must be true or false' }]);
  });

  it('parses multipart on the import route only: elsewhere it is a body-less request, refused with 400', async () => {
    const { payload, contentType } = multipart([{ name: 'title', content: 'via multipart' }]);
    const res = await t.app.getHttpAdapter().getInstance().inject({
      method: 'POST',
      url: '/api/tickets',
      headers: { authorization: `Bearer ${admin}`, 'content-type': contentType },
      payload,
    });
    expect(res.statusCode).toBe(400);
    expect((JSON.parse(res.body) as ErrorBody).code).toBe('VALIDATION_FAILED');
  });

  it('refuses a zip bomb (413) and writes nothing', async () => {
    const bombApp = await createTestApp(engine, { seedDemo: false, configOverrides: { catalogImport: { maxFileBytes: 1024 * 1024, maxFiles: 20, maxTotalBytes: 2 * 1024 * 1024 } } });
    try {
      const token = await loginFirstAdmin(bombApp);
      const before = await catalogRows(bombApp);
      const bomb = zipSync({ 'nic-jsons/nic.json': new Uint8Array(64 * 1024 * 1024).fill(0x20) }, { level: 9 });
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const res = await upload(bombApp, token, [{ name: 'file', filename: 'bomb.zip', content: bomb }]);
      expect([res.status, res.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      expect(res.body.message).toContain('expands to more than');
      const many = zipSync(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`nic-jsons/n${i}.json`, strToU8('[]')])));
      expect((await upload(bombApp, token, [{ name: 'file', filename: 'many.zip', content: many }])).status).toBe(413);
      const big = await upload(bombApp, token, [{ name: 'file', filename: 'nic.json', content: ' '.repeat(1024 * 1024 + 1) }]);
      expect([big.status, big.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      expect(await catalogRows(bombApp)).toBe(before);
    } finally {
      await bombApp.close();
    }
  });
});

/** An app without demo data has no users: make an administrator. */
async function loginFirstAdmin(t: TestApp): Promise<string> {
  const user = await createUser(t, { roles: ['admin'] });
  return t.login(user.username, user.password);
}
