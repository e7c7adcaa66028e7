import type { Build, BuildPart } from './build';

/** error blocks a ticket or a direct edit; warning informs. */
export type RuleSeverity = 'error' | 'warning';

/**
 * part: the finding is about particular parts (a CPU that does not fit the board), shown on the ticket
 * items that add or remove them. build: about the build as a whole (power, slot counts), shown once.
 */
export type RuleScope = 'part' | 'build';

export interface RuleHit {
  message: string;
  /** The parts the finding is about: it is shown on the items that add or remove them. */
  parts: readonly BuildPart[];
  /** For rules that emit both (a mixed CPU SKU is an error, a suffix variant a warning). */
  severity?: RuleSeverity;
}

export interface CompatibilityRuleDefinition {
  /** Stable: tickets, the SPA and docs/compatibility.md refer to rules by code. */
  code: string;
  /** The highest severity the rule emits. */
  severity: RuleSeverity;
  scope: RuleScope;
  /** A few words for the docs' table. */
  title: string;
  /** One line: what the rule checks, in a technician's words. */
  description: string;
  check(build: Build): RuleHit[];
}

export function rule(definition: CompatibilityRuleDefinition): CompatibilityRuleDefinition {
  return definition;
}
