import type { ComponentType } from '@bdc/contracts';
import { pcieSlotCount } from './spec-keys';
import {
  baySizeOf,
  normaliseDriveFormFactor,
  specDisplay,
  specNumber,
  specText,
  specTextList,
  type Specs,
} from './spec-reader';

/**
 * Pure compatibility rules over the normalised catalog keys of spec-keys.ts. They judge one component
 * against the server configuration as it would be once the whole ticket is applied, so that two items
 * of one ticket cannot each take "the last free slot". Used by ticket-item validation (and meant for
 * direct server edits too): no database, no Nest.
 */

export interface ConfiguredComponent {
  componentType: ComponentType;
  /** Catalog model UUID. */
  uuid: string;
  specs: Specs;
}

export type BaySize = '2.5' | '3.5';

export interface CompatibilityContext {
  /** Installed − removed + added, the checked component included. */
  projected: readonly ConfiguredComponent[];
  /** The server's own power budget; when null the chassis PSU rating applies. */
  powerBudgetWatts: number | null;
  /** Spare caddies in stock, per bay size. */
  availableCaddies: Readonly<Partial<Record<BaySize, number>>>;
}

export const COMPATIBILITY_RULES = [
  'socket',
  'cpu_count',
  'cpu_memory',
  'memory_type',
  'memory_slots',
  'memory_capacity',
  'drive_bays',
  'bay_size',
  'caddy',
  'm2_slots',
  'pcie_slots',
  'pcie_lanes',
  'power',
  'single_motherboard',
  'single_chassis',
  'motherboard_form_factor',
  'unchecked',
] as const;
export type CompatibilityRule = (typeof COMPATIBILITY_RULES)[number];

export interface CompatibilityIssue {
  rule: CompatibilityRule;
  severity: 'warning' | 'invalid';
  message: string;
}

export interface CompatibilityVerdict {
  /** False when the configuration lacks what the rules compare against (no motherboard, no chassis). */
  checked: boolean;
  issues: CompatibilityIssue[];
}

/** Share of the power budget above which a configuration is flagged as tight. */
export const POWER_WARNING_RATIO = 0.9;

const PCIE_CARD_TYPES: readonly ComponentType[] = ['nic', 'pciecard', 'hbacard'];

const invalid = (rule: CompatibilityRule, message: string): CompatibilityIssue => ({ rule, severity: 'invalid', message });
const warning = (rule: CompatibilityRule, message: string): CompatibilityIssue => ({ rule, severity: 'warning', message });

function ofType(ctx: CompatibilityContext, ...types: ComponentType[]): ConfiguredComponent[] {
  return ctx.projected.filter((c) => types.includes(c.componentType));
}

function single(ctx: CompatibilityContext, type: ComponentType): ConfiguredComponent | null {
  return ofType(ctx, type)[0] ?? null;
}

function unchecked(what: string): CompatibilityVerdict {
  return { checked: false, issues: [warning('unchecked', `Compatibility not checked: the server has no ${what}`)] };
}

export function checkCpu(cpu: ConfiguredComponent, ctx: CompatibilityContext): CompatibilityVerdict {
  const board = single(ctx, 'motherboard');
  if (!board) return unchecked('motherboard');
  const issues: CompatibilityIssue[] = [];
  const cpuSocket = specText(cpu.specs, 'socket');
  const boardSocket = specText(board.specs, 'socket');
  if (cpuSocket && boardSocket && cpuSocket !== boardSocket) {
    issues.push(invalid('socket', `CPU socket ${specDisplay(cpu.specs, 'socket')} does not match motherboard socket ${specDisplay(board.specs, 'socket')}`));
  }
  const sockets = specNumber(board.specs, 'cpu_sockets');
  const cpus = ofType(ctx, 'cpu').length;
  if (sockets !== null && cpus > sockets) {
    issues.push(invalid('cpu_count', `${cpus} CPUs requested but the motherboard has ${sockets} socket(s)`));
  }
  const supported = specTextList(cpu.specs, 'memory_types');
  const boardMemory = specText(board.specs, 'memory_type');
  if (supported.length > 0 && boardMemory && !supported.includes(boardMemory)) {
    issues.push(warning('cpu_memory', `CPU supports ${specDisplay(cpu.specs, 'memory_types')}, the motherboard uses ${specDisplay(board.specs, 'memory_type')}`));
  }
  return { checked: true, issues };
}

export function checkRam(module: ConfiguredComponent, ctx: CompatibilityContext): CompatibilityVerdict {
  const board = single(ctx, 'motherboard');
  if (!board) return unchecked('motherboard');
  const issues: CompatibilityIssue[] = [];
  const type = specText(module.specs, 'memory_type');
  const boardType = specText(board.specs, 'memory_type');
  if (type && boardType && type !== boardType) {
    issues.push(invalid('memory_type', `Memory type ${specDisplay(module.specs, 'memory_type')} does not match motherboard memory type ${specDisplay(board.specs, 'memory_type')}`));
  }
  const modules = ofType(ctx, 'ram');
  const slots = specNumber(board.specs, 'memory_slots');
  if (slots !== null && modules.length > slots) {
    issues.push(invalid('memory_slots', `${modules.length} memory modules requested but the motherboard has ${slots} DIMM slot(s)`));
  }
  const maxGb = specNumber(board.specs, 'max_memory_GB');
  const totalGb = modules.reduce((sum, m) => sum + (specNumber(m.specs, 'capacity_GB') ?? 0), 0);
  if (maxGb !== null && totalGb > maxGb) {
    issues.push(invalid('memory_capacity', `${totalGb} GB of memory exceeds the motherboard maximum of ${maxGb} GB`));
  }
  return { checked: true, issues };
}

function driveBaySize(component: ConfiguredComponent): BaySize | null {
  const ff = normaliseDriveFormFactor(component.specs['form_factor']);
  return ff ? baySizeOf(ff) : null;
}

export function checkStorage(drive: ConfiguredComponent, ctx: CompatibilityContext): CompatibilityVerdict {
  const formFactor = normaliseDriveFormFactor(drive.specs['form_factor']);
  if (!formFactor) {
    return { checked: false, issues: [warning('unchecked', `Compatibility not checked: unknown drive form factor ${specDisplay(drive.specs, 'form_factor')}`)] };
  }
  if (formFactor === 'm.2') {
    const board = single(ctx, 'motherboard');
    if (!board) return unchecked('motherboard');
    // M.2 carrier cards (PCIe cards declaring m2_slots) add slots to the board's own.
    const carriers = ofType(ctx, 'pciecard').reduce((sum, c) => sum + (specNumber(c.specs, 'm2_slots') ?? 0), 0);
    const slots = (specNumber(board.specs, 'm2_slots') ?? 0) + carriers;
    const m2 = ofType(ctx, 'storage').filter((s) => normaliseDriveFormFactor(s.specs['form_factor']) === 'm.2').length;
    return { checked: true, issues: m2 > slots ? [invalid('m2_slots', `${m2} M.2 drives requested but the motherboard has ${slots} M.2 slot(s)`)] : [] };
  }
  const chassis = single(ctx, 'chassis');
  if (!chassis) return unchecked('chassis');
  const issues: CompatibilityIssue[] = [];
  const size = baySizeOf(formFactor);
  const baySize = normaliseDriveFormFactor(chassis.specs['bay_form_factor']);
  if (size === '3.5' && baySize === '2.5') {
    issues.push(invalid('bay_size', `A 3.5" drive does not fit the chassis's 2.5" bays`));
  }
  const bays = specNumber(chassis.specs, 'drive_bays') ?? 0;
  const bayDrives = ofType(ctx, 'storage').filter((s) => driveBaySize(s) !== null);
  if (bayDrives.length > bays) {
    issues.push(invalid('drive_bays', `${bayDrives.length} drives requested but the chassis has ${bays} drive bay(s)`));
  }
  if (size) {
    const drivesOfSize = bayDrives.filter((s) => driveBaySize(s) === size).length;
    const caddiesOfSize = ofType(ctx, 'caddy').filter((c) => driveBaySize(c) === size).length;
    const missing = drivesOfSize - caddiesOfSize;
    if (missing > 0 && (ctx.availableCaddies[size] ?? 0) < missing) {
      issues.push(warning('caddy', `No ${size}" caddy installed or in stock for ${missing} drive(s)`));
    }
  }
  return { checked: true, issues };
}

export function checkPcieCard(_card: ConfiguredComponent, ctx: CompatibilityContext): CompatibilityVerdict {
  const board = single(ctx, 'motherboard');
  if (!board) return unchecked('motherboard');
  const issues: CompatibilityIssue[] = [];
  const cards = ofType(ctx, ...PCIE_CARD_TYPES);
  const slots = pcieSlotCount(board.specs) ?? 0;
  if (cards.length > slots) {
    issues.push(invalid('pcie_slots', `${cards.length} PCIe cards requested but the motherboard has ${slots} PCIe slot(s)`));
  }
  const lanes = specNumber(board.specs, 'pcie_lanes');
  const used = cards.reduce((sum, c) => sum + (specNumber(c.specs, 'pcie_lanes') ?? 0), 0);
  if (lanes !== null && used > lanes) {
    issues.push(invalid('pcie_lanes', `PCIe cards need ${used} lanes but the motherboard provides ${lanes}`));
  }
  return { checked: true, issues };
}

export function checkMotherboard(board: ConfiguredComponent, ctx: CompatibilityContext): CompatibilityVerdict {
  const issues: CompatibilityIssue[] = [];
  const boards = ofType(ctx, 'motherboard');
  if (boards.length > 1) issues.push(invalid('single_motherboard', 'A server holds one motherboard: remove or replace the installed one'));
  const chassis = single(ctx, 'chassis');
  const supported = chassis ? specTextList(chassis.specs, 'motherboard_form_factors') : [];
  const formFactor = specText(board.specs, 'form_factor');
  if (chassis && formFactor && supported.length > 0 && !supported.includes(formFactor)) {
    issues.push(invalid('motherboard_form_factor', `Motherboard form factor ${specDisplay(board.specs, 'form_factor')} does not fit the chassis (${specDisplay(chassis.specs, 'motherboard_form_factors')})`));
  }
  if (boards.length === 1) {
    // The rules that judge CPUs, memory and cards against "the" board apply to this one now.
    const others = ctx.projected.filter((c) => c.componentType !== 'motherboard');
    const seen = new Set<CompatibilityRule>();
    for (const other of others) {
      const verdict = other.componentType === 'cpu' ? checkCpu(other, ctx) : other.componentType === 'ram' ? checkRam(other, ctx) : PCIE_CARD_TYPES.includes(other.componentType) ? checkPcieCard(other, ctx) : null;
      for (const issue of verdict?.issues ?? []) {
        if (issue.severity !== 'invalid' || seen.has(issue.rule)) continue;
        seen.add(issue.rule);
        issues.push(issue);
      }
    }
  }
  return { checked: true, issues };
}

export function checkChassis(chassis: ConfiguredComponent, ctx: CompatibilityContext): CompatibilityVerdict {
  const issues: CompatibilityIssue[] = [];
  if (ofType(ctx, 'chassis').length > 1) issues.push(invalid('single_chassis', 'A server has one chassis: remove or replace the installed one'));
  const board = single(ctx, 'motherboard');
  const supported = specTextList(chassis.specs, 'motherboard_form_factors');
  const boardFormFactor = board ? specText(board.specs, 'form_factor') : null;
  if (board && boardFormFactor && supported.length > 0 && !supported.includes(boardFormFactor)) {
    issues.push(invalid('motherboard_form_factor', `The installed ${specDisplay(board.specs, 'form_factor')} motherboard does not fit this chassis`));
  }
  const bays = specNumber(chassis.specs, 'drive_bays') ?? 0;
  const bayDrives = ofType(ctx, 'storage').filter((s) => driveBaySize(s) !== null).length;
  if (bayDrives > bays) issues.push(invalid('drive_bays', `${bayDrives} drives would not fit the chassis's ${bays} bay(s)`));
  return { checked: true, issues };
}

/** CPUs declare `tdp_W`, everything else `power_W`. */
export function powerOf(component: ConfiguredComponent): number {
  const primary = component.componentType === 'cpu' ? 'tdp_W' : 'power_W';
  const secondary = component.componentType === 'cpu' ? 'power_W' : 'tdp_W';
  return specNumber(component.specs, primary) ?? specNumber(component.specs, secondary) ?? 0;
}

export function powerBudget(ctx: CompatibilityContext): number | null {
  if (ctx.powerBudgetWatts !== null && ctx.powerBudgetWatts > 0) return ctx.powerBudgetWatts;
  const chassis = single(ctx, 'chassis');
  const psu = chassis ? specNumber(chassis.specs, 'psu_watts') : null;
  return psu !== null && psu > 0 ? psu : null;
}

export function checkPower(ctx: CompatibilityContext): CompatibilityIssue[] {
  const budget = powerBudget(ctx);
  if (budget === null) return [];
  const total = ctx.projected.reduce((sum, c) => sum + powerOf(c), 0);
  if (total > budget) return [invalid('power', `Power draw ${total} W exceeds the ${budget} W power budget`)];
  if (total > budget * POWER_WARNING_RATIO) return [warning('power', `Power draw ${total} W is within 10% of the ${budget} W power budget`)];
  return [];
}

/** Judges one component to be added (already part of `ctx.projected`). */
export function checkCompatibility(component: ConfiguredComponent, ctx: CompatibilityContext): CompatibilityVerdict {
  const verdict = byType(component, ctx);
  const power = powerOf(component) > 0 ? checkPower(ctx) : [];
  return { checked: verdict.checked, issues: [...verdict.issues, ...power] };
}

function byType(component: ConfiguredComponent, ctx: CompatibilityContext): CompatibilityVerdict {
  switch (component.componentType) {
    case 'cpu':
      return checkCpu(component, ctx);
    case 'ram':
      return checkRam(component, ctx);
    case 'storage':
      return checkStorage(component, ctx);
    case 'nic':
    case 'pciecard':
    case 'hbacard':
      return checkPcieCard(component, ctx);
    case 'motherboard':
      return checkMotherboard(component, ctx);
    case 'chassis':
      return checkChassis(component, ctx);
    case 'caddy':
      return { checked: true, issues: [] };
    default: {
      const unreachable: never = component.componentType;
      return unreachable;
    }
  }
}
