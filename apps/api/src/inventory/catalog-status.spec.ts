import { describe, expect, it } from 'vitest';
import { isRetiredModel } from './catalog-status';

describe('isRetiredModel', () => {
  it('reads the retired mark whichever way the catalog stores it', () => {
    expect(isRetiredModel({ status: 'retired' })).toBe(true);
    expect(isRetiredModel({ retired: true })).toBe(true);
    expect(isRetiredModel({ retiredAt: new Date('2026-01-01T00:00:00Z') })).toBe(true);
  });

  it('treats a missing or active mark as active', () => {
    expect(isRetiredModel({})).toBe(false);
    expect(isRetiredModel({ status: 'active', retired: false, retiredAt: null })).toBe(false);
  });
});
