import { describe, expect, it } from 'vitest';
import { daysOf, quantile, rate, stageTime } from './stage-times';

describe('stage times', () => {
  it('interpolates quantiles between ranks', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10], 0.9)).toBe(10);
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9)).toBe(90);
  });

  it('summarises durations, leaving out negative ones', () => {
    expect(stageTime([3600, 7200, -5, 10_800])).toEqual({ count: 3, medianSeconds: 7200, p90Seconds: 10_080 });
    expect(stageTime([])).toEqual({ count: 0, medianSeconds: null, p90Seconds: null });
  });

  it('lists every UTC day of a period, the end excluded', () => {
    expect(daysOf(new Date('2026-03-30T10:00:00Z'), new Date('2026-04-02T00:00:00Z'))).toEqual(['2026-03-30', '2026-03-31', '2026-04-01']);
  });

  it('has no rate without a whole', () => {
    expect(rate(1, 4)).toBe(0.25);
    expect(rate(0, 0)).toBeNull();
  });
});
