import type { AuthUser, CatalogModel, ComponentUnit, UnitLogEntry } from '@bdc/contracts';
import { requesterUser } from '../../test/fixtures';

export const inventoryEditor: AuthUser = { ...requesterUser, id: 9, username: 'stores', permissions: [...requesterUser.permissions, 'inventory.edit'] };

export const MODEL_UUID = '11111111-2222-4333-8444-555555555555';

export function catalogModel(overrides: Partial<CatalogModel> = {}): CatalogModel {
  return {
    uuid: MODEL_UUID,
    componentType: 'cpu',
    brand: 'Intel',
    model: 'Xeon Gold 6430',
    name: 'Intel Xeon Gold 6430',
    series: 'Xeon Gold',
    family: null,
    status: 'active',
    source: 'manual',
    specifications: { socket: 'LGA4677', cores: 32, tdp_W: 270, memory_types: ['DDR5'], base_clock_GHz: 2.1, vendor_sku: 'PK8071305120500' },
    availableUnits: 2,
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    ...overrides,
  };
}

export function stockUnit(overrides: Partial<ComponentUnit> = {}): ComponentUnit {
  return {
    id: 41,
    componentType: 'cpu',
    uuid: MODEL_UUID,
    serialNumber: 'CPU-0001',
    status: 'available',
    serverUuid: null,
    location: 'Store A',
    model: 'Intel Xeon Gold 6430',
    slot: null,
    purchaseDate: '2026-01-10',
    warrantyEndDate: '2029-01-10',
    installationDate: null,
    flag: null,
    notes: null,
    ...overrides,
  };
}

/** Unit 41's first log entry: received into Store A by the stores clerk. */
export function receivedLogEntry(overrides: Partial<UnitLogEntry> = {}): UnitLogEntry {
  return {
    id: 1,
    unitId: 41,
    event: 'received',
    source: 'stock_edit',
    before: { status: null, serverUuid: null, slot: null, location: null },
    after: { status: 'available', serverUuid: null, slot: null, location: 'Store A' },
    ticket: null,
    user: { id: 9, username: 'stores', displayName: 'Stores Clerk' },
    note: null,
    createdAt: '2026-11-01T10:00:00.000Z',
    ...overrides,
  };
}
