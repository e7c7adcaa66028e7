import type { ComponentType } from './enums';

/**
 * The typed specifications of catalog models, per component type: the canonical keys both the
 * compatibility rules and the SPA read from `component_catalog.specifications`. Units are in the key
 * name (GB, MT/s, W, Gbps, GHz). The vendor's own fields sit beside these keys under their own names.
 * Optional keys may be absent: unknown, not zero.
 */
export interface CpuSpec {
  socket: string; // "LGA4677", "SP5" (no spaces)
  cores: number;
  threads?: number;
  base_clock_GHz?: number;
  boost_clock_GHz?: number;
  tdp_W: number;
  memory_types: string[]; // ["DDR5"]
  memory_channels?: number;
  max_memory_speed_MTs?: number;
  pcie_lanes?: number;
  pcie_generation?: number;
}

export interface PcieSlotGroup {
  size: PcieSlotSize;
  lanes: number;
  /** null: unknown (old data stored a bare slot count). */
  generation: number | null;
  count: number;
  riser?: boolean;
}

export interface OnboardNic {
  ports: number;
  speed_Gbps: number;
  port_type: string;
}

export interface MotherboardSpec {
  socket: string;
  cpu_sockets: number;
  form_factor: string; // "EATX", "ATX", "Proprietary"
  memory_type: string; // "DDR5"
  memory_form_factors?: string[]; // ["RDIMM", "LRDIMM"]
  memory_slots: number;
  memory_channels?: number; // per socket
  max_memory_GB?: number;
  max_memory_speed_MTs?: number;
  ecc?: boolean;
  pcie_slots?: PcieSlotGroup[];
  riser_slots?: number;
  m2_slots?: number;
  sata_ports?: number;
  sas_ports?: number;
  onboard_nics?: OnboardNic[];
  /** Lanes available to add-in cards; derived from pcie_slots when absent. */
  pcie_lanes?: number;
}

export interface RamSpec {
  memory_type: string;
  module_type: RamModuleType;
  capacity_GB: number;
  speed_MTs: number;
  ecc?: boolean;
  registered?: boolean;
  power_W?: number;
}

export interface StorageSpec {
  interface: StorageInterface;
  form_factor: StorageFormFactor;
  capacity_GB: number;
  power_W?: number;
}

export interface NicSpec {
  kind: NicKind;
  slot_size?: PcieSlotSize;
  pcie_lanes?: number;
  pcie_generation?: number;
  ports?: number;
  port_type: string; // "RJ45", "SFP+", "SFP28", "QSFP28"; for an sfp module: the port kind it needs
  speed_Gbps: number;
  protocol?: string; // "Ethernet", "InfiniBand"
  power_W?: number;
}

export interface PcieCardSpec {
  slot_size: PcieSlotSize;
  pcie_lanes?: number;
  pcie_generation?: number;
  power_W?: number;
  m2_slots?: number;
  requires_riser?: boolean;
  ports?: number;
  port_types?: string[];
}

export interface HbaCardSpec {
  slot_size?: PcieSlotSize;
  pcie_lanes?: number;
  pcie_generation?: number;
  protocol: HbaProtocol;
  internal_ports?: number;
  external_ports?: number;
  power_W?: number;
}

export interface ChassisBayGroup {
  size: DriveBaySize;
  type: ChassisBayType;
  count: number;
}

export interface ChassisSpec {
  form_factor: ChassisFormFactor;
  bays?: ChassisBayGroup[];
  drive_bays: number;
  bay_form_factor?: DriveBaySize;
  backplane?: string[]; // ["SAS", "SATA"], ["NVMe"]
  psu_watts?: number;
  psu_count?: number;
  psu_redundant?: boolean;
  motherboard_form_factors?: string[];
  riser_slots?: number;
}

export interface CaddySpec {
  form_factor: DriveBaySize;
  bay_type?: CaddyBayType;
}

export interface SpecsByType {
  cpu: CpuSpec;
  motherboard: MotherboardSpec;
  ram: RamSpec;
  storage: StorageSpec;
  nic: NicSpec;
  pciecard: PcieCardSpec;
  hbacard: HbaCardSpec;
  chassis: ChassisSpec;
  caddy: CaddySpec;
}

// ---- closed value lists -------------------------------------------------------------------------

export const PCIE_SLOT_SIZES = ['x16', 'x8', 'x4', 'x1'] as const;
export type PcieSlotSize = (typeof PCIE_SLOT_SIZES)[number];
export const RAM_MODULE_TYPES = ['RDIMM', 'LRDIMM', 'UDIMM', 'SODIMM'] as const;
export type RamModuleType = (typeof RAM_MODULE_TYPES)[number];
export const MEMORY_TYPES = ['DDR3', 'DDR4', 'DDR5'] as const;
export const STORAGE_INTERFACES = ['SATA', 'SAS', 'NVMe'] as const;
export type StorageInterface = (typeof STORAGE_INTERFACES)[number];
export const STORAGE_FORM_FACTORS = ['2.5"', '3.5"', 'M.2', 'U.2'] as const;
export type StorageFormFactor = (typeof STORAGE_FORM_FACTORS)[number];
export const DRIVE_BAY_SIZES = ['2.5"', '3.5"'] as const;
export type DriveBaySize = (typeof DRIVE_BAY_SIZES)[number];
export const NIC_KINDS = ['card', 'sfp'] as const;
export type NicKind = (typeof NIC_KINDS)[number];
export const HBA_PROTOCOLS = ['SAS', 'SATA', 'NVMe', 'tri-mode'] as const;
export type HbaProtocol = (typeof HBA_PROTOCOLS)[number];
export const CHASSIS_FORM_FACTORS = ['1U', '2U', '3U', '4U', 'Tower'] as const;
export type ChassisFormFactor = (typeof CHASSIS_FORM_FACTORS)[number];
export const CHASSIS_BAY_TYPES = ['SATA', 'SAS', 'NVMe', 'SAS/SATA', 'tri-mode'] as const;
export type ChassisBayType = (typeof CHASSIS_BAY_TYPES)[number];
export const CADDY_BAY_TYPES = ['SATA', 'SAS', 'NVMe', 'universal'] as const;
export type CaddyBayType = (typeof CADDY_BAY_TYPES)[number];
export const BACKPLANE_PROTOCOLS = ['SAS', 'SATA', 'NVMe'] as const;

// ---- the schema table ---------------------------------------------------------------------------

export type SpecValueKind = 'string' | 'number' | 'integer' | 'boolean' | 'string[]' | 'object[]';

/** How one spec key is checked on write and shown in the SPA's spec sheet and form. */
export interface SpecKeySchema {
  kind: SpecValueKind;
  required: boolean;
  label: string;
  unit?: string;
  /** Closed list (compared case-insensitively, stored as written here). */
  values?: readonly string[];
  /** Open text with this shape (checked after trimming), e.g. a socket without spaces. */
  pattern?: RegExp;
  min?: number;
  max?: number;
  /** object[]: the fields of each element. */
  fields?: Readonly<Record<string, SpecKeySchema>>;
}

/** One entry per key of the interface, no more and no less: the compiler keeps table and types together. */
export type SpecSchemaFor<T> = { readonly [K in keyof Required<T>]: SpecKeySchema };

const req = (kind: SpecValueKind, label: string, extra: Partial<SpecKeySchema> = {}): SpecKeySchema => ({ kind, required: true, label, ...extra });
const opt = (kind: SpecValueKind, label: string, extra: Partial<SpecKeySchema> = {}): SpecKeySchema => ({ kind, required: false, label, ...extra });

const SOCKET = /^[A-Z0-9][A-Z0-9-]*$/i;
const COUNT = { min: 0, max: 10_000 };
const POSITIVE = { min: 0, max: 1_000_000_000 };
const GENERATION = { min: 1, max: 10 };

const PCIE_SLOT_FIELDS: Record<keyof Required<PcieSlotGroup>, SpecKeySchema> = {
  size: req('string', 'Slot size', { values: PCIE_SLOT_SIZES }),
  lanes: req('integer', 'Lanes', { min: 1, max: 32 }),
  generation: opt('integer', 'PCIe generation', GENERATION),
  count: req('integer', 'Count', { min: 1, max: 64 }),
  riser: opt('boolean', 'Through a riser'),
};

export const SPEC_SCHEMAS: { readonly [T in ComponentType]: SpecSchemaFor<SpecsByType[T]> } = {
  cpu: {
    socket: req('string', 'Socket', { pattern: SOCKET }),
    cores: req('integer', 'Cores', { min: 1, max: 1024 }),
    threads: opt('integer', 'Threads', { min: 1, max: 2048 }),
    base_clock_GHz: opt('number', 'Base clock', { unit: 'GHz', min: 0, max: 20 }),
    boost_clock_GHz: opt('number', 'Boost clock', { unit: 'GHz', min: 0, max: 20 }),
    tdp_W: req('number', 'TDP', { unit: 'W', min: 0, max: 5_000 }),
    memory_types: req('string[]', 'Memory types', { values: MEMORY_TYPES }),
    memory_channels: opt('integer', 'Memory channels', { min: 1, max: 64 }),
    max_memory_speed_MTs: opt('integer', 'Max memory speed', { unit: 'MT/s', min: 1, max: 100_000 }),
    pcie_lanes: opt('integer', 'PCIe lanes', { min: 0, max: 1_024 }),
    pcie_generation: opt('integer', 'PCIe generation', GENERATION),
  },
  motherboard: {
    socket: req('string', 'Socket', { pattern: SOCKET }),
    cpu_sockets: req('integer', 'CPU sockets', { min: 1, max: 16 }),
    form_factor: req('string', 'Form factor'),
    memory_type: req('string', 'Memory type', { values: MEMORY_TYPES }),
    memory_form_factors: opt('string[]', 'DIMM types', { values: RAM_MODULE_TYPES }),
    memory_slots: req('integer', 'Memory slots', { min: 0, max: 256 }),
    memory_channels: opt('integer', 'Memory channels per socket', { min: 1, max: 64 }),
    max_memory_GB: opt('number', 'Max memory', { unit: 'GB', ...POSITIVE }),
    max_memory_speed_MTs: opt('integer', 'Max memory speed', { unit: 'MT/s', min: 1, max: 100_000 }),
    ecc: opt('boolean', 'ECC'),
    pcie_slots: opt('object[]', 'PCIe slots', { fields: PCIE_SLOT_FIELDS }),
    riser_slots: opt('integer', 'Riser slots', COUNT),
    m2_slots: opt('integer', 'M.2 slots', COUNT),
    sata_ports: opt('integer', 'SATA ports', COUNT),
    sas_ports: opt('integer', 'SAS ports', COUNT),
    onboard_nics: opt('object[]', 'Onboard NICs', {
      fields: {
        ports: req('integer', 'Ports', { min: 1, max: 64 }),
        speed_Gbps: req('number', 'Speed', { unit: 'Gbps', min: 0, max: 10_000 }),
        port_type: req('string', 'Port type'),
      },
    }),
    pcie_lanes: opt('integer', 'PCIe lanes for cards', { min: 0, max: 1_024 }),
  },
  ram: {
    memory_type: req('string', 'Memory type', { values: MEMORY_TYPES }),
    module_type: req('string', 'Module type', { values: RAM_MODULE_TYPES }),
    capacity_GB: req('number', 'Capacity', { unit: 'GB', min: 0, max: 100_000 }),
    speed_MTs: req('integer', 'Speed', { unit: 'MT/s', min: 1, max: 100_000 }),
    ecc: opt('boolean', 'ECC'),
    registered: opt('boolean', 'Registered'),
    power_W: opt('number', 'Power', { unit: 'W', min: 0, max: 1_000 }),
  },
  storage: {
    interface: req('string', 'Interface', { values: STORAGE_INTERFACES }),
    form_factor: req('string', 'Form factor', { values: STORAGE_FORM_FACTORS }),
    capacity_GB: req('number', 'Capacity', { unit: 'GB', ...POSITIVE }),
    power_W: opt('number', 'Power', { unit: 'W', min: 0, max: 1_000 }),
  },
  nic: {
    kind: req('string', 'Kind', { values: NIC_KINDS }),
    slot_size: opt('string', 'Slot size', { values: PCIE_SLOT_SIZES }),
    pcie_lanes: opt('integer', 'PCIe lanes', { min: 0, max: 32 }),
    pcie_generation: opt('integer', 'PCIe generation', GENERATION),
    ports: opt('integer', 'Ports', { min: 0, max: 64 }),
    port_type: req('string', 'Port type'),
    speed_Gbps: req('number', 'Speed', { unit: 'Gbps', min: 0, max: 10_000 }),
    protocol: opt('string', 'Protocol'),
    power_W: opt('number', 'Power', { unit: 'W', min: 0, max: 1_000 }),
  },
  pciecard: {
    slot_size: req('string', 'Slot size', { values: PCIE_SLOT_SIZES }),
    pcie_lanes: opt('integer', 'PCIe lanes', { min: 0, max: 32 }),
    pcie_generation: opt('integer', 'PCIe generation', GENERATION),
    power_W: opt('number', 'Power', { unit: 'W', min: 0, max: 5_000 }),
    m2_slots: opt('integer', 'M.2 slots', COUNT),
    requires_riser: opt('boolean', 'Needs a riser'),
    ports: opt('integer', 'Ports', COUNT),
    port_types: opt('string[]', 'Port types'),
  },
  hbacard: {
    slot_size: opt('string', 'Slot size', { values: PCIE_SLOT_SIZES }),
    pcie_lanes: opt('integer', 'PCIe lanes', { min: 0, max: 32 }),
    pcie_generation: opt('integer', 'PCIe generation', GENERATION),
    protocol: req('string', 'Protocol', { values: HBA_PROTOCOLS }),
    internal_ports: opt('integer', 'Internal ports', COUNT),
    external_ports: opt('integer', 'External ports', COUNT),
    power_W: opt('number', 'Power', { unit: 'W', min: 0, max: 1_000 }),
  },
  chassis: {
    form_factor: req('string', 'Form factor', { values: CHASSIS_FORM_FACTORS }),
    bays: opt('object[]', 'Drive bays by size and type', {
      fields: {
        size: req('string', 'Size', { values: DRIVE_BAY_SIZES }),
        type: req('string', 'Type', { values: CHASSIS_BAY_TYPES }),
        count: req('integer', 'Count', { min: 1, max: 1_000 }),
      },
    }),
    drive_bays: req('integer', 'Drive bays', { min: 0, max: 1_000 }),
    bay_form_factor: opt('string', 'Predominant bay size', { values: DRIVE_BAY_SIZES }),
    backplane: opt('string[]', 'Backplane', { values: BACKPLANE_PROTOCOLS }),
    psu_watts: opt('number', 'PSU wattage', { unit: 'W', min: 0, max: 100_000 }),
    psu_count: opt('integer', 'PSUs', { min: 0, max: 16 }),
    psu_redundant: opt('boolean', 'Redundant PSUs'),
    motherboard_form_factors: opt('string[]', 'Board form factors'),
    riser_slots: opt('integer', 'Riser slots', COUNT),
  },
  caddy: {
    form_factor: req('string', 'Drive size', { values: DRIVE_BAY_SIZES }),
    bay_type: opt('string', 'Bay type', { values: CADDY_BAY_TYPES }),
  },
};

// ---- validation (shared by the API on write and the SPA's form) ---------------------------------

export interface SpecIssue {
  /** `specifications.socket`, `specifications.pcie_slots.0.lanes` */
  field: string;
  reason: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function checkValue(schema: SpecKeySchema, value: unknown, field: string, issues: SpecIssue[]): unknown {
  const range = (n: number): boolean => {
    if (schema.min !== undefined && n < schema.min) {
      issues.push({ field, reason: `must be at least ${schema.min}` });
      return false;
    }
    if (schema.max !== undefined && n > schema.max) {
      issues.push({ field, reason: `must be at most ${schema.max}` });
      return false;
    }
    return true;
  };
  const text = (raw: unknown, at: string): string | undefined => {
    if (typeof raw !== 'string' || raw.trim() === '') {
      issues.push({ field: at, reason: 'must be a non-empty string' });
      return undefined;
    }
    const trimmed = raw.trim();
    if (schema.values) {
      const match = schema.values.find((v) => v.toLowerCase() === trimmed.toLowerCase());
      if (match === undefined) {
        issues.push({ field: at, reason: `must be one of ${schema.values.join(', ')}` });
        return undefined;
      }
      return match;
    }
    if (schema.pattern && !schema.pattern.test(trimmed)) {
      issues.push({ field: at, reason: 'must be letters, digits and dashes, without spaces' });
      return undefined;
    }
    return trimmed;
  };
  switch (schema.kind) {
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        issues.push({ field, reason: 'must be a number' });
        return undefined;
      }
      if (schema.kind === 'integer' && !Number.isInteger(value)) {
        issues.push({ field, reason: 'must be a whole number' });
        return undefined;
      }
      return range(value) ? value : undefined;
    case 'boolean':
      if (typeof value !== 'boolean') {
        issues.push({ field, reason: 'must be true or false' });
        return undefined;
      }
      return value;
    case 'string':
      return text(value, field);
    case 'string[]': {
      if (!Array.isArray(value)) {
        issues.push({ field, reason: 'must be a list of strings' });
        return undefined;
      }
      const out = value.map((v, i) => text(v, `${field}.${i}`));
      return out.every((v) => v !== undefined) ? out : undefined;
    }
    case 'object[]': {
      if (!Array.isArray(value)) {
        issues.push({ field, reason: 'must be a list of objects' });
        return undefined;
      }
      const fields = schema.fields ?? {};
      return value.map((element, i) => {
        const at = `${field}.${i}`;
        if (!isRecord(element)) {
          issues.push({ field: at, reason: 'must be an object' });
          return element;
        }
        return checkObject(fields, element, at, issues);
      });
    }
  }
}

function checkObject(schemas: Readonly<Record<string, SpecKeySchema>>, value: Record<string, unknown>, prefix: string, issues: SpecIssue[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  for (const [key, schema] of Object.entries(schemas)) {
    const field = `${prefix}.${key}`;
    const present = value[key];
    // null is "unknown" for an optional key, as absence is; a required key must have a value.
    if (present === undefined || present === null) {
      if (schema.required) issues.push({ field, reason: 'required' });
      continue;
    }
    const checked = checkValue(schema, present, field, issues);
    if (checked !== undefined) out[key] = checked;
  }
  return out;
}

/**
 * Checks the canonical keys of `type` in `specifications` and returns them normalised (closed values
 * in their canonical spelling, text trimmed); every other key is the vendor's and is kept as it came.
 */
export function checkSpecifications(type: ComponentType, specifications: Record<string, unknown>): { issues: SpecIssue[]; specifications: Record<string, unknown> } {
  const issues: SpecIssue[] = [];
  const normalised = checkObject(SPEC_SCHEMAS[type], specifications, 'specifications', issues);
  return { issues, specifications: normalised };
}

/** The canonical keys of a type, in table order (the spec sheet's order). */
export function specKeysOf(type: ComponentType): string[] {
  return Object.keys(SPEC_SCHEMAS[type]);
}
