import { VALIDATION_STATUSES, isOneOf, type BuildProblem, type ItemProblem, type ValidationReport, type ValidationStatus } from '@bdc/contracts';
import type { ItemVerdict } from './item-validation';

/** Verdicts as 422 problems and as the ValidationReport of a ticket or a dry run. */

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
