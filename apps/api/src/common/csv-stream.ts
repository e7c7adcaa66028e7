import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

/** A cell a spreadsheet would run as a formula starts with one of these; export defuses it with a `'`. */
export const FORMULA_START = /^[=+\-@\t\r]/;

export function defuse(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * A CSV download streamed from batches of rows (each a record by column name): bounded memory
 * whatever the size, every cell defused against formula injection, and a failure half-way (the
 * database gone) ending the download with an error instead of a silently short file.
 */
export function csvStream<C extends string>(columns: readonly C[], batches: AsyncIterable<Record<C, string | number | null>[]>): Readable {
  const stringifier = stringify({ header: true, columns: [...columns] });
  async function* lines(): AsyncGenerator<Record<string, string>> {
    for await (const rows of batches) {
      for (const row of rows) yield Object.fromEntries(columns.map((c) => [c, defuse(row[c] === null ? '' : String(row[c]))]));
    }
  }
  const source = Readable.from(lines());
  source.on('error', (error) => stringifier.destroy(error));
  return source.pipe(stringifier);
}
