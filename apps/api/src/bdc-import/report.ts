import { textTable } from '../inventory/catalog-import/report-table';

/** What happened to the rows of one source table. */
export interface TableReport {
  /** The BDC IMS table (or `table → ours` when one table feeds another, e.g. links). */
  table: string;
  /** Rows read from the source table. */
  read: number;
  /** New rows written here. */
  imported: number;
  /** Rows that existed here and were changed to match the source. */
  updated: number;
  /** Rows that existed here and already matched (also: a source row merged onto one of ours). */
  unchanged: number;
  /** Rows not brought over, each with the reason. */
  skipped: SkippedRow[];
  /** Rows brought over with something left out or adjusted, each saying what. */
  warnings: SkippedRow[];
  /** Set when the table does not exist in the source database. */
  absent?: boolean;
}

export interface SkippedRow {
  /** The row as a person finds it in BDC IMS: `ID 12`, `username bob`, … */
  row: string;
  reason: string;
}

export interface ImportReport {
  /** Identifies the source database in import_id_map (its name). */
  source: string;
  dryRun: boolean;
  tables: TableReport[];
}

export type RowOutcome = 'imported' | 'updated' | 'unchanged';

export function newTableReport(table: string): TableReport {
  return { table, read: 0, imported: 0, updated: 0, unchanged: 0, skipped: [], warnings: [] };
}

export function count(report: TableReport, outcome: RowOutcome): void {
  report[outcome]++;
}

/** The final report the CLI prints: one line per table, then every skip and warning with its reason. */
export function formatReport(report: ImportReport): string {
  const lines: string[] = [];
  lines.push(`${report.dryRun ? 'Dry run (nothing written)' : 'Import'} from BDC IMS database "${report.source}"`);
  const header = ['table', 'read', 'imported', 'updated', 'unchanged', 'skipped'];
  const present = report.tables.filter((t) => !t.absent);
  lines.push(...textTable(header, present.map((t) => [t.table, ...[t.read, t.imported, t.updated, t.unchanged, t.skipped.length].map(String)])));
  const absent = report.tables.filter((t) => t.absent).map((t) => t.table);
  if (absent.length > 0) lines.push(`not in the source database: ${absent.join(', ')}`);
  for (const t of report.tables) {
    for (const s of t.skipped) lines.push(`skipped  ${t.table} ${s.row}: ${s.reason}`);
    for (const w of t.warnings) lines.push(`warning  ${t.table} ${w.row}: ${w.reason}`);
  }
  return lines.join('\n');
}
