import { describe, expect, it } from 'vitest';
import type { ComponentType, StockStatus } from '@bdc/contracts';
import type { Build, BuildPart } from './build';
import { COMPATIBILITY_RULE_TABLE, evaluateBuild, type Finding } from './engine';
import { cpuBaseModel } from './rules-cpu-memory';

let seq = 0;
type Specs = Record<string, unknown>;

function part(componentType: ComponentType, name: string, specs: Specs, uuid = `${componentType}:${name}`): BuildPart {
  return { ref: `p${++seq}`, componentType, uuid, name, specs, state: 'kept', itemIndex: null, serialNumber: null, unitStatus: null, slot: null };
}
/** Added by ticket item `item`. */
const add = (p: BuildPart, item = 0, unitStatus: StockStatus | null = null): BuildPart => ({ ...p, state: 'added', itemIndex: item, unitStatus });
const remove = (p: BuildPart, item = 0): BuildPart => ({ ...p, state: 'removed', itemIndex: item });
const times = (n: number, make: () => BuildPart) => Array.from({ length: n }, make);

const chassis = (over: Specs = {}) =>
  part('chassis', 'Chassis 2U', { form_factor: '2U', drive_bays: 8, bay_form_factor: '3.5"', backplane: ['SAS', 'SATA'], psu_watts: 3000, motherboard_form_factors: ['EATX'], ...over });
const board = (over: Specs = {}) =>
  part('motherboard', 'Board X13', {
    socket: 'LGA4677',
    cpu_sockets: 2,
    form_factor: 'EATX',
    memory_type: 'DDR5',
    memory_form_factors: ['RDIMM'],
    memory_slots: 16,
    memory_channels: 8,
    max_memory_GB: 2048,
    max_memory_speed_MTs: 4800,
    ecc: true,
    pcie_slots: [
      { size: 'x16', lanes: 16, generation: 5, count: 2 },
      { size: 'x8', lanes: 8, generation: 4, count: 2, riser: true },
    ],
    m2_slots: 2,
    sas_ports: 0,
    ...over,
  });
const cpu = (name = 'Intel Xeon Gold 6430', over: Specs = {}) =>
  part('cpu', name, { socket: 'LGA4677', memory_types: ['DDR5'], memory_channels: 8, max_memory_speed_MTs: 4800, tdp_W: 270, pcie_lanes: 80, ...over });
const ram = (over: Specs = {}, name = 'DDR5 64GB RDIMM') =>
  part('ram', name, { memory_type: 'DDR5', module_type: 'RDIMM', capacity_GB: 64, speed_MTs: 4800, ecc: true, registered: true, power_W: 5, ...over });
const ssd = (over: Specs = {}, name = 'SSD 1.92TB') => part('storage', name, { interface: 'SATA', form_factor: '2.5"', capacity_GB: 1920, power_W: 3, ...over });
const caddy25 = () => part('caddy', 'Caddy 2.5', { form_factor: '2.5"', bay_type: 'universal' });
const card = (type: 'nic' | 'pciecard' | 'hbacard', name: string, over: Specs = {}) => part(type, name, { slot_size: 'x8', pcie_lanes: 8, pcie_generation: 4, power_W: 10, ...over });
const sfp = (kind = 'SFP28') => part('nic', `${kind} module`, { kind: 'sfp', port_type: kind, power_W: 1 });

const cpus = () => [cpu(), cpu()];
const dimms = (n = 16, over: Specs = {}) => times(n, () => ram(over));
/** A complete, consistent server. */
const full = (): BuildPart[] => [chassis(), board(), ...cpus(), ...dimms(), ssd(), caddy25()];
const without = (parts: BuildPart[], type: ComponentType) => parts.filter((p) => p.componentType !== type);

const build = (parts: BuildPart[], over: Partial<Build> = {}): Build => ({ parts, powerBudgetWatts: null, availableCaddies: {}, serverStatus: 'built', ...over });
const findings = (b: Build, code: string): Finding[] => evaluateBuild(b).filter((f) => f.rule === code);

interface RuleCase {
  pass: Build;
  fail: Build[];
  /** Severity of the failing findings (default: the rule's own). */
  severity?: 'error' | 'warning';
}

const CASES: Record<string, RuleCase> = {
  socket: { pass: build(full()), fail: [build([...without(full(), 'cpu'), add(cpu('AMD EPYC 9354', { socket: 'SP5' }))])] },
  cpu_count: { pass: build(full()), fail: [build([...full(), add(cpu())])] },
  cpu_memory: { pass: build(full()), fail: [build([...without(full(), 'cpu'), add(cpu('Old Xeon', { memory_types: ['DDR4'] }))])] },
  cpu_mixed_models: {
    pass: build(full()),
    fail: [build([...without(full(), 'cpu'), cpu(), add(cpu('Intel Xeon Gold 6448Y'))])],
  },
  cpu_needs_motherboard: { pass: build([chassis(), add(board()), add(cpu(), 1)]), fail: [build([chassis(), add(cpu())])] },
  memory_type: { pass: build(full()), fail: [build([...without(full(), 'ram'), ...dimms(15), add(ram({ memory_type: 'DDR4' }, 'DDR4 32GB'))])] },
  memory_slots: { pass: build(full()), fail: [build([...full(), add(ram())])] },
  memory_capacity: { pass: build(full()), fail: [build([...without(full(), 'ram'), ...dimms(16, { capacity_GB: 256 })])] },
  memory_form_factor: { pass: build(full()), fail: [build([...without(full(), 'ram'), ...dimms(16, { module_type: 'LRDIMM' })])] },
  memory_ecc: {
    pass: build(full()),
    fail: [
      build([...without(full(), 'ram'), ...dimms(15), add(ram({ ecc: false }, 'DDR5 no ECC'))]),
      build([...without(full(), 'ram'), ...dimms(15), add(ram({ registered: false, module_type: 'UDIMM' }, 'DDR5 UDIMM'))], {}),
      build([...without(without(full(), 'ram'), 'motherboard'), board({ ecc: null }), ...dimms(15), add(ram({ ecc: false }, 'DDR5 no ECC'))]),
    ],
  },
  memory_downclock: { pass: build(full()), fail: [build([...without(full(), 'cpu'), ...times(2, () => cpu('Intel Xeon Platinum 8480', { max_memory_speed_MTs: 4400 }))])] },
  memory_balance: { pass: build(full()), fail: [build([...without(full(), 'ram'), ...dimms(12)])] },
  drive_bays: { pass: build(full()), fail: [build([...full(), ...times(8, () => add(ssd()))], { availableCaddies: { '2.5': 10 } })] },
  bay_size: { pass: build([...full(), add(ssd({ form_factor: '3.5"' }, 'HDD 18TB'))], { availableCaddies: { '3.5': 1 } }), fail: [build([...without(full(), 'chassis'), chassis({ bay_form_factor: '2.5"' }), add(ssd({ form_factor: '3.5"' }, 'HDD 18TB'))])] },
  caddy: { pass: build([...full(), add(ssd())], { availableCaddies: { '2.5': 1 } }), fail: [build([...full(), add(ssd())])] },
  m2_slots: { pass: build([...full(), ...times(2, () => add(ssd({ interface: 'NVMe', form_factor: 'M.2' }, 'M.2 960GB')))]), fail: [build([...full(), ...times(3, () => add(ssd({ interface: 'NVMe', form_factor: 'M.2' }, 'M.2 960GB')))])] },
  sas_controller: {
    pass: build([...without(full(), 'chassis'), chassis({ backplane: ['SATA'] }), card('hbacard', 'HBA 9500', { protocol: 'SAS' }), add(ssd({ interface: 'SAS' }, 'SAS 2.4TB'))], { availableCaddies: { '2.5': 1 } }),
    fail: [build([...without(full(), 'chassis'), chassis({ backplane: ['SATA'] }), add(ssd({ interface: 'SAS' }, 'SAS 2.4TB'))], { availableCaddies: { '2.5': 1 } })],
  },
  nvme_backplane: {
    pass: build([...without(full(), 'chassis'), chassis({ backplane: ['SAS', 'SATA', 'NVMe'] }), add(ssd({ interface: 'NVMe', form_factor: 'U.2' }, 'U.2 3.84TB'))], { availableCaddies: { '2.5': 1 } }),
    fail: [build([...full(), add(ssd({ interface: 'NVMe', form_factor: 'U.2' }, 'U.2 3.84TB'))], { availableCaddies: { '2.5': 1 } })],
  },
  pcie_slots: { pass: build([...full(), ...times(4, () => add(card('nic', 'NIC 25G')))]), fail: [build([...full(), ...times(5, () => add(card('nic', 'NIC 25G')))])] },
  pcie_lanes: {
    pass: build([...without(full(), 'motherboard'), board({ pcie_lanes: 32 }), add(card('pciecard', 'GPU', { pcie_lanes: 16 })), add(card('nic', 'NIC', { pcie_lanes: 16 }))]),
    fail: [build([...without(full(), 'motherboard'), board({ pcie_lanes: 32 }), add(card('pciecard', 'GPU', { pcie_lanes: 16 })), add(card('nic', 'NIC', { pcie_lanes: 16 })), add(card('hbacard', 'HBA', { pcie_lanes: 8 }))])],
  },
  pcie_generation: { pass: build([...full(), add(card('nic', 'NIC Gen5', { pcie_generation: 5 }))]), fail: [build([...full(), add(card('nic', 'NIC Gen6', { pcie_generation: 6 }))])] },
  riser: {
    pass: build([...full(), add(card('pciecard', 'Riser card', { requires_riser: true }))]),
    fail: [build([...without(full(), 'motherboard'), board({ pcie_slots: [{ size: 'x16', lanes: 16, generation: 5, count: 4 }], riser_slots: 0 }), add(card('pciecard', 'Riser card', { requires_riser: true }))])],
  },
  sfp_port: {
    pass: build([...full(), card('nic', 'NIC 25G', { port_type: 'SFP28', ports: 2 }), add(sfp()), add(sfp())]),
    fail: [build([...full(), add(sfp())]), build([...full(), card('nic', 'NIC 25G', { port_type: 'SFP28', ports: 2 }), add(sfp()), add(sfp()), add(sfp())])],
  },
  power: {
    pass: build(full()),
    fail: [build(full(), { powerBudgetWatts: 500 }), build(full(), { powerBudgetWatts: 650 })],
  },
  single_motherboard: { pass: build(full()), fail: [build([...full(), add(board())])] },
  single_chassis: { pass: build(full()), fail: [build([...full(), add(chassis())])] },
  motherboard_form_factor: { pass: build(full()), fail: [build([...without(full(), 'motherboard'), add(board({ form_factor: 'ATX' }))])] },
  unit_unusable: {
    pass: build([...full(), add(ssd(), 0, 'available')], { availableCaddies: { '2.5': 1 } }),
    fail: [build([...full(), add(ssd(), 0, 'failed')], { availableCaddies: { '2.5': 1 } }), build([...full(), add(ssd(), 0, 'retired')], { availableCaddies: { '2.5': 1 } })],
  },
  removal_dependency: {
    pass: build([...without(full(), 'motherboard'), remove(board()), add(board(), 1)]),
    fail: [
      build([...full(), remove(card('hbacard', 'HBA 9500', { protocol: 'SAS' })), ssd({ interface: 'SAS' }, 'SAS 2.4TB')], { availableCaddies: { '2.5': 1 } }),
      build([...without(full(), 'motherboard'), remove(board())]),
      build([...without(full(), 'chassis'), remove(chassis())], { serverStatus: 'deployed' }),
      build([...full(), remove(card('nic', 'NIC 25G', { port_type: 'SFP28', ports: 2 })), sfp(), sfp()]),
    ],
  },
  bootable_minimum: { pass: build(full()), fail: [build(without(full(), 'ram')), build([])] },
  unchecked: {
    pass: build([...full(), add(ssd())], { availableCaddies: { '2.5': 1 } }),
    fail: [
      build([add(ram())]),
      build([add(ssd())]),
      build([...full(), add(ssd({ form_factor: '5.25"' }))]),
      build([...without(full(), 'ram'), ...dimms(15), add(ram({ memory_type: undefined, module_type: undefined }, 'Unknown DIMM'))]),
    ],
  },
};

describe('the rule table', () => {
  it('has stable, unique codes, each with a title and a one-line description', () => {
    const codes = COMPATIBILITY_RULE_TABLE.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of COMPATIBILITY_RULE_TABLE) {
      expect(r.code).toMatch(/^[a-z0-9_]+$/);
      expect(r.title.length).toBeGreaterThan(3);
      expect(r.description).not.toMatch(/\n/);
    }
  });

  it('has a passing and a failing build for every rule', () => {
    expect(Object.keys(CASES).sort()).toEqual(COMPATIBILITY_RULE_TABLE.map((r) => r.code).sort());
  });

  it('speaks a technician’s language: no field names in messages', () => {
    const messages = Object.values(CASES).flatMap((c) => c.fail.flatMap((b) => evaluateBuild(b).map((f) => f.message)));
    for (const m of messages) expect(m).not.toMatch(/componentUuid|componentSerial|_GB|_W\b|_MTs|pcie_slots/);
  });
});

describe.each(COMPATIBILITY_RULE_TABLE.map((r) => [r.code, r] as const))('rule %s', (code, definition) => {
  const c = CASES[code];
  it('passes the good build', () => {
    expect(c).toBeDefined();
    if (!c) return;
    expect(findings(c.pass, code).map((f) => f.message)).toEqual([]);
  });
  it('flags the failing build(s) with its severity', () => {
    if (!c) return;
    for (const failing of c.fail) {
      const found = findings(failing, code);
      expect(found.length, JSON.stringify(failing.parts.map((p) => `${p.state}:${p.name}`))).toBeGreaterThan(0);
      for (const f of found) expect(['error', 'warning']).toContain(f.severity);
      if (definition.severity === 'warning') for (const f of found) expect(f.severity).toBe('warning');
    }
    expect(findings(c.fail[0] as Build, code).some((f) => f.severity === (c.severity ?? definition.severity))).toBe(true);
  });
});

describe('rule details', () => {
  it('tells a different CPU SKU (error) from a suffix variant (warning)', () => {
    expect(cpuBaseModel('Intel Xeon Platinum 8480+')).toBe(cpuBaseModel('Intel Xeon Platinum 8480'));
    expect(cpuBaseModel('AMD EPYC 9354P')).toBe(cpuBaseModel('AMD EPYC 9354'));
    const variant = build([...without(full(), 'cpu'), cpu('Intel Xeon Platinum 8480+'), add(cpu('Intel Xeon Platinum 8480'))]);
    expect(findings(variant, 'cpu_mixed_models').map((f) => f.severity)).toEqual(['warning']);
    const different = CASES['cpu_mixed_models']?.fail[0] as Build;
    expect(findings(different, 'cpu_mixed_models').map((f) => f.severity)).toEqual(['error']);
  });

  it('warns when power is within 10% of the budget and refuses above it', () => {
    // full(): 2 × 270 W CPUs, 16 × 5 W DIMMs, a 3 W SSD = 623 W.
    expect(findings(build(full(), { powerBudgetWatts: 650 }), 'power').map((f) => f.severity)).toEqual(['warning']);
    expect(findings(build(full(), { powerBudgetWatts: 600 }), 'power').map((f) => [f.severity, f.message])).toEqual([['error', 'Power draw 623 W exceeds the 600 W power budget']]);
  });

  it('names what a removal would strand', () => {
    const [hba, boardGone, chassisGone, nicGone] = CASES['removal_dependency']?.fail ?? [];
    expect(findings(hba as Build, 'removal_dependency')[0]?.message).toMatch(/Removing HBA 9500 would strand SAS 2\.4TB/);
    expect(findings(boardGone as Build, 'removal_dependency')[0]?.message).toMatch(/Removing Board X13 would strand 2 × Intel Xeon Gold 6430, 16 × DDR5 64GB RDIMM/);
    expect(findings(chassisGone as Build, 'removal_dependency')[0]?.message).toMatch(/running server/);
    expect(findings(nicGone as Build, 'removal_dependency')[0]?.message).toMatch(/2 × SFP28 module/);
    // The chassis of a server that is not running may go (it is being rebuilt).
    expect(findings(build([...without(full(), 'chassis'), remove(chassis())], { serverStatus: 'built' }), 'removal_dependency')).toEqual([]);
  });

  it('reads old data: pcie_slots as a number, an HBA protocol under `interface`, a NIC port under `connector`', () => {
    const old = board({ pcie_slots: 2 });
    expect(findings(build([...without(full(), 'motherboard'), old, add(card('nic', 'A')), add(card('nic', 'B'))]), 'pcie_slots')).toEqual([]);
    expect(findings(build([...without(full(), 'motherboard'), old, ...times(3, () => add(card('nic', 'A')))]), 'pcie_slots')).toHaveLength(1);
    const sasChassis = chassis({ backplane: ['SATA'] });
    const oldHba = card('hbacard', 'HBA old', { interface: 'SAS' });
    expect(findings(build([...without(full(), 'chassis'), sasChassis, oldHba, add(ssd({ interface: 'SAS' }, 'SAS'))], { availableCaddies: { '2.5': 1 } }), 'sas_controller')).toEqual([]);
    const oldNic = card('nic', 'NIC old', { connector: 'SFP28', ports: 2 });
    expect(findings(build([...full(), oldNic, add(sfp())]), 'sfp_port')).toEqual([]);
  });

  it('says which checks an added part escapes because its catalog entry is silent', () => {
    const unknownCpu = build([...without(full(), 'cpu'), cpu(), add(cpu('Mystery CPU', { socket: undefined }))]);
    expect(findings(unknownCpu, 'unchecked').map((f) => f.message)).toEqual(['Mystery CPU: its socket not checked, the catalog does not say']);
    const dimm = build([...without(full(), 'ram'), ...dimms(15), add(ram({ memory_type: undefined, module_type: undefined }, 'Unknown DIMM'))]);
    expect(findings(dimm, 'unchecked').map((f) => f.message)).toEqual(['Unknown DIMM: its memory type and its DIMM type not checked, the catalog does not say']);
    // Installed parts are not re-flagged on every change.
    expect(findings(build([...without(full(), 'cpu'), cpu(), cpu('Mystery CPU', { socket: undefined })]), 'unchecked')).toEqual([]);
  });

  it('does not judge what the catalog does not say (no backplane, no form factor list)', () => {
    const quiet = build([...without(full(), 'chassis'), chassis({ backplane: undefined }), add(ssd({ interface: 'SAS', form_factor: 'U.2' }, 'SAS U.2'))], { availableCaddies: { '2.5': 1 } });
    expect(findings(quiet, 'sas_controller')).toEqual([]);
    expect(findings(quiet, 'nvme_backplane')).toEqual([]);
    expect(findings(build([...without(full(), 'motherboard'), board({ memory_form_factors: undefined }), add(ram({ module_type: 'SODIMM' }))]), 'memory_form_factor')).toEqual([]);
  });
});

describe('evaluating a whole change', () => {
  it('finds nothing to say about a complete, consistent server', () => {
    expect(evaluateBuild(build(full()))).toEqual([]);
  });

  it('judges a CPU and a motherboard added together against each other', () => {
    const together = build([chassis(), add(board(), 0), add(cpu(), 1), add(cpu(), 1)]);
    expect(evaluateBuild(together).filter((f) => f.severity === 'error')).toEqual([]);
    const wrong = build([chassis(), add(board({ socket: 'SP5' }), 0), add(cpu(), 1)]);
    const socket = findings(wrong, 'socket');
    expect(socket).toHaveLength(1);
    expect(socket[0]?.items.sort()).toEqual([0, 1]);
  });

  it('reports a build-wide problem once, naming every item it concerns', () => {
    const over = build([...full(), add(ram(), 0), add(ram(), 1)]);
    const slots = findings(over, 'memory_slots');
    expect(slots).toHaveLength(1);
    expect(slots[0]).toMatchObject({ scope: 'build', severity: 'error', items: [0, 1] });
  });

  it('downgrades an error the server already had to a warning when the change does not touch it', () => {
    const overBudget = { powerBudgetWatts: 600 };
    const removingSsd = build([...without(full(), 'storage'), remove(ssd())], overBudget);
    const power = findings(removingSsd, 'power');
    expect(power).toHaveLength(1);
    expect(power[0]).toMatchObject({ severity: 'warning', preexisting: true });
    expect(power[0]?.message).toMatch(/already so before this change/);
    // Adding a part that draws power makes it worse: an error again.
    expect(findings(build([...full(), add(ssd())], { ...overBudget, availableCaddies: { '2.5': 1 } }), 'power')[0]?.severity).toBe('error');
  });

  it('an error caused by removing a part is an error even though no added part is involved', () => {
    const b = build([...full(), remove(card('nic', 'NIC 25G', { port_type: 'SFP28', ports: 1 })), sfp()]);
    expect(findings(b, 'sfp_port')[0]?.severity).toBe('error');
    expect(findings(b, 'removal_dependency')[0]).toMatchObject({ severity: 'error', items: [0] });
  });
});
