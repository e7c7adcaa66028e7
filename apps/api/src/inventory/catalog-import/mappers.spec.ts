import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { mapModel } from './mappers';
import { componentTypeOfPath, findModels, parseLenientJson, type FoundModel } from './reader';
import { formatImportReport } from './report-table';
import { driveSizeIn, fastestGbps, gigabytesIn, memoryTypeIn, numberIn, pcieIn, socketIn } from './units';
import { readZipArchive } from './zip';
import type { ComponentType } from '@bdc/contracts';

const found = (componentType: ComponentType, record: Record<string, unknown>, context: Partial<FoundModel['context']> = {}): FoundModel => ({
  componentType,
  where: 'test.json#models[0]',
  record,
  context: { brand: 'Acme', series: null, family: null, generation: null, subtype: null, ...context },
});

describe('unit readers', () => {
  it('read numbers with units in the text', () => {
    expect(numberIn('8W')).toBe(8);
    expect(numberIn(' 2.5 GHz')).toBe(2.5);
    expect(numberIn('N/A')).toBeNull();
    expect(gigabytesIn('8TB', 'GB', 1024)).toBe(8192);
    expect(gigabytesIn('512 GB')).toBe(512);
    expect(fastestGbps(['1GbE', '100Mbps', '10GbE'])).toBe(10);
    expect(fastestGbps(['100Mbps'])).toBe(0.1);
  });

  it('normalise sockets, memory types, PCIe interfaces and drive sizes', () => {
    expect(socketIn('LGA 4189')).toBe('LGA4189');
    expect(socketIn('Socket SP5')).toBe('SP5');
    expect(socketIn('unknown')).toBeNull();
    expect(memoryTypeIn('DDR5-4800')).toEqual({ type: 'DDR5', speed: 4800 });
    expect(memoryTypeIn('DDR4 RDIMM')).toEqual({ type: 'DDR4', speed: null });
    expect(pcieIn('PCIe 3.0 x8')).toEqual({ generation: 3, lanes: 8 });
    expect(pcieIn('PCIe 3.0/4.0')).toEqual({ generation: 3, lanes: null });
    expect(driveSizeIn('3.5_inch')).toBe('3.5"');
    expect(driveSizeIn('2.5-inch')).toBe('2.5"');
    expect(driveSizeIn('M.2_slot')).toBeNull();
  });
});

describe('reader', () => {
  it('parses strict JSON, and tolerates a BOM, comments, trailing commas and trailing junk', () => {
    expect(parseLenientJson('[{"a": 1}]')).toEqual({ value: [{ a: 1 }] });
    expect(parseLenientJson('\uFEFF[{"a": 1, /* note */ "b": "x // not a comment",},] // end\n garbage')).toEqual({ value: [{ a: 1, b: 'x // not a comment' }] });
    expect('error' in parseLenientJson('{"a": ')).toBe(true);
  });

  it('tells the component type from BDC IMS folder and file names', () => {
    expect(componentTypeOfPath('motherboad-jsons/motherboard-level-3.json')).toBe('motherboard');
    expect(componentTypeOfPath('chasis-jsons/chasis-level-3.json')).toBe('chassis');
    expect(componentTypeOfPath('hbacard-jsons/hbacard-level-3.json')).toBe('hbacard');
    expect(componentTypeOfPath('pci-jsons/pci-level-3.json')).toBe('pciecard');
    expect(componentTypeOfPath('Ram-jsons/ram_detail.json')).toBe('ram');
    expect(componentTypeOfPath('Cpu-details-level-3.json')).toBe('cpu');
    expect(componentTypeOfPath('nic-level-3.json')).toBe('nic');
    expect(componentTypeOfPath('notes.json')).toBeNull();
  });

  it('finds models under brand → series → models with their context, and not series descriptions', () => {
    const value = [
      { brand: 'Intel', series: [{ name: 'X710 Series', models: [{ model: 'X710-DA2', uuid: 'u1' }] }] },
      { brand: 'AMD', series: [{ name: 'EPYC', description: 'no models here', tiers: ['9004'] }] },
    ];
    const models = findModels(value, 'nic.json', 'nic');
    expect(models).toHaveLength(1);
    expect(models[0]?.context).toMatchObject({ brand: 'Intel', series: 'X710 Series' });
    expect(models[0]?.where).toBe('nic.json#[0].series[0].models[0]');
  });
});

describe('mappers', () => {
  it('maps a BDC IMS CPU onto the typed spec and keeps the vendor fields', () => {
    const result = mapModel(
      found('cpu', {
        model: 'Platinum 8480+',
        cores: 56,
        threads: 112,
        tdp_W: 350,
        memory_types: ['DDR5-4800'],
        socket: 'LGA 4189',
        l3_cache: '105 MB',
        UUID: '545e143b-57b3-419e-86e5-1df6f7aa8fd3',
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.model).toMatchObject({ uuid: '545e143b-57b3-419e-86e5-1df6f7aa8fd3', brand: 'Acme', model: 'Platinum 8480+' });
    expect(result.model.specifications).toMatchObject({ socket: 'LGA4189', cores: 56, tdp_W: 350, memory_types: ['DDR5'], max_memory_speed_MTs: 4800, l3_cache: '105 MB' });
    // The vendor's own spelling of a canonical key is not lost.
    expect(result.model.specifications['vendor_original']).toEqual({ socket: 'LGA 4189', memory_types: ['DDR5-4800'] });
  });

  it('skips with a reason: no UUID, an unknown socket, a missing required key', () => {
    expect(mapModel(found('cpu', { model: 'EPYC 9534' }))).toMatchObject({ ok: false, reason: 'no UUID' });
    expect(mapModel(found('cpu', { model: 'X', uuid: 'u', socket: 'mystery', cores: 4, tdp_W: 1, memory_types: ['DDR4'] }))).toMatchObject({ ok: false, reason: 'unknown socket "mystery"' });
    expect(mapModel(found('cpu', { model: 'X', uuid: 'u', socket: 'AM5', tdp_W: 1, memory_types: ['DDR5'] }))).toMatchObject({ ok: false, reason: 'cores: required' });
  });

  it('reads NIC power and speed from strings ("8W", "10GbE") and names RAM that has no model name', () => {
    const nic = mapModel(found('nic', { model: 'I350-T4', ports: 4, port_type: 'RJ45', speeds: ['1GbE', '100Mbps'], interface: 'PCIe 2.1 x4', power: '8W', uuid: 'n1' }));
    expect(nic.ok && nic.model.specifications).toMatchObject({ kind: 'card', power_W: 8, speed_Gbps: 1, pcie_lanes: 4, pcie_generation: 2, slot_size: 'x4', protocol: 'Ethernet' });
    const ram = mapModel(found('ram', { memory_type: 'DDR5', module_type: 'RDIMM', capacity_GB: 64, speed_MTs: 4800, features: { ecc_support: true }, uuid: 'r1' }, { series: 'Server Premier' }));
    expect(ram.ok && ram.model).toMatchObject({ model: 'Server Premier DDR5 RDIMM 64GB 4800', specifications: { ecc: true, registered: true } });
  });

  it('maps chassis bays by size and type from the backplane', () => {
    const chassis = mapModel(
      found('chassis', {
        uuid: 'c1',
        model: 'R740xd',
        form_factor: '2U',
        drive_bays: { total_bays: 32, bay_configuration: [{ bay_type: '2.5_inch', count: 24 }, { bay_type: '3.5_inch', count: 8 }] },
        backplane: { supports_sata: true, supports_sas: true, supports_nvme: false },
        power_supply: { redundant: true, wattage: 750 },
      }),
    );
    expect(chassis.ok && chassis.model.specifications).toMatchObject({
      form_factor: '2U',
      drive_bays: 32,
      bays: [{ size: '2.5"', type: 'SAS/SATA', count: 24 }, { size: '3.5"', type: 'SAS/SATA', count: 8 }],
      bay_form_factor: '2.5"',
      backplane: ['SAS', 'SATA'],
      psu_watts: 750,
      psu_redundant: true,
    });
  });
});

describe('zip archives', () => {
  const limits = { maxFiles: 5, maxTotalBytes: 1024 * 1024 };

  it('reads the JSON files of a zip and ignores the rest', () => {
    const zip = zipSync({ 'cpu-jsons/a.json': strToU8('[1]'), 'readme.txt': strToU8('hi'), '__MACOSX/._a.json': strToU8('x') });
    expect(readZipArchive(zip, limits)).toEqual([{ name: 'cpu-jsons/a.json', text: '[1]' }]);
  });

  it('refuses a zip bomb while it expands, whatever sizes it declares', () => {
    // 8 MiB of spaces compresses to a few KiB.
    const zip = zipSync({ 'cpu-jsons/bomb.json': new Uint8Array(8 * 1024 * 1024).fill(0x20) }, { level: 9 });
    expect(zip.length).toBeLessThan(64 * 1024);
    expect(() => readZipArchive(zip, limits)).toThrow(/expands to more than 1048576 bytes/);
  });

  it('refuses more files than allowed, and an archive cut short', () => {
    const many = zipSync(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`f${i}.json`, strToU8('[]')])));
    expect(() => readZipArchive(many, limits)).toThrow(/more than 5 JSON files/);
    const whole = zipSync({ 'cpu-jsons/a.json': strToU8(JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ i })))) });
    expect(() => readZipArchive(whole.subarray(0, Math.floor(whole.length / 2)), limits)).toThrow(/cut short|could not be read/);
    // Bytes that only start like a zip hold no file at all: the upload then says it has no JSON file.
    expect(readZipArchive(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), limits)).toEqual([]);
  });
});

describe('report table', () => {
  it('prints one row per type, the totals and each skip with its reason', () => {
    const text = formatImportReport({
      dryRun: true,
      files: { read: 1, withoutModels: [], unreadable: [] },
      types: [{ componentType: 'cpu', imported: 2, updated: 0, unchanged: 1, skipped: [{ where: 'x.json#models[0]', model: 'EPYC 9534', uuid: null, reason: 'no UUID' }] }],
      totals: { imported: 2, updated: 0, unchanged: 1, skipped: 1 },
    });
    expect(text).toContain('Dry run');
    expect(text).toMatch(/cpu\s+2\s+0\s+1\s+1/);
    expect(text).toContain('EPYC 9534  (no UUID)  no UUID');
  });
});
