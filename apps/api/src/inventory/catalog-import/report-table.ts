import type { CatalogImportReport } from '@bdc/contracts';

/** The report as the CLI prints it: a table per type, totals, then every skip with its reason. */
export function formatImportReport(report: CatalogImportReport): string {
  const header = ['type', 'imported', 'updated', 'unchanged', 'skipped'];
  const rows = report.types.map((t) => [t.componentType, String(t.imported), String(t.updated), String(t.unchanged), String(t.skipped.length)]);
  const totals = ['total', String(report.totals.imported), String(report.totals.updated), String(report.totals.unchanged), String(report.totals.skipped)];
  const [head = '', rule = '', ...body] = textTable(header, [...rows, totals], { rule: true });
  const out = [report.dryRun ? 'Dry run: nothing was written.' : '', head, rule, ...body.slice(0, -1), rule, body[body.length - 1] ?? ''].filter((l) => l !== '');
  out.push('', `Files read: ${report.files.read}${report.files.withoutModels.length > 0 ? ` (without models: ${report.files.withoutModels.join(', ')})` : ''}`);
  for (const file of report.files.unreadable) out.push(`Unreadable: ${file.file}: ${file.reason}`);
  const skips = report.types.flatMap((t) => t.skipped.map((s) => `  ${t.componentType}  ${s.model ?? '(no name)'}  ${s.uuid ?? '(no UUID)'}  ${s.reason}  [${s.where}]`));
  if (skips.length > 0) out.push('Skipped:', ...skips);
  return out.join('\n');
}

/**
 * A plain-text table for the import CLIs: the first column left-aligned (names), the others
 * right-aligned (counts), each as wide as its widest cell; with `rule`, a line of dashes under the header.
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], options: { rule?: boolean } = {}): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const rule = options.rule ? [widths.map((w) => '-'.repeat(w)).join('  ')] : [];
  return [line(header), ...rule, ...rows.map(line)];
}
