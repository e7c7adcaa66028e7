import { LIMITS, SORT_FIELDS, type TicketSortField } from '@bdc/contracts';
import { fieldError } from '../common/domain-error';

/**
 * A keyset position in the ticket list: the sort it was made for, the last row's sort value as the
 * database holds it (a date column as its stored text, so no precision is lost on the way through
 * JavaScript), and the last row's id, the tie-break. Opaque to clients: base64url of a small JSON.
 */
export interface TicketCursor {
  sort: { field: TicketSortField; descending: boolean };
  value: string | number | null;
  id: number;
}

const DATE_FIELDS: readonly TicketSortField[] = ['createdAt', 'updatedAt', 'scheduledDate'];
/** The only sort column that can be NULL (tickets without a date). */
export const NULLABLE_SORT_FIELDS: readonly TicketSortField[] = ['scheduledDate'];
const STORED_DATE = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;

const sortKey = (sort: TicketCursor['sort']) => `${sort.descending ? '-' : ''}${sort.field}`;

export function encodeCursor(cursor: TicketCursor): string {
  return Buffer.from(JSON.stringify({ s: sortKey(cursor.sort), v: cursor.value, i: cursor.id })).toString('base64url');
}

/** The cursor, or a 400 on `cursor` when it is not one this API made for this sort. */
export function decodeCursor(token: string, sort: TicketCursor['sort']): TicketCursor {
  const bad = (reason: string) => fieldError('cursor', reason);
  if (token.length > LIMITS.cursorMax || !/^[A-Za-z0-9_-]+$/.test(token)) throw bad('must be a nextCursor of a previous reply');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw bad('must be a nextCursor of a previous reply');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw bad('must be a nextCursor of a previous reply');
  const { s, v, i } = parsed as Record<string, unknown>;
  if (typeof s !== 'string' || !SORT_FIELDS.includes(s.replace(/^-/, '') as TicketSortField)) throw bad('must be a nextCursor of a previous reply');
  if (s !== sortKey(sort)) throw bad(`was made for sort ${s}, not ${sortKey(sort)}: start again from page 1`);
  if (typeof i !== 'number' || !Number.isInteger(i) || i < 1 || i > LIMITS.idMax) throw bad('must be a nextCursor of a previous reply');
  if (!validValue(sort.field, v)) throw bad('must be a nextCursor of a previous reply');
  return { sort, value: v, id: i };
}

function validValue(field: TicketSortField, value: unknown): value is string | number | null {
  if (value === null) return NULLABLE_SORT_FIELDS.includes(field);
  if (field === 'priority') return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 3;
  if (typeof value !== 'string') return false;
  if (DATE_FIELDS.includes(field)) return STORED_DATE.test(value);
  return value.length <= LIMITS.titleMax;
}
