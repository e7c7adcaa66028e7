import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format';

// format.ts stopped using dayjs to keep it out of the first load; it must still print what dayjs printed.
const SAMPLES = [
  '2026-12-01T10:00:00.000Z',
  '2026-12-01T23:59:59.999Z',
  '2026-01-01T00:30:00+05:30',
  '2026-03-29T01:30:00-02:00',
  '2026-12-01',
  '2026-12-01 08:05',
  '2026-12-01T08:05:09.123',
  '2026-02-30',
  '20261201',
  'not a date',
  '',
];

describe('formatDateTime and formatDate', () => {
  it.each(SAMPLES)('print %j as dayjs does', (value) => {
    const viaDayjs = (pattern: string) => (!value ? '—' : dayjs(value).isValid() ? dayjs(value).format(pattern) : value);
    expect(formatDateTime(value)).toBe(viaDayjs('YYYY-MM-DD HH:mm'));
    expect(formatDate(value)).toBe(viaDayjs('YYYY-MM-DD'));
  });

  it('reads a bare date as local midnight, not UTC', () => {
    expect(formatDate('2026-12-01')).toBe('2026-12-01');
    expect(formatDateTime('2026-12-01')).toBe('2026-12-01 00:00');
  });

  it('prints a dash for a missing value', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDate(undefined)).toBe('—');
  });
});
