/**
 * Stock units through HTTP: receiving (one, a list), list filters, edits, fail/retire, each unit's
 * log, and the CSV export and import (dry run, real run, the three upload forms, the round trip).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { ComponentUnit, ComponentUnitDetail, ErrorBody, ListResult, Page, StockImportResult, UnitLogEntry } from '@bdc/contracts';
import { describeEachEngine } from './engines';
import { createCatalogModel, createStock, findStock, MODEL, SERVER } from './factories';
import { createTestApp, type TestApp } from './harness';

let serialSeq = 0;
const serial = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(serialSeq++).toString(36)}`.toUpperCase();

function multipart(csv: string): { body: string; headers: Record<string, string> } {
  const boundary = '----bdc-test-boundary';
  const body = [`--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="stock.csv"', 'Content-Type: text/csv', '', csv, `--${boundary}--`, ''].join('\r\n');
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachEngine('stock units', (engine) => {
  let t: TestApp;
  let admin: string;
  let requester: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    [admin, requester] = await Promise.all([t.login('admin'), t.login('requester')]);
  });
  afterAll(async () => t?.close());

  const log = async (id: number) => (await t.http.get<UnitLogEntry[]>(`/api/components/${id}/log`, { token: requester })).body;
  const stockCount = async () => Number(((await t.dataSource.query('SELECT COUNT(*) AS n FROM component_stock')) as { n: number | string }[])[0]?.n);

  describe('receiving', () => {
    it('receives one unit, available, with its dates and location, and logs the receipt', async () => {
      const sn = serial('NIC');
      const res = await t.http.post<ListResult<ComponentUnit>>('/api/components', {
        token: admin,
        body: { componentType: 'nic', uuid: MODEL.nicConnectX6Lx, serialNumber: ` ${sn} `, location: 'Store B', purchaseDate: '2026-01-15', warrantyEndDate: '2029-01-15', notes: 'PO 4711' },
      });
      expect(res.status).toBe(201);
      expect(res.body.items).toHaveLength(1);
      const [unit] = res.body.items;
      expect(unit).toMatchObject({ serialNumber: sn, status: 'available', location: 'Store B', purchaseDate: '2026-01-15', warrantyEndDate: '2029-01-15', notes: 'PO 4711', serverUuid: null });
      expect(unit?.model).toContain('ConnectX');
      const entries = await log(unit?.id ?? 0);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ event: 'received', source: 'stock_edit', before: { status: null }, after: { status: 'available', location: 'Store B' }, ticket: null });
      expect(entries[0]?.user?.username).toBe('admin');
    });

    it('receives many serials of one model at once', async () => {
      const serials = [serial('RAM'), serial('RAM'), serial('RAM')];
      const res = await t.http.post<ListResult<ComponentUnit>>('/api/components', { token: admin, body: { componentType: 'ram', uuid: MODEL.ramSamsung64, serials, location: 'Cage 2' } });
      expect(res.status).toBe(201);
      expect(res.body.items.map((u) => u.serialNumber)).toEqual(serials);
      expect((await findStock(t, { model: MODEL.ramSamsung64, status: 'available' })).filter((u) => serials.includes(u.serialNumber ?? ''))).toHaveLength(3);
    });

    it('refuses serials already in stock (409 naming them), repeated serials, unknown or mistyped models; writes nothing', async () => {
      const [existing] = await createStock(t, { componentType: 'ram', model: MODEL.ramSamsung64 });
      const before = await stockCount();
      const dup = await t.http.post<ErrorBody>('/api/components', { token: admin, body: { componentType: 'ram', uuid: MODEL.ramSamsung64, serials: [serial('RAM'), existing?.serialNumber] } });
      expect([dup.status, dup.body.code, dup.body.message.includes(existing?.serialNumber ?? '?')]).toEqual([409, 'CONFLICT', true]);
      const twice = await t.http.post<ErrorBody>('/api/components', { token: admin, body: { componentType: 'ram', uuid: MODEL.ramSamsung64, serials: ['X-1', 'X-1'] } });
      expect([twice.status, twice.body.details?.fields?.[0]?.field]).toEqual([400, 'serials']);
      const unknown = await t.http.post<ErrorBody>('/api/components', { token: admin, body: { componentType: 'ram', uuid: '00000000-0000-4000-8000-000000000000', serialNumber: 'X-2' } });
      expect([unknown.status, unknown.body.details?.fields?.[0]?.field]).toEqual([400, 'uuid']);
      const mistyped = await t.http.post<ErrorBody>('/api/components', { token: admin, body: { componentType: 'cpu', uuid: MODEL.ramSamsung64, serialNumber: 'X-3' } });
      expect([mistyped.status, mistyped.body.message]).toEqual([400, expect.stringContaining('is a ram model')]);
      const both = await t.http.post<ErrorBody>('/api/components', { token: admin, body: { componentType: 'ram', uuid: MODEL.ramSamsung64, serialNumber: 'X-4', serials: ['X-5'] } });
      expect(both.status).toBe(400);
      const badDate = await t.http.post<ErrorBody>('/api/components', { token: admin, body: { componentType: 'ram', uuid: MODEL.ramSamsung64, serialNumber: 'X-6', warrantyEndDate: '2026-02-30' } });
      expect([badDate.status, badDate.body.details?.fields?.[0]?.field]).toEqual([400, 'warrantyEndDate']);
      expect(await stockCount()).toBe(before);
    });
  });

  describe('listing', () => {
    it('filters by model, location, warranty and searches notes; sorts', async () => {
      const model = await createCatalogModel(t, { componentType: 'storage', brand: 'Filterco', specifications: {} });
      const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
      const later = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
      const a = await t.http.post<ListResult<ComponentUnit>>('/api/components', { token: admin, body: { componentType: 'storage', uuid: model.uuid, serialNumber: 'FLT-A', location: 'Row 7', warrantyEndDate: soon, notes: 'from the Zurich lab' } });
      const b = await t.http.post<ListResult<ComponentUnit>>('/api/components', { token: admin, body: { componentType: 'storage', uuid: model.uuid, serialNumber: 'FLT-B', location: 'Row 8', warrantyEndDate: later } });
      const [idA, idB] = [a.body.items[0]?.id, b.body.items[0]?.id];
      const ids = async (query: Record<string, string | number>) => (await t.http.get<Page<ComponentUnit>>('/api/components', { token: requester, query: { model: model.uuid, ...query } })).body.items.map((u) => u.id);
      expect(await ids({})).toEqual([idA, idB]);
      expect(await ids({ location: 'Row 8' })).toEqual([idB]);
      expect(await ids({ warrantyWithinDays: 30 })).toEqual([idA]);
      expect(await ids({ warrantyBefore: later })).toEqual([idA]);
      expect(await ids({ q: 'zurich' })).toEqual([idA]);
      expect(await ids({ sort: '-serialNumber' })).toEqual([idB, idA]);
      const bad = await t.http.get<ErrorBody>('/api/components', { token: requester, query: { warrantyBefore: '2026-13-01' } });
      expect([bad.status, bad.body.details?.fields?.[0]?.field]).toEqual([400, 'warrantyBefore']);
    });

    it('shows one unit with its server, and 404 for an unknown id', async () => {
      const installed = await t.http.get<Page<ComponentUnit>>('/api/components', { token: requester, query: { serverUuid: SERVER.webProd01, type: 'cpu' } });
      const cpu = installed.body.items[0];
      const res = await t.http.get<ComponentUnitDetail>(`/api/components/${cpu?.id}`, { token: requester });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: cpu?.id, serverName: 'web-prod-01', status: 'in_use', claim: null });
      expect(res.body.slot).toMatch(/^CPU\d$/);
      const missing = await t.http.get<ErrorBody>('/api/components/987654321', { token: requester });
      expect([missing.status, missing.body.code]).toEqual([404, 'COMPONENT_NOT_FOUND']);
    });
  });

  describe('edits, fail and retire', () => {
    it('edits location (logged as a move) and notes (logged as an edit)', async () => {
      const [u] = await createStock(t, { componentType: 'caddy', model: MODEL.caddyDell25, location: 'Shelf 1' });
      const moved = await t.http.patch<ComponentUnitDetail>(`/api/components/${u?.id}`, { token: admin, body: { location: 'Shelf 2', flag: 'checked' } });
      expect([moved.status, moved.body.location, moved.body.flag]).toEqual([200, 'Shelf 2', 'checked']);
      const noted = await t.http.patch<ComponentUnitDetail>(`/api/components/${u?.id}`, { token: admin, body: { notes: 'scratched' } });
      expect(noted.body.notes).toBe('scratched');
      expect((await log(u?.id ?? 0)).map((e) => [e.event, e.before.location, e.after.location])).toEqual([
        ['moved', 'Shelf 1', 'Shelf 2'],
        ['edited', 'Shelf 2', 'Shelf 2'],
      ]);
      const extra = await t.http.patch<ErrorBody>(`/api/components/${u?.id}`, { token: admin, body: { status: 'in_use' } });
      expect([extra.status, extra.body.details?.fields?.[0]?.field]).toEqual([400, 'status']);
    });

    it('marks an available unit failed, then retires it; refuses installed or retired units', async () => {
      const [u] = await createStock(t, { componentType: 'storage', model: MODEL.ssdMicron5400 });
      const failed = await t.http.post<ComponentUnitDetail>(`/api/components/${u?.id}/fail`, { token: admin, body: { reason: 'SMART errors' } });
      expect([failed.status, failed.body.status]).toEqual([200, 'failed']);
      const again = await t.http.post<ErrorBody>(`/api/components/${u?.id}/fail`, { token: admin, body: { reason: 'twice' } });
      expect(again.status).toBe(409);
      const retired = await t.http.post<ComponentUnitDetail>(`/api/components/${u?.id}/retire`, { token: admin, body: { reason: 'RMA refused' } });
      expect([retired.status, retired.body.status]).toEqual([200, 'retired']);
      expect((await log(u?.id ?? 0)).map((e) => [e.event, e.before.status, e.after.status, e.note])).toEqual([
        ['failed', 'available', 'failed', 'SMART errors'],
        ['retired', 'failed', 'retired', 'RMA refused'],
      ]);
      const installed = (await findStock(t, { serverUuid: SERVER.backup01 }))[0];
      const refused = await t.http.post<ErrorBody>(`/api/components/${installed?.id}/fail`, { token: admin, body: { reason: 'dead' } });
      expect([refused.status, refused.body.message]).toEqual([409, expect.stringContaining('through a ticket')]);
      const noReason = await t.http.post<ErrorBody>(`/api/components/${u?.id}/retire`, { token: admin, body: {} });
      expect([noReason.status, noReason.body.details?.fields?.[0]?.field]).toEqual([400, 'reason']);
    });
  });

  describe('CSV export and import', () => {
    it('exports the filtered list; importing it back is all duplicates (dry run and real run write nothing)', async () => {
      const [odd] = await createStock(t, { componentType: 'nic', model: MODEL.nicE810Cqda2 });
      await t.http.patch(`/api/components/${odd?.id}`, { token: admin, body: { notes: '=HYPERLINK("x")' } });
      const res = await t.http.get<string>('/api/components/export.csv', { token: requester, query: { type: 'nic' } });
      expect(res.status).toBe(200);
      expect(String(res.headers['content-type'])).toContain('text/csv');
      const rows = parse(res.text, { columns: true }) as Record<string, string>[];
      const nics = await findStock(t, { componentType: 'nic' });
      expect(rows.map((r) => r['serial_number']).sort()).toEqual(nics.map((u) => u.serialNumber).sort());
      expect(rows.every((r) => r['component_type'] === 'nic')).toBe(true);
      // A cell a spreadsheet would run as a formula is defused.
      expect(rows.find((r) => r['serial_number'] === odd?.serialNumber)?.['notes']).toBe(`'=HYPERLINK("x")`);

      const before = await stockCount();
      const dry = await t.http.post<StockImportResult>('/api/components/import', { token: admin, query: { dryRun: 'true' }, body: res.text, headers: { 'content-type': 'text/csv' } });
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({ dryRun: true, created: 0, counts: { new: 0, duplicate: nics.length, invalid: 0 } });
      const real = await t.http.post<StockImportResult>('/api/components/import', { token: admin, body: res.text, headers: { 'content-type': 'text/csv' } });
      expect(real.body).toMatchObject({ dryRun: false, created: 0, counts: { new: 0, duplicate: nics.length } });
      expect(await stockCount()).toBe(before);
    });

    it('a dry run previews new, duplicate and invalid rows without writing; a real run with an invalid row writes nothing', async () => {
      const [existing] = await createStock(t, { componentType: 'ram', model: MODEL.ramMicron32 });
      const csv = [
        'component_type,model_uuid,serial_number,location,warranty_end_date,notes',
        `ram,${MODEL.ramMicron32},CSV-NEW-1,Cage 1,2030-01-01,"multi, with comma"`,
        `ram,${MODEL.ramMicron32},${existing?.serialNumber},Cage 1,,`,
        `ram,${MODEL.cpuEpyc9124},CSV-BAD-1,,,`,
        `ram,${MODEL.ramMicron32},CSV-BAD-2,,2030-02-31,`,
        `gpu,${MODEL.ramMicron32},CSV-BAD-3,,,`,
        `ram,${MODEL.ramMicron32},CSV-NEW-1,,,`,
      ].join('\n');
      const before = await stockCount();
      const dry = await t.http.post<StockImportResult>('/api/components/import', { token: admin, query: { dryRun: 'true' }, body: { csv } });
      expect(dry.status).toBe(200);
      expect(dry.body.rows.map((r) => [r.line, r.outcome])).toEqual([
        [2, 'new'],
        [3, 'duplicate'],
        [4, 'invalid'],
        [5, 'invalid'],
        [6, 'invalid'],
        [7, 'duplicate'],
      ]);
      expect(dry.body.rows[2]?.errors.join()).toContain('is a cpu model');
      expect(dry.body.rows[3]?.errors.join()).toContain('warranty_end_date');
      const real = await t.http.post<ErrorBody>('/api/components/import', { token: admin, body: { csv } });
      expect([real.status, real.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(real.body.details?.fields?.map((f) => f.field)).toEqual(['line 4', 'line 5', 'line 6']);
      expect(await stockCount()).toBe(before);
    });

    it('imports new rows from a multipart upload, available, logged as an import', async () => {
      const sns = [serial('IMP'), serial('IMP')];
      const csv = `component_type,model_uuid,serial_number,location,purchase_date\n${sns.map((sn) => `caddy,${MODEL.caddySmc35},${sn},Bin 4,2026-03-01`).join('\n')}\n`;
      const { body, headers } = multipart(csv);
      const res = await t.http.post<StockImportResult>('/api/components/import', { token: admin, body, headers });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ dryRun: false, created: 2, counts: { new: 2, duplicate: 0, invalid: 0 } });
      const units = (await findStock(t, { model: MODEL.caddySmc35 })).filter((u) => sns.includes(u.serialNumber ?? ''));
      expect(units.map((u) => [u.status, u.location])).toEqual([
        ['available', 'Bin 4'],
        ['available', 'Bin 4'],
      ]);
      expect((await log(units[0]?.id ?? 0))[0]).toMatchObject({ event: 'received', source: 'import' });
      // Exported and imported again: the same units, now duplicates.
      const exported = await t.http.get<string>('/api/components/export.csv', { token: admin, query: { model: MODEL.caddySmc35, location: 'Bin 4' } });
      const again = await t.http.post<StockImportResult>('/api/components/import', { token: admin, query: { dryRun: 'true' }, body: exported.text, headers: { 'content-type': 'text/csv' } });
      expect(again.body.counts).toEqual({ new: 0, duplicate: 2, invalid: 0 });
    });

    it('refuses a file without the required columns (400 naming file), and CSV bodies on other routes', async () => {
      const res = await t.http.post<ErrorBody>('/api/components/import', { token: admin, body: 'serial\nX', headers: { 'content-type': 'text/csv' } });
      expect([res.status, res.body.details?.fields?.[0]?.field]).toEqual([400, 'file']);
      const none = await t.http.post<ErrorBody>('/api/components/import', { token: admin, body: { file: 'x' } });
      expect([none.status, none.body.details?.fields?.[0]?.field]).toEqual([400, 'file']);
      const elsewhere = await t.http.post<ErrorBody>('/api/components', { token: admin, body: 'component_type\nram', headers: { 'content-type': 'text/csv' } });
      expect([elsewhere.status, elsewhere.body.details?.fields?.[0]?.field]).toEqual([400, 'body']);
    });
  });
});
