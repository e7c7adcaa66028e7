import type { StageTime } from '@bdc/contracts';

/**
 * The q-quantile of sorted values by linear interpolation between the closest ranks (the default of
 * R, NumPy and spreadsheets), so that the median of an even count is the mean of the two middle values.
 */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  return a + (b - a) * (position - lower);
}

/** Median and p90 of stage durations in seconds; negative durations (clock skew, imported data) are left out. */
export function stageTime(durationsSeconds: readonly number[]): StageTime {
  const sorted = durationsSeconds.filter((d) => Number.isFinite(d) && d >= 0).sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v));
  return { count: sorted.length, medianSeconds: round(quantile(sorted, 0.5)), p90Seconds: round(quantile(sorted, 0.9)) };
}

/** Every UTC day from `from` up to (not including) `to`, as YYYY-MM-DD. */
export function daysOf(from: Date, to: Date): string[] {
  const days: string[] = [];
  const cursor = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  while (cursor < to) {
    days.push(cursor.toISOString().slice(0, 10));
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return days;
}

/** A share, or null when there is nothing to divide (no decisions: no rate, rather than 0 %). */
export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
