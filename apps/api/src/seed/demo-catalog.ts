import type { ComponentType } from '@bdc/contracts';

export interface DemoCatalogModel {
  uuid: string;
  componentType: ComponentType;
  brand: string;
  model: string;
  /** Canonical keys of libs/contracts SPEC_SCHEMAS (checked by demo-catalog.spec.ts), then vendor fields. */
  specifications: Record<string, unknown>;
}

/** Fixed model UUIDs, so tests, tickets and docs can name them. */
export const MODEL = {
  cpuXeonGold6430: '779a7709-1179-45cf-b622-1a1fed0da936',
  cpuXeonGold6442Y: '4e0139e0-7271-46ea-9267-91e9945f49b7',
  cpuXeonSilver4410Y: '5689f939-c168-4588-ac8d-f6b72c427852',
  cpuXeonSilver4314: '00226c38-60f5-412c-98d4-0cf67389700f',
  cpuEpyc9354: '5809da2c-6c8b-441c-b7f3-bb63d6650e5b',
  cpuEpyc9124: '9999eaea-8a31-472a-b3ff-00b5cb25a7fe',

  boardDellR760: 'a9d8df65-775b-4380-afe3-4a7a1f7497b6',
  boardX13dei: 'c0b3908f-8524-4e7c-89aa-25943ac81734',
  boardX13seiTf: '1cb378dc-3c3c-418c-952a-1867ca29861a',
  boardH13sslN: 'de020dc4-9e84-4952-847c-b7370b1fd71f',

  ramSamsung32: '5daaf198-d460-4c9a-9387-6435f3a66062',
  ramSamsung64: '9882db5b-0209-4e3b-a7a4-09660a9ac1f9',
  ramMicron32: '28f7824e-f89c-48da-8245-4f506b391603',
  ramSamsung32Ddr4: 'b83c059e-baaa-487a-a6c6-0ac0f2f3d1a6',

  ssdPm9a3U2: '1378636f-2ac8-4dfa-92f4-428ef6a14f72',
  ssdPm9a3M2: '402d1c89-a2c2-447d-9d61-7c38ad981ebb',
  ssdMicron5400: 'd6349c3a-e8b8-455c-a9a8-17e8059a9fc2',
  hddExosX18: '30d91a09-4408-49e9-9bf0-fe6241056944',
  hddToshibaMg09: 'f2bd42d5-480b-4c77-90ba-15d1245467e5',

  nicE810Xxvda2: 'd8d7c629-544d-48d3-940f-ed6261af9a16',
  nicE810Cqda2: '409a6e0f-ac9a-4f3a-b37c-28d8dfb29770',
  nicConnectX6Lx: '95a9792c-ca6e-4523-aff0-1eda18b4c5fc',

  caddyDell25: '7002354b-c55f-49ab-b9a5-3b462f6caad8',
  caddyDell35: 'ca2a7b78-a68c-4af1-a336-dd13d64a09b0',
  caddySmc25: '826c634a-9c49-411a-8bfd-716c4df92d1f',
  caddySmc35: '3bbb7393-8018-4d9d-aa26-e199fadc41f3',

  chassisDellR760: '79c0bdd6-5fd3-465e-933d-b64c07a28449',
  chassisSmc826: '815547a1-c186-43b9-8c8e-7cea5bb17fe3',
  chassisSmc216: 'da0cfeb6-e9e7-41ba-9abb-fa52a5556871',

  gpuNvidiaA2: '699ad74f-96e0-4e2f-9d3f-0edacaca3e97',
  gpuNvidiaL4: 'e607fd42-b746-4054-a6d5-8ad13c757420',
  m2CarrierSmc: 'b3dd9229-e610-45df-8dd5-f5e655d30afd',

  hba9500_16i: '59ea4174-6943-4bf5-a45e-bf69d1280f21',
  hba9500_8i: 'cdf139f7-feb6-4384-9f10-fb82a0a90b72',
  raid9560_16i: 'dd27726d-7a15-4ecc-8c5b-cf40f3497526',
} as const;

const DDR5 = ['DDR5'];

export const DEMO_CATALOG: readonly DemoCatalogModel[] = [
  // ---- CPUs --------------------------------------------------------------------------------------
  {
    uuid: MODEL.cpuXeonGold6430,
    componentType: 'cpu',
    brand: 'Intel',
    model: 'Xeon Gold 6430',
    specifications: { socket: 'LGA4677', memory_types: DDR5, tdp_W: 270, pcie_lanes: 80, pcie_generation: 5, memory_channels: 8, cores: 32, threads: 64, base_clock_GHz: 2.1, boost_clock_GHz: 3.4, cache_MB: 60, generation: 'Sapphire Rapids', max_memory_speed_MTs: 4400 },
  },
  {
    uuid: MODEL.cpuXeonGold6442Y,
    componentType: 'cpu',
    brand: 'Intel',
    model: 'Xeon Gold 6442Y',
    specifications: { socket: 'LGA4677', memory_types: DDR5, tdp_W: 225, pcie_lanes: 80, pcie_generation: 5, memory_channels: 8, cores: 24, threads: 48, base_clock_GHz: 2.6, boost_clock_GHz: 4.0, cache_MB: 60, generation: 'Sapphire Rapids', max_memory_speed_MTs: 4800 },
  },
  {
    uuid: MODEL.cpuXeonSilver4410Y,
    componentType: 'cpu',
    brand: 'Intel',
    model: 'Xeon Silver 4410Y',
    specifications: { socket: 'LGA4677', memory_types: DDR5, tdp_W: 150, pcie_lanes: 80, pcie_generation: 5, memory_channels: 8, cores: 12, threads: 24, base_clock_GHz: 2.0, boost_clock_GHz: 3.9, cache_MB: 30, generation: 'Sapphire Rapids', max_memory_speed_MTs: 4000 },
  },
  {
    uuid: MODEL.cpuXeonSilver4314,
    componentType: 'cpu',
    brand: 'Intel',
    model: 'Xeon Silver 4314',
    specifications: { socket: 'LGA4189', memory_types: ['DDR4'], tdp_W: 135, pcie_lanes: 64, pcie_generation: 4, memory_channels: 8, cores: 16, threads: 32, base_clock_GHz: 2.4, boost_clock_GHz: 3.4, cache_MB: 24, generation: 'Ice Lake', max_memory_speed_MTs: 2666 },
  },
  {
    uuid: MODEL.cpuEpyc9354,
    componentType: 'cpu',
    brand: 'AMD',
    model: 'EPYC 9354',
    specifications: { socket: 'SP5', memory_types: DDR5, tdp_W: 280, pcie_lanes: 128, pcie_generation: 5, memory_channels: 12, cores: 32, threads: 64, base_clock_GHz: 3.25, boost_clock_GHz: 3.8, cache_MB: 256, generation: 'Genoa', max_memory_speed_MTs: 4800 },
  },
  {
    uuid: MODEL.cpuEpyc9124,
    componentType: 'cpu',
    brand: 'AMD',
    model: 'EPYC 9124',
    specifications: { socket: 'SP5', memory_types: DDR5, tdp_W: 200, pcie_lanes: 128, pcie_generation: 5, memory_channels: 12, cores: 16, threads: 32, base_clock_GHz: 3.0, boost_clock_GHz: 3.7, cache_MB: 64, generation: 'Genoa', max_memory_speed_MTs: 4800 },
  },

  // ---- Motherboards --------------------------------------------------------------------------------
  {
    uuid: MODEL.boardDellR760,
    componentType: 'motherboard',
    brand: 'Dell',
    model: 'PowerEdge R760 system board',
    specifications: { socket: 'LGA4677', cpu_sockets: 2, memory_type: 'DDR5', memory_slots: 32, memory_form_factors: ['RDIMM', 'LRDIMM'], memory_channels: 8, max_memory_speed_MTs: 4800, ecc: true, max_memory_GB: 8192, pcie_slots: [{ size: 'x16', lanes: 16, generation: 5, count: 4, riser: true }, { size: 'x8', lanes: 8, generation: 5, count: 4, riser: true }], pcie_lanes: 96, m2_slots: 2, riser_slots: 2, form_factor: 'Proprietary', chipset: 'Intel C741', bmc: 'iDRAC9', onboard_lan: '2x 1GbE LOM' },
  },
  {
    uuid: MODEL.boardX13dei,
    componentType: 'motherboard',
    brand: 'Supermicro',
    model: 'X13DEI',
    specifications: { socket: 'LGA4677', cpu_sockets: 2, memory_type: 'DDR5', memory_slots: 16, memory_form_factors: ['RDIMM', 'LRDIMM'], memory_channels: 8, max_memory_speed_MTs: 4800, ecc: true, max_memory_GB: 4096, pcie_slots: [{ size: 'x16', lanes: 16, generation: 5, count: 4 }, { size: 'x8', lanes: 8, generation: 5, count: 2 }], pcie_lanes: 80, m2_slots: 2, form_factor: 'EATX', chipset: 'Intel C741', bmc: 'AST2600', onboard_lan: '2x 1GbE' },
  },
  {
    uuid: MODEL.boardX13seiTf,
    componentType: 'motherboard',
    brand: 'Supermicro',
    model: 'X13SEI-TF',
    specifications: { socket: 'LGA4677', cpu_sockets: 1, memory_type: 'DDR5', memory_slots: 8, memory_form_factors: ['RDIMM', 'LRDIMM'], memory_channels: 8, max_memory_speed_MTs: 4800, ecc: true, max_memory_GB: 2048, pcie_slots: [{ size: 'x16', lanes: 16, generation: 5, count: 3 }, { size: 'x8', lanes: 8, generation: 5, count: 2 }], pcie_lanes: 64, m2_slots: 2, form_factor: 'ATX', chipset: 'Intel C741', bmc: 'AST2600', onboard_lan: '2x 10GBase-T' },
  },
  {
    uuid: MODEL.boardH13sslN,
    componentType: 'motherboard',
    brand: 'Supermicro',
    model: 'H13SSL-N',
    specifications: { socket: 'SP5', cpu_sockets: 1, memory_type: 'DDR5', memory_slots: 12, memory_form_factors: ['RDIMM', 'LRDIMM'], memory_channels: 12, max_memory_speed_MTs: 4800, ecc: true, max_memory_GB: 3072, pcie_slots: [{ size: 'x16', lanes: 16, generation: 5, count: 3 }, { size: 'x8', lanes: 8, generation: 5, count: 2 }], pcie_lanes: 64, m2_slots: 2, form_factor: 'ATX', chipset: 'System on Chip', bmc: 'AST2600', onboard_lan: '2x 1GbE' },
  },

  // ---- Memory ------------------------------------------------------------------------------------
  {
    uuid: MODEL.ramSamsung32,
    componentType: 'ram',
    brand: 'Samsung',
    model: 'M321R4GA3BB6-CQK 32GB DDR5-4800 RDIMM',
    specifications: { memory_type: 'DDR5', module_type: 'RDIMM', capacity_GB: 32, speed_MTs: 4800, power_W: 5, ranks: '2Rx8', ecc: true, registered: true, voltage_V: 1.1 },
  },
  {
    uuid: MODEL.ramSamsung64,
    componentType: 'ram',
    brand: 'Samsung',
    model: 'M321R8GA0BB0-CQK 64GB DDR5-4800 RDIMM',
    specifications: { memory_type: 'DDR5', module_type: 'RDIMM', capacity_GB: 64, speed_MTs: 4800, power_W: 7, ranks: '2Rx4', ecc: true, registered: true, voltage_V: 1.1 },
  },
  {
    uuid: MODEL.ramMicron32,
    componentType: 'ram',
    brand: 'Micron',
    model: 'MTC20F2085S1RC48BA1 32GB DDR5-4800 RDIMM',
    specifications: { memory_type: 'DDR5', module_type: 'RDIMM', capacity_GB: 32, speed_MTs: 4800, power_W: 5, ranks: '2Rx8', ecc: true, registered: true, voltage_V: 1.1 },
  },
  {
    uuid: MODEL.ramSamsung32Ddr4,
    componentType: 'ram',
    brand: 'Samsung',
    model: 'M393A4K40DB3-CWE 32GB DDR4-3200 RDIMM',
    specifications: { memory_type: 'DDR4', module_type: 'RDIMM', capacity_GB: 32, speed_MTs: 3200, power_W: 4, ranks: '2Rx4', ecc: true, registered: true, voltage_V: 1.2 },
  },

  // ---- Storage -----------------------------------------------------------------------------------
  {
    uuid: MODEL.ssdPm9a3U2,
    componentType: 'storage',
    brand: 'Samsung',
    model: 'PM9A3 3.84TB U.2 NVMe (MZQL23T8HCLS)',
    specifications: { interface: 'NVMe', form_factor: 'U.2', capacity_GB: 3840, power_W: 14, pcie_generation: 4, endurance_DWPD: 1, seq_read_MBs: 6900 },
  },
  {
    uuid: MODEL.ssdPm9a3M2,
    componentType: 'storage',
    brand: 'Samsung',
    model: 'PM9A3 960GB M.2 22110 NVMe (MZ1L2960HCJR)',
    specifications: { interface: 'NVMe', form_factor: 'M.2', capacity_GB: 960, power_W: 8, pcie_generation: 4, endurance_DWPD: 1, seq_read_MBs: 5000 },
  },
  {
    uuid: MODEL.ssdMicron5400,
    componentType: 'storage',
    brand: 'Micron',
    model: '5400 PRO 1.92TB SATA (MTFDDAK1T9TGA)',
    specifications: { interface: 'SATA', form_factor: '2.5"', capacity_GB: 1920, power_W: 3, endurance_DWPD: 1.5, seq_read_MBs: 540 },
  },
  {
    uuid: MODEL.hddExosX18,
    componentType: 'storage',
    brand: 'Seagate',
    model: 'Exos X18 18TB SATA (ST18000NM000J)',
    specifications: { interface: 'SATA', form_factor: '3.5"', capacity_GB: 18000, power_W: 9, rpm: 7200, cache_MB: 256 },
  },
  {
    uuid: MODEL.hddToshibaMg09,
    componentType: 'storage',
    brand: 'Toshiba',
    model: 'MG09 18TB SAS (MG09SCA18TE)',
    specifications: { interface: 'SAS', form_factor: '3.5"', capacity_GB: 18000, power_W: 9, rpm: 7200, cache_MB: 512 },
  },

  // ---- NICs ----------------------------------------------------------------------------------------
  {
    uuid: MODEL.nicE810Xxvda2,
    componentType: 'nic',
    brand: 'Intel',
    model: 'Ethernet Network Adapter E810-XXVDA2',
    specifications: { kind: 'card', slot_size: 'x8', port_type: 'SFP28', protocol: 'Ethernet', pcie_lanes: 8, power_W: 12, ports: 2, speed_Gbps: 25, connector: 'SFP28', pcie_generation: 4 },
  },
  {
    uuid: MODEL.nicE810Cqda2,
    componentType: 'nic',
    brand: 'Intel',
    model: 'Ethernet Network Adapter E810-CQDA2',
    specifications: { kind: 'card', slot_size: 'x16', port_type: 'QSFP28', protocol: 'Ethernet', pcie_lanes: 16, power_W: 20, ports: 2, speed_Gbps: 100, connector: 'QSFP28', pcie_generation: 4 },
  },
  {
    uuid: MODEL.nicConnectX6Lx,
    componentType: 'nic',
    brand: 'NVIDIA',
    model: 'ConnectX-6 Lx MCX631102AN-ADAT',
    specifications: { kind: 'card', slot_size: 'x8', port_type: 'SFP28', protocol: 'Ethernet', pcie_lanes: 8, power_W: 11, ports: 2, speed_Gbps: 25, connector: 'SFP28', pcie_generation: 4 },
  },

  // ---- Caddies -------------------------------------------------------------------------------------
  {
    uuid: MODEL.caddyDell25,
    componentType: 'caddy',
    brand: 'Dell',
    model: '2.5" hot-plug drive carrier (16G)',
    specifications: { form_factor: '2.5"', bay_type: 'universal', hot_swap: true },
  },
  {
    uuid: MODEL.caddyDell35,
    componentType: 'caddy',
    brand: 'Dell',
    model: '3.5" hot-plug drive carrier (16G)',
    specifications: { form_factor: '3.5"', bay_type: 'universal', hot_swap: true },
  },
  {
    uuid: MODEL.caddySmc25,
    componentType: 'caddy',
    brand: 'Supermicro',
    model: '2.5" hot-swap drive tray',
    specifications: { form_factor: '2.5"', bay_type: 'universal', hot_swap: true, tool_less: true },
  },
  {
    uuid: MODEL.caddySmc35,
    componentType: 'caddy',
    brand: 'Supermicro',
    model: '3.5" hot-swap drive tray',
    specifications: { form_factor: '3.5"', bay_type: 'universal', hot_swap: true, tool_less: false },
  },

  // ---- Chassis -------------------------------------------------------------------------------------
  {
    uuid: MODEL.chassisDellR760,
    componentType: 'chassis',
    brand: 'Dell',
    model: 'PowerEdge R760 2U (16x 2.5")',
    // The universal (tri-mode) backplane option: web-prod-01 carries U.2 NVMe drives beside SAS/SATA ones.
    specifications: { form_factor: '2U', bays: [{ size: '2.5"', type: 'tri-mode', count: 16 }], backplane: ['SAS', 'SATA', 'NVMe'], drive_bays: 16, bay_form_factor: '2.5"', psu_watts: 1400, motherboard_form_factors: ['Proprietary'], psu_count: 2, psu_redundant: true },
  },
  {
    uuid: MODEL.chassisSmc826,
    componentType: 'chassis',
    brand: 'Supermicro',
    model: 'CSE-826BE1C-R920LPB 2U (12x 3.5")',
    specifications: { form_factor: '2U', bays: [{ size: '3.5"', type: 'SAS/SATA', count: 12 }], backplane: ['SAS', 'SATA'], drive_bays: 12, bay_form_factor: '3.5"', psu_watts: 920, motherboard_form_factors: ['EATX', 'ATX', 'EEB'], psu_count: 2, psu_redundant: true },
  },
  {
    uuid: MODEL.chassisSmc216,
    componentType: 'chassis',
    brand: 'Supermicro',
    model: 'CSE-216BE1C-R920LPB 2U (24x 2.5")',
    specifications: { form_factor: '2U', bays: [{ size: '2.5"', type: 'SAS/SATA', count: 24 }], backplane: ['SAS', 'SATA'], drive_bays: 24, bay_form_factor: '2.5"', psu_watts: 920, motherboard_form_factors: ['EATX', 'ATX', 'EEB'], psu_count: 2, psu_redundant: true },
  },

  // ---- PCIe cards ----------------------------------------------------------------------------------
  {
    uuid: MODEL.gpuNvidiaA2,
    componentType: 'pciecard',
    brand: 'NVIDIA',
    model: 'A2 16GB Tensor Core GPU',
    specifications: { slot_size: 'x16', pcie_generation: 4, pcie_lanes: 8, power_W: 60, card_type: 'GPU', memory_GB: 16, slot_width: 'single', height: 'low profile' },
  },
  {
    uuid: MODEL.gpuNvidiaL4,
    componentType: 'pciecard',
    brand: 'NVIDIA',
    model: 'L4 24GB Tensor Core GPU',
    specifications: { slot_size: 'x16', pcie_generation: 4, pcie_lanes: 16, power_W: 72, card_type: 'GPU', memory_GB: 24, slot_width: 'single', height: 'low profile' },
  },
  {
    uuid: MODEL.m2CarrierSmc,
    componentType: 'pciecard',
    brand: 'Supermicro',
    model: 'AOC-SLG4-2H8M2 dual M.2 NVMe carrier',
    specifications: { slot_size: 'x8', pcie_generation: 3, pcie_lanes: 8, power_W: 3, card_type: 'M.2 carrier', m2_slots: 2 },
  },

  // ---- HBA / RAID ----------------------------------------------------------------------------------
  {
    uuid: MODEL.hba9500_16i,
    componentType: 'hbacard',
    brand: 'Broadcom',
    model: 'HBA 9500-16i',
    specifications: { protocol: 'tri-mode', slot_size: 'x8', pcie_generation: 4, internal_ports: 16, pcie_lanes: 8, power_W: 9, ports: 16, interface: 'SAS', sas_speed_Gbps: 12, controller: 'SAS3816' },
  },
  {
    uuid: MODEL.hba9500_8i,
    componentType: 'hbacard',
    brand: 'Broadcom',
    model: 'HBA 9500-8i',
    specifications: { protocol: 'tri-mode', slot_size: 'x8', pcie_generation: 4, internal_ports: 8, pcie_lanes: 8, power_W: 7, ports: 8, interface: 'SAS', sas_speed_Gbps: 12, controller: 'SAS3808' },
  },
  {
    uuid: MODEL.raid9560_16i,
    componentType: 'hbacard',
    brand: 'Broadcom',
    model: 'MegaRAID 9560-16i',
    specifications: { protocol: 'tri-mode', slot_size: 'x8', pcie_generation: 4, internal_ports: 16, pcie_lanes: 8, power_W: 15, ports: 16, interface: 'SAS', sas_speed_Gbps: 12, controller: 'SAS3916', cache_GB: 8 },
  },
];
