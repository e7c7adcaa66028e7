/**
 * Tolerant readers over catalog `specifications`: catalogs are imported data, so a key may be missing,
 * a number may arrive as a string ("16") and text may differ in case or spacing.
 */
export type Specs = Readonly<Record<string, unknown>>;

export function specNumber(specs: Specs, key: string): number | null {
  const value = specs[key];
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value.trim());
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

export function normaliseText(value: string): string {
  return value.trim().toLowerCase();
}

/** Lower-cased, trimmed text, or null when absent or empty. */
export function specText(specs: Specs, key: string): string | null {
  const value = specs[key];
  if (typeof value !== 'string') return null;
  const text = normaliseText(value);
  return text === '' ? null : text;
}

export function specTextList(specs: Specs, key: string): string[] {
  const value = specs[key];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').map(normaliseText).filter(Boolean);
  const single = specText(specs, key);
  return single ? [single] : [];
}

/** The raw value for messages ("LGA4677" rather than "lga4677"). */
export function specDisplay(specs: Specs, key: string): string {
  const value = specs[key];
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim();
  if (Array.isArray(value)) return value.map(String).join('/');
  return 'unknown';
}

export type DriveFormFactor = '2.5' | '3.5' | 'm.2' | 'u.2';

/** `2.5"`, `2.5in`, `2.5 inch`, `SFF` → `2.5`; `M2`/`M.2` → `m.2`; anything else → null. */
export function normaliseDriveFormFactor(value: unknown): DriveFormFactor | null {
  if (typeof value !== 'string') return null;
  const text = normaliseText(value).replace(/["”]|inches|inch|in$/g, '').trim();
  if (text === '2.5' || text === 'sff') return '2.5';
  if (text === '3.5' || text === 'lff') return '3.5';
  if (text === 'm.2' || text === 'm2') return 'm.2';
  if (text === 'u.2' || text === 'u2') return 'u.2';
  return null;
}

/** Which caddy/bay size a drive occupies: U.2 drives are 2.5" and sit in 2.5" bays. */
export function baySizeOf(formFactor: DriveFormFactor): '2.5' | '3.5' | null {
  if (formFactor === '2.5' || formFactor === 'u.2') return '2.5';
  if (formFactor === '3.5') return '3.5';
  return null;
}

/** true/false, also from "yes"/"no"/"true"/"false"/1/0 as imported catalogs write them; null when unknown. */
export function specBoolean(specs: Specs, key: string): boolean | null {
  const value = specs[key];
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  if (typeof value === 'string') {
    const text = normaliseText(value);
    if (['true', 'yes', 'y', '1'].includes(text)) return true;
    if (['false', 'no', 'n', '0'].includes(text)) return false;
  }
  return null;
}

export interface PcieSlotGroup {
  size: string;
  lanes: number;
  generation: number | null;
  count: number;
  riser: boolean;
}

/** "x16" → 16; 16 → 16; null when unreadable. */
export function laneWidth(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : null;
  if (typeof value === 'string') {
    const match = /^\s*x?\s*(\d+)\s*$/i.exec(value);
    return match ? Number(match[1]) : null;
  }
  return null;
}

/**
 * The board's PCIe slots as groups. Old data (the demo catalog) has a plain count: that reads as that
 * many x16 slots of unknown generation, which is the most permissive reading of "N slots".
 */
export function pcieSlotGroups(specs: Specs): PcieSlotGroup[] {
  const value = specs['pcie_slots'];
  const count = specNumber(specs, 'pcie_slots');
  if (count !== null) return count > 0 ? [{ size: 'x16', lanes: 16, generation: null, count, riser: false }] : [];
  if (!Array.isArray(value)) return [];
  const groups: PcieSlotGroup[] = [];
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null) continue;
    const slot = entry as Specs;
    const lanes = laneWidth(slot['lanes']) ?? laneWidth(slot['size']) ?? 16;
    const size = laneWidth(slot['size']) ?? lanes;
    groups.push({
      size: `x${size}`,
      lanes,
      generation: specNumber(slot, 'generation'),
      count: specNumber(slot, 'count') ?? 1,
      riser: specBoolean(slot, 'riser') === true,
    });
  }
  return groups;
}

/** A spec key read as a number, else the first number in a string with units ("8W", "25 Gbps"). */
export function specLooseNumber(specs: Specs, key: string): number | null {
  const exact = specNumber(specs, key);
  if (exact !== null) return exact;
  const value = specs[key];
  if (typeof value !== 'string') return null;
  const match = /-?\d+(?:\.\d+)?/.exec(value);
  return match ? Number(match[0]) : null;
}
