import { describe, expect, it } from 'vitest';
import { ERROR_CODES, httpStatusForError } from './errors';
import { dayInTimeZone, formatTicketNumber, parseTicketNumber } from './ticket-number';

describe('ticket numbers', () => {
  it('formats TKT-YYYYMMDD-NNNN and parses it back', () => {
    expect(formatTicketNumber('20251115', 1)).toBe('TKT-20251115-0001');
    expect(formatTicketNumber('20251115', 12345)).toBe('TKT-20251115-12345');
    expect(parseTicketNumber('TKT-20251115-0042')).toEqual({ day: '20251115', sequence: 42 });
    expect(parseTicketNumber('TKT-2025111-0042')).toBeNull();
  });

  it('rejects a malformed day or sequence', () => {
    expect(() => formatTicketNumber('2025-11-15', 1)).toThrow();
    expect(() => formatTicketNumber('20251115', 0)).toThrow();
  });

  it('takes the day in the configured time zone', () => {
    const instant = new Date('2025-11-15T23:30:00Z');
    expect(dayInTimeZone(instant, 'UTC')).toBe('20251115');
    expect(dayInTimeZone(instant, 'Asia/Kolkata')).toBe('20251116');
    expect(dayInTimeZone(instant, 'America/New_York')).toBe('20251115');
  });

  it('turns the day at midnight to the millisecond, whatever it answered for the second before', () => {
    const lastMs = new Date('2025-11-15T23:59:59.999Z');
    expect(dayInTimeZone(new Date('2025-11-15T23:59:59.000Z'), 'UTC')).toBe('20251115');
    expect(dayInTimeZone(lastMs, 'UTC')).toBe('20251115');
    expect(dayInTimeZone(new Date('2025-11-16T00:00:00.000Z'), 'UTC')).toBe('20251116');
    // Back in time and in another zone: each answer is the instant's own.
    expect(dayInTimeZone(lastMs, 'UTC')).toBe('20251115');
    expect(dayInTimeZone(new Date('2025-11-15T18:29:59.999Z'), 'Asia/Kolkata')).toBe('20251115');
    expect(dayInTimeZone(new Date('2025-11-15T18:30:00.000Z'), 'Asia/Kolkata')).toBe('20251116');
    expect(() => dayInTimeZone(new Date(NaN), 'UTC')).toThrow(RangeError);
  });
});

describe('error codes', () => {
  it('map to the HTTP status a client expects', () => {
    expect(httpStatusForError('VALIDATION_FAILED')).toBe(400);
    expect(httpStatusForError('UNAUTHENTICATED')).toBe(401);
    expect(httpStatusForError('SELF_APPROVAL_FORBIDDEN')).toBe(403);
    expect(httpStatusForError('TICKET_NOT_FOUND')).toBe(404);
    expect(httpStatusForError('INVALID_TRANSITION')).toBe(409);
    expect(httpStatusForError('ITEMS_INVALID')).toBe(422);
    expect(httpStatusForError('TOO_MANY_ATTEMPTS')).toBe(429);
    expect(httpStatusForError('DATABASE_UNAVAILABLE')).toBe(503);
    for (const code of ERROR_CODES) expect(httpStatusForError(code)).toBeGreaterThanOrEqual(400);
  });
});
