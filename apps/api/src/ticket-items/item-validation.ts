import { VALIDATION_STATUSES, isOneOf, type ComponentType, type ItemProblem, type ItemType, type StockStatus, type TicketItemInput, type ValidationReport, type ValidationStatus } from '@bdc/contracts';
import {
  checkCompatibility,
  type BaySize,
  type CompatibilityIssue,
  type ConfiguredComponent,
} from '../inventory/compatibility/compatibility.rules';
import type { Specs } from '../inventory/compatibility/spec-reader';

/**
 * Item validation as a pure function of facts the service gathered from the database, so that
 * create, update, submit, approve and `validate-items` judge items with exactly the same code, and so
 * that the rules are unit-tested without a database.
 */

export interface CatalogFact {
  uuid: string;
  componentType: ComponentType;
  name: string;
  specs: Specs;
}

export interface UnitFact {
  id: number;
  componentType: ComponentType;
  uuid: string;
  serialNumber: string | null;
  status: StockStatus;
  serverUuid: string | null;
}

export interface ValidationFacts {
  server: { uuid: string; name: string; powerBudgetWatts: number | null };
  catalog: ReadonlyMap<string, CatalogFact>;
  /** Units in use in the target server. */
  installed: readonly UnitFact[];
  /** Installed units that other live tickets already reserved for removal. */
  claimedForRemoval: ReadonlySet<number>;
  /** `type:uuid` → available units of that model. */
  availableByModel: ReadonlyMap<string, number>;
  /** `type:serial` → the unit, for every serial the items mention. */
  unitsBySerial: ReadonlyMap<string, UnitFact>;
  availableCaddies: Readonly<Partial<Record<BaySize, number>>>;
}

export type ItemVerdictStatus = Exclude<ValidationStatus, 'pending'>;

export interface ItemVerdict {
  itemType: ItemType;
  status: ItemVerdictStatus;
  message: string | null;
  compatibilityChecked: boolean;
}

export const modelKey = (type: string, uuid: string) => `${type}:${uuid}`;
export const serialKey = (type: string, serial: string) => `${type}:${serial}`;

export function itemTypeOf(action: TicketItemInput['action']): ItemType {
  return action === 'modify' ? 'configuration' : 'component';
}

/** The server setting a `modify` item changes: `specifications.setting`, else the component type. */
export function settingKeyOf(item: Pick<TicketItemInput, 'componentType' | 'specifications'>): string {
  const setting = item.specifications?.['setting'];
  return typeof setting === 'string' && setting.trim() !== '' ? setting.trim() : item.componentType;
}

/** What an `add`/`replace` installs: the catalog model (and optionally one pinned unit). */
export function installTarget(item: TicketItemInput): { uuid: string | null; serial: string | null } {
  if (item.action === 'add') return { uuid: blankToNull(item.componentUuid), serial: blankToNull(item.componentSerial) };
  if (item.action === 'replace') {
    return { uuid: blankToNull(item.componentUuid) ?? blankToNull(item.requestedValue), serial: blankToNull(item.componentSerial) };
  }
  return { uuid: null, serial: null };
}

/**
 * What a `remove`/`replace` takes out. `remove` names the unit by serial or the model by UUID;
 * `replace` names it in `currentValue` (a serial or a model UUID), as in the guide's example.
 */
export function removalTarget(item: TicketItemInput): { serial: string | null; uuid: string | null; either: string | null } {
  if (item.action === 'remove') {
    const serial = blankToNull(item.componentSerial);
    const uuid = blankToNull(item.componentUuid);
    return { serial, uuid, either: serial || uuid ? null : blankToNull(item.currentValue) };
  }
  if (item.action === 'replace') return { serial: null, uuid: null, either: blankToNull(item.currentValue) };
  return { serial: null, uuid: null, either: null };
}

/** Installed units matching a removal target, a pinned unit first. Does not filter claims. */
export function matchInstalled(installed: readonly UnitFact[], type: string, target: ReturnType<typeof removalTarget>): UnitFact[] {
  const ofType = installed.filter((u) => u.componentType === type);
  if (target.serial) {
    const pinned = ofType.find((u) => u.serialNumber === target.serial);
    return pinned ? [pinned, ...ofType.filter((u) => u !== pinned && u.uuid === pinned.uuid)] : [];
  }
  if (target.uuid) return ofType.filter((u) => u.uuid === target.uuid);
  if (target.either) {
    const bySerial = ofType.find((u) => u.serialNumber === target.either);
    if (bySerial) return [bySerial, ...ofType.filter((u) => u !== bySerial && u.uuid === bySerial.uuid)];
    return ofType.filter((u) => u.uuid === target.either);
  }
  return [];
}

function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value.trim();
}

interface ItemPlan {
  issues: CompatibilityIssue[];
  added: ConfiguredComponent[];
  removedIds: number[];
  compatibilityChecked: boolean;
}

const problem = (message: string): CompatibilityIssue => ({ rule: 'unchecked', severity: 'invalid', message });

/** Shared, mutable bookkeeping so that items of one ticket cannot count the same unit twice. */
class Ledger {
  readonly remaining = new Map<string, number>();
  readonly usedUnits = new Set<number>();
  constructor(readonly facts: ValidationFacts) {
    facts.availableByModel.forEach((count, key) => this.remaining.set(key, count));
  }
}

function planInstall(item: TicketItemInput, ledger: Ledger, plan: ItemPlan, label: string): void {
  const { facts } = ledger;
  const target = installTarget(item);
  if (!target.uuid) {
    plan.issues.push(problem(`Choose the component model ${label} (componentUuid)`));
    return;
  }
  const model = facts.catalog.get(target.uuid);
  if (!model) {
    plan.issues.push(problem(`Component model ${target.uuid} is not in the catalog`));
    return;
  }
  if (model.componentType !== item.componentType) {
    plan.issues.push(problem(`${model.name} is a ${model.componentType}, not a ${item.componentType}`));
    return;
  }
  plan.compatibilityChecked = true;
  for (let i = 0; i < item.quantity; i++) plan.added.push({ componentType: model.componentType, uuid: model.uuid, specs: model.specs });
  if (target.serial) {
    const unit = facts.unitsBySerial.get(serialKey(item.componentType, target.serial));
    const unusable = pinnedUnitProblem(unit, target.serial, model, ledger);
    if (unusable) {
      plan.issues.push(problem(unusable));
      return;
    }
    if (unit) ledger.usedUnits.add(unit.id);
  }
  const key = modelKey(model.componentType, model.uuid);
  const remaining = ledger.remaining.get(key) ?? 0;
  if (remaining < item.quantity) {
    plan.issues.push(problem(`Only ${remaining} unit(s) of ${model.name} available, ${item.quantity} needed`));
    return;
  }
  ledger.remaining.set(key, remaining - item.quantity);
}

function pinnedUnitProblem(unit: UnitFact | undefined, serial: string, model: CatalogFact, ledger: Ledger): string | null {
  if (!unit) return `No ${model.componentType} unit with serial ${serial}`;
  if (unit.uuid !== model.uuid) return `Unit ${serial} is a ${ledger.facts.catalog.get(unit.uuid)?.name ?? unit.uuid}, not a ${model.name}`;
  if (unit.status !== 'available') return `Unit ${serial} is ${unit.status}, not available`;
  if (ledger.usedUnits.has(unit.id)) return `Unit ${serial} is already used by another item`;
  return null;
}

function planRemoval(item: TicketItemInput, ledger: Ledger, plan: ItemPlan): void {
  const { facts } = ledger;
  const target = removalTarget(item);
  const named = target.serial ?? target.uuid ?? target.either;
  if (!named) {
    plan.issues.push(
      problem(item.action === 'replace' ? 'Name the installed unit (serial) or model to replace in currentValue' : 'Name the component to remove (componentUuid or componentSerial)'),
    );
    return;
  }
  const matches = matchInstalled(facts.installed, item.componentType, target);
  if (matches.length === 0) {
    plan.issues.push(problem(`No ${item.componentType} ${named} is installed in ${facts.server.name}`));
    return;
  }
  const isTaken = (u: UnitFact) => facts.claimedForRemoval.has(u.id) || ledger.usedUnits.has(u.id);
  const first = matches[0];
  const pinned = target.serial || (first && first.serialNumber === target.either) ? first : undefined;
  if (pinned && isTaken(pinned)) {
    plan.issues.push(problem(`Unit ${pinned.serialNumber ?? named} is already being removed by another ticket or item`));
    return;
  }
  const free = matches.filter((u) => !isTaken(u));
  if (free.length < item.quantity) {
    plan.issues.push(problem(`Only ${free.length} ${item.componentType} ${named} installed in ${facts.server.name} can be removed, ${item.quantity} needed`));
    return;
  }
  const taken = free.slice(0, item.quantity);
  taken.forEach((u) => ledger.usedUnits.add(u.id));
  plan.removedIds.push(...taken.map((u) => u.id));
  if (item.action === 'remove') plan.compatibilityChecked = true;
}

function planItem(item: TicketItemInput, ledger: Ledger): ItemPlan {
  const plan: ItemPlan = { issues: [], added: [], removedIds: [], compatibilityChecked: false };
  switch (item.action) {
    case 'add':
      planInstall(item, ledger, plan, 'to add');
      break;
    case 'remove':
      planRemoval(item, ledger, plan);
      break;
    case 'replace':
      planRemoval(item, ledger, plan);
      planInstall(item, ledger, plan, 'to install (componentUuid or requestedValue)');
      break;
    case 'modify':
      if (blankToNull(item.requestedValue) === null) plan.issues.push(problem(`Give the requested value for ${settingKeyOf(item)} (requestedValue)`));
      else plan.compatibilityChecked = true;
      break;
    default: {
      const unreachable: never = item.action;
      plan.issues.push(problem(`Unknown action ${String(unreachable)}`));
    }
  }
  return plan;
}

function toConfigured(unit: UnitFact, catalog: ReadonlyMap<string, CatalogFact>): ConfiguredComponent {
  return { componentType: unit.componentType, uuid: unit.uuid, specs: catalog.get(unit.uuid)?.specs ?? {} };
}

export function evaluateItems(items: readonly TicketItemInput[], facts: ValidationFacts): ItemVerdict[] {
  const ledger = new Ledger(facts);
  const plans = items.map((item) => planItem(item, ledger));
  const removed = new Set(plans.flatMap((p) => p.removedIds));
  const projected: ConfiguredComponent[] = [
    ...facts.installed.filter((u) => !removed.has(u.id)).map((u) => toConfigured(u, facts.catalog)),
    ...plans.flatMap((p) => p.added),
  ];
  const ctx = { projected, powerBudgetWatts: facts.server.powerBudgetWatts, availableCaddies: facts.availableCaddies };
  return items.map((item, index) => {
    const plan = plans[index] as ItemPlan;
    const first = plan.added[0];
    let checked = plan.compatibilityChecked;
    if (first) {
      const verdict = checkCompatibility(first, ctx);
      plan.issues.push(...verdict.issues);
      checked = checked && verdict.checked;
    }
    return { itemType: itemTypeOf(item.action), ...summarise(plan.issues), compatibilityChecked: checked };
  });
}

function summarise(issues: readonly CompatibilityIssue[]): { status: ItemVerdictStatus; message: string | null } {
  const invalid = issues.filter((i) => i.severity === 'invalid');
  const warnings = issues.filter((i) => i.severity === 'warning');
  if (invalid.length > 0) return { status: 'invalid', message: [...invalid, ...warnings].map((i) => i.message).join('; ') };
  if (warnings.length > 0) return { status: 'warning', message: warnings.map((i) => i.message).join('; ') };
  return { status: 'valid', message: null };
}

export interface StoredItemValidation {
  id?: number;
  /** One of VALIDATION_STATUSES; anything else reads as `pending`. */
  validationStatus: string;
  validationMessage: string | null;
  compatibilityChecked: boolean;
}

function storedStatus(item: StoredItemValidation): ValidationStatus {
  return isOneOf(VALIDATION_STATUSES, item.validationStatus) ? item.validationStatus : 'pending';
}

/** The items that block a submit/approve, for 422 ITEMS_INVALID. */
export function itemProblems(items: readonly StoredItemValidation[]): ItemProblem[] {
  const problems: ItemProblem[] = [];
  items.forEach((item, index) => {
    const status = storedStatus(item);
    if (status !== 'invalid' && status !== 'pending') return;
    problems.push({
      index,
      ...(item.id !== undefined ? { itemId: item.id } : {}),
      status: 'invalid',
      message: item.validationMessage ?? 'Not validated',
    });
  });
  return problems;
}

/** As itemProblems, for verdicts not stored yet (create, validate-items). */
export function verdictProblems(verdicts: readonly ItemVerdict[]): ItemProblem[] {
  return itemProblems(verdicts.map((v) => ({ validationStatus: v.status, validationMessage: v.message, compatibilityChecked: v.compatibilityChecked })));
}

export function verdictReport(verdicts: readonly ItemVerdict[]): ValidationReport {
  return validationReport(verdicts.map((v) => ({ validationStatus: v.status, validationMessage: v.message, compatibilityChecked: v.compatibilityChecked })));
}

export function validationReport(items: readonly StoredItemValidation[]): ValidationReport {
  return {
    itemsValidated: items.every((i) => storedStatus(i) !== 'pending'),
    compatibilityChecked: items.every((i) => i.compatibilityChecked),
    valid: items.every((i) => i.validationStatus === 'valid' || i.validationStatus === 'warning'),
    warnings: items.flatMap((i) => (i.validationStatus === 'warning' && i.validationMessage ? [i.validationMessage] : [])),
    items: items.map((i, index) => ({ index, status: storedStatus(i), message: i.validationMessage })),
  };
}
