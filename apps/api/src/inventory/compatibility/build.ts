import type { ComponentType, StockStatus } from '@bdc/contracts';
import type { Specs } from './spec-reader';

/**
 * The projected build: every part the server has today and every part a change would add, each
 * marked kept, added or removed. Rules read it as "the server after the whole change" (kept + added)
 * and, for dependency-on-removal rules, look at what is taken out. Pure data: no database, no Nest.
 */
export type PartState = 'kept' | 'added' | 'removed';

export interface BuildPart {
  /** Stable within one evaluation: `unit:<id>` for installed units, `item:<index>:<n>` for added ones. */
  ref: string;
  componentType: ComponentType;
  /** Catalog model UUID. */
  uuid: string;
  /** Display name for messages ("Intel Xeon Gold 6430"). */
  name: string;
  specs: Specs;
  state: PartState;
  /** The ticket item (0-based) that adds or removes this part; null for kept parts. */
  itemIndex: number | null;
  serialNumber: string | null;
  /** A pinned unit's stock status (added parts), or the installed unit's. Null when no unit is known yet. */
  unitStatus: StockStatus | null;
  slot: string | null;
}

export type BaySize = '2.5' | '3.5';

export interface Build {
  parts: readonly BuildPart[];
  /** The server's own power budget; when null the chassis PSU rating applies. */
  powerBudgetWatts: number | null;
  /** Spare caddies in stock, per bay size. */
  availableCaddies: Readonly<Partial<Record<BaySize, number>>>;
  /** The server's status ("draft", "built", "deployed"…): removing the chassis of a running server is refused. */
  serverStatus: string | null;
}

/** Statuses in which a server counts as running. */
export const RUNNING_SERVER_STATUSES: readonly string[] = ['deployed'];

/** Kept and added parts: the server after the change. */
export function present(build: Build): BuildPart[] {
  return build.parts.filter((p) => p.state !== 'removed');
}

export function presentOf(build: Build, ...types: ComponentType[]): BuildPart[] {
  return build.parts.filter((p) => p.state !== 'removed' && types.includes(p.componentType));
}

export function removedOf(build: Build, ...types: ComponentType[]): BuildPart[] {
  return build.parts.filter((p) => p.state === 'removed' && types.includes(p.componentType));
}

/** Parts as they are before the change: kept and removed. */
export function before(build: Build): Build {
  return { ...build, parts: build.parts.filter((p) => p.state !== 'added').map((p) => ({ ...p, state: 'kept' as const, itemIndex: null })) };
}

export function firstOf(build: Build, type: ComponentType): BuildPart | null {
  return presentOf(build, type)[0] ?? null;
}

/** "2 × Samsung 64GB" style lists for messages. */
export function nameParts(parts: readonly BuildPart[]): string {
  const counts = new Map<string, number>();
  for (const p of parts) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
  return [...counts].map(([name, n]) => (n > 1 ? `${n} × ${name}` : name)).join(', ');
}

export const PCIE_CARD_TYPES: readonly ComponentType[] = ['nic', 'pciecard', 'hbacard'];
