import type { BuildProblem, ComponentType, ItemType, StockStatus, TicketItemInput, ValidationStatus } from '@bdc/contracts';
import type { BaySize, Build, BuildPart } from '../inventory/compatibility/build';
import { evaluateBuild, failingBeforeChange } from '../inventory/compatibility/engine';
import type { Specs } from '../inventory/compatibility/spec-reader';
import { Ledger, planItem, type ItemIssue, type ItemPlan } from './item-validation-plan';
import { itemTypeOf } from './item-validation-targets';

export * from './item-validation-targets';
export * from './item-validation-report';
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
  /** Retired from the catalog: no longer ordered, so not requested by model; a spare unit may still be pinned by serial. */
  retired?: boolean;
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
  server: { uuid: string; name: string; powerBudgetWatts: number | null; status: string | null; settings?: Readonly<Record<string, unknown>>; decommissionedAt?: Date | null };
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
export function evaluateChange(items: readonly TicketItemInput[], facts: ValidationFacts, failingBefore?: ReadonlySet<string>): ChangeEvaluation {
  const ledger = new Ledger(facts);
  const plans = items.map((item, index) => planItem(item, index, ledger));
  const removedBy = new Map<number, number>();
  plans.forEach((p, index) => p.removedIds.forEach((id) => removedBy.set(id, index)));
  const parts: BuildPart[] = [...facts.installed.map((u) => installedPart(u, facts, removedBy)), ...plans.flatMap((p) => p.added)];
  const build: Build = { parts, powerBudgetWatts: facts.server.powerBudgetWatts, availableCaddies: facts.availableCaddies, serverStatus: facts.server.status };
  const buildProblems: BuildProblem[] = [];
  for (const finding of evaluateBuild(build, undefined, failingBefore)) {
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

/** What the server breaks before a change (see failingBeforeChange): the same for every candidate of a picker. */
export function failingBeforeOf(facts: ValidationFacts): Set<string> {
  const parts = facts.installed.map((u) => installedPart(u, facts, new Map()));
  return failingBeforeChange({ parts, powerBudgetWatts: facts.server.powerBudgetWatts, availableCaddies: facts.availableCaddies, serverStatus: facts.server.status });
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
