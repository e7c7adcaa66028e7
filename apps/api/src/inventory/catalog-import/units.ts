/**
 * Tolerant readers for the values BDC IMS catalogs hold: numbers with their unit in the text ("8W",
 * "4800 MHz", "8TB"), memory types with a speed ("DDR5-4800"), sockets with spaces ("LGA 4189"),
 * PCIe interfaces ("PCIe 3.0 x8"), drive sizes ("3.5-inch", "3.5_inch"). Each returns null for what
 * it cannot read rather than guessing.
 */

export type Raw = Record<string, unknown>;

export const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first number in a value: 8 → 8, "8W" → 8, " 2.5 GHz" → 2.5, "N/A" → null. */
export function numberIn(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const match = /-?\d+(?:[.,]\d+)?/.exec(value.replace(/(\d),(\d{3})\b/g, '$1$2'));
  if (!match) return null;
  const parsed = Number(match[0].replace(',', '.'));
  return Number.isFinite(parsed) ? parsed : null;
}

export function integerIn(value: unknown): number | null {
  const n = numberIn(value);
  return n !== null && Number.isInteger(n) ? n : null;
}

/**
 * A capacity in GB: a number (in `unitOfNumber`) or "8TB", "512 GB". Memory is counted in binary
 * units (8 TB of RAM is 8192 GB), drives in decimal ones, as their vendors do.
 */
export function gigabytesIn(value: unknown, unitOfNumber: 'GB' | 'TB' = 'GB', base: 1000 | 1024 = 1000): number | null {
  const n = numberIn(value);
  if (n === null) return null;
  const unit = typeof value === 'string' ? (/([KMGTP])i?B/i.exec(value)?.[1]?.toUpperCase() ?? unitOfNumber[0]) : unitOfNumber[0];
  const factor: Record<string, number> = { K: 1 / (base * base), M: 1 / base, G: 1, T: base, P: base * base };
  return n * (factor[unit ?? 'G'] ?? 1);
}

/** A link speed in Gbps: "10GbE" → 10, "100Mbps" → 0.1, "25G" → 25, 40 → 40. */
export function gbpsIn(value: unknown): number | null {
  const n = numberIn(value);
  if (n === null) return null;
  if (typeof value === 'string' && /\d\s*M(b|bps|bit)/i.test(value)) return n / 1000;
  if (typeof value === 'string' && /\d\s*T(b|bps|bit)/i.test(value)) return n * 1000;
  return n;
}

/** The fastest of several speeds ("speeds": ["1GbE", "100Mbps"]). */
export function fastestGbps(values: unknown): number | null {
  const list = Array.isArray(values) ? values : [values];
  const speeds = list.map(gbpsIn).filter((n): n is number => n !== null);
  return speeds.length > 0 ? Math.max(...speeds) : null;
}

/** "DDR5-4800", "DDR5 RDIMM", "ddr4" → { type: "DDR5", speed: 4800 | null }. */
export function memoryTypeIn(value: unknown): { type: string; speed: number | null } | null {
  if (typeof value !== 'string') return null;
  const match = /\b(L?P?DDR\d)(?:[-\s]?(\d{3,5}))?/i.exec(value);
  if (!match?.[1]) return null;
  return { type: match[1].toUpperCase(), speed: match[2] ? Number(match[2]) : null };
}

/** "LGA 4189" → "LGA4189", "Socket SP5" → "SP5"; null when nothing socket-like is there. */
export function socketIn(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim().replace(/^socket\s+/i, '').replace(/\s+/g, '').toUpperCase();
  return /^[A-Z0-9][A-Z0-9-]*$/.test(text) && /\d/.test(text) ? text : null;
}

/** "PCIe 3.0 x8", "PCIe 5.0 x16 Riser", "PCIe 2.1 x4" → generation and lanes (either may be unknown). */
export function pcieIn(value: unknown): { generation: number | null; lanes: number | null } | null {
  if (typeof value !== 'string' || !/pci/i.test(value)) return null;
  const generation = /pci-?e?\s*(?:gen\s*)?(\d)(?:\.\d)?/i.exec(value)?.[1];
  const lanes = /\bx\s?(1|2|4|8|16|32)\b/i.exec(value)?.[1];
  return { generation: generation ? Number(generation) : null, lanes: lanes ? Number(lanes) : null };
}

/** The physical slot a card of this many lanes needs. */
export function slotSizeFor(lanes: number | null): 'x16' | 'x8' | 'x4' | 'x1' | null {
  if (lanes === null) return null;
  if (lanes > 8) return 'x16';
  if (lanes > 4) return 'x8';
  if (lanes > 1) return 'x4';
  return 'x1';
}

/** "x8" / "PCIe x16 slot" / 8 → "x8". */
export function slotSizeIn(value: unknown): 'x16' | 'x8' | 'x4' | 'x1' | null {
  if (typeof value === 'number') return slotSizeFor(value);
  if (typeof value !== 'string') return null;
  const lanes = /\bx\s?(1|4|8|16)\b/i.exec(value)?.[1];
  return lanes ? slotSizeFor(Number(lanes)) : null;
}

/** Drive sizes: "3.5-inch", "3.5_inch", '2.5"', "SFF" → '2.5"' | '3.5"'. */
export function driveSizeIn(value: unknown): '2.5"' | '3.5"' | null {
  if (typeof value !== 'string') return null;
  const text = value.toLowerCase();
  if (/2\.5|\bsff\b/.test(text)) return '2.5"';
  if (/3\.5|\blff\b/.test(text)) return '3.5"';
  return null;
}

/** A yes/no in whatever spelling: true, "yes", "Y", "1" → true. */
export function booleanIn(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  if (['yes', 'y', 'true', '1', 'supported'].includes(text)) return true;
  if (['no', 'n', 'false', '0', 'none', 'unsupported'].includes(text)) return false;
  return null;
}

/** A non-empty trimmed string, or null. */
export function textIn(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' ? null : text;
}

/** `a.b.c` inside nested records, or undefined. */
export function at(record: Raw, path: string): unknown {
  let node: unknown = record;
  for (const key of path.split('.')) {
    if (!isRecord(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** The first of several paths that holds something (not undefined, null or ""). */
export function first(record: Raw, ...paths: string[]): unknown {
  for (const path of paths) {
    const value = at(record, path);
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}
