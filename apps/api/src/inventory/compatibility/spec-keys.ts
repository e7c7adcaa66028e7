/**
 * The canonical specification keys that compatibility rules read from `component_catalog.specifications`
 * are defined once in libs/contracts (catalog-specs.ts: one interface per component type and the
 * SPEC_SCHEMAS table that validation and the SPA use). The demo catalog and the BDC IMS importer fill
 * them; vendor fields sit beside them. Units are in the key names (GB, MT/s, W, Gbps, GHz).
 * Strings compare case-insensitively after trimming.
 */
export type {
  CaddySpec,
  ChassisBayGroup,
  ChassisSpec,
  CpuSpec,
  HbaCardSpec,
  MotherboardSpec,
  NicSpec,
  OnboardNic,
  PcieCardSpec,
  PcieSlotGroup,
  RamSpec,
  SpecsByType,
  StorageSpec,
} from '@bdc/contracts';
import type { NicSpec, PcieCardSpec, HbaCardSpec, PcieSlotGroup } from '@bdc/contracts';

/** What the rules of old read from any PCIe device (nic, pciecard, hbacard). */
export type PcieDeviceSpec = Partial<NicSpec & PcieCardSpec & HbaCardSpec>;

/**
 * A motherboard's PCIe slot groups. Older data stored a bare slot count (`pcie_slots: 6`): read as
 * `[{ size: 'x16', lanes: 16, generation: null, count: 6 }]`, as libs/contracts documents.
 */
export function pcieSlotGroups(specs: Readonly<Record<string, unknown>>): PcieSlotGroup[] {
  const value = specs['pcie_slots'];
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return [{ size: 'x16', lanes: 16, generation: null, count: value }];
  if (!Array.isArray(value)) return [];
  const groups: PcieSlotGroup[] = [];
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null) continue;
    const record = entry as Record<string, unknown>;
    const count = typeof record['count'] === 'number' ? record['count'] : 0;
    const lanes = typeof record['lanes'] === 'number' ? record['lanes'] : 16;
    const size = record['size'] === 'x8' || record['size'] === 'x4' || record['size'] === 'x1' ? record['size'] : 'x16';
    const generation = typeof record['generation'] === 'number' ? record['generation'] : null;
    if (count > 0) groups.push({ size, lanes, generation, count, ...(record['riser'] === true ? { riser: true } : {}) });
  }
  return groups;
}

/** Total PCIe slots of a board, or null when the catalog does not say. */
export function pcieSlotCount(specs: Readonly<Record<string, unknown>>): number | null {
  if (specs['pcie_slots'] === undefined || specs['pcie_slots'] === null) return null;
  return pcieSlotGroups(specs).reduce((sum, g) => sum + g.count, 0);
}
