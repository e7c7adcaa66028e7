import type { INestApplicationContext } from '@nestjs/common';
import type { ComponentType, RoleName, ServerStatus, StockStatus } from '@bdc/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password';
import { CatalogModelEntity } from '../inventory/catalog-model.entity';
import { ComponentStockEntity } from '../inventory/component-stock.entity';
import { ServerEntity } from '../inventory/server.entity';
import { RoleEntity } from '../users/role.entity';
import { UserRoleEntity } from '../users/user-role.entity';
import { UserEntity } from '../users/user.entity';
import { DEMO_CATALOG, MODEL } from './demo-catalog';
import { seedDemoTickets } from './demo-tickets';

export const DEMO_PASSWORD = 'demo';

export interface DemoUser {
  username: string;
  role: RoleName;
  firstName: string;
  lastName: string;
  email: string;
}

/** In this order, so that on a fresh database their ids are 1..6. */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'admin', role: 'admin', firstName: 'Alex', lastName: 'Morgan', email: 'alex.morgan@bdc.example' },
  { username: 'manager', role: 'manager', firstName: 'Maria', lastName: 'Lopez', email: 'maria.lopez@bdc.example' },
  { username: 'manager2', role: 'manager', firstName: 'Daniel', lastName: 'Kim', email: 'daniel.kim@bdc.example' },
  { username: 'tech', role: 'technician', firstName: 'Tom', lastName: 'Becker', email: 'tom.becker@bdc.example' },
  { username: 'tech2', role: 'technician', firstName: 'Priya', lastName: 'Nair', email: 'priya.nair@bdc.example' },
  { username: 'requester', role: 'viewer', firstName: 'Rita', lastName: 'Jensen', email: 'rita.jensen@bdc.example' },
];

interface Installed {
  model: string;
  slot: string | null;
}

export interface DemoServer {
  uuid: string;
  name: string;
  description: string;
  status: ServerStatus;
  location: string;
  rackPosition: string;
  powerBudgetWatts: number;
  settings: Record<string, string>;
  components: Installed[];
}

const times = (n: number, model: string, slot: (i: number) => string): Installed[] =>
  Array.from({ length: n }, (_, i) => ({ model, slot: slot(i) }));
const dimm = (i: number) => `DIMM ${String.fromCharCode(65 + Math.floor(i / 2))}${(i % 2) + 1}`;
const bay = (i: number) => `Bay ${i}`;

/** Fixed server UUIDs, so tests and tickets can name them. */
export const SERVER = {
  webProd01: '3f6b2a10-7c1d-4e8a-9b25-5a1c0e7d9f01',
  dbProd01: '3f6b2a10-7c1d-4e8a-9b25-5a1c0e7d9f02',
  mlInfer01: '3f6b2a10-7c1d-4e8a-9b25-5a1c0e7d9f03',
  backup01: '3f6b2a10-7c1d-4e8a-9b25-5a1c0e7d9f04',
  k8sNode05: '3f6b2a10-7c1d-4e8a-9b25-5a1c0e7d9f05',
} as const;

/** Each configuration is consistent with the catalog specs (sockets, memory type, bays, caddies, power). */
export const DEMO_SERVERS: readonly DemoServer[] = [
  {
    uuid: SERVER.webProd01,
    name: 'web-prod-01',
    description: 'Customer-facing web tier, dual Xeon Gold, NVMe',
    status: 'deployed',
    location: 'FRA1 Hall A',
    rackPosition: 'A03-U10',
    powerBudgetWatts: 1100,
    settings: { bios_profile: 'performance', hyperthreading: 'enabled', bmc_ip: '10.20.3.10' },
    components: [
      { model: MODEL.chassisDellR760, slot: null },
      { model: MODEL.boardDellR760, slot: null },
      ...times(2, MODEL.cpuXeonGold6430, (i) => `CPU${i + 1}`),
      ...times(8, MODEL.ramSamsung32, dimm),
      ...times(2, MODEL.ssdPm9a3U2, bay),
      ...times(2, MODEL.caddyDell25, bay),
      { model: MODEL.nicE810Xxvda2, slot: 'PCIe slot 1' },
    ],
  },
  {
    uuid: SERVER.dbProd01,
    name: 'db-prod-01',
    description: 'Primary MariaDB, SAS disks behind an HBA',
    status: 'deployed',
    location: 'FRA1 Hall A',
    rackPosition: 'A04-U20',
    powerBudgetWatts: 920,
    settings: { bios_profile: 'performance', numa: 'enabled', bmc_ip: '10.20.4.20' },
    components: [
      { model: MODEL.chassisSmc826, slot: null },
      { model: MODEL.boardX13dei, slot: null },
      ...times(2, MODEL.cpuXeonGold6442Y, (i) => `CPU${i + 1}`),
      ...times(8, MODEL.ramSamsung64, dimm),
      ...times(4, MODEL.hddToshibaMg09, bay),
      ...times(4, MODEL.caddySmc35, bay),
      { model: MODEL.ssdPm9a3M2, slot: 'M.2 slot 1' },
      { model: MODEL.hba9500_16i, slot: 'PCIe slot 2' },
      { model: MODEL.nicE810Cqda2, slot: 'PCIe slot 1' },
    ],
  },
  {
    uuid: SERVER.mlInfer01,
    name: 'ml-infer-01',
    description: 'Inference node with an NVIDIA A2',
    status: 'built',
    location: 'FRA1 Hall B',
    rackPosition: 'B02-U05',
    powerBudgetWatts: 920,
    settings: { bios_profile: 'balanced', iommu: 'enabled', bmc_ip: '10.20.12.5' },
    components: [
      { model: MODEL.chassisSmc216, slot: null },
      { model: MODEL.boardH13sslN, slot: null },
      { model: MODEL.cpuEpyc9354, slot: 'CPU1' },
      ...times(6, MODEL.ramMicron32, dimm),
      ...times(2, MODEL.ssdMicron5400, bay),
      ...times(2, MODEL.caddySmc25, bay),
      { model: MODEL.gpuNvidiaA2, slot: 'PCIe slot 1' },
      { model: MODEL.nicConnectX6Lx, slot: 'PCIe slot 2' },
    ],
  },
  {
    uuid: SERVER.backup01,
    name: 'backup-01',
    description: 'Backup target, 6x 18TB SATA',
    status: 'deployed',
    location: 'FRA1 Hall B',
    rackPosition: 'B05-U30',
    powerBudgetWatts: 920,
    settings: { bios_profile: 'energy-efficient', bmc_ip: '10.20.15.30' },
    components: [
      { model: MODEL.chassisSmc826, slot: null },
      { model: MODEL.boardX13seiTf, slot: null },
      { model: MODEL.cpuXeonSilver4410Y, slot: 'CPU1' },
      ...times(4, MODEL.ramSamsung32, dimm),
      ...times(6, MODEL.hddExosX18, bay),
      ...times(6, MODEL.caddySmc35, bay),
      { model: MODEL.hba9500_8i, slot: 'PCIe slot 2' },
      { model: MODEL.nicE810Xxvda2, slot: 'PCIe slot 1' },
    ],
  },
  {
    uuid: SERVER.k8sNode05,
    name: 'k8s-node-05',
    description: 'New Kubernetes worker being built: chassis and board only',
    status: 'draft',
    location: 'FRA1 Hall B',
    rackPosition: 'B07-U22',
    powerBudgetWatts: 920,
    settings: {},
    components: [
      { model: MODEL.chassisSmc216, slot: null },
      { model: MODEL.boardH13sslN, slot: null },
    ],
  },
];

interface SpareLot {
  model: string;
  count: number;
  status?: StockStatus;
  location?: string;
  notes?: string;
}

const STORE = 'FRA1 Store Room';

/** Spare stock: mostly available, a few failed or retired units to show that they are never offered. */
export const DEMO_SPARES: readonly SpareLot[] = [
  { model: MODEL.cpuXeonGold6430, count: 2 },
  { model: MODEL.cpuXeonGold6430, count: 1, status: 'failed', notes: 'Bent pins found at intake' },
  { model: MODEL.cpuXeonGold6442Y, count: 1 },
  { model: MODEL.cpuXeonSilver4410Y, count: 2 },
  { model: MODEL.cpuXeonSilver4314, count: 1 },
  { model: MODEL.cpuXeonSilver4314, count: 1, status: 'retired', notes: 'Previous generation, kept for spares' },
  { model: MODEL.cpuEpyc9354, count: 2 },
  { model: MODEL.cpuEpyc9124, count: 2 },
  { model: MODEL.boardX13dei, count: 1 },
  { model: MODEL.boardX13seiTf, count: 1 },
  { model: MODEL.boardH13sslN, count: 1 },
  { model: MODEL.boardH13sslN, count: 1, status: 'failed', notes: 'No POST, RMA requested' },
  { model: MODEL.ramSamsung32, count: 12 },
  { model: MODEL.ramSamsung32, count: 1, status: 'failed', notes: 'Uncorrectable ECC errors' },
  { model: MODEL.ramSamsung64, count: 8 },
  { model: MODEL.ramMicron32, count: 8 },
  { model: MODEL.ramSamsung32Ddr4, count: 4 },
  { model: MODEL.ramSamsung32Ddr4, count: 2, status: 'retired' },
  { model: MODEL.ssdPm9a3U2, count: 4 },
  { model: MODEL.ssdPm9a3M2, count: 2 },
  { model: MODEL.ssdMicron5400, count: 6 },
  { model: MODEL.ssdMicron5400, count: 1, status: 'retired', notes: 'Wear level above 90%' },
  { model: MODEL.hddExosX18, count: 4 },
  { model: MODEL.hddExosX18, count: 1, status: 'failed', notes: 'SMART reallocated sectors' },
  { model: MODEL.hddToshibaMg09, count: 2 },
  { model: MODEL.nicE810Xxvda2, count: 3 },
  { model: MODEL.nicE810Cqda2, count: 1 },
  { model: MODEL.nicConnectX6Lx, count: 2 },
  { model: MODEL.nicConnectX6Lx, count: 1, status: 'failed', notes: 'Port 2 link flaps' },
  { model: MODEL.caddyDell25, count: 6 },
  { model: MODEL.caddyDell35, count: 2 },
  { model: MODEL.caddySmc25, count: 8 },
  { model: MODEL.caddySmc35, count: 6 },
  { model: MODEL.chassisDellR760, count: 1 },
  { model: MODEL.chassisSmc216, count: 1 },
  { model: MODEL.chassisSmc826, count: 1 },
  { model: MODEL.gpuNvidiaA2, count: 2 },
  { model: MODEL.gpuNvidiaL4, count: 1 },
  { model: MODEL.m2CarrierSmc, count: 2 },
  { model: MODEL.hba9500_16i, count: 1 },
  { model: MODEL.hba9500_8i, count: 2 },
  { model: MODEL.hba9500_8i, count: 1, status: 'retired' },
  { model: MODEL.raid9560_16i, count: 1 },
];

/** Serial prefixes that look like the vendors' own. */
const SERIAL_PREFIX: Record<string, string> = {
  [MODEL.cpuXeonGold6430]: 'SRM9F-6430',
  [MODEL.cpuXeonGold6442Y]: 'SRMGN-6442',
  [MODEL.cpuXeonSilver4410Y]: 'SRMGT-4410',
  [MODEL.cpuXeonSilver4314]: 'SRKXL-4314',
  [MODEL.cpuEpyc9354]: 'AMD9354-9HM',
  [MODEL.cpuEpyc9124]: 'AMD9124-9HM',
  [MODEL.boardDellR760]: 'DELL-R760MB',
  [MODEL.boardX13dei]: 'SMC-X13DEI',
  [MODEL.boardX13seiTf]: 'SMC-X13SEI',
  [MODEL.boardH13sslN]: 'SMC-H13SSL',
  [MODEL.ramSamsung32]: 'S32D5-4800',
  [MODEL.ramSamsung64]: 'S64D5-4800',
  [MODEL.ramMicron32]: 'MU32D5-4800',
  [MODEL.ramSamsung32Ddr4]: 'S32D4-3200',
  [MODEL.ssdPm9a3U2]: 'S64HNE0T',
  [MODEL.ssdPm9a3M2]: 'S64GNE0R',
  [MODEL.ssdMicron5400]: 'MTFD5400-',
  [MODEL.hddExosX18]: 'ZR5X18',
  [MODEL.hddToshibaMg09]: 'TOMG09-Y2',
  [MODEL.nicE810Xxvda2]: 'E810XXV-B4',
  [MODEL.nicE810Cqda2]: 'E810CQ-B4',
  [MODEL.nicConnectX6Lx]: 'MT2231X',
  [MODEL.caddyDell25]: 'DC25-',
  [MODEL.caddyDell35]: 'DC35-',
  [MODEL.caddySmc25]: 'SMT25-',
  [MODEL.caddySmc35]: 'SMT35-',
  [MODEL.chassisDellR760]: 'DELL-7G3R',
  [MODEL.chassisSmc826]: 'SMC826-C',
  [MODEL.chassisSmc216]: 'SMC216-C',
  [MODEL.gpuNvidiaA2]: 'NVA2-1322',
  [MODEL.gpuNvidiaL4]: 'NVL4-1324',
  [MODEL.m2CarrierSmc]: 'AOC2M2-',
  [MODEL.hba9500_16i]: 'SP32916',
  [MODEL.hba9500_8i]: 'SP32808',
  [MODEL.raid9560_16i]: 'SK33916',
};

/** Users, catalog, servers and stock. Assumes reference data exists and the user table is empty. */
export async function seedDemoBase(dataSource: DataSource): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await dataSource.transaction(async (manager) => {
    await seedUsers(manager, passwordHash);
    await manager.save(
      CatalogModelEntity,
      DEMO_CATALOG.map((m) => ({ uuid: m.uuid, componentType: m.componentType, brand: m.brand, model: m.model, specifications: m.specifications, source: 'demo' })),
    );
    await seedServersAndStock(manager);
  });
}

/** The whole demo: base data, then tickets in every status through the ticket services. */
export async function seedDemoData(app: INestApplicationContext, options: { tickets?: boolean } = {}): Promise<void> {
  await seedDemoBase(app.get(DataSource));
  if (options.tickets !== false) await seedDemoTickets(app);
}

async function seedUsers(manager: EntityManager, passwordHash: string): Promise<void> {
  const roles = new Map((await manager.find(RoleEntity)).map((r) => [r.name, r.id]));
  // One by one, so that ids follow DEMO_USERS' order on every engine.
  for (const user of DEMO_USERS) {
    const inserted = await manager.insert(UserEntity, {
      username: user.username,
      passwordHash,
      email: user.email,
      firstName: user.firstName,
      lastName: user.lastName,
      status: 'active',
    });
    const userId = Number(inserted.identifiers[0]?.id);
    const roleId = roles.get(user.role);
    if (roleId === undefined) throw new Error(`Role ${user.role} missing: seed reference data first`);
    await manager.insert(UserRoleEntity, { userId, roleId, assignedBy: null });
  }
}

async function seedServersAndStock(manager: EntityManager): Promise<void> {
  const typeOf = new Map(DEMO_CATALOG.map((m) => [m.uuid, m.componentType]));
  const counters = new Map<string, number>();
  const serial = (model: string) => {
    const n = (counters.get(model) ?? 0) + 1;
    counters.set(model, n);
    return `${(SERIAL_PREFIX[model] ?? 'SN').replace(/-$/, '')}-${1000 + n}`;
  };
  const componentType = (model: string): ComponentType => {
    const type = typeOf.get(model);
    if (!type) throw new Error(`Demo data names unknown model ${model}`);
    return type;
  };

  const units: Partial<ComponentStockEntity>[] = [];
  for (const server of DEMO_SERVERS) {
    // "A03-U10": rack A03, unit 10, as the servers API writes them.
    const [, rack, rackUnit] = /^(.+)-U(\d+)$/.exec(server.rackPosition ?? '') ?? [];
    await manager.insert(ServerEntity, {
      uuid: server.uuid,
      name: server.name,
      description: server.description,
      status: server.status,
      location: server.location,
      rackPosition: server.rackPosition,
      rack: rack ?? null,
      rackUnit: rackUnit === undefined ? null : Number(rackUnit),
      powerBudgetWatts: server.powerBudgetWatts,
      settings: server.settings,
      notes: null,
      createdBy: 1,
    });
    for (const part of server.components) {
      units.push({
        componentType: componentType(part.model),
        uuid: part.model,
        serialNumber: serial(part.model),
        status: 'in_use',
        serverUuid: server.uuid,
        slotPosition: part.slot,
        location: server.location,
        rackPosition: server.rackPosition,
        purchaseDate: '2024-03-12',
        installationDate: '2024-04-02',
        warrantyEndDate: '2029-03-11',
        flag: null,
        notes: null,
      });
    }
  }
  DEMO_SPARES.forEach((lot, lotIndex) => {
    for (let i = 0; i < lot.count; i++) {
      units.push({
        componentType: componentType(lot.model),
        uuid: lot.model,
        serialNumber: serial(lot.model),
        status: lot.status ?? 'available',
        serverUuid: null,
        slotPosition: null,
        location: lot.location ?? `${STORE}, shelf ${1 + (lotIndex % 8)}`,
        rackPosition: null,
        purchaseDate: '2025-01-20',
        installationDate: null,
        warrantyEndDate: '2030-01-19',
        flag: lot.status === 'failed' ? 'RMA' : null,
        notes: lot.notes ?? null,
      });
    }
  });
  // Chunked: one multi-row INSERT per 100 units keeps both engines well below their parameter limits.
  for (let i = 0; i < units.length; i += 100) {
    await manager.insert(ComponentStockEntity, units.slice(i, i + 100));
  }
}
