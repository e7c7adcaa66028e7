import { describe, expect, it } from 'vitest';
import type { ComponentType } from '@bdc/contracts';
import {
  checkChassis,
  checkCompatibility,
  checkCpu,
  checkMotherboard,
  checkPcieCard,
  checkPower,
  checkRam,
  checkStorage,
  powerBudget,
  powerOf,
  type CompatibilityContext,
  type CompatibilityVerdict,
  type ConfiguredComponent,
} from './compatibility.rules';
import { normaliseDriveFormFactor, specNumber, specText, specTextList } from './spec-reader';

let seq = 0;
const part = (componentType: ComponentType, specs: Record<string, unknown>): ConfiguredComponent => ({ componentType, uuid: `${componentType}-${++seq}`, specs });

const board = (over: Record<string, unknown> = {}) =>
  part('motherboard', { socket: 'LGA4677', cpu_sockets: 2, memory_type: 'DDR5', memory_slots: 4, max_memory_GB: 256, pcie_slots: 2, pcie_lanes: 32, m2_slots: 1, form_factor: 'EATX', ...over });
const chassis = (over: Record<string, unknown> = {}) =>
  part('chassis', { form_factor: '2U', drive_bays: 2, bay_form_factor: '3.5"', psu_watts: 1000, motherboard_form_factors: ['EATX', 'ATX'], ...over });
const cpu = (over: Record<string, unknown> = {}) => part('cpu', { socket: 'LGA4677', memory_types: ['DDR5'], tdp_W: 100, pcie_lanes: 80, cores: 32, ...over });
const ram = (over: Record<string, unknown> = {}) => part('ram', { memory_type: 'DDR5', module_type: 'RDIMM', capacity_GB: 64, speed_MTs: 4800, power_W: 5, ...over });
const drive = (formFactor: string, over: Record<string, unknown> = {}) => part('storage', { interface: 'SATA', form_factor: formFactor, capacity_GB: 4000, power_W: 8, ...over });
const card = (type: 'nic' | 'pciecard' | 'hbacard', lanes = 8, over: Record<string, unknown> = {}) => part(type, { pcie_lanes: lanes, power_W: 10, ...over });
const caddy = (size: string) => part('caddy', { form_factor: size });

const ctx = (projected: ConfiguredComponent[], over: Partial<CompatibilityContext> = {}): CompatibilityContext => ({
  projected,
  powerBudgetWatts: null,
  availableCaddies: {},
  ...over,
});

const rules = (verdict: CompatibilityVerdict) => verdict.issues.map((i) => `${i.severity}:${i.rule}`);

describe('spec readers', () => {
  it('read numbers from numbers and numeric strings only', () => {
    expect(specNumber({ a: 4 }, 'a')).toBe(4);
    expect(specNumber({ a: ' 16 ' }, 'a')).toBe(16);
    expect(specNumber({ a: 'x' }, 'a')).toBeNull();
    expect(specNumber({ a: '' }, 'a')).toBeNull();
    expect(specNumber({ a: Number.NaN }, 'a')).toBeNull();
    expect(specNumber({}, 'a')).toBeNull();
  });

  it('compare text case-insensitively after trimming', () => {
    expect(specText({ s: ' LGA4677 ' }, 's')).toBe('lga4677');
    expect(specText({ s: '  ' }, 's')).toBeNull();
    expect(specText({ s: 3 }, 's')).toBeNull();
    expect(specTextList({ s: ['DDR5', 4, ' ddr4'] }, 's')).toEqual(['ddr5', 'ddr4']);
    expect(specTextList({ s: 'DDR5' }, 's')).toEqual(['ddr5']);
    expect(specTextList({}, 's')).toEqual([]);
  });

  it.each([
    ['2.5"', '2.5'],
    ['2.5in', '2.5'],
    ['2.5 inch', '2.5'],
    ['SFF', '2.5'],
    ['3.5"', '3.5'],
    ['LFF', '3.5'],
    ['M.2', 'm.2'],
    ['m2', 'm.2'],
    ['U.2', 'u.2'],
    ['5.25"', null],
    [42, null],
  ])('drive form factor %s → %s', (input, expected) => {
    expect(normaliseDriveFormFactor(input)).toBe(expected);
  });
});

describe('CPU rules', () => {
  it('accepts a CPU whose socket matches, case-insensitively', () => {
    const c = cpu({ socket: 'lga4677 ' });
    expect(checkCpu(c, ctx([board(), c]))).toEqual({ checked: true, issues: [] });
  });

  it('rejects a socket mismatch', () => {
    const c = cpu({ socket: 'SP5' });
    const verdict = checkCpu(c, ctx([board(), c]));
    expect(rules(verdict)).toEqual(['invalid:socket']);
    expect(verdict.issues[0]?.message).toContain('SP5');
    expect(verdict.issues[0]?.message).toContain('LGA4677');
  });

  it('allows as many CPUs as sockets and rejects one more', () => {
    const [a, b, c] = [cpu(), cpu(), cpu()];
    expect(rules(checkCpu(b, ctx([board(), a, b])))).toEqual([]);
    expect(rules(checkCpu(c, ctx([board(), a, b, c])))).toEqual(['invalid:cpu_count']);
  });

  it('warns when the CPU does not list the board memory type', () => {
    const c = cpu({ memory_types: ['DDR4'] });
    expect(rules(checkCpu(c, ctx([board(), c])))).toEqual(['warning:cpu_memory']);
  });

  it('is unchecked without a motherboard', () => {
    const c = cpu();
    const verdict = checkCpu(c, ctx([c]));
    expect(verdict.checked).toBe(false);
    expect(rules(verdict)).toEqual(['warning:unchecked']);
  });

  it('does not judge what the catalog does not say', () => {
    const c = cpu({ socket: undefined });
    expect(rules(checkCpu(c, ctx([board({ cpu_sockets: undefined }), c])))).toEqual([]);
  });
});

describe('memory rules', () => {
  it('accepts matching memory within slots and capacity', () => {
    const m = ram();
    expect(checkRam(m, ctx([board(), m]))).toEqual({ checked: true, issues: [] });
  });

  it('rejects a memory type mismatch', () => {
    const m = ram({ memory_type: 'DDR4' });
    expect(rules(checkRam(m, ctx([board(), m])))).toEqual(['invalid:memory_type']);
  });

  it('rejects more modules than DIMM slots (exactly full is fine)', () => {
    const four = [ram(), ram(), ram(), ram()];
    expect(rules(checkRam(four[3] as ConfiguredComponent, ctx([board({ max_memory_GB: 1024 }), ...four])))).toEqual([]);
    const five = [...four, ram()];
    expect(rules(checkRam(five[4] as ConfiguredComponent, ctx([board({ max_memory_GB: 1024 }), ...five])))).toEqual(['invalid:memory_slots']);
  });

  it('rejects more capacity than the board supports', () => {
    const big = [ram({ capacity_GB: 128 }), ram({ capacity_GB: 256 })];
    expect(rules(checkRam(big[1] as ConfiguredComponent, ctx([board(), ...big])))).toEqual(['invalid:memory_capacity']);
  });

  it('is unchecked without a motherboard', () => {
    const m = ram();
    expect(checkRam(m, ctx([m])).checked).toBe(false);
  });
});

describe('storage rules', () => {
  it('fits bay drives with caddies installed', () => {
    const d = drive('3.5"');
    expect(checkStorage(d, ctx([chassis(), caddy('3.5"'), d]))).toEqual({ checked: true, issues: [] });
  });

  it('rejects more bay drives than bays', () => {
    const drives = [drive('3.5"'), drive('3.5"'), drive('3.5"')];
    const verdict = checkStorage(drives[2] as ConfiguredComponent, ctx([chassis(), ...drives], { availableCaddies: { '3.5': 10 } }));
    expect(rules(verdict)).toEqual(['invalid:drive_bays']);
  });

  it('rejects a 3.5" drive in 2.5" bays; a 2.5" drive in 3.5" bays is fine', () => {
    const big = drive('3.5"');
    expect(rules(checkStorage(big, ctx([chassis({ bay_form_factor: '2.5"' }), caddy('3.5"'), big])))).toEqual(['invalid:bay_size']);
    const small = drive('2.5"');
    expect(rules(checkStorage(small, ctx([chassis(), caddy('2.5"'), small])))).toEqual([]);
  });

  it('counts U.2 drives as 2.5" bay drives', () => {
    const u2 = drive('U.2');
    expect(rules(checkStorage(u2, ctx([chassis({ drive_bays: 0 }), u2], { availableCaddies: { '2.5': 1 } })))).toEqual(['invalid:drive_bays']);
  });

  it('warns when no caddy of that size is installed or in stock, not when stock has one', () => {
    const d = drive('2.5"');
    expect(rules(checkStorage(d, ctx([chassis(), caddy('3.5"'), d])))).toEqual(['warning:caddy']);
    expect(rules(checkStorage(d, ctx([chassis(), d], { availableCaddies: { '2.5': 1 } })))).toEqual([]);
    const two = [drive('2.5"'), drive('2.5"')];
    expect(rules(checkStorage(two[1] as ConfiguredComponent, ctx([chassis(), ...two], { availableCaddies: { '2.5': 1 } })))).toEqual(['warning:caddy']);
  });

  it('checks M.2 drives against motherboard M.2 slots, not bays', () => {
    const m2 = drive('M.2', { interface: 'NVMe' });
    expect(rules(checkStorage(m2, ctx([board(), chassis({ drive_bays: 0 }), m2])))).toEqual([]);
    const two = [drive('M.2'), drive('M.2')];
    expect(rules(checkStorage(two[1] as ConfiguredComponent, ctx([board(), ...two])))).toEqual(['invalid:m2_slots']);
    expect(checkStorage(m2, ctx([chassis(), m2])).checked).toBe(false);
  });

  it('counts the M.2 slots of carrier cards', () => {
    const three = [drive('M.2'), drive('M.2'), drive('M.2')];
    expect(rules(checkStorage(three[2] as ConfiguredComponent, ctx([board(), ...three])))).toEqual(['invalid:m2_slots']);
    expect(rules(checkStorage(three[2] as ConfiguredComponent, ctx([board(), card('pciecard', 8, { m2_slots: 2 }), ...three])))).toEqual([]);
  });

  it('is unchecked without a chassis or with an unknown form factor', () => {
    const d = drive('3.5"');
    expect(checkStorage(d, ctx([board(), d])).checked).toBe(false);
    const odd = drive('5.25"');
    const verdict = checkStorage(odd, ctx([chassis(), odd]));
    expect(verdict.checked).toBe(false);
    expect(verdict.issues[0]?.message).toContain('5.25');
  });
});

describe('PCIe card rules', () => {
  it.each(['nic', 'pciecard', 'hbacard'] as const)('%s shares slots and lanes with every card', (type) => {
    const first = card('nic', 16);
    const second = card(type, 16);
    expect(rules(checkPcieCard(second, ctx([board(), first, second])))).toEqual([]);
    const third = card(type, 1);
    expect(rules(checkPcieCard(third, ctx([board(), first, second, third])))).toEqual(['invalid:pcie_slots', 'invalid:pcie_lanes']);
  });

  it('rejects lanes beyond the board even with free slots', () => {
    const wide = card('pciecard', 48);
    expect(rules(checkPcieCard(wide, ctx([board(), wide])))).toEqual(['invalid:pcie_lanes']);
  });

  it('is unchecked without a motherboard', () => {
    const c = card('hbacard');
    expect(checkPcieCard(c, ctx([c])).checked).toBe(false);
  });
});

describe('motherboard and chassis rules', () => {
  it('allows one board that fits the chassis and the installed parts', () => {
    const b = board();
    expect(checkMotherboard(b, ctx([chassis(), b, cpu(), ram()]))).toEqual({ checked: true, issues: [] });
  });

  it('rejects a second board', () => {
    const b = board();
    expect(rules(checkMotherboard(b, ctx([board(), b])))).toContain('invalid:single_motherboard');
  });

  it('rejects a board form factor the chassis does not take', () => {
    const b = board({ form_factor: 'Proprietary' });
    expect(rules(checkMotherboard(b, ctx([chassis(), b])))).toEqual(['invalid:motherboard_form_factor']);
  });

  it('rejects a replacement board that does not take the installed CPUs, memory or cards', () => {
    const b = board({ socket: 'SP5', memory_type: 'DDR4', pcie_slots: 0 });
    expect(rules(checkMotherboard(b, ctx([b, cpu(), ram(), card('nic')])))).toEqual(['invalid:socket', 'invalid:memory_type', 'invalid:pcie_slots']);
  });

  it('rejects a second chassis, a chassis the board does not fit, and too few bays', () => {
    const c = chassis({ motherboard_form_factors: ['ATX'], drive_bays: 1 });
    expect(rules(checkChassis(c, ctx([chassis(), c, board(), drive('3.5"'), drive('3.5"')])))).toEqual([
      'invalid:single_chassis',
      'invalid:motherboard_form_factor',
      'invalid:drive_bays',
    ]);
    const ok = chassis();
    expect(rules(checkChassis(ok, ctx([ok, board()])))).toEqual([]);
  });
});

describe('power rules', () => {
  it('reads CPU TDP and other parts power, with a fallback to the other key', () => {
    expect(powerOf(cpu({ tdp_W: 250 }))).toBe(250);
    expect(powerOf(ram({ power_W: 7 }))).toBe(7);
    expect(powerOf(part('cpu', { power_W: 90 }))).toBe(90);
    expect(powerOf(caddy('2.5"'))).toBe(0);
  });

  it('uses the server budget before the chassis PSU and ignores unknown budgets', () => {
    expect(powerBudget(ctx([chassis({ psu_watts: 800 })], { powerBudgetWatts: 500 }))).toBe(500);
    expect(powerBudget(ctx([chassis({ psu_watts: 800 })]))).toBe(800);
    expect(powerBudget(ctx([board()]))).toBeNull();
    expect(checkPower(ctx([cpu({ tdp_W: 5000 })]))).toEqual([]);
  });

  it('is fine up to 90% of the budget, warns within the last 10% and is invalid above', () => {
    const at = (watts: number) => checkPower(ctx([chassis({ psu_watts: 1000 }), cpu({ tdp_W: watts })])).map((i) => `${i.severity}:${i.rule}`);
    expect(at(900)).toEqual([]);
    expect(at(901)).toEqual(['warning:power']);
    expect(at(1000)).toEqual(['warning:power']);
    expect(at(1001)).toEqual(['invalid:power']);
  });
});

describe('checkCompatibility', () => {
  it('adds the power verdict to the type rules for parts that draw power', () => {
    const c = cpu({ socket: 'SP5', tdp_W: 2000 });
    expect(rules(checkCompatibility(c, ctx([chassis(), board(), c])))).toEqual(['invalid:socket', 'invalid:power']);
  });

  it('does not blame a part that draws no power for the power budget', () => {
    const k = caddy('2.5"');
    expect(checkCompatibility(k, ctx([chassis({ psu_watts: 10 }), cpu({ tdp_W: 500 }), k]))).toEqual({ checked: true, issues: [] });
  });

  it.each(['cpu', 'ram', 'storage', 'motherboard', 'nic', 'caddy', 'chassis', 'pciecard', 'hbacard'] as const)('answers for every component type (%s)', (type) => {
    const p = part(type, { form_factor: '2.5"' });
    const verdict = checkCompatibility(p, ctx([p]));
    expect(typeof verdict.checked).toBe('boolean');
    expect(Array.isArray(verdict.issues)).toBe(true);
  });
});
