import {
  VALIDATION_STATUSES,
  isOneOf,
  type BuildProblem,
  type ComponentType,
  type ItemProblem,
  type ItemType,
  type StockStatus,
  type TicketItemInput,
  type ValidationReport,
  type ValidationStatus,
} from '@bdc/contracts';
import type { BaySize, Build, BuildPart } from '../inventory/compatibility/build';
import { evaluateBuild } from '../inventory/compatibility/engine';
import type { ItemCheckCode } from '../inventory/compatibility/item-checks';
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
  slot?: string | null;
}

export interface ValidationFacts {
  server: { uuid: string; name: string; powerBudgetWatts: number | null; status: string | null; settings?: Readonly<Record<string, unknown>> };
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
  /** Codes of the rules behind the message, errors first. */
  rules: string[];
}

/** Everything one evaluation says: per item, once for the build, and the parts of the projected build. */
export interface ChangeEvaluation {
  verdicts: ItemVerdict[];
  build: BuildProblem[];
  parts: BuildPart[];
}

export const modelKey = (type: string, uuid: string) => `${type}:${uuid}`;
export const serialKey = (type: string, serial: string) => `${type}:${serial}`;

export function itemTypeOf(action: TicketItemInput['action']): ItemType {
  return action === 'modify' ? 'configuration' : 'component';
}

/** The server setting a `modify` item changes: `specifications.setting`, else (older tickets) the component type; '' when neither. */
export function settingKeyOf(item: Pick<TicketItemInput, 'componentType' | 'specifications'>): string {
  const setting = item.specifications?.['setting'];
  return typeof setting === 'string' && setting.trim() !== '' ? setting.trim() : (item.componentType ?? '');
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

/** A problem of one item: a compatibility rule, or what the item itself lacks (`item_*` codes). */
interface ItemIssue {
  rule: string;
  severity: 'invalid' | 'warning';
  message: string;
}

interface ItemPlan {
  issues: ItemIssue[];
  added: BuildPart[];
  removedIds: number[];
  compatibilityChecked: boolean;
}

const problem = (rule: ItemCheckCode, message: string): ItemIssue => ({ rule, severity: 'invalid', message });

/** Shared, mutable bookkeeping so that items of one ticket cannot count the same unit twice. */
class Ledger {
  readonly remaining = new Map<string, number>();
  readonly usedUnits = new Set<number>();
  constructor(readonly facts: ValidationFacts) {
    facts.availableByModel.forEach((count, key) => this.remaining.set(key, count));
  }
}

const TYPE_LABELS: Record<ComponentType, string> = {
  cpu: 'CPU',
  ram: 'memory module',
  storage: 'drive',
  motherboard: 'motherboard',
  nic: 'network card',
  caddy: 'drive caddy',
  pciecard: 'PCIe card',
  hbacard: 'HBA',
  chassis: 'chassis',
};

function planInstall(item: TicketItemInput, type: ComponentType, index: number, ledger: Ledger, plan: ItemPlan, what: string): void {
  const { facts } = ledger;
  const target = installTarget(item);
  const kind = TYPE_LABELS[type];
  if (!target.uuid) {
    plan.issues.push(problem('item_model', `Choose the ${kind} model ${what}`));
    return;
  }
  const model = facts.catalog.get(target.uuid);
  if (!model) {
    plan.issues.push(problem('item_model', `Component model ${target.uuid} is not in the catalog`));
    return;
  }
  if (model.componentType !== type) {
    plan.issues.push(problem('item_model', `${model.name} is a ${TYPE_LABELS[model.componentType]}, not a ${kind}`));
    return;
  }
  plan.compatibilityChecked = true;
  const unit = target.serial ? facts.unitsBySerial.get(serialKey(type, target.serial)) : undefined;
  for (let n = 0; n < item.quantity; n++) {
    const pinned = n === 0 && unit ? unit : undefined;
    plan.added.push({
      ref: `item:${index}:${n}`,
      componentType: model.componentType,
      uuid: model.uuid,
      name: model.name,
      specs: model.specs,
      state: 'added',
      itemIndex: index,
      serialNumber: pinned?.serialNumber ?? null,
      unitStatus: pinned?.status ?? null,
      slot: null,
    });
  }
  if (target.serial) {
    const unusable = pinnedUnitProblem(unit, target.serial, model, ledger);
    if (unusable) {
      plan.issues.push(problem('item_unit', unusable));
      return;
    }
    // A failed or retired unit is the compatibility rule unit_unusable's to report.
    if (unit && (unit.status === 'failed' || unit.status === 'retired')) return;
    if (unit) ledger.usedUnits.add(unit.id);
  }
  const key = modelKey(model.componentType, model.uuid);
  const remaining = ledger.remaining.get(key) ?? 0;
  if (remaining < item.quantity) {
    plan.issues.push(problem('item_stock', `Only ${remaining} unit(s) of ${model.name} available, ${item.quantity} needed`));
    return;
  }
  ledger.remaining.set(key, remaining - item.quantity);
}

function pinnedUnitProblem(unit: UnitFact | undefined, serial: string, model: CatalogFact, ledger: Ledger): string | null {
  if (!unit) return `No ${TYPE_LABELS[model.componentType]} with serial ${serial} in stock`;
  if (unit.uuid !== model.uuid) return `Unit ${serial} is a ${ledger.facts.catalog.get(unit.uuid)?.name ?? unit.uuid}, not a ${model.name}`;
  if (unit.status === 'failed' || unit.status === 'retired') return null;
  if (unit.status !== 'available') return `Unit ${serial} is ${unit.status}, not available`;
  if (ledger.usedUnits.has(unit.id)) return `Unit ${serial} is already used by another item`;
  return null;
}

function planRemoval(item: TicketItemInput, type: ComponentType, ledger: Ledger, plan: ItemPlan): void {
  const { facts } = ledger;
  const target = removalTarget(item);
  const named = target.serial ?? target.uuid ?? target.either;
  const kind = TYPE_LABELS[type];
  if (!named) {
    plan.issues.push(problem('item_removal', item.action === 'replace' ? `Choose the installed ${kind} to replace (its serial or model)` : `Choose the installed ${kind} to remove (its serial or model)`));
    return;
  }
  const matches = matchInstalled(facts.installed, type, target);
  if (matches.length === 0) {
    plan.issues.push(problem('item_removal', `No ${kind} ${named} is installed in ${facts.server.name}`));
    return;
  }
  const isTaken = (u: UnitFact) => facts.claimedForRemoval.has(u.id) || ledger.usedUnits.has(u.id);
  const first = matches[0];
  const pinned = target.serial || (first && first.serialNumber === target.either) ? first : undefined;
  if (pinned && isTaken(pinned)) {
    plan.issues.push(problem('item_removal', `Unit ${pinned.serialNumber ?? named} is already being removed by another ticket or item`));
    return;
  }
  const free = matches.filter((u) => !isTaken(u));
  if (free.length < item.quantity) {
    const label = first ? (facts.catalog.get(first.uuid)?.name ?? named) : named;
    plan.issues.push(problem('item_removal', `Only ${free.length} × ${label} installed in ${facts.server.name} can be removed, ${item.quantity} needed`));
    return;
  }
  const taken = free.slice(0, item.quantity);
  taken.forEach((u) => ledger.usedUnits.add(u.id));
  plan.removedIds.push(...taken.map((u) => u.id));
  if (item.action === 'remove') plan.compatibilityChecked = true;
}

function planSetting(item: TicketItemInput, ledger: Ledger, plan: ItemPlan): void {
  const { server } = ledger.facts;
  const key = settingKeyOf(item);
  if (key === '') {
    plan.issues.push(problem('item_setting', `Choose the setting of ${server.name} to change`));
    return;
  }
  if (blankToNull(item.requestedValue) === null) {
    plan.issues.push(problem('item_setting', `Give the new value for ${key}`));
    return;
  }
  plan.compatibilityChecked = true;
  // A new key is allowed (a setting the server did not record yet), but said, so that a typo shows.
  if (server.settings && !Object.prototype.hasOwnProperty.call(server.settings, key)) {
    plan.issues.push({ rule: 'item_setting', severity: 'warning', message: `${key} is a new setting for ${server.name}: it will be added` });
  }
}

function planItem(item: TicketItemInput, index: number, ledger: Ledger): ItemPlan {
  const plan: ItemPlan = { issues: [], added: [], removedIds: [], compatibilityChecked: false };
  const type = item.componentType;
  if (item.action !== 'modify' && !type) {
    plan.issues.push(problem('item_model', 'Choose the component type'));
    return plan;
  }
  switch (item.action) {
    case 'add':
      if (type) planInstall(item, type, index, ledger, plan, 'to add');
      break;
    case 'remove':
      if (type) planRemoval(item, type, ledger, plan);
      break;
    case 'replace':
      if (type) planRemoval(item, type, ledger, plan);
      if (type) planInstall(item, type, index, ledger, plan, 'to install in its place');
      break;
    case 'modify':
      planSetting(item, ledger, plan);
      break;
    default: {
      const unreachable: never = item.action;
      plan.issues.push(problem('item_action', `Unknown action ${String(unreachable)}`));
    }
  }
  return plan;
}

function installedPart(unit: UnitFact, facts: ValidationFacts, removedBy: ReadonlyMap<number, number>): BuildPart {
  const model = facts.catalog.get(unit.uuid);
  const item = removedBy.get(unit.id);
  return {
    ref: `unit:${unit.id}`,
    componentType: unit.componentType,
    uuid: unit.uuid,
    name: model?.name ?? unit.uuid,
    specs: model?.specs ?? {},
    state: item === undefined ? 'kept' : 'removed',
    itemIndex: item ?? null,
    serialNumber: unit.serialNumber,
    unitStatus: unit.status,
    slot: unit.slot ?? null,
  };
}

/**
 * Plans every item (stock, pinned units, removals), builds the server as it would be after the whole
 * change, and runs the compatibility engine on it once. A finding about particular parts goes to
 * the items that add or remove them; a build-wide one (power, slot counts) is reported once.
 */
export function evaluateChange(items: readonly TicketItemInput[], facts: ValidationFacts): ChangeEvaluation {
  const ledger = new Ledger(facts);
  const plans = items.map((item, index) => planItem(item, index, ledger));
  const removedBy = new Map<number, number>();
  plans.forEach((p, index) => p.removedIds.forEach((id) => removedBy.set(id, index)));
  const parts: BuildPart[] = [...facts.installed.map((u) => installedPart(u, facts, removedBy)), ...plans.flatMap((p) => p.added)];
  const build: Build = { parts, powerBudgetWatts: facts.server.powerBudgetWatts, availableCaddies: facts.availableCaddies, serverStatus: facts.server.status };
  const buildProblems: BuildProblem[] = [];
  for (const finding of evaluateBuild(build)) {
    const severity = finding.severity === 'error' ? 'invalid' : 'warning';
    if (finding.scope === 'build' || finding.items.length === 0) {
      buildProblems.push({ rule: finding.rule, severity: finding.severity, message: finding.message, items: finding.items });
      continue;
    }
    for (const index of finding.items) plans[index]?.issues.push({ rule: finding.rule, severity, message: finding.message });
  }
  const verdicts = items.map((item, index): ItemVerdict => {
    const plan = plans[index] as ItemPlan;
    const checked = plan.compatibilityChecked && !plan.issues.some((i) => i.rule === 'unchecked');
    return { itemType: itemTypeOf(item.action), ...summarise(plan.issues), compatibilityChecked: checked };
  });
  return { verdicts, build: buildProblems, parts };
}

export function evaluateItems(items: readonly TicketItemInput[], facts: ValidationFacts): ItemVerdict[] {
  return evaluateChange(items, facts).verdicts;
}

function summarise(issues: readonly ItemIssue[]): { status: ItemVerdictStatus; message: string | null; rules: string[] } {
  const invalid = issues.filter((i) => i.severity === 'invalid');
  const warnings = issues.filter((i) => i.severity === 'warning');
  const ordered = [...invalid, ...warnings];
  const rules = [...new Set(ordered.map((i) => i.rule))];
  const message = ordered.length > 0 ? [...new Set(ordered.map((i) => i.message))].join('; ') : null;
  if (invalid.length > 0) return { status: 'invalid', message, rules };
  if (warnings.length > 0) return { status: 'warning', message, rules };
  return { status: 'valid', message: null, rules: [] };
}

export interface StoredItemValidation {
  id?: number;
  /** One of VALIDATION_STATUSES; anything else reads as `pending`. */
  validationStatus: string;
  validationMessage: string | null;
  compatibilityChecked: boolean;
  rules?: string[];
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
      ...(item.rules?.[0] ? { rule: item.rules[0] } : {}),
    });
  });
  return problems;
}

/** As itemProblems, for verdicts not stored yet (create, validate-items). */
export function verdictProblems(verdicts: readonly ItemVerdict[]): ItemProblem[] {
  return itemProblems(verdicts.map(toStored));
}

const toStored = (v: ItemVerdict): StoredItemValidation => ({ validationStatus: v.status, validationMessage: v.message, compatibilityChecked: v.compatibilityChecked, rules: v.rules });

/** Build-wide errors block like invalid items. */
export function buildErrors(build: readonly BuildProblem[]): BuildProblem[] {
  return build.filter((b) => b.severity === 'error');
}

/** The report of a fresh evaluation: item verdicts plus the build-wide findings. */
export function verdictReport(verdicts: readonly ItemVerdict[], build: readonly BuildProblem[] = []): ValidationReport {
  const report = validationReport(verdicts.map(toStored));
  return {
    ...report,
    valid: report.valid && buildErrors(build).length === 0,
    warnings: [...report.warnings, ...build.filter((b) => b.severity === 'warning').map((b) => b.message)],
    build: [...build],
  };
}

export function validationReport(items: readonly StoredItemValidation[]): ValidationReport {
  return {
    itemsValidated: items.every((i) => storedStatus(i) !== 'pending'),
    compatibilityChecked: items.every((i) => i.compatibilityChecked),
    valid: items.every((i) => i.validationStatus === 'valid' || i.validationStatus === 'warning'),
    warnings: items.flatMap((i) => (i.validationStatus === 'warning' && i.validationMessage ? [i.validationMessage] : [])),
    items: items.map((i, index) => ({ index, status: storedStatus(i), message: i.validationMessage, ...(i.rules ? { rules: i.rules } : {}) })),
  };
}
