import { firstOf, nameParts, presentOf, type BuildPart } from './build';
import { rule, type RuleHit } from './rule';
import { specBoolean, specDisplay, specNumber, specText, specTextList } from './spec-reader';

/** "LGA 4677" and "lga4677" are the same socket. */
function socketOf(part: BuildPart): string | null {
  const socket = specText(part.specs, 'socket');
  return socket ? socket.replace(/[\s-]+/g, '') : null;
}

/**
 * The SKU without a trailing variant: "Xeon Platinum 8480+" and "8480" share "xeon platinum 8480",
 * "EPYC 9354P" and "9354" share "epyc 9354". Steppings have the same name and a different model UUID.
 */
export function cpuBaseModel(name: string): string {
  return name.trim().toLowerCase().replace(/(\d)[a-z+]{1,3}$/, '$1').replace(/\s+/g, ' ');
}

const cpuSocket = rule({
  code: 'socket',
  severity: 'error',
  scope: 'part',
  title: 'CPU socket',
  description: "A CPU must have the motherboard's socket.",
  check(build) {
    const board = firstOf(build, 'motherboard');
    const boardSocket = board ? socketOf(board) : null;
    if (!board || !boardSocket) return [];
    return presentOf(build, 'cpu').flatMap((cpu): RuleHit[] => {
      const socket = socketOf(cpu);
      if (!socket || socket === boardSocket) return [];
      return [{ message: `${cpu.name} (socket ${specDisplay(cpu.specs, 'socket')}) does not fit the ${specDisplay(board.specs, 'socket')} socket of ${board.name}`, parts: [cpu, board] }];
    });
  },
});

const cpuCount = rule({
  code: 'cpu_count',
  severity: 'error',
  scope: 'build',
  title: 'CPU sockets',
  description: 'No more CPUs than the motherboard has sockets.',
  check(build) {
    const board = firstOf(build, 'motherboard');
    const sockets = board ? specNumber(board.specs, 'cpu_sockets') : null;
    const cpus = presentOf(build, 'cpu');
    if (!board || sockets === null || cpus.length <= sockets) return [];
    return [{ message: `${cpus.length} CPUs but ${board.name} has ${sockets} CPU socket(s)`, parts: cpus }];
  },
});

const cpuMemory = rule({
  code: 'cpu_memory',
  severity: 'warning',
  scope: 'part',
  title: 'CPU memory type',
  description: "The CPU's memory controller should support the motherboard's memory type.",
  check(build) {
    const board = firstOf(build, 'motherboard');
    const boardType = board ? specText(board.specs, 'memory_type') : null;
    if (!board || !boardType) return [];
    return presentOf(build, 'cpu').flatMap((cpu): RuleHit[] => {
      const supported = specTextList(cpu.specs, 'memory_types');
      if (supported.length === 0 || supported.includes(boardType)) return [];
      return [{ message: `${cpu.name} supports ${specDisplay(cpu.specs, 'memory_types')} memory, ${board.name} takes ${specDisplay(board.specs, 'memory_type')}`, parts: [cpu, board] }];
    });
  },
});

const cpuMixed = rule({
  code: 'cpu_mixed_models',
  severity: 'error',
  scope: 'build',
  title: 'Mixed CPU models',
  description: 'All CPUs of a server must be the same model; a suffix or stepping variant of the same model is a warning.',
  check(build) {
    const cpus = presentOf(build, 'cpu');
    const models = new Map<string, BuildPart>();
    for (const cpu of cpus) if (!models.has(cpu.uuid)) models.set(cpu.uuid, cpu);
    if (models.size < 2) return [];
    const names = nameParts([...models.values()]);
    const bases = new Set([...models.values()].map((c) => cpuBaseModel(c.name)));
    if (bases.size > 1) return [{ message: `The CPUs are different models (${names}): a multi-socket server needs identical CPUs`, parts: cpus }];
    return [{ message: `The CPUs are variants of one model (${names}): check that their stepping and clocks match`, parts: cpus, severity: 'warning' }];
  },
});

const cpuNeedsBoard = rule({
  code: 'cpu_needs_motherboard',
  severity: 'error',
  scope: 'part',
  title: 'CPU needs a motherboard',
  description: 'A CPU can only be installed on a motherboard: the server must have one (or get one in the same change).',
  check(build) {
    if (firstOf(build, 'motherboard')) return [];
    return presentOf(build, 'cpu').map((cpu) => ({ message: `${cpu.name} needs a motherboard, and the server has none`, parts: [cpu] }));
  },
});

const memoryType = rule({
  code: 'memory_type',
  severity: 'error',
  scope: 'part',
  title: 'Memory type',
  description: "Memory modules must be of the motherboard's memory type (DDR4, DDR5).",
  check(build) {
    const board = firstOf(build, 'motherboard');
    const boardType = board ? specText(board.specs, 'memory_type') : null;
    if (!board || !boardType) return [];
    return presentOf(build, 'ram').flatMap((ram): RuleHit[] => {
      const type = specText(ram.specs, 'memory_type');
      if (!type || type === boardType) return [];
      return [{ message: `${ram.name} is ${specDisplay(ram.specs, 'memory_type')} memory, ${board.name} takes ${specDisplay(board.specs, 'memory_type')}`, parts: [ram, board] }];
    });
  },
});

const memorySlots = rule({
  code: 'memory_slots',
  severity: 'error',
  scope: 'build',
  title: 'DIMM slots',
  description: 'No more memory modules than the motherboard has DIMM slots.',
  check(build) {
    const board = firstOf(build, 'motherboard');
    const slots = board ? specNumber(board.specs, 'memory_slots') : null;
    const modules = presentOf(build, 'ram');
    if (!board || slots === null || modules.length <= slots) return [];
    return [{ message: `${modules.length} memory modules but ${board.name} has ${slots} DIMM slot(s)`, parts: modules }];
  },
});

const memoryCapacity = rule({
  code: 'memory_capacity',
  severity: 'error',
  scope: 'build',
  title: 'Memory capacity',
  description: "The total memory must not exceed the motherboard's maximum.",
  check(build) {
    const board = firstOf(build, 'motherboard');
    const max = board ? specNumber(board.specs, 'max_memory_GB') : null;
    const modules = presentOf(build, 'ram');
    const total = modules.reduce((sum, m) => sum + (specNumber(m.specs, 'capacity_GB') ?? 0), 0);
    if (!board || max === null || total <= max) return [];
    return [{ message: `${total} GB of memory is more than the ${max} GB ${board.name} supports`, parts: modules }];
  },
});

const memoryFormFactor = rule({
  code: 'memory_form_factor',
  severity: 'error',
  scope: 'part',
  title: 'DIMM type',
  description: 'The module type (RDIMM, LRDIMM, UDIMM, SODIMM) must be one the motherboard supports.',
  check(build) {
    const board = firstOf(build, 'motherboard');
    const supported = board ? specTextList(board.specs, 'memory_form_factors') : [];
    if (!board || supported.length === 0) return [];
    return presentOf(build, 'ram').flatMap((ram): RuleHit[] => {
      const type = specText(ram.specs, 'module_type');
      if (!type || supported.includes(type)) return [];
      return [{ message: `${ram.name} is a ${specDisplay(ram.specs, 'module_type')}, ${board.name} takes ${specDisplay(board.specs, 'memory_form_factors')}`, parts: [ram, board] }];
    });
  },
});

/** Registered (buffered) modules: the `registered` key, else RDIMM/LRDIMM vs UDIMM/SODIMM. */
function isRegistered(ram: BuildPart): boolean | null {
  const flag = specBoolean(ram.specs, 'registered');
  if (flag !== null) return flag;
  const type = specText(ram.specs, 'module_type');
  if (type === 'rdimm' || type === 'lrdimm') return true;
  if (type === 'udimm' || type === 'sodimm') return false;
  return null;
}

const memoryEcc = rule({
  code: 'memory_ecc',
  severity: 'error',
  scope: 'part',
  title: 'ECC and registered memory',
  description: 'ECC and non-ECC, or registered and unbuffered modules cannot be mixed, and an ECC-only board takes ECC modules.',
  check(build) {
    const modules = presentOf(build, 'ram');
    const board = firstOf(build, 'motherboard');
    const hits: RuleHit[] = [];
    if (board && specBoolean(board.specs, 'ecc') === true) {
      const nonEcc = modules.filter((m) => specBoolean(m.specs, 'ecc') === false);
      if (nonEcc.length > 0) hits.push({ message: `${nameParts(nonEcc)} without ECC on ${board.name}, which needs ECC memory`, parts: [...nonEcc, board] });
    }
    const ecc = modules.filter((m) => specBoolean(m.specs, 'ecc') === true);
    const noEcc = modules.filter((m) => specBoolean(m.specs, 'ecc') === false);
    if (ecc.length > 0 && noEcc.length > 0 && hits.length === 0) hits.push({ message: `ECC and non-ECC memory mixed (${nameParts(noEcc)} has no ECC)`, parts: modules });
    const registered = modules.filter((m) => isRegistered(m) === true);
    const unbuffered = modules.filter((m) => isRegistered(m) === false);
    if (registered.length > 0 && unbuffered.length > 0) {
      hits.push({ message: `Registered and unbuffered memory mixed (${nameParts(registered)} with ${nameParts(unbuffered)})`, parts: modules });
    }
    return hits;
  },
});

const memoryDownclock = rule({
  code: 'memory_downclock',
  severity: 'warning',
  scope: 'build',
  title: 'Memory speed',
  description: 'Memory runs at the slowest of the modules, the motherboard and the CPU: faster modules are clocked down.',
  check(build) {
    const modules = presentOf(build, 'ram').filter((m) => specNumber(m.specs, 'speed_MTs') !== null);
    if (modules.length === 0) return [];
    const limits: { what: string; speed: number }[] = [];
    const slowest = Math.min(...modules.map((m) => specNumber(m.specs, 'speed_MTs') ?? Infinity));
    limits.push({ what: 'the slowest module', speed: slowest });
    const board = firstOf(build, 'motherboard');
    const boardMax = board ? specNumber(board.specs, 'max_memory_speed_MTs') : null;
    if (board && boardMax !== null) limits.push({ what: board.name, speed: boardMax });
    for (const cpu of presentOf(build, 'cpu')) {
      const cpuMax = specNumber(cpu.specs, 'max_memory_speed_MTs');
      if (cpuMax !== null) limits.push({ what: cpu.name, speed: cpuMax });
    }
    const limit = limits.reduce((a, b) => (b.speed < a.speed ? b : a));
    const faster = modules.filter((m) => (specNumber(m.specs, 'speed_MTs') ?? 0) > limit.speed);
    if (faster.length === 0) return [];
    return [{ message: `Memory will run at ${limit.speed} MT/s, limited by ${limit.what}: ${nameParts(faster)} rated faster will be clocked down`, parts: faster }];
  },
});

const memoryBalance = rule({
  code: 'memory_balance',
  severity: 'warning',
  scope: 'build',
  title: 'Balanced DIMM population',
  description: 'Memory performs best with the same number of modules on every channel of every CPU.',
  check(build) {
    const modules = presentOf(build, 'ram');
    if (modules.length === 0) return [];
    const board = firstOf(build, 'motherboard');
    const cpus = presentOf(build, 'cpu');
    const perSocket = (board ? specNumber(board.specs, 'memory_channels') : null) ?? (cpus[0] ? specNumber(cpus[0].specs, 'memory_channels') : null);
    if (perSocket === null || perSocket <= 0) return [];
    const channels = perSocket * Math.max(1, cpus.length);
    if (modules.length % channels === 0) return [];
    return [{ message: `${modules.length} memory modules over ${channels} memory channels is unbalanced: use a multiple of ${channels} for full bandwidth`, parts: modules }];
  },
});

export const CPU_MEMORY_RULES = [cpuSocket, cpuCount, cpuMemory, cpuMixed, cpuNeedsBoard, memoryType, memorySlots, memoryCapacity, memoryFormFactor, memoryEcc, memoryDownclock, memoryBalance];
