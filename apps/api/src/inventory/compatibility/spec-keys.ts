/**
 * The normalised specification keys that compatibility rules read from `component_catalog.specifications`.
 * The demo catalog and any importer must fill these; vendor fields may sit beside them.
 * Units: GB, MT/s, W, Gbps. Strings compare case-insensitively after trimming.
 */
export interface CpuSpec {
  socket: string; // "LGA4677", "SP5"
  memory_types: string[]; // ["DDR5"]
  tdp_W: number;
  pcie_lanes: number;
  cores: number;
}
export interface MotherboardSpec {
  socket: string;
  cpu_sockets: number;
  memory_type: string; // "DDR5"
  memory_slots: number;
  max_memory_GB: number;
  pcie_slots: number;
  pcie_lanes: number; // lanes available to add-in cards
  m2_slots: number;
  form_factor: string; // "EATX", "Proprietary"
}
export interface RamSpec {
  memory_type: string;
  module_type: string; // "RDIMM"
  capacity_GB: number;
  speed_MTs: number;
  power_W: number;
}
export interface StorageSpec {
  interface: string; // "NVMe", "SATA", "SAS"
  form_factor: string; // "2.5\"", "3.5\"", "M.2", "U.2"
  capacity_GB: number;
  power_W: number;
}
export interface PcieDeviceSpec {
  pcie_lanes: number;
  power_W: number;
  ports?: number;
  speed_Gbps?: number; // nic
  interface?: string; // hba: "SAS", "SATA"
  m2_slots?: number; // M.2 carrier cards: slots added to the motherboard's own
}
export interface CaddySpec {
  form_factor: string; // drive size it carries: "2.5\"", "3.5\""
}
export interface ChassisSpec {
  form_factor: string; // "1U", "2U"
  drive_bays: number;
  bay_form_factor: string; // "2.5\"", "3.5\""
  psu_watts: number;
  motherboard_form_factors: string[];
}
