import { LIMITS, hasControlCharacters, hasLoneSurrogates, textLength } from '@bdc/contracts';
import { describe, expect, it } from 'vitest';
import { exceedsJsonDepth } from './json-body-parser';
import { specificationsProblem } from './specifications';
import { isoOrNull, parseStrictDateTime } from './strict-date-time';

describe('parseStrictDateTime', () => {
  it('accepts real calendar instants with a zone', () => {
    expect(parseStrictDateTime('2024-02-29T12:00:00Z')?.toISOString()).toBe('2024-02-29T12:00:00.000Z');
    expect(parseStrictDateTime('2026-02-03T10:00+01:00')?.toISOString()).toBe('2026-02-03T09:00:00.000Z');
    expect(parseStrictDateTime('2026-12-31T23:59:59.123456-12:00')?.toISOString()).toBe('2027-01-01T11:59:59.123Z');
  });

  it('refuses what Date would shift, guess or turn into Invalid Date', () => {
    for (const text of ['2026-02-30T10:00:00Z', '2100-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-W05', '2026-02-03', '2026-02-03T10:00:00', '2026-02-03T10:00:00.1234567Z', '9999-12-31T23:00:00-05:00', '1969-12-31T23:59:59Z']) {
      expect(parseStrictDateTime(text), text).toBeNull();
    }
  });

  it('formats an unreadable stored date as null instead of throwing', () => {
    expect(isoOrNull(new Date('0NaN-aN-aN'))).toBeNull();
    expect(isoOrNull(null)).toBeNull();
  });
});

describe('exceedsJsonDepth', () => {
  it('counts nesting outside strings only, without recursion', () => {
    expect(exceedsJsonDepth('[[[]]]', 3)).toBe(false);
    expect(exceedsJsonDepth('[[[[]]]]', 3)).toBe(true);
    expect(exceedsJsonDepth(JSON.stringify({ a: '[[[[[[', b: '\\"[[[[' }), 1)).toBe(false);
    expect(exceedsJsonDepth('['.repeat(1_000_000), LIMITS.jsonDepthMax)).toBe(true);
  });
});

describe('specificationsProblem', () => {
  it('accepts scalars and one level of objects of scalars', () => {
    expect(specificationsProblem({ setting: 'bios', a: 1, b: true, c: null, d: { e: 'f' } })).toBeNull();
  });
  it('names the limit it refuses', () => {
    expect(specificationsProblem({ a: { b: { c: 1 } } })).toContain(String(LIMITS.specificationsDepthMax));
    expect(specificationsProblem(Object.fromEntries(Array.from({ length: LIMITS.specificationsKeysMax + 1 }, (_, i) => [`k${i}`, i])))).toContain(String(LIMITS.specificationsKeysMax));
    expect(specificationsProblem({ n: Number.NaN })).toMatch(/must be a string/);
    expect(specificationsProblem([1])).toBe('must be an object');
  });
});

describe('text rules (contracts)', () => {
  it('counts code points, as utf8mb4 columns do', () => {
    expect(textLength('😀')).toBe(1);
    expect(textLength('❤️')).toBe(2);
  });
  it('keeps \\n \\r \\t only in multi-line texts', () => {
    expect(hasControlCharacters('a\nb\tc\r', 'multi-line')).toBe(false);
    expect(hasControlCharacters('a\tb', 'single-line')).toBe(true);
    expect(hasControlCharacters('a\u0000', 'multi-line')).toBe(true);
    expect(hasControlCharacters('a\u009b', 'multi-line')).toBe(true);
  });
  it('finds unpaired surrogates, not the pairs that make up an emoji', () => {
    expect(hasLoneSurrogates('😀 ❤️ ok')).toBe(false);
    expect(hasLoneSurrogates('x\ud800y')).toBe(true);
    expect(hasLoneSurrogates('x\udc00')).toBe(true);
    expect(hasLoneSurrogates('\ud83d')).toBe(true);
  });
});
