import { LIMITS } from '@bdc/contracts';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { fieldError } from './domain-error';

/**
 * `YYYY-MM-DDTHH:mm`, optional `:ss` and `.sss` (up to 6 digits), then `Z` or `±HH:mm`. No week or
 * ordinal dates, no dates without a time, no local times: a scheduled change needs an instant.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-](\d{2}):(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * The instant a strict ISO 8601 date-time names, or null when the text is not one or names a day
 * that does not exist (`Date` would shift Feb 30 to Mar 2 and turn `2026-W05` into Invalid Date).
 */
export function parseStrictDateTime(value: string): Date | null {
  const match = DATE_TIME.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, , zone, oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return null;
  if (zone !== 'Z' && (Number(oh) > 23 || Number(om) > 59)) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const utcYear = date.getUTCFullYear();
  if (utcYear < LIMITS.dateTimeYearMin || utcYear > LIMITS.dateTimeYearMax) return null;
  return date;
}

/**
 * For the write path: the DTO already admitted only strict date-times, and this refuses anything
 * else (400 naming the field) before a transaction opens, so an Invalid Date is never written and
 * nothing after the commit can fail on one.
 */
export function requireStrictDateTime(value: string, field: string): Date {
  const date = parseStrictDateTime(value);
  if (!date) {
    throw fieldError(field, 'must be an ISO 8601 date-time');
  }
  return date;
}

/** A Date that can be stored and formatted: refuses Invalid Date before it reaches the database. */
export function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** ISO text of a stored date, or null when it is absent or unreadable (a bad row must not break a read). */
/**
 * Datetime columns other than created/updated keep whole seconds on MariaDB (SQLite would keep the
 * milliseconds): values written, compared and answered are cut to the second so that every engine
 * shows what a later read returns.
 */
export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

export function isoOrNull(value: Date | null | undefined): string | null {
  return isValidDate(value) ? value.toISOString() : null;
}

/** Every date-time input: strict ISO 8601 with a zone, on a real calendar day. */
export function IsStrictDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStrictDateTime',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseStrictDateTime(value) !== null,
        defaultMessage: () =>
          `must be an ISO 8601 date-time on a real calendar day with Z or an offset, e.g. 2026-02-03T10:00:00Z (years ${LIMITS.dateTimeYearMin}–${LIMITS.dateTimeYearMax})`,
      },
    },
    options,
  );
}
