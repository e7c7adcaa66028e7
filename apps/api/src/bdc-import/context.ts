import type { EntityManager } from 'typeorm';
import { stableJson } from '../common/stable-json';
import { ImportIdMapEntity } from './import-id-map.entity';
import { newTableReport, type ImportReport, type RowOutcome, type TableReport } from './report';
import type { SourceRow } from './source';

/** Progress of the write phase, one table at a time (the CLI draws a bar per table from it). */
export interface ProgressListener {
  start(table: string, total: number): void;
  tick(table: string): void;
  stop(table: string): void;
}

/**
 * The state one import run shares between its steps. The steps are this batch job's repository
 * layer: they read and write through the transaction's EntityManager and nothing else.
 */
export class ImportContext {
  constructor(
    readonly manager: EntityManager,
    readonly ids: IdMap,
    readonly report: ImportReport,
    private readonly progress: ProgressListener | undefined,
    private readonly afterTable: ((table: string) => void | Promise<void>) | undefined,
  ) {}

  /** Runs `each` over `rows` as table `name`, with its report, progress and the after-table hook. */
  async table(name: string, rows: SourceRow[] | null, each: (row: SourceRow, report: TableReport) => Promise<void>): Promise<TableReport> {
    const report = newTableReport(name);
    this.report.tables.push(report);
    if (rows === null) {
      report.absent = true;
      return report;
    }
    report.read = rows.length;
    this.progress?.start(name, rows.length);
    try {
      for (const row of rows) {
        await each(row, report);
        this.progress?.tick(name);
      }
    } finally {
      this.progress?.stop(name);
    }
    await this.afterTable?.(name);
    return report;
  }
}

/** import_id_map rows of one source database, loaded once and written through. */
export class IdMap {
  private constructor(
    private readonly manager: EntityManager,
    private readonly source: string,
    private readonly entries: Map<string, { id: number; targetId: number }>,
  ) {}

  static async load(manager: EntityManager, source: string): Promise<IdMap> {
    const rows = await manager.find(ImportIdMapEntity, { where: { source } });
    return new IdMap(manager, source, new Map(rows.map((r) => [`${r.sourceTable}\u0000${r.sourceId}`, { id: r.id, targetId: r.targetId }])));
  }

  get(table: string, sourceId: unknown): number | undefined {
    return this.entries.get(`${table}\u0000${String(sourceId)}`)?.targetId;
  }

  /** Records (or corrects) where a source row went. */
  async set(table: string, sourceId: unknown, targetId: number): Promise<void> {
    const key = `${table}\u0000${String(sourceId)}`;
    const current = this.entries.get(key);
    if (current?.targetId === targetId) return;
    if (current) {
      await this.manager.update(ImportIdMapEntity, { id: current.id }, { targetId });
      this.entries.set(key, { id: current.id, targetId });
      return;
    }
    const result = await this.manager.insert(ImportIdMapEntity, { source: this.source, sourceTable: table, sourceId: String(sourceId), targetId });
    const id: unknown = result.identifiers[0]?.['id'];
    this.entries.set(key, { id: typeof id === 'number' ? id : -1, targetId });
  }
}

/**
 * Writes `desired` as a new row or onto `current`, and says which of the two it was (or that
 * nothing differed). Only the keys of `desired` are compared and written.
 */
export async function upsert<T extends { id: number }>(
  manager: EntityManager,
  entity: new () => T,
  current: T | undefined,
  desired: Partial<T>,
  insertExtra: Partial<T> = {},
): Promise<{ id: number; outcome: RowOutcome }> {
  if (current) {
    const changed: Partial<T> = {};
    for (const key of Object.keys(desired) as (keyof T)[]) {
      if (!sameValue(current[key], desired[key])) changed[key] = desired[key];
    }
    if (Object.keys(changed).length === 0) return { id: current.id, outcome: 'unchanged' };
    // TypeORM's update() types its partial as a deep partial of the entity; ours is a plain Partial<T>.
    await manager.update(entity, { id: current.id } as never, changed as never);
    return { id: current.id, outcome: 'updated' };
  }
  const result = await manager.insert(entity, { ...insertExtra, ...desired } as never);
  const id: unknown = result.identifiers[0]?.['id'];
  if (typeof id !== 'number') throw new Error(`insert into ${entity.name} returned no id`);
  return { id, outcome: 'imported' };
}

/** Equality as the database sees it: dates by instant, JSON by content, booleans from 0/1. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    const ta = a instanceof Date ? a.getTime() : a === null || a === undefined ? null : new Date(String(a)).getTime();
    const tb = b instanceof Date ? b.getTime() : b === null || b === undefined ? null : new Date(String(b)).getTime();
    return ta === tb;
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') return Boolean(a) === Boolean(b) && (a === null) === (b === null);
  if ((a !== null && typeof a === 'object') || (b !== null && typeof b === 'object')) return stableJson(a) === stableJson(b);
  return (a ?? null) === (b ?? null);
}

/** A source row's column as text (or null), whatever the driver returned. */
export function col(row: SourceRow, name: string): string | null {
  const value = row[name];
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return String(value);
}

export function intCol(row: SourceRow, name: string): number | null {
  const value = row[name];
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isInteger(n) ? n : null;
}
