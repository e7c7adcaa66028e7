import type { ComponentType, TicketItemInput } from '@bdc/contracts';
import type { BuildPart } from '../inventory/compatibility/build';
import type { ItemCheckCode } from '../inventory/compatibility/item-checks';
import type { CatalogFact, UnitFact, ValidationFacts } from './item-validation';
import { blankToNull, installTarget, matchInstalled, modelKey, removalTarget, serialKey, settingKeyOf } from './item-validation-targets';

/**
 * Each item on its own before the compatibility rules: the model it names, stock, pinned units,
 * what it removes, the setting it changes. Shared bookkeeping (Ledger) keeps items of one ticket
 * from counting the same unit twice.
 */

/** A problem of one item: a compatibility rule, or what the item itself lacks (`item_*` codes). */
export interface ItemIssue {
  rule: string;
  severity: 'invalid' | 'warning';
  message: string;
}

export interface ItemPlan {
  issues: ItemIssue[];
  added: BuildPart[];
  removedIds: number[];
  compatibilityChecked: boolean;
}

const problem = (rule: ItemCheckCode, message: string): ItemIssue => ({ rule, severity: 'invalid', message });

/** Shared, mutable bookkeeping so that items of one ticket cannot count the same unit twice. */
export class Ledger {
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
  if (model.retired && !target.serial) {
    plan.issues.push(problem('item_model', `${model.name} is retired from the catalog: choose a current model, or pin a spare unit of it by serial`));
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

export function planItem(item: TicketItemInput, index: number, ledger: Ledger): ItemPlan {
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
