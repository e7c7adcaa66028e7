import type { Readable } from 'node:stream';
import { COMPONENT_TYPES, LIMITS, STOCK_CSV_COLUMNS, hasControlCharacters, isOneOf, textLength } from '@bdc/contracts';
import { parse } from 'csv-parse/sync';
import { csvStream, FORMULA_START } from '../common/csv-stream';
import { DomainError } from '../common/domain-error';
import type { ComponentStockEntity } from './component-stock.entity';
import { dayOf, isStrictDay } from './stock.dto';

/**
 * The stock CSV (docs/decisions.md, "Stock CSV"). Export writes every column of STOCK_CSV_COLUMNS;
 * import reads `component_type`, `model_uuid`, `serial_number` (required) and `location`,
 * `purchase_date`, `warranty_end_date`, `flag`, `notes` (optional), and ignores the columns that
 * describe a unit's life rather than its receipt (`status`, `server_uuid`, `slot`, `model`), so an
 * export can be imported back. Imported units are received: status `available`, in no server.
 */

/** The inverse of `defuse`, on import: `'=X` was exported from `=X`. */
export function undefuse(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

export interface ParsedRow {
  line: number;
  componentType: string;
  uuid: string;
  serialNumber: string;
  location: string | null;
  purchaseDate: string | null;
  warrantyEndDate: string | null;
  flag: string | null;
  notes: string | null;
  errors: string[];
}

const REQUIRED = ['component_type', 'model_uuid', 'serial_number'] as const;

/** Parses the CSV text; 400 (naming `file`) when it is not CSV or lacks a required column, else one row per line with its own errors. */
export function parseStockCsv(text: string): ParsedRow[] {
  const refuse = (reason: string) => new DomainError('VALIDATION_FAILED', `Invalid file: ${reason}`, { fields: [{ field: 'file', reason }] });
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    throw refuse(`is not readable CSV (${error instanceof Error ? error.message.slice(0, 200) : 'parse error'})`);
  }
  const [header, ...body] = records;
  if (!header) throw refuse('is empty: the first line must name the columns');
  const columns = header.map((name) => name.trim().toLowerCase());
  const missing = REQUIRED.filter((name) => !columns.includes(name));
  if (missing.length > 0) throw refuse(`lacks the column(s) ${missing.join(', ')} (columns: ${STOCK_CSV_COLUMNS.join(', ')})`);
  if (body.length > LIMITS.importRowsMax) throw refuse(`has ${body.length} rows; at most ${LIMITS.importRowsMax} per import`);
  const at = (record: string[], name: string) => {
    const index = columns.indexOf(name);
    const value = index === -1 ? '' : (record[index] ?? '');
    return undefuse(value.trim());
  };
  return body.map((record, n) => {
    const errors: string[] = [];
    const text = (name: string, max: number, kind: 'single-line' | 'multi-line', required: boolean): string | null => {
      const value = at(record, name);
      if (value === '') {
        if (required) errors.push(`${name} is required`);
        return null;
      }
      if (textLength(value) > max) errors.push(`${name} is longer than ${max} characters`);
      if (hasControlCharacters(value, kind)) errors.push(`${name} contains control characters`);
      return value;
    };
    const day = (name: string): string | null => {
      const value = at(record, name);
      if (value === '') return null;
      if (!isStrictDay(value)) errors.push(`${name} must be a date YYYY-MM-DD`);
      return value;
    };
    const componentType = text('component_type', 20, 'single-line', true) ?? '';
    if (componentType && !isOneOf(COMPONENT_TYPES, componentType)) errors.push(`component_type must be one of ${COMPONENT_TYPES.join(', ')}`);
    return {
      line: n + 2,
      componentType,
      uuid: text('model_uuid', 50, 'single-line', true) ?? '',
      serialNumber: text('serial_number', LIMITS.unitSerialMax, 'single-line', true) ?? '',
      location: text('location', LIMITS.locationMax, 'single-line', false),
      purchaseDate: day('purchase_date'),
      warrantyEndDate: day('warranty_end_date'),
      flag: text('flag', LIMITS.flagMax, 'single-line', false),
      notes: text('notes', LIMITS.notesMax, 'multi-line', false),
      errors,
    };
  });
}

/** The export: a header, then one line per unit, streamed batch by batch. */
export function stockCsvStream(batches: AsyncIterable<ComponentStockEntity[]>, modelNames: (uuids: string[]) => Promise<Map<string, string>>): Readable {
  async function* rows(): AsyncGenerator<Record<(typeof STOCK_CSV_COLUMNS)[number], string | null>[]> {
    for await (const units of batches) {
      const names = await modelNames(units.map((u) => u.uuid));
      yield units.map((unit) => ({
        component_type: unit.componentType,
        model_uuid: unit.uuid,
        serial_number: unit.serialNumber,
        status: unit.status,
        location: unit.location,
        purchase_date: dayOf(unit.purchaseDate),
        warranty_end_date: dayOf(unit.warrantyEndDate),
        flag: unit.flag,
        notes: unit.notes,
        server_uuid: unit.serverUuid,
        slot: unit.slotPosition,
        model: names.get(unit.uuid) ?? null,
      }));
    }
  }
  return csvStream(STOCK_CSV_COLUMNS, rows());
}
