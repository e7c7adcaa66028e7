/**
 * A small BDC IMS catalog in the shapes the real files have (brand → series → models; the chassis
 * file's chassis_specifications; the caddy file's list), one model per part of a 2U server whose parts
 * fit each other. Generated in the test so the empty-database story never needs /work/shared.
 */
export const MODELS = {
  chassis: { uuid: 'e2e-r740-chassis', label: 'Dell PowerEdge R740' },
  motherboard: { uuid: 'e2e-x13dri-n-board', label: 'Supermicro X13DRi-N' },
  cpu: { uuid: 'e2e-xeon-8480-plus', label: 'Intel Platinum 8480+' },
  ram: { uuid: 'e2e-ddr5-lrdimm-128', label: 'Samsung Server Premier DDR5 LRDIMM 128GB 4800' },
  storage: { uuid: 'e2e-sata-ssd-1tb', label: 'Samsung Data Center SATA SSD 1TB' },
  caddy: { uuid: 'e2e-caddy-25', label: 'Generic Enterprise 2.5-inch HDD Caddy' },
} as const;

const chassis = {
  chassis_specifications: {
    version: '1.0',
    manufacturers: [
      {
        manufacturer: 'Dell',
        series: [
          {
            series_name: 'PowerEdge R-Series',
            models: [
              {
                uuid: MODELS.chassis.uuid,
                model: 'PowerEdge R740',
                brand: 'Dell',
                series: 'PowerEdge R-Series',
                type: 'Rack',
                u_size: 2,
                form_factor: '2U',
                chassis_type: 'Rack Server',
                drive_bays: { total_bays: 4, bay_configuration: [{ bay_type: '2.5_inch', count: 4, hot_swap: true, tool_less: true, position: 'front' }] },
                backplane: { interface: 'SAS3', ports: 4, connector_type: 'Mini-SAS_HD', supports_sata: true, supports_sas: true, supports_nvme: false },
                power_supply: { redundant: true, wattage: 750 },
              },
            ],
          },
        ],
      },
    ],
  },
};

const motherboards = [
  {
    brand: 'Supermicro',
    series: 'X13',
    family: 'X13DRi',
    models: [
      {
        model: 'X13DRi-N',
        uuid: MODELS.motherboard.uuid,
        form_factor: 'EATX',
        socket: { type: 'LGA 4189', count: 2 },
        chipset: 'Intel C741',
        memory: { type: 'DDR5', module_types: ['RDIMM', 'LRDIMM'], max_capacity_TB: 8, slots: 16, channels: 8, max_frequency_MHz: 4800, max_modules_per_channel: 2, ecc_support: true },
        expansion_slots: { pcie_slots: [{ type: 'PCIe 5.0 x16', count: 2, lanes: 16 }] },
        storage: { sata: { ports: 8 }, nvme: { m2_slots: [{ count: 1, form_factors: ['M.2 2280'], pcie_lanes: 4, pcie_generation: 5 }] } },
      },
    ],
  },
];

const cpus = [
  {
    brand: 'Intel',
    series: 'Xeon Scalable',
    generation: '4th Gen (Sapphire Rapids)',
    family: 'Platinum 8400',
    models: [
      {
        model: 'Platinum 8480+',
        cores: 56,
        threads: 112,
        tdp_W: 350,
        memory_channels: 8,
        memory_types: ['DDR5-4800'],
        pcie_lanes: 80,
        pcie_generation: 5,
        socket: 'LGA 4189',
        UUID: MODELS.cpu.uuid,
      },
    ],
  },
];

const memory = [
  {
    brand: 'Samsung',
    series: 'Server Premier',
    models: [
      {
        memory_type: 'DDR5',
        module_type: 'LRDIMM',
        form_factor: 'DIMM (288-pin)',
        capacity_GB: 128,
        frequency_MHz: 4800,
        speed_MTs: 4800,
        voltage_V: 1.1,
        features: { ecc_support: true },
        uuid: MODELS.ram.uuid,
      },
    ],
  },
];

const storage = [
  {
    brand: 'Samsung',
    series: 'Data Center',
    models: [{ storage_type: 'SSD', subtype: 'SATA SSD', form_factor: '2.5-inch', interface: 'SATA III', capacity_GB: 1000, uuid: MODELS.storage.uuid }],
  },
];

const caddies = {
  caddies: [
    {
      uuid: MODELS.caddy.uuid,
      model: 'Enterprise 2.5-inch HDD Caddy',
      type: 'Enterprise 2.5-inch HDD Caddy',
      compatibility: { drive_type: ['HDD', 'SSD'], size: '2.5-inch', interface: 'SATA III' },
    },
  ],
};

/** The files as the import page's file input takes them; the names tell the importer each file's type. */
export function catalogFiles(): { name: string; mimeType: string; buffer: Buffer }[] {
  const file = (name: string, body: unknown) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(body, null, 2)) });
  return [
    file('chasis-level-3.json', chassis),
    file('motherboard-level-3.json', motherboards),
    file('Cpu-details-level-3.json', cpus),
    file('ram_detail.json', memory),
    file('storage-level-3.json', storage),
    file('caddy_details.json', caddies),
  ];
}
