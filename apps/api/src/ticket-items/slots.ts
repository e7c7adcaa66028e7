import type { ComponentType } from '@bdc/contracts';
import { normaliseDriveFormFactor, type Specs } from '../inventory/compatibility/spec-reader';

/**
 * Slot labels in the demo data's style ("CPU2", "DIMM B1", "Bay 3", "M.2 slot 1", "PCIe slot 2").
 * Units of one family share a label space (a NIC and an HBA cannot both sit in "PCIe slot 1");
 * drives and caddies each have their own, as a caddy sits in the bay its drive uses.
 */
export type SlotFamily = 'cpu' | 'ram' | 'storage' | 'caddy' | 'pcie';

export function slotFamily(type: ComponentType): SlotFamily | null {
  switch (type) {
    case 'cpu':
    case 'ram':
    case 'storage':
    case 'caddy':
      return type;
    case 'nic':
    case 'pciecard':
    case 'hbacard':
      return 'pcie';
    case 'motherboard':
    case 'chassis':
      return null;
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

function label(type: ComponentType, specs: Specs, n: number): string | null {
  switch (slotFamily(type)) {
    case 'cpu':
      return `CPU${n + 1}`;
    case 'ram':
      return `DIMM ${String.fromCharCode(65 + Math.floor(n / 2))}${(n % 2) + 1}`;
    case 'storage':
      return normaliseDriveFormFactor(specs['form_factor']) === 'm.2' ? `M.2 slot ${n + 1}` : `Bay ${n}`;
    case 'caddy':
      return `Bay ${n}`;
    case 'pcie':
      return `PCIe slot ${n + 1}`;
    default:
      return null;
  }
}

/** The first free label for a unit being installed, marked as used; null for parts without a slot. */
export function nextSlot(type: ComponentType, specs: Specs, used: Set<string>): string | null {
  for (let n = 0; n < 1000; n++) {
    const candidate = label(type, specs, n);
    if (candidate === null) return null;
    if (!used.has(candidate)) {
      used.add(candidate);
      return candidate;
    }
  }
  return null;
}
