import type { ComponentType } from '@bdc/contracts';
import type { BaySize, Build, BuildPart } from './build';
import { evaluateBuild } from './engine';
import type { Specs } from './spec-reader';

/**
 * The one-component view of the engine (engine.ts): "may this part join that configuration?", for
 * callers that judge a single part (seed checks, direct edits). Ticket validation evaluates the
 * whole projected build instead (ticket-items/item-validation.ts).
 */

export type { BaySize } from './build';

export interface ConfiguredComponent {
  componentType: ComponentType;
  /** Catalog model UUID. */
  uuid: string;
  specs: Specs;
  name?: string;
}

export interface CompatibilityContext {
  /** Installed − removed + added, the checked component included. */
  projected: readonly ConfiguredComponent[];
  /** The server's own power budget; when null the chassis PSU rating applies. */
  powerBudgetWatts: number | null;
  /** Spare caddies in stock, per bay size. */
  availableCaddies: Readonly<Partial<Record<BaySize, number>>>;
}


export interface CompatibilityIssue {
  rule: string;
  severity: 'warning' | 'invalid';
  message: string;
}

export interface CompatibilityVerdict {
  /** False when the configuration lacks what the rules compare against (no motherboard, no chassis). */
  checked: boolean;
  issues: CompatibilityIssue[];
}

export function toBuild(ctx: CompatibilityContext, added: ConfiguredComponent | null): Build {
  const parts: BuildPart[] = ctx.projected.map((c, n) => ({
    ref: `part:${n}`,
    componentType: c.componentType,
    uuid: c.uuid,
    name: c.name ?? c.uuid,
    specs: c.specs,
    state: c === added ? 'added' : 'kept',
    itemIndex: c === added ? 0 : null,
    serialNumber: null,
    unitStatus: null,
    slot: null,
  }));
  return { parts, powerBudgetWatts: ctx.powerBudgetWatts, availableCaddies: ctx.availableCaddies, serverStatus: null };
}

/** Judges one component (already part of `ctx.projected`): the findings about it. */
export function checkCompatibility(component: ConfiguredComponent, ctx: CompatibilityContext): CompatibilityVerdict {
  const findings = evaluateBuild(toBuild(ctx, component)).filter((f) => f.items.includes(0) && f.rule !== 'bootable_minimum');
  return {
    checked: !findings.some((f) => f.rule === 'unchecked'),
    issues: findings.map((f) => ({ rule: f.rule, severity: f.severity === 'error' ? 'invalid' : 'warning', message: f.message })),
  };
}
