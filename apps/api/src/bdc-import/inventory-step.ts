import type { ComponentType, StockStatus } from '@bdc/contracts';
import { ComponentStockEntity } from '../inventory/component-stock.entity';
import { ServerEntity } from '../inventory/server.entity';
import { stableJson } from '../common/stable-json';
import { col, intCol, upsert, type ImportContext } from './context';
import { cleanText, fitText, INVENTORY_TABLES, mapComponentType, mapDate, mapDateTime, mapServerStatus, mapStockStatus, parseJsonColumn } from './mapping';
import { count, newTableReport, type RowOutcome, type SkippedRow, type TableReport } from './report';
import type { SourceRow } from './source';

export interface SourceInventoryTables {
  servers: SourceRow[] | null;
  /** Per component type; null where the table is absent. */
  units: Map<ComponentType, SourceRow[] | null>;
  links: SourceRow[] | null;
}

/** The JSON configuration columns of server_configurations, kept as settings `ims.<column>`. */
const JSON_COLUMNS = [
  'ram_configuration',
  'storage_configuration',
  'nic_configuration',
  'caddy_configuration',
  'hbacard_configuration',
  'pciecard_configurations',
  'nic_config',
  'validation_results',
] as const;
/** Scalar columns with no column of ours, kept as settings too. */
const SCALAR_SETTINGS: readonly [string, string][] = [
  ['cpu_uuid', 'ims.cpu_uuid'],
  ['motherboard_uuid', 'ims.motherboard_uuid'],
  ['chassis_uuid', 'ims.chassis_uuid'],
  ['power_consumption', 'ims.power_consumption_watts'],
  ['compatibility_score', 'ims.compatibility_score'],
  ['is_test', 'ims.is_test'],
  ['built_date', 'ims.built_date'],
  ['deployed_date', 'ims.deployed_date'],
];
/** settings is TEXT (65,535 bytes on MariaDB); JSON that would not fit is left out, with a warning. */
const SETTINGS_BYTES_MAX = 60_000;
const NOTES_CHARS_MAX = 20_000;

/** Servers by config_uuid, then stock units by (type, serial), then the configurations' component links. */
export async function importInventory(ctx: ImportContext, src: SourceInventoryTables, users: Map<number, number>): Promise<Set<string>> {
  const servers = await importServers(ctx, src.servers, users);
  await importUnits(ctx, src, servers);
  return servers;
}

async function importServers(ctx: ImportContext, rows: SourceRow[] | null, users: Map<number, number>): Promise<Set<string>> {
  const { manager } = ctx;
  const all = await manager.find(ServerEntity);
  const byId = new Map(all.map((s) => [s.id, s]));
  const byUuid = new Map(all.map((s) => [s.uuid, s]));
  await ctx.table('server_configurations', rows, async (row, report) => {
    const sourceId = intCol(row, 'id');
    const uuid = cleanText(col(row, 'config_uuid'));
    const label = `id ${String(row['id'])}${uuid ? ` (${uuid})` : ''}`;
    if (sourceId === null || uuid === null) return void report.skipped.push({ row: label, reason: 'no id or no config_uuid' });
    if (uuid.length > 50) return void report.skipped.push({ row: label, reason: 'config_uuid longer than 50 characters' });
    const name = fitText(cleanText(col(row, 'server_name')) ?? uuid, 255) ?? uuid;
    let status = mapServerStatus(row['configuration_status']);
    if (status === null) {
      report.warnings.push({ row: label, reason: `unknown configuration_status ${String(row['configuration_status'])}: imported as validated` });
      status = 'validated';
    }
    const { settings, notes } = serverSettings(row, label, report.warnings);
    const mappedId = ctx.ids.get('server_configurations', sourceId);
    const current = (mappedId !== undefined ? byId.get(mappedId) : undefined) ?? byUuid.get(uuid);
    const createdAt = mapDateTime(row['created_at']);
    const rackPosition = fitText(cleanText(col(row, 'rack_position')), 20);
    const desired = {
      name,
      description: cleanText(col(row, 'description')),
      status,
      location: fitText(cleanText(col(row, 'location')), 100),
      rackPosition,
      ...rackOf(rackPosition),
      settings,
      notes,
    };
    const { id, outcome } = await upsert(manager, ServerEntity, current, desired, {
      uuid,
      createdBy: users.get(intCol(row, 'created_by') ?? -1) ?? null,
      ...(createdAt ? { createdAt } : {}),
    });
    if (!current) byUuid.set(uuid, { ...desired, id, uuid, powerBudgetWatts: null, decommissionedAt: null, createdBy: null, createdAt: new Date(), updatedAt: new Date() });
    await ctx.ids.set('server_configurations', sourceId, id);
    count(report, outcome);
  });
  return new Set(byUuid.keys());
}

/**
 * BDC IMS keeps one `rack_position` text; ours are `rack` and `rackUnit`, from which `rack_position` is
 * written as `rack-Uunit`. A position in that form is split; any other text stays only in `rack_position`.
 */
export function rackOf(position: string | null): { rack: string | null; rackUnit: number | null } {
  const match = position ? /^(.{1,15})-U(\d{1,3})$/i.exec(position) : null;
  return match?.[1] && match[2] ? { rack: match[1], rackUnit: Number(match[2]) } : { rack: null, rackUnit: null };
}

function serverSettings(row: SourceRow, label: string, warnings: SkippedRow[]): { settings: Record<string, string> | null; notes: string | null } {
  const settings: Record<string, string> = {};
  const notes: string[] = [];
  const own = cleanText(col(row, 'notes'));
  if (own) notes.push(own);
  for (const [column, key] of SCALAR_SETTINGS) {
    const value = cleanText(col(row, column));
    if (value !== null) settings[key] = value;
  }
  const json: Record<string, string> = {};
  for (const column of JSON_COLUMNS) {
    const parsed = parseJsonColumn(col(row, column));
    if (parsed === null) continue;
    if (parsed.ok) {
      json[`ims.${column}`] = JSON.stringify(parsed.value);
    } else {
      warnings.push({ row: label, reason: `malformed JSON in ${column}: kept as text in the notes` });
      notes.push(`BDC IMS ${column} (not valid JSON): ${col(row, column) ?? ''}`);
    }
  }
  const withJson = { ...settings, ...json };
  const keep = Buffer.byteLength(stableJson(withJson), 'utf8') <= SETTINGS_BYTES_MAX ? withJson : settings;
  if (keep !== withJson) warnings.push({ row: label, reason: `JSON configuration columns larger than ${SETTINGS_BYTES_MAX} bytes: left out` });
  return {
    settings: Object.keys(keep).length > 0 ? keep : null,
    notes: notes.length > 0 ? fitText(notes.join('\n\n'), NOTES_CHARS_MAX) : null,
  };
}

interface DesiredUnit {
  table: string;
  sourceId: number;
  label: string;
  type: ComponentType;
  uuid: string;
  values: {
    serialNumber: string | null;
    status: StockStatus;
    serverUuid: string | null;
    slotPosition: string | null;
    location: string | null;
    rackPosition: string | null;
    purchaseDate: string | null;
    installationDate: string | null;
    warrantyEndDate: string | null;
    flag: string | null;
    notes: string | null;
  };
  createdAt: Date | null;
  current: ComponentStockEntity | undefined;
}

/**
 * Units are decided in memory first (inventory rows, then what the configurations' component links
 * add: the server a unit sits in and its slot), and written after, so that a link never flips a
 * unit back and forth between runs.
 */
async function importUnits(ctx: ImportContext, src: SourceInventoryTables, servers: Set<string>): Promise<void> {
  const { manager } = ctx;
  const all = await manager.find(ComponentStockEntity);
  const byId = new Map(all.map((u) => [u.id, u]));
  const bySerial = new Map(all.filter((u) => u.serialNumber !== null).map((u) => [`${u.componentType}\u0000${u.serialNumber ?? ''}`, u]));

  const desiredByTable = new Map<string, { report: TableReport; rows: (DesiredUnit | null)[]; source: SourceRow[] | null }>();
  const seenSerials = new Map<string, string>();
  const units: DesiredUnit[] = [];
  for (const { table, type } of INVENTORY_TABLES) {
    const rows = src.units.get(type) ?? null;
    const report = { ...newTableReport(table), read: rows?.length ?? 0 };
    const decided = (rows ?? []).map((row) => decideUnit(ctx, table, type, row, report, servers, seenSerials, byId, bySerial));
    for (const unit of decided) if (unit) units.push(unit);
    desiredByTable.set(table, { report, rows: decided, source: rows });
  }
  const linkOutcomes = applyLinks(src.links, units, servers);

  for (const { table } of INVENTORY_TABLES) {
    const entry = desiredByTable.get(table);
    if (!entry) continue;
    let index = 0;
    const tableReport = await ctx.table(table, entry.source, async (_row, report) => {
      const unit = entry.rows[index++];
      if (!unit) return;
      const { id, outcome } = await upsert(manager, ComponentStockEntity, unit.current, unit.values, {
        componentType: unit.type,
        uuid: unit.uuid,
        ...(unit.createdAt ? { createdAt: unit.createdAt } : {}),
      });
      await ctx.ids.set(table, unit.sourceId, id);
      count(report, outcome);
    });
    tableReport.skipped.push(...entry.report.skipped);
    tableReport.warnings.push(...entry.report.warnings);
  }

  await ctx.table('server_configuration_components', src.links, async (row, report) => {
    const outcome = linkOutcomes.get(row);
    if (!outcome) return;
    if ('skip' in outcome) return void report.skipped.push({ row: outcome.label, reason: outcome.skip });
    if (outcome.warning) report.warnings.push({ row: outcome.label, reason: outcome.warning });
    count(report, outcome.outcome);
  });
}

function decideUnit(
  ctx: ImportContext,
  table: string,
  type: ComponentType,
  row: SourceRow,
  report: TableReport,
  servers: Set<string>,
  seenSerials: Map<string, string>,
  byId: Map<number, ComponentStockEntity>,
  bySerial: Map<string, ComponentStockEntity>,
): DesiredUnit | null {
  const sourceId = intCol(row, 'ID');
  const uuid = cleanText(col(row, 'UUID'));
  const serial = fitText(cleanText(col(row, 'SerialNumber')), 100);
  const label = `ID ${String(row['ID'])}${serial ? ` (serial ${serial})` : ''}`;
  const skip = (reason: string) => {
    report.skipped.push({ row: label, reason });
    return null;
  };
  if (sourceId === null || uuid === null) return skip('no ID or no UUID');
  if (uuid.length > 50) return skip('UUID longer than 50 characters');
  let status = mapStockStatus(row['Status']);
  if (status === null) return skip(`unknown Status ${String(row['Status'])} (0 failed, 1 available, 2 in use)`);
  const serverUuid = cleanText(col(row, 'ServerUUID'));
  if (serverUuid !== null && !servers.has(serverUuid)) return skip(`unit's server ${serverUuid} does not exist`);
  if (serial !== null) {
    const key = `${type}\u0000${serial}`;
    const first = seenSerials.get(key);
    if (first !== undefined) return skip(`duplicate serial number ${serial} (already imported from ${first})`);
    seenSerials.set(key, `${table} ${label}`);
  }
  if (status === 'available' && serverUuid !== null) {
    report.warnings.push({ row: label, reason: `Status 1 (available) but installed in ${serverUuid}: imported as in use` });
    status = 'in_use';
  }
  const notes: string[] = [];
  const own = cleanText(col(row, 'Notes'));
  if (own) notes.push(own);
  if (type === 'nic' && (cleanText(col(row, 'SourceType')) ?? '').toLowerCase() === 'onboard') {
    const parent = cleanText(col(row, 'ParentComponentUUID'));
    const index = intCol(row, 'OnboardNICIndex');
    notes.push(`Onboard NIC${index !== null ? ` ${index}` : ''}${parent ? ` of motherboard ${parent}` : ''}`);
  }
  const mappedId = ctx.ids.get(table, sourceId);
  const current = (mappedId !== undefined ? byId.get(mappedId) : undefined) ?? (serial !== null ? bySerial.get(`${type}\u0000${serial}`) : undefined);
  // A unit an imported ticket reserved here (reservations-step.ts) is one BDC IMS still calls available:
  // the reservation stands, or the next run would hand the ticket's unit back to stock.
  if (status === 'available' && serverUuid === null && current?.status === 'reserved') status = 'reserved';
  // BDC IMS keeps slots only on configuration links: without one, a slot recorded here stays.
  const keptSlot = current && current.serverUuid === serverUuid ? current.slotPosition : null;
  return {
    table,
    sourceId,
    label,
    type,
    uuid,
    values: {
      serialNumber: serial,
      status,
      serverUuid,
      slotPosition: keptSlot,
      location: fitText(cleanText(col(row, 'Location')), 100),
      rackPosition: fitText(cleanText(col(row, 'RackPosition')), 20),
      purchaseDate: mapDate(row['PurchaseDate']),
      installationDate: mapDate(row['InstallationDate']),
      warrantyEndDate: mapDate(row['WarrantyEndDate']),
      flag: fitText(cleanText(col(row, 'Flag')), 50),
      notes: notes.length > 0 ? fitText(notes.join('\n'), NOTES_CHARS_MAX) : null,
    },
    createdAt: mapDateTime(row['CreatedAt']),
    current,
  };
}

type LinkOutcome = { label: string; skip: string } | { label: string; outcome: RowOutcome; warning?: string };

/**
 * server_configuration_components rows say which units (by type and model UUID) a configuration
 * holds: units already in that server take the link's slot; missing ones are taken from units of
 * that model that sit in no server. A link's outcome compares with what this database held before.
 */
function applyLinks(rows: SourceRow[] | null, units: DesiredUnit[], servers: Set<string>): Map<SourceRow, LinkOutcome> {
  const outcomes = new Map<SourceRow, LinkOutcome>();
  const claimed = new Set<DesiredUnit>();
  for (const row of rows ?? []) {
    const label = `id ${String(row['id'])}`;
    const serverUuid = cleanText(col(row, 'config_uuid'));
    const type = mapComponentType(row['component_type']);
    const uuid = cleanText(col(row, 'component_uuid'));
    if (serverUuid === null || !servers.has(serverUuid)) {
      outcomes.set(row, { label, skip: `server ${serverUuid ?? '(none)'} does not exist` });
      continue;
    }
    if (type === null) {
      outcomes.set(row, { label, skip: `unknown component_type ${String(row['component_type'])}` });
      continue;
    }
    const quantity = Math.max(1, intCol(row, 'quantity') ?? 1);
    const slot = fitText(cleanText(col(row, 'slot_position')), 50);
    const ofModel = units.filter((u) => u.type === type && u.uuid === uuid && !claimed.has(u));
    const inServer = ofModel.filter((u) => u.values.serverUuid === serverUuid);
    const free = ofModel.filter((u) => u.values.serverUuid === null && u.values.status !== 'failed');
    const chosen = [...inServer, ...free].slice(0, quantity);
    if (chosen.length === 0) {
      outcomes.set(row, { label, skip: `no unit of ${type} ${uuid ?? '(no UUID)'} in the inventory for this server` });
      continue;
    }
    let changed = false;
    for (const unit of chosen) {
      claimed.add(unit);
      unit.values.serverUuid = serverUuid;
      if (unit.values.status === 'available') unit.values.status = 'in_use';
      if (slot !== null) unit.values.slotPosition = slot;
      const before = unit.current;
      if (!before || before.serverUuid !== unit.values.serverUuid || before.slotPosition !== unit.values.slotPosition) changed = true;
    }
    outcomes.set(row, {
      label,
      outcome: changed ? 'imported' : 'unchanged',
      ...(chosen.length < quantity ? { warning: `${chosen.length} of ${quantity} units found` } : {}),
    });
  }
  return outcomes;
}
