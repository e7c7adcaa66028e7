import { ITEM_CHANGE_FIELDS, type ItemsChange, type TicketItemInput } from '@bdc/contracts';

/** Absent and null are the same for every optional item field. */
function normalised(value: unknown): unknown {
  return value === undefined ? null : value;
}

function same(a: unknown, b: unknown): boolean {
  const x = normalised(a);
  const y = normalised(b);
  if (x === y) return true;
  // specifications: compare as JSON with sorted keys (the key order a client sends means nothing).
  return typeof x === 'object' && typeof y === 'object' && canonical(x) === canonical(y);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The item without its empty fields: what a history reader needs to recognise it. */
function compact(item: TicketItemInput): TicketItemInput {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== null && v !== undefined)) as unknown as TicketItemInput;
}

/**
 * Position by position: items at the same index are compared field by field, the tail of the
 * longer list is added or removed. Null when the lists are the same (nothing to record).
 */
export function diffItems(before: readonly TicketItemInput[], after: readonly TicketItemInput[]): ItemsChange | null {
  const change: ItemsChange = { added: [], removed: [], changed: [] };
  const common = Math.min(before.length, after.length);
  for (let index = 0; index < common; index++) {
    const [old, next] = [before[index], after[index]];
    if (!old || !next) continue;
    for (const field of ITEM_CHANGE_FIELDS) {
      if (!same(old[field], next[field])) change.changed.push({ index, field, from: normalised(old[field]), to: normalised(next[field]) });
    }
  }
  for (let index = common; index < after.length; index++) {
    const item = after[index];
    if (item) change.added.push({ index, item: compact(item) });
  }
  for (let index = common; index < before.length; index++) {
    const item = before[index];
    if (item) change.removed.push({ index, item: compact(item) });
  }
  return change.added.length + change.removed.length + change.changed.length === 0 ? null : change;
}

export function itemCountText(count: number): string {
  return `${count} item${count === 1 ? '' : 's'}`;
}
