import { before, type Build } from './build';
import type { CompatibilityRuleDefinition, RuleScope, RuleSeverity } from './rule';
import { BUILD_RULES } from './rules-build';
import { CPU_MEMORY_RULES } from './rules-cpu-memory';
import { PCIE_RULES } from './rules-pcie';
import { STORAGE_RULES } from './rules-storage';

/**
 * The rule table: every compatibility rule, in the order docs/compatibility.md lists them. Ticket
 * validation, pickers, previews and direct edits all evaluate this one table.
 */
export const COMPATIBILITY_RULE_TABLE: readonly CompatibilityRuleDefinition[] = [...CPU_MEMORY_RULES, ...STORAGE_RULES, ...PCIE_RULES, ...BUILD_RULES];

export interface Finding {
  rule: string;
  severity: RuleSeverity;
  scope: RuleScope;
  message: string;
  /** Refs of the parts concerned. */
  parts: string[];
  /** Ticket items (0-based) that add or remove a part concerned; empty when the change touches none. */
  items: number[];
  /** The rule already failed before the change and the change adds nothing it is about: downgraded to a warning. */
  preexisting: boolean;
}

function hitsOf(build: Build, rules: readonly CompatibilityRuleDefinition[]) {
  return rules.flatMap((definition) => definition.check(build).map((hit) => ({ definition, hit })));
}

/**
 * Runs every rule on the build after the change. A server that already breaks a rule must not block
 * every later change that does not make it worse (removing a NIC from a server that was over its
 * power budget): an error that also fails on the build before the change, and that concerns no part
 * the change adds or removes, is reported as a warning.
 */
export function evaluateBuild(build: Build, rules: readonly CompatibilityRuleDefinition[] = COMPATIBILITY_RULE_TABLE, failing?: ReadonlySet<string>): Finding[] {
  const changed = build.parts.some((p) => p.state !== 'kept');
  const failingBefore = failing ?? (changed ? failingBeforeChange(build, rules) : new Set<string>());
  const byKey = new Map<string, Finding>();
  for (const { definition, hit } of hitsOf(build, rules)) {
    const items = [...new Set(hit.parts.flatMap((p) => (p.itemIndex === null ? [] : [p.itemIndex])))];
    let severity = hit.severity ?? definition.severity;
    const preexisting = severity === 'error' && items.length === 0 && failingBefore.has(definition.code);
    if (preexisting) severity = 'warning';
    const message = preexisting ? `${hit.message} (already so before this change)` : hit.message;
    const key = `${definition.code}\u0000${message}`;
    const existing = byKey.get(key);
    if (existing) {
      existing.parts = [...new Set([...existing.parts, ...hit.parts.map((p) => p.ref)])];
      existing.items = [...new Set([...existing.items, ...items])];
      continue;
    }
    byKey.set(key, { rule: definition.code, severity, scope: definition.scope, message, parts: hit.parts.map((p) => p.ref), items, preexisting });
  }
  return [...byKey.values()];
}

/**
 * Codes of the error rules the server breaks before the change. Pickers judge hundreds of candidates
 * against one server: they compute this once and pass it to evaluateBuild.
 */
export function failingBeforeChange(build: Build, rules: readonly CompatibilityRuleDefinition[] = COMPATIBILITY_RULE_TABLE): Set<string> {
  return new Set(hitsOf(before(build), rules).filter(({ definition, hit }) => (hit.severity ?? definition.severity) === 'error').map(({ definition }) => definition.code));
}

