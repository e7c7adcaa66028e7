import { firstOf, nameParts, PCIE_CARD_TYPES, present, presentOf, removedOf, RUNNING_SERVER_STATUSES, type Build, type BuildPart } from './build';
import { rule, type RuleHit } from './rule';
import { isSfp, nicPorts, sfpPortKind } from './rules-pcie';
import { boardHasSas, drivesSas, sasControllers } from './rules-storage';
import { normaliseDriveFormFactor, specDisplay, specNumber, specText, specTextList } from './spec-reader';

/** Share of the power budget above which a configuration is flagged as tight. */
export const POWER_WARNING_RATIO = 0.9;

/** CPUs declare `tdp_W`, everything else `power_W`. */
export function powerOf(part: Pick<BuildPart, 'componentType' | 'specs'>): number {
  const primary = part.componentType === 'cpu' ? 'tdp_W' : 'power_W';
  const secondary = part.componentType === 'cpu' ? 'power_W' : 'tdp_W';
  return specNumber(part.specs, primary) ?? specNumber(part.specs, secondary) ?? 0;
}

export function powerBudget(build: Build): number | null {
  if (build.powerBudgetWatts !== null && build.powerBudgetWatts > 0) return build.powerBudgetWatts;
  const chassis = firstOf(build, 'chassis');
  const psu = chassis ? specNumber(chassis.specs, 'psu_watts') : null;
  return psu !== null && psu > 0 ? psu : null;
}

const power = rule({
  code: 'power',
  severity: 'error',
  scope: 'build',
  title: 'Power budget',
  description: "The parts' power draw (CPU TDP plus every part's rated power) must stay within the server's power budget, else the chassis PSU rating; within 10% of it is a warning.",
  check(build) {
    const budget = powerBudget(build);
    if (budget === null) return [];
    const drawing = present(build).filter((p) => powerOf(p) > 0);
    const total = drawing.reduce((sum, p) => sum + powerOf(p), 0);
    if (total > budget) return [{ message: `Power draw ${total} W exceeds the ${budget} W power budget`, parts: drawing }];
    if (total > budget * POWER_WARNING_RATIO) return [{ message: `Power draw ${total} W is within 10% of the ${budget} W power budget`, parts: drawing, severity: 'warning' }];
    return [];
  },
});

const singleBoard = rule({
  code: 'single_motherboard',
  severity: 'error',
  scope: 'build',
  title: 'One motherboard',
  description: 'A server has one motherboard: replace the installed one rather than adding a second.',
  check(build) {
    const boards = presentOf(build, 'motherboard');
    return boards.length > 1 ? [{ message: `A server holds one motherboard, this change leaves ${boards.length} (${nameParts(boards)}): replace the installed one instead`, parts: boards }] : [];
  },
});

const singleChassis = rule({
  code: 'single_chassis',
  severity: 'error',
  scope: 'build',
  title: 'One chassis',
  description: 'A server has one chassis: replace the installed one rather than adding a second.',
  check(build) {
    const all = presentOf(build, 'chassis');
    return all.length > 1 ? [{ message: `A server has one chassis, this change leaves ${all.length} (${nameParts(all)}): replace the installed one instead`, parts: all }] : [];
  },
});

const boardFormFactor = rule({
  code: 'motherboard_form_factor',
  severity: 'error',
  scope: 'part',
  title: 'Motherboard fits the chassis',
  description: "The motherboard's form factor must be one the chassis supports.",
  check(build) {
    const board = firstOf(build, 'motherboard');
    const chassis = firstOf(build, 'chassis');
    if (!board || !chassis) return [];
    const supported = specTextList(chassis.specs, 'motherboard_form_factors');
    const formFactor = specText(board.specs, 'form_factor');
    if (!formFactor || supported.length === 0 || supported.includes(formFactor)) return [];
    return [{ message: `${board.name} (${specDisplay(board.specs, 'form_factor')}) does not fit ${chassis.name}, which takes ${specDisplay(chassis.specs, 'motherboard_form_factors')}`, parts: [board, chassis] }];
  },
});

const unitUnusable = rule({
  code: 'unit_unusable',
  severity: 'error',
  scope: 'part',
  title: 'Failed or retired unit',
  description: 'A unit marked failed or retired can never be installed.',
  check(build) {
    return build.parts
      .filter((p) => p.state === 'added' && (p.unitStatus === 'failed' || p.unitStatus === 'retired'))
      .map((p) => ({ message: `Unit ${p.serialNumber ?? p.name} is ${p.unitStatus}: a ${p.unitStatus} unit can never be installed`, parts: [p] }));
  },
});

function strandedBy(build: Build, removed: BuildPart): BuildPart[] {
  switch (removed.componentType) {
    case 'hbacard': {
      if (sasControllers(build).length > 0 || boardHasSas(build)) return [];
      const protocol = specText(removed.specs, 'protocol') ?? specText(removed.specs, 'interface');
      if (protocol !== 'sas' && protocol !== 'tri-mode') return [];
      return presentOf(build, 'storage').filter(drivesSas);
    }
    case 'motherboard':
      return firstOf(build, 'motherboard') ? [] : presentOf(build, 'cpu', 'ram', ...PCIE_CARD_TYPES).filter((p) => !isSfp(p));
    case 'chassis':
      if (firstOf(build, 'chassis') || !RUNNING_SERVER_STATUSES.includes(build.serverStatus ?? '')) return [];
      return present(build);
    case 'nic': {
      if (isSfp(removed)) return [];
      const kind = specText(removed.specs, 'port_type') ?? specText(removed.specs, 'connector');
      if (!kind) return [];
      const sfps = presentOf(build, 'nic').filter((n) => isSfp(n) && sfpPortKind(n) === kind);
      const ports = nicPorts(build).get(kind) ?? 0;
      return sfps.length > ports ? sfps : [];
    }
    default:
      return [];
  }
}

const removalDependency = rule({
  code: 'removal_dependency',
  severity: 'error',
  scope: 'part',
  title: 'Removal strands other parts',
  description:
    'A part others depend on cannot be removed alone: the only SAS HBA behind SAS drives, a motherboard with CPUs, memory or cards on it, the chassis of a running server, a NIC with SFP modules in it.',
  check(build) {
    const removedTypes = ['hbacard', 'motherboard', 'chassis', 'nic'] as const;
    return removedOf(build, ...removedTypes).flatMap((removed): RuleHit[] => {
      const stranded = strandedBy(build, removed);
      if (stranded.length === 0) return [];
      const what = removed.componentType === 'chassis' ? `the running server's parts (${nameParts(stranded)})` : nameParts(stranded);
      return [{ message: `Removing ${removed.name} would strand ${what}: remove or move them in the same change, or replace it`, parts: [removed] }];
    });
  },
});

const bootable = rule({
  code: 'bootable_minimum',
  severity: 'warning',
  scope: 'build',
  title: 'Bootable server',
  description: 'A server boots with at least a chassis, a motherboard, a CPU, memory and a boot drive.',
  check(build) {
    const missing: string[] = [];
    if (!firstOf(build, 'chassis')) missing.push('a chassis');
    if (!firstOf(build, 'motherboard')) missing.push('a motherboard');
    if (!firstOf(build, 'cpu')) missing.push('a CPU');
    if (!firstOf(build, 'ram')) missing.push('memory');
    if (!firstOf(build, 'storage')) missing.push('a boot drive');
    return missing.length > 0 ? [{ message: `The server would not boot: it lacks ${missing.join(', ')}`, parts: [] }] : [];
  },
});

/** Keys a rule needs on an added part, when the board states its side (socket, memory type, DIMM types). */
const MISSING_KEY_CHECKS = [
  { type: 'cpu', key: 'socket', boardKey: 'socket', what: 'its socket' },
  { type: 'ram', key: 'memory_type', boardKey: 'memory_type', what: 'its memory type' },
  { type: 'ram', key: 'module_type', boardKey: 'memory_form_factors', what: 'its DIMM type' },
] as const;

const unchecked = rule({
  code: 'unchecked',
  severity: 'warning',
  scope: 'part',
  title: 'Not checked',
  description:
    "A part whose fit cannot be judged (no motherboard or chassis to compare against, an unknown drive size, an added CPU or module whose catalog entry lacks the socket, memory type or DIMM type the board states) is flagged, not guessed.",
  check(build) {
    const hits: RuleHit[] = [];
    const board = firstOf(build, 'motherboard');
    const chassis = firstOf(build, 'chassis');
    for (const part of present(build)) {
      if (part.componentType === 'storage') {
        const ff = normaliseDriveFormFactor(part.specs['form_factor']);
        if (!ff) hits.push({ message: `${part.name}: not checked, its drive form factor (${specDisplay(part.specs, 'form_factor')}) is unknown`, parts: [part] });
        else if (ff === 'm.2' && !board) hits.push({ message: `${part.name}: not checked, the server has no motherboard`, parts: [part] });
        else if (ff !== 'm.2' && !chassis) hits.push({ message: `${part.name}: not checked, the server has no chassis`, parts: [part] });
      } else if ((part.componentType === 'ram' || (PCIE_CARD_TYPES.includes(part.componentType) && !isSfp(part))) && !board) {
        hits.push({ message: `${part.name}: not checked, the server has no motherboard`, parts: [part] });
      }
      // A part being added whose catalog entry lacks what the board states: said, not guessed.
      if (part.state === 'added' && board) {
        const missing = MISSING_KEY_CHECKS.filter((c) => c.type === part.componentType && specTextList(board.specs, c.boardKey).length > 0 && specText(part.specs, c.key) === null);
        if (missing.length > 0) hits.push({ message: `${part.name}: ${missing.map((c) => c.what).join(' and ')} not checked, the catalog does not say`, parts: [part] });
      }
    }
    return hits;
  },
});

export const BUILD_RULES = [power, singleBoard, singleChassis, boardFormFactor, unitUnusable, removalDependency, bootable, unchecked];
