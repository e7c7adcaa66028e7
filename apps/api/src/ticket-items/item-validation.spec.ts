import { describe, expect, it } from 'vitest';
import type { TicketItemInput } from '@bdc/contracts';
import {
  evaluateChange,
  evaluateItems,
  itemProblems,
  matchInstalled,
  modelKey,
  removalTarget,
  serialKey,
  settingKeyOf,
  validationReport,
  type CatalogFact,
  type UnitFact,
  type ValidationFacts,
} from './item-validation';

const catalog: CatalogFact[] = [
  { uuid: 'mb-1', componentType: 'motherboard', name: 'Board X', specs: { socket: 'LGA4677', cpu_sockets: 2, memory_type: 'DDR5', memory_slots: 4, max_memory_GB: 1024, pcie_slots: 2, pcie_lanes: 32, m2_slots: 1 } },
  { uuid: 'ch-1', componentType: 'chassis', name: 'Chassis 2U', specs: { drive_bays: 4, bay_form_factor: '3.5"', psu_watts: 1200, motherboard_form_factors: ['EATX'] } },
  { uuid: 'cpu-1', componentType: 'cpu', name: 'Xeon Gold', specs: { socket: 'LGA4677', memory_types: ['DDR5'], tdp_W: 250 } },
  { uuid: 'cpu-amd', componentType: 'cpu', name: 'EPYC', specs: { socket: 'SP5', memory_types: ['DDR5'], tdp_W: 300 } },
  { uuid: 'ram-1', componentType: 'ram', name: 'DDR5 64GB', specs: { memory_type: 'DDR5', capacity_GB: 64, power_W: 5 } },
  { uuid: 'ram-old', componentType: 'ram', name: 'DDR4 32GB', specs: { memory_type: 'DDR4', capacity_GB: 32, power_W: 4 } },
  { uuid: 'ssd-1', componentType: 'storage', name: 'SSD 2.5', specs: { form_factor: '2.5"', power_W: 6 } },
  { uuid: 'nic-1', componentType: 'nic', name: 'NIC 25G', specs: { pcie_lanes: 8, power_W: 15 } },
  { uuid: 'nic-2', componentType: 'nic', name: 'NIC 100G', specs: { pcie_lanes: 16, power_W: 25 } },
];

let nextId = 1;
const unit = (type: UnitFact['componentType'], uuid: string, serial: string, status: UnitFact['status'] = 'in_use', serverUuid: string | null = 'srv'): UnitFact => ({
  id: nextId++,
  componentType: type,
  uuid,
  serialNumber: serial,
  status,
  serverUuid,
});

function facts(over: Partial<ValidationFacts> = {}): ValidationFacts {
  const installed = [unit('motherboard', 'mb-1', 'MB1'), unit('chassis', 'ch-1', 'CH1'), unit('cpu', 'cpu-1', 'CPU1'), unit('ram', 'ram-1', 'R1'), unit('ram', 'ram-1', 'R2'), unit('nic', 'nic-1', 'N1')];
  const spare = [unit('cpu', 'cpu-1', 'CPU-S1', 'available', null), unit('ram', 'ram-1', 'R-S1', 'available', null), unit('ram', 'ram-1', 'R-S2', 'reserved', null)];
  return {
    server: { uuid: 'srv', name: 'web-01', powerBudgetWatts: null, status: 'built' },
    catalog: new Map(catalog.map((c) => [c.uuid, c])),
    installed,
    claimedForRemoval: new Set(),
    availableByModel: new Map([
      [modelKey('cpu', 'cpu-1'), 1],
      [modelKey('ram', 'ram-1'), 1],
      [modelKey('ram', 'ram-old'), 5],
      [modelKey('cpu', 'cpu-amd'), 2],
      [modelKey('nic', 'nic-2'), 3],
      [modelKey('storage', 'ssd-1'), 2],
    ]),
    unitsBySerial: new Map([...installed, ...spare].map((u) => [serialKey(u.componentType, u.serialNumber ?? ''), u])),
    availableCaddies: { '2.5': 5 },
    ...over,
  };
}

const add = (componentType: TicketItemInput['componentType'], componentUuid: string | null, quantity = 1, extra: Partial<TicketItemInput> = {}): TicketItemInput => ({
  action: 'add',
  componentType,
  componentUuid,
  quantity,
  ...extra,
});

describe('evaluateItems: add', () => {
  it('accepts an available, compatible model', () => {
    expect(evaluateItems([add('cpu', 'cpu-1')], facts())).toEqual([{ itemType: 'component', status: 'valid', message: null, compatibilityChecked: true, rules: [] }]);
  });

  it('flags a missing model, an unknown model and a model of another type', () => {
    const [missing, unknown, wrongType] = evaluateItems([add('cpu', null), add('cpu', 'nope'), add('cpu', 'ram-1')], facts());
    expect(missing).toMatchObject({ status: 'invalid', compatibilityChecked: false });
    // In the user's words: no field names.
    expect(missing?.message).toBe('Choose the CPU model to add');
    expect(missing?.rules).toEqual(['item_model']);
    expect(unknown).toMatchObject({ status: 'invalid', message: 'Component model nope is not in the catalog' });
    expect(wrongType?.message).toBe('DDR5 64GB is a memory module, not a CPU');
  });

  it('counts availability across the items of one ticket', () => {
    const [first, second] = evaluateItems([add('ram', 'ram-1'), add('ram', 'ram-1')], facts());
    expect(first?.status).toBe('valid');
    expect(second).toMatchObject({ status: 'invalid', message: 'Only 0 unit(s) of DDR5 64GB available, 1 needed' });
  });

  it('checks a pinned serial: exists, right model, available, not used twice', () => {
    const one = (item: TicketItemInput) => evaluateItems([item], facts())[0];
    expect(one(add('cpu', 'cpu-1', 1, { componentSerial: 'CPU-S1' }))?.status).toBe('valid');
    expect(one(add('cpu', 'cpu-1', 1, { componentSerial: 'NOPE' }))?.message).toBe('No CPU with serial NOPE in stock');
    expect(one(add('ram', 'ram-1', 1, { componentSerial: 'R-S2' }))?.message).toBe('Unit R-S2 is reserved, not available');
    expect(one(add('cpu', 'cpu-amd', 1, { componentSerial: 'CPU-S1' }))?.message).toMatch(/^Unit CPU-S1 is a Xeon Gold, not a EPYC/);
    const twice = evaluateItems([add('ram', 'ram-1', 1, { componentSerial: 'R-S1' }), add('ram', 'ram-1', 1, { componentSerial: 'R-S1' })], facts());
    expect(twice.map((v) => v.status)).toEqual(['valid', 'invalid']);
    expect(twice[1]?.message).toBe('Unit R-S1 is already used by another item');
  });

  it('adds compatibility problems of the projected server, naming the rule', () => {
    const [amd] = evaluateItems([add('cpu', 'cpu-amd')], facts());
    expect(amd?.status).toBe('invalid');
    expect(amd?.message).toContain('socket SP5');
    expect(amd?.rules).toContain('socket');
    const [ddr4] = evaluateItems([add('ram', 'ram-old', 1)], facts());
    expect(ddr4?.message).toBe('DDR4 32GB is DDR4 memory, Board X takes DDR5');
    expect(ddr4?.rules).toEqual(['memory_type']);
  });

  it('judges the whole ticket and reports a slot count once for the build (two cards, one free slot)', () => {
    const { verdicts, build } = evaluateChange([add('nic', 'nic-2'), add('nic', 'nic-2')], facts());
    expect(verdicts.map((v) => v.status)).toEqual(['valid', 'valid']);
    expect(build.filter((b) => b.severity === 'error')).toEqual([
      { rule: 'pcie_slots', severity: 'error', message: '3 PCIe cards but Board X has 2 PCIe slot(s)', items: [0, 1] },
      { rule: 'pcie_lanes', severity: 'error', message: 'The PCIe cards need 40 lanes but Board X provides 32', items: [0, 1] },
    ]);
  });

  it('judges a motherboard and a CPU added together against each other', () => {
    const bare = facts({ installed: [unit('chassis', 'ch-1', 'CH9')] });
    const board = { ...add('motherboard', 'mb-1'), componentUuid: 'mb-1' };
    const stocked = new Map([...bare.availableByModel, [modelKey('motherboard', 'mb-1'), 1]]);
    const together = evaluateChange([board, add('cpu', 'cpu-1')], { ...bare, availableByModel: stocked });
    expect(together.verdicts.map((v) => v.status)).toEqual(['valid', 'valid']);
    const wrong = evaluateChange([board, add('cpu', 'cpu-amd')], { ...bare, availableByModel: stocked });
    expect(wrong.verdicts.map((v) => v.status)).toEqual(['invalid', 'invalid']);
    expect(wrong.verdicts[1]?.rules).toEqual(['socket']);
    // Without the board, the CPU has nothing to sit on.
    expect(evaluateItems([add('cpu', 'cpu-1')], bare)[0]).toMatchObject({ status: 'invalid', rules: ['cpu_needs_motherboard'] });
  });

  it('refuses a failed or retired pinned unit through the compatibility rule', () => {
    const dead = unit('ram', 'ram-1', 'R-DEAD', 'failed', null);
    const f = facts();
    const withDead = { ...f, unitsBySerial: new Map([...f.unitsBySerial, [serialKey('ram', 'R-DEAD'), dead]]) };
    const [verdict] = evaluateItems([add('ram', 'ram-1', 1, { componentSerial: 'R-DEAD' })], withDead);
    expect(verdict).toMatchObject({ status: 'invalid', rules: ['unit_unusable'], message: 'Unit R-DEAD is failed: a failed unit can never be installed' });
  });

  it('frees what the ticket removes before judging what it adds', () => {
    const verdicts = evaluateItems([{ action: 'remove', componentType: 'nic', componentUuid: 'nic-1', quantity: 1 }, add('nic', 'nic-2'), add('nic', 'nic-2')], facts());
    expect(verdicts.map((v) => v.status)).toEqual(['valid', 'valid', 'valid']);
  });

  it('warns, without blocking, when compatibility cannot be checked', () => {
    const bare = facts({ installed: [] });
    const [ram] = evaluateItems([add('ram', 'ram-1')], bare);
    expect(ram).toMatchObject({ status: 'warning', compatibilityChecked: false, rules: ['unchecked'] });
  });

  it('warns near the power budget and rejects above it, once for the build', () => {
    const power = (budget: number) => evaluateChange([add('cpu', 'cpu-1')], facts({ server: { uuid: 'srv', name: 'web-01', powerBudgetWatts: budget, status: 'built' } }));
    const near = power(560);
    expect(near.verdicts[0]?.status).toBe('valid');
    expect(near.build.find((b) => b.rule === 'power')).toMatchObject({ severity: 'warning', items: [0] });
    expect(near.build.find((b) => b.rule === 'power')?.message).toContain('within 10%');
    expect(power(500).build.find((b) => b.rule === 'power')?.severity).toBe('error');
  });
});

describe('evaluateItems: remove and replace', () => {
  const remove = (extra: Partial<TicketItemInput>, quantity = 1): TicketItemInput => ({ action: 'remove', componentType: 'ram', quantity, ...extra });

  it('removes installed units by model or serial', () => {
    const verdicts = evaluateItems([remove({ componentUuid: 'ram-1' }), remove({ componentSerial: 'R2' })], facts());
    expect(verdicts.map((v) => v.status)).toEqual(['valid', 'valid']);
    expect(verdicts[0]?.compatibilityChecked).toBe(true);
  });

  it('refuses more units than installed, counting earlier items', () => {
    const [tooMany] = evaluateItems([remove({ componentUuid: 'ram-1' }, 3)], facts());
    expect(tooMany?.message).toBe('Only 2 × DDR5 64GB installed in web-01 can be removed, 3 needed');
    const verdicts = evaluateItems([remove({ componentSerial: 'R1' }), remove({ componentSerial: 'R1' })], facts());
    expect(verdicts[1]?.status).toBe('invalid');
  });

  it('refuses units not in this server and units another ticket removes', () => {
    const f = facts();
    const r1 = f.installed.find((u) => u.serialNumber === 'R1');
    const claimed = facts({ installed: f.installed, claimedForRemoval: new Set([r1?.id ?? -1]) });
    const [spare, nothing, claimedVerdict] = [
      ...evaluateItems([remove({ componentSerial: 'R-S1' })], f),
      ...evaluateItems([remove({})], f),
      ...evaluateItems([remove({ componentSerial: 'R1' })], claimed),
    ];
    expect(spare?.message).toBe('No memory module R-S1 is installed in web-01');
    expect(nothing?.message).toBe('Choose the installed memory module to remove (its serial or model)');
    expect(claimedVerdict?.message).toContain('already being removed');
  });

  it('replaces an installed unit with an available model, from componentUuid or requestedValue', () => {
    const base = { action: 'replace' as const, componentType: 'nic' as const, quantity: 1, currentValue: 'N1' };
    expect(evaluateItems([{ ...base, componentUuid: 'nic-2' }], facts())[0]?.status).toBe('valid');
    expect(evaluateItems([{ ...base, requestedValue: 'nic-2' }], facts())[0]?.status).toBe('valid');
    expect(evaluateItems([{ ...base, currentValue: 'nic-1', requestedValue: 'nic-2' }], facts())[0]?.status).toBe('valid');
    const [notInstalled] = evaluateItems([{ ...base, currentValue: 'ZZZ', componentUuid: 'nic-2' }], facts());
    expect(notInstalled?.message).toContain('No network card ZZZ is installed');
    const [noCurrent] = evaluateItems([{ ...base, currentValue: null, componentUuid: 'nic-2' }], facts());
    expect(noCurrent?.message).toBe('Choose the installed network card to replace (its serial or model)');
    const [noNew] = evaluateItems([{ ...base }], facts());
    expect(noNew?.message).toBe('Choose the network card model to install in its place');
  });
});

describe('evaluateItems: modify', () => {
  it('needs a requested value and is a configuration item', () => {
    const [ok, missing] = evaluateItems(
      [
        { action: 'modify', componentType: 'nic', quantity: 1, requestedValue: '9000', specifications: { setting: 'mtu' } },
        { action: 'modify', componentType: 'nic', quantity: 1, requestedValue: '  ' },
      ],
      facts(),
    );
    expect(ok).toEqual({ itemType: 'configuration', status: 'valid', message: null, compatibilityChecked: true, rules: [] });
    expect(missing?.status).toBe('invalid');
    expect(missing?.message).toContain('nic');
  });

  it('keys the setting by specifications.setting or the component type', () => {
    expect(settingKeyOf({ componentType: 'nic', specifications: { setting: ' mtu ' } })).toBe('mtu');
    expect(settingKeyOf({ componentType: 'nic', specifications: { setting: 3 } })).toBe('nic');
    expect(settingKeyOf({ componentType: 'cpu', specifications: null })).toBe('cpu');
  });
});

describe('target helpers', () => {
  const installed = [unit('ram', 'ram-1', 'A'), unit('ram', 'ram-1', 'B'), unit('ram', 'ram-2', 'C'), unit('cpu', 'ram-1', 'D')];

  it('matches removal targets by serial (pinned first), model or either', () => {
    expect(matchInstalled(installed, 'ram', { serial: 'B', uuid: null, either: null }).map((u) => u.serialNumber)).toEqual(['B', 'A']);
    expect(matchInstalled(installed, 'ram', { serial: null, uuid: 'ram-1', either: null }).map((u) => u.serialNumber)).toEqual(['A', 'B']);
    expect(matchInstalled(installed, 'ram', { serial: null, uuid: null, either: 'C' }).map((u) => u.serialNumber)).toEqual(['C']);
    expect(matchInstalled(installed, 'ram', { serial: null, uuid: null, either: 'ram-2' }).map((u) => u.serialNumber)).toEqual(['C']);
    expect(matchInstalled(installed, 'ram', { serial: null, uuid: null, either: null })).toEqual([]);
  });

  it('reads removal targets per action', () => {
    expect(removalTarget({ action: 'remove', componentType: 'ram', quantity: 1, componentSerial: 'S', componentUuid: 'U' })).toEqual({ serial: 'S', uuid: 'U', either: null });
    expect(removalTarget({ action: 'remove', componentType: 'ram', quantity: 1, currentValue: 'X' })).toEqual({ serial: null, uuid: null, either: 'X' });
    expect(removalTarget({ action: 'replace', componentType: 'ram', quantity: 1, componentSerial: 'S', currentValue: 'X' })).toEqual({ serial: null, uuid: null, either: 'X' });
    expect(removalTarget({ action: 'add', componentType: 'ram', quantity: 1, componentSerial: 'S' })).toEqual({ serial: null, uuid: null, either: null });
  });
});

describe('reports', () => {
  const stored = [
    { id: 1, validationStatus: 'valid' as const, validationMessage: null, compatibilityChecked: true },
    { id: 2, validationStatus: 'warning' as const, validationMessage: 'tight power', compatibilityChecked: true },
    { id: 3, validationStatus: 'invalid' as const, validationMessage: 'no stock', compatibilityChecked: false },
    { id: 4, validationStatus: 'pending' as const, validationMessage: null, compatibilityChecked: false },
  ];

  it('lists invalid and unvalidated items as problems', () => {
    expect(itemProblems(stored)).toEqual([
      { index: 2, itemId: 3, status: 'invalid', message: 'no stock' },
      { index: 3, itemId: 4, status: 'invalid', message: 'Not validated' },
    ]);
    expect(itemProblems(stored.slice(0, 2))).toEqual([]);
  });

  it('summarises a ticket', () => {
    expect(validationReport(stored)).toEqual({
      itemsValidated: false,
      compatibilityChecked: false,
      valid: false,
      warnings: ['tight power'],
      items: [
        { index: 0, status: 'valid', message: null },
        { index: 1, status: 'warning', message: 'tight power' },
        { index: 2, status: 'invalid', message: 'no stock' },
        { index: 3, status: 'pending', message: null },
      ],
    });
    expect(validationReport(stored.slice(0, 2))).toMatchObject({ itemsValidated: true, compatibilityChecked: true, valid: true });
  });
});
