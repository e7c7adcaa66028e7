import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hash } from '@node-rs/bcrypt';
import type { AuthUser } from '@bdc/contracts';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBdcIms } from '../src/bdc-import/importer';
import type { ImportReport } from '../src/bdc-import/report';
import { BdcImsSource } from '../src/bdc-import/source';
import { ENTITIES } from '../src/database/entities';
import { TicketHistoryEntity } from '../src/history/ticket-history.entity';
import { ComponentStockEntity } from '../src/inventory/component-stock.entity';
import { ServerEntity } from '../src/inventory/server.entity';
import { InventoryFulfilmentService } from '../src/ticket-items/inventory-fulfilment.service';
import { TicketItemAllocationEntity } from '../src/ticket-items/ticket-item-allocation.entity';
import { TicketItemEntity } from '../src/ticket-items/ticket-item.entity';
import { TicketCounterEntity } from '../src/tickets/ticket-counter.entity';
import { TicketEntity } from '../src/tickets/ticket.entity';
import { PermissionEntity } from '../src/users/permission.entity';
import { RolePermissionEntity } from '../src/users/role-permission.entity';
import { RoleEntity } from '../src/users/role.entity';
import { UserEntity } from '../src/users/user.entity';
import { describeEachEngine, testMysqlUrl } from './engines';
import { createTestApp, type TestApp } from './harness';

/**
 * `pnpm ims import` end to end: a scratch BDC IMS database built from the real schema dump
 * (../shared/fixtures/bdc-ims/schema.sql) on the TEST_MYSQL_URL server, filled with representative
 * and awkward rows, imported into a fresh database of each engine; then the imported users sign in.
 */
const SCHEMA_FILE = resolve(__dirname, '../../..', '../shared/fixtures/bdc-ims/schema.sql');
const ALICE_PASSWORD = 'S3cret-pass!';
const SERVER_1 = '11111111-2222-4333-8444-555555555555';
const SERVER_2 = '22222222-3333-4444-8555-666666666666';
const MISSING_SERVER = 'deadbeef-0000-4000-8000-000000000000';

/** The BDC IMS ticket tables (api.php at d79c3a2; not in the base dump), as the action API spec records them. */
const BDC_TICKET_TABLES = [
  `CREATE TABLE tickets (
    id int(11) NOT NULL AUTO_INCREMENT PRIMARY KEY, ticket_number varchar(20) NOT NULL UNIQUE, title varchar(255) NOT NULL,
    description text NOT NULL, status varchar(20) NOT NULL DEFAULT 'draft', priority varchar(10) NOT NULL DEFAULT 'medium',
    target_server_uuid varchar(36) DEFAULT NULL, created_by int(6) UNSIGNED NOT NULL, assigned_to int(6) UNSIGNED DEFAULT NULL,
    assigned_to_role int(11) DEFAULT NULL, rejection_reason text, deployment_notes text, completion_notes text,
    created_at timestamp NOT NULL DEFAULT current_timestamp(), updated_at timestamp NOT NULL DEFAULT current_timestamp(),
    submitted_at timestamp NULL DEFAULT NULL, approved_at timestamp NULL DEFAULT NULL, deployed_at timestamp NULL DEFAULT NULL,
    completed_at timestamp NULL DEFAULT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  `CREATE TABLE ticket_items (
    id int(11) NOT NULL AUTO_INCREMENT PRIMARY KEY, ticket_id int(11) NOT NULL, component_type varchar(20) NOT NULL,
    component_uuid varchar(50) NOT NULL, quantity int(11) NOT NULL DEFAULT 1, action varchar(10) NOT NULL DEFAULT 'add',
    component_name varchar(255) DEFAULT NULL, component_specs longtext, is_validated tinyint(1) DEFAULT 0,
    is_compatible tinyint(1) DEFAULT 0, compatibility_notes text, created_at timestamp NOT NULL DEFAULT current_timestamp(),
    updated_at timestamp NOT NULL DEFAULT current_timestamp()) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  `CREATE TABLE ticket_history (
    id int(11) NOT NULL AUTO_INCREMENT PRIMARY KEY, ticket_id int(11) NOT NULL, action varchar(50) NOT NULL,
    old_value text, new_value text, changed_by int(11) NOT NULL, notes text, ip_address varchar(45) DEFAULT NULL,
    user_agent text, created_at timestamp NOT NULL DEFAULT current_timestamp()) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
];

interface ScratchSource {
  url: string;
  /** CHECKSUM TABLE over every table, to prove the import never writes to BDC IMS. */
  checksum(): Promise<string>;
  /** Statements of the dump MariaDB refused (reported in the test name when there are any). */
  refused: string[];
  drop(): Promise<void>;
}

async function createScratchSource(serverUrl: string, fillRows: ((conn: Connection) => Promise<void>) | null = fill, ticketTables = true): Promise<ScratchSource> {
  const name = `bdc_src_${randomBytes(6).toString('hex')}`;
  const admin = await createConnection({ uri: serverUrl.replace(/^mariadb:/, 'mysql:') });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`);
  await admin.end();
  const url = new URL(serverUrl.replace(/^mariadb:/, 'mysql:'));
  url.pathname = `/${name}`;
  const conn = await createConnection({ uri: url.toString(), charset: 'utf8mb4_general_ci' });
  const refused: string[] = [];
  try {
    const statements = readFileSync(SCHEMA_FILE, 'utf8')
      .split(/;\s*\n/)
      .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
      .filter((s) => s.length > 0);
    for (const statement of statements) {
      try {
        await conn.query(statement);
      } catch (error) {
        refused.push(`${statement.slice(0, 60)}…: ${(error as Error).message}`);
      }
    }
    if (ticketTables) for (const ddl of BDC_TICKET_TABLES) await conn.query(ddl);
    await fillRows?.(conn);
  } finally {
    await conn.end();
  }
  return {
    url: url.toString(),
    checksum: async () => {
      const c = await createConnection({ uri: url.toString() });
      try {
        const [tables] = await c.query<RowDataPacket[]>('SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME');
        const [sums] = await c.query<RowDataPacket[]>(`CHECKSUM TABLE ${tables.map((r) => `\`${String(r['t'])}\``).join(', ')}`);
        return sums.map((r) => `${String(r['Table'])}=${String(r['Checksum'])}`).join(';');
      } finally {
        await c.end();
      }
    },
    refused,
    drop: async () => {
      const c = await createConnection({ uri: serverUrl.replace(/^mariadb:/, 'mysql:') });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/** PHP's password_hash() writes `$2y$`; the algorithm is bcrypt's. */
async function phpHash(password: string): Promise<string> {
  return (await hash(password, 4)).replace(/^\$2[ab]\$/, '$2y$');
}

async function fill(conn: Connection): Promise<void> {
  const insert = (table: string, columns: string[], rows: unknown[][]) =>
    conn.query(`INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`, [rows]);
  await insert('permissions', ['id', 'name', 'display_name', 'category', 'is_basic'], [
    [1, 'cpu.view', 'View CPUs', 'inventory', 1],
    [2, 'cpu.create', 'Add CPUs', 'inventory', 0],
    [3, 'server.view', 'View servers', 'server', 1],
    [4, 'reports.export', 'Export reports', 'reports', 0],
    [5, 'ram.view', 'View RAM', 'inventory', 1],
  ]);
  await insert('acl_permissions', ['id', 'permission_name', 'category'], [
    [1, 'legacy.audit', 'legacy'],
    [2, 'cpu.view', 'inventory'],
  ]);
  await insert('roles', ['id', 'name', 'display_name', 'description', 'is_system'], [
    [1, 'admin', 'Admin (BDC IMS label)', 'BDC IMS admins', 1],
    [2, 'technician', 'Tech', 'Technical staff with component management access', 1],
    [3, 'viewer', 'Viewer', null, 1],
    [4, 'auditor', 'Auditor', 'Reads everything', 0],
  ]);
  await insert('acl_roles', ['id', 'role_name', 'description'], [
    [1, 'admin', 'legacy admin'],
    [9, 'night_shift', 'Night shift'],
  ]);
  await insert('role_permissions', ['id', 'role_id', 'permission_id', 'granted'], [
    [1, 2, 1, 1],
    [2, 4, 5, 1],
    // Denied cpu.view folds into inventory.view with the granted ram.view: granted.
    [3, 4, 1, 0],
    [4, 4, 4, 1],
    [5, 3, 3, 1],
  ]);
  const aliceHash = await phpHash(ALICE_PASSWORD);
  await insert('users', ['id', 'firstname', 'lastname', 'username', 'password', 'email', 'status'], [
    [10, 'Alice', 'Tech', 'alice', aliceHash, 'alice@example.test', 'active'],
    [11, 'Bob', 'Viewer', 'bob', await phpHash('bob-password'), 'bob@example.test', 'inactive'],
    [12, null, null, 'carol', '5f4dcc3b5aa765d61d8327deb882cf99', 'carol@example.test', 'active'],
    [13, 'Dave', 'Admin', 'dave', await phpHash('dave-password'), 'dave@example.test', 'active'],
  ]);
  await insert('user_roles', ['id', 'user_id', 'role_id', 'assigned_by'], [
    [1, 10, 2, null],
    [2, 11, 3, null],
    [3, 13, 1, 10],
    [4, 12, 4, null],
  ]);
  await insert('user_permissions', ['id', 'user_id', 'permission_id'], [
    [1, 10, 4],
    [2, 99, 1],
  ]);
  await insert(
    'server_configurations',
    ['id', 'config_uuid', 'server_name', 'description', 'configuration_status', 'location', 'rack_position', 'power_consumption', 'ram_configuration', 'nic_configuration', 'hbacard_configuration', 'created_by', 'is_test'],
    [
      [1, SERVER_1, 'bench-srv-01', 'Bench server', 3, 'DC1', 'A1', 450, '[{"uuid":"ram-1","quantity":1}]', '{"nics": [1, 2', '[]', 10, 0],
      [2, SERVER_2, 'spare-srv-02', null, 1, null, null, null, null, null, null, null, 1],
    ],
  );
  const unitColumns = ['ID', 'UUID', 'SerialNumber', 'Status', 'ServerUUID', 'Location', 'RackPosition', 'PurchaseDate', 'Flag', 'Notes'];
  await insert('cpuinventory', unitColumns, [
    [1, 'cpu-model-a', 'CPU-SN-1', 2, SERVER_1, 'DC1', 'A1', '2024-01-15', 'ok', 'primary'],
    [2, 'cpu-model-b', 'CPU-SN-2', 1, null, 'Warehouse', null, null, null, null],
    [3, 'cpu-model-c', 'CPU-SN-3', 2, MISSING_SERVER, null, null, null, null, null],
  ]);
  await insert('raminventory', unitColumns, [
    [1, 'ram-1', 'RAM-SN-1', 1, null, 'Warehouse', null, null, null, null],
    [2, 'ram-2', null, 0, null, null, null, null, null, 'no serial'],
  ]);
  // chassisinventory is latin1 in the dump and has no unique key on its serial numbers.
  await insert('chassisinventory', unitColumns, [
    [1, 'chassis-1', 'CH-SN-1', 2, SERVER_1, 'Süd-Halle', 'A1', null, null, 'Gehäuse ÄÖÜ'],
    [2, 'chassis-2', 'CH-SN-1', 1, null, null, null, null, null, null],
  ]);
  await insert('nicinventory', [...unitColumns, 'SourceType', 'ParentComponentUUID', 'OnboardNICIndex'], [
    [1, 'nic-1', 'NIC-SN-1', 2, SERVER_1, null, null, null, null, null, 'onboard', 'mb-1', 1],
  ]);
  await insert('storageinventory', unitColumns, [[1, 'st-1', 'ST-SN-1', 3, null, null, null, null, null, null]]);
  await insert('server_configuration_components', ['id', 'config_uuid', 'component_type', 'component_uuid', 'quantity', 'slot_position'], [
    [1, SERVER_1, 'ram', 'ram-1', 1, 'DIMM_A1'],
    [2, SERVER_1, 'cpu', 'cpu-model-a', 1, 'CPU1'],
    [3, MISSING_SERVER, 'cpu', 'cpu-model-b', 1, null],
    [4, SERVER_2, 'storage', 'st-missing', 1, null],
  ]);
  await insert(
    'tickets',
    ['id', 'ticket_number', 'title', 'description', 'status', 'priority', 'target_server_uuid', 'created_by', 'assigned_to', 'assigned_to_role', 'deployment_notes', 'completion_notes', 'created_at', 'completed_at'],
    [
      [1, 'TKT-20261120-0001', 'Add RAM &amp; CPU', 'Add two &lt;DIMMs&gt; please', 'completed', 'urgent', SERVER_1, 11, 10, null, 'Installed', 'Verified', '2026-11-20 09:00:00', '2026-11-21 10:00:00'],
      [2, 'TKT-20261120-0002', 'Queue ticket', 'Waiting in the technician queue', 'pending', 'medium', SERVER_2, 10, null, 4, null, null, '2026-11-20 10:00:00', null],
      [3, 'TKT-20261121-0001', 'No server', 'A ticket without a target server', 'draft', 'low', null, 10, 10, null, null, null, '2026-11-21 08:00:00', null],
      [4, 'TKT-20261121-0002', 'Gone server', 'Its server was deleted', 'approved', 'high', MISSING_SERVER, 10, null, null, null, null, '2026-11-21 09:00:00', null],
      // Approved / in progress in BDC IMS, which reserves nothing: the first finds its unit on the shelf, the second's is installed elsewhere.
      [5, 'TKT-20261122-0001', 'Approved CPU', 'A CPU for the spare server', 'approved', 'high', SERVER_2, 10, 10, null, null, null, '2026-11-22 08:00:00', null],
      [6, 'TKT-20261122-0002', 'Started RAM', 'RAM that sits in another server', 'in_progress', 'medium', SERVER_2, 10, 10, null, null, null, '2026-11-22 09:00:00', null],
    ],
  );
  await insert('ticket_items', ['id', 'ticket_id', 'component_type', 'component_uuid', 'quantity', 'action', 'component_specs', 'is_validated', 'is_compatible', 'compatibility_notes'], [
    [1, 1, 'ram', 'ram-1', 2, 'add', '{"memory_type":"DDR5"}', 1, 1, 'Compatible'],
    [2, 1, 'cpu', 'cpu-model-a', 1, 'add', '{bad', 1, 0, null],
    [3, 3, 'cpu', 'cpu-model-b', 1, 'add', null, 0, 0, null],
    [4, 2, 'gpu', 'gpu-1', 1, 'add', null, 0, 0, null],
    [5, 5, 'cpu', 'cpu-model-b', 1, 'add', null, 1, 1, 'Compatible'],
    [6, 6, 'ram', 'ram-1', 1, 'add', null, 1, 1, 'Compatible'],
  ]);
  await insert('ticket_history', ['id', 'ticket_id', 'action', 'old_value', 'new_value', 'changed_by', 'notes', 'ip_address', 'user_agent', 'created_at'], [
    [1, 1, 'created', null, 'draft', 11, 'Ticket created', '10.0.0.5', 'curl/7.88.1', '2026-11-20 09:00:00'],
    [2, 1, 'status_changed', 'draft', 'pending', 11, 'Status changed from draft to pending', null, null, '2026-11-20 09:05:00'],
    [3, 1, 'assigned', null, '10', 13, 'Ticket assigned to user', null, null, '2026-11-20 09:10:00'],
    [4, 1, 'status_changed', 'pending', 'approved', 77, 'Status changed from pending to approved', null, null, '2026-11-20 09:20:00'],
    [5, 3, 'created', null, 'draft', 10, 'Ticket created', null, null, '2026-11-21 08:00:00'],
    [6, 1, 'status_changed', 'pending', 'approved', 13, 'Status changed from pending to approved', null, null, '2026-11-20 09:15:00'],
    [7, 5, 'status_changed', 'pending', 'approved', 13, 'Status changed from pending to approved', null, null, '2026-11-22 08:30:00'],
  ]);
}

const importServices = (t: TestApp) => ({ db: t.db, fulfilment: t.app.get(InventoryFulfilmentService) });

type Counts = Record<string, [imported: number, updated: number, unchanged: number, skipped: number]>;

function counts(report: ImportReport): Counts {
  return Object.fromEntries(report.tables.filter((t) => !t.absent).map((t) => [t.table, [t.imported, t.updated, t.unchanged, t.skipped.length]]));
}

function reasons(report: ImportReport, table: string, kind: 'skipped' | 'warnings' = 'skipped'): string[] {
  return report.tables.find((t) => t.table === table)?.[kind].map((s) => `${s.row}: ${s.reason}`) ?? [];
}

const schemaPresent = existsSync(SCHEMA_FILE);
const serverUrl = testMysqlUrl();

if (!schemaPresent || !serverUrl) {
  describe.skip(`BDC IMS import (skipped: ${!schemaPresent ? `${SCHEMA_FILE} is absent (../shared not mounted)` : 'TEST_MYSQL_URL not set: the source is a MariaDB database'})`, () => {
    it('imports a BDC IMS database', () => undefined);
  });
} else {
  let source: ScratchSource;
  beforeAll(async () => {
    source = await createScratchSource(serverUrl);
  });
  afterAll(async () => {
    await source?.drop();
  });

  describeEachEngine('BDC IMS import', (engine) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(engine, { seedDemo: false });
    });
    afterAll(async () => {
      await t?.close();
    });

    const run = async (options: Parameters<typeof importBdcIms>[2] = {}) => {
      const src = await BdcImsSource.open(source.url);
      try {
        return await importBdcIms(importServices(t), src, options);
      } finally {
        await src.close();
      }
    };
    const rowCounts = async () => {
      const all: Record<string, number> = {};
      for (const entity of ENTITIES) all[entity.name] = await t.dataSource.manager.count(entity);
      return all;
    };

    it('applies the whole BDC IMS schema dump on this MariaDB', () => {
      expect(source.refused).toEqual([]);
    });

    let sourceChecksum: string;
    beforeAll(async () => {
      sourceChecksum = await source.checksum();
    });

    let dryReport: ImportReport;
    it('a dry run reports what it would do and writes nothing', async () => {
      const before = await rowCounts();
      dryReport = await run({ dryRun: true });
      expect(dryReport.dryRun).toBe(true);
      expect(counts(dryReport)['users']).toEqual([4, 0, 0, 0]);
      expect(await rowCounts()).toEqual(before);
    });

    it('a failure in the middle of the import leaves this database as it was', async () => {
      const before = await rowCounts();
      const failing = run({
        afterTable: (table) => {
          if (table === 'chassisinventory') throw new Error('injected failure after chassisinventory');
        },
      });
      await expect(failing).rejects.toThrow('injected failure after chassisinventory');
      expect(await rowCounts()).toEqual(before);
    });

    let report: ImportReport;
    it('imports every table and reports each skip with its reason', async () => {
      report = await run();
      expect({ ...dryReport, dryRun: false }).toEqual(report);
      expect(counts(report)).toEqual({
        permissions: [1, 0, 4, 0],
        acl_permissions: [1, 0, 1, 0],
        roles: [1, 0, 3, 0],
        acl_roles: [1, 0, 1, 0],
        role_permissions: [2, 0, 3, 0],
        'role grants of this product': [0, 0, expect.any(Number), 0],
        users: [4, 0, 0, 0],
        user_roles: [4, 0, 0, 0],
        user_permissions: [1, 0, 0, 1],
        server_configurations: [2, 0, 0, 0],
        cpuinventory: [2, 0, 0, 1],
        raminventory: [2, 0, 0, 0],
        chassisinventory: [1, 0, 0, 1],
        motherboardinventory: [0, 0, 0, 0],
        nicinventory: [1, 0, 0, 0],
        caddyinventory: [0, 0, 0, 0],
        pciecardinventory: [0, 0, 0, 0],
        hbacardinventory: [0, 0, 0, 0],
        storageinventory: [0, 0, 0, 1],
        server_configuration_components: [2, 0, 0, 2],
        tickets: [4, 0, 0, 2],
        ticket_items: [4, 0, 0, 2],
        ticket_history: [5, 0, 0, 2],
        'tickets → reservations': [1, 0, 0, 1],
      });
      // Every table the importer reads is in the dump (or, for tickets, created above).
      expect(report.tables.filter((x) => x.absent).map((x) => x.table)).toEqual([]);
      expect(reasons(report, 'cpuinventory')).toEqual([`ID 3 (serial CPU-SN-3): unit's server ${MISSING_SERVER} does not exist`]);
      expect(reasons(report, 'chassisinventory')).toEqual([expect.stringMatching(/^ID 2 \(serial CH-SN-1\): duplicate serial number CH-SN-1/)]);
      expect(reasons(report, 'storageinventory')).toEqual([expect.stringContaining('unknown Status 3')]);
      expect(reasons(report, 'user_permissions')).toEqual(['id 2: user 99 was not imported']);
      expect(reasons(report, 'server_configurations', 'warnings')).toEqual([`id 1 (${SERVER_1}): malformed JSON in nic_configuration: kept as text in the notes`]);
      expect(reasons(report, 'users', 'warnings')).toEqual([expect.stringMatching(/^id 12 \(carol\): password is not a bcrypt hash/)]);
      expect(reasons(report, 'server_configuration_components')).toEqual([
        `id 3: server ${MISSING_SERVER} does not exist`,
        `id 4: no unit of storage st-missing in the inventory for this server`,
      ]);
      expect(reasons(report, 'tickets')).toEqual([
        'id 3 (TKT-20261121-0001): no target server (every ticket here has one)',
        `id 4 (TKT-20261121-0002): ticket's server ${MISSING_SERVER} does not exist`,
      ]);
      expect(reasons(report, 'tickets', 'warnings')).toEqual([]);
      expect(reasons(report, 'ticket_items')).toEqual(['id 3: its ticket 3 was not imported', 'id 4: unknown component_type gpu']);
      expect(reasons(report, 'ticket_items', 'warnings')).toEqual(['id 2: malformed JSON in component_specs: left out']);
      expect(reasons(report, 'ticket_history')).toEqual(['id 4: its user 77 was not imported', 'id 5: its ticket 3 was not imported']);
      expect(reasons(report, 'tickets → reservations')).toEqual([
        'TKT-20261122-0002: in_progress in BDC IMS, imported without reservations: Cannot reserve stock: 1 item(s) are invalid — #1 Only 0 unit(s) of ram-1 are available, 1 needed',
      ]);
    });

    it('reserves on import what an approved or in-progress ticket names, as approval does here', async () => {
      const m = t.dataSource.manager;
      const dave = await m.findOneByOrFail(UserEntity, { username: 'dave' });
      const approved = await m.findOneByOrFail(TicketEntity, { ticketNumber: 'TKT-20261122-0001' });
      const unit = await m.findOneByOrFail(ComponentStockEntity, { serialNumber: 'CPU-SN-2' });
      expect(unit).toMatchObject({ status: 'reserved', serverUuid: null });
      const [item] = await m.find(TicketItemEntity, { where: { ticketId: approved.id } });
      expect(await m.find(TicketItemAllocationEntity, { where: { ticketItemId: item?.id } })).toEqual([
        expect.objectContaining({ componentId: unit.id, direction: 'install', state: 'reserved', previousStatus: 'available' }),
      ]);
      const reservedRow = await m.findOneByOrFail(TicketHistoryEntity, { ticketId: approved.id, action: 'stock_reserved' });
      expect([reservedRow.userId, reservedRow.comment]).toEqual([dave.id, expect.stringContaining('CPU-SN-2')]);
      const unitLog = await t.http.get<{ event: string; source: string; ticket: { ticketNumber: string } | null }[]>(`/api/components/${unit.id}/log`, { token: await t.login('dave', 'dave-password') });
      expect(unitLog.body.map((r) => [r.event, r.ticket?.ticketNumber])).toContainEqual(['reserved', 'TKT-20261122-0001']);

      // The skipped one holds nothing, and the unit it names stays where BDC IMS has it.
      const started = await m.findOneByOrFail(TicketEntity, { ticketNumber: 'TKT-20261122-0002' });
      const startedItems = await m.find(TicketItemEntity, { where: { ticketId: started.id } });
      expect(await m.countBy(TicketItemAllocationEntity, { ticketItemId: startedItems[0]?.id })).toBe(0);
      expect(await m.countBy(TicketHistoryEntity, { ticketId: started.id, action: 'stock_reserved' })).toBe(0);
      expect(await m.findOneByOrFail(ComponentStockEntity, { serialNumber: 'RAM-SN-1' })).toMatchObject({ status: 'in_use', serverUuid: SERVER_1 });
    });

    it('brings the rows over as BDC IMS has them, mapped onto this product', async () => {
      const m = t.dataSource.manager;
      const users = new Map((await m.find(UserEntity)).map((u) => [u.username, u]));
      expect(users.get('alice')?.passwordHash.startsWith('$2y$')).toBe(true);
      expect(users.get('bob')?.status).toBe('disabled');
      expect(users.get('alice')?.status).toBe('active');

      const permissions = (await m.find(PermissionEntity)).map((p) => p.name);
      expect(permissions).toEqual(expect.arrayContaining(['reports.export', 'legacy.audit', 'inventory.view']));
      expect(permissions).not.toContain('cpu.view');
      const auditor = await m.findOneByOrFail(RoleEntity, { name: 'auditor' });
      const grants = await m
        .createQueryBuilder(RolePermissionEntity, 'rp')
        .innerJoin(PermissionEntity, 'p', 'p.id = rp.permissionId')
        .select(['p.name AS name', 'rp.granted AS granted'])
        .where('rp.roleId = :id', { id: auditor.id })
        .getRawMany<{ name: string; granted: number | boolean }>();
      expect(grants.map((g) => [g.name, Boolean(Number(g.granted))]).sort()).toEqual([
        ['inventory.view', true],
        ['reports.export', true],
      ]);
      expect((await m.findOneByOrFail(RoleEntity, { name: 'admin' })).displayName).toBe('Administrator');
      expect(await m.countBy(RoleEntity, { name: 'night_shift' })).toBe(1);

      const server = await m.findOneByOrFail(ServerEntity, { uuid: SERVER_1 });
      expect(server).toMatchObject({ name: 'bench-srv-01', status: 'deployed', location: 'DC1', rackPosition: 'A1', createdBy: users.get('alice')?.id });
      expect(JSON.parse(server.settings?.['ims.ram_configuration'] ?? 'null')).toEqual([{ uuid: 'ram-1', quantity: 1 }]);
      expect(server.settings?.['ims.power_consumption_watts']).toBe('450');
      expect(server.settings).not.toHaveProperty('ims.nic_configuration');
      expect(server.notes).toContain('{"nics": [1, 2');
      expect((await m.findOneByOrFail(ServerEntity, { uuid: SERVER_2 })).settings?.['ims.is_test']).toBe('1');

      const units = new Map((await m.find(ComponentStockEntity)).map((u) => [`${u.componentType}:${u.uuid}`, u]));
      expect(units.get('chassis:chassis-1')).toMatchObject({ location: 'Süd-Halle', notes: 'Gehäuse ÄÖÜ', status: 'in_use', serverUuid: SERVER_1 });
      expect(units.get('ram:ram-1')).toMatchObject({ status: 'in_use', serverUuid: SERVER_1, slotPosition: 'DIMM_A1' });
      expect(units.get('ram:ram-2')).toMatchObject({ serialNumber: null, status: 'failed', notes: 'no serial' });
      expect(units.get('cpu:cpu-model-a')).toMatchObject({ purchaseDate: '2024-01-15', flag: 'ok', slotPosition: 'CPU1', status: 'in_use' });
      // Available in BDC IMS, reserved here by the approved ticket TKT-20261122-0001.
      expect(units.get('cpu:cpu-model-b')).toMatchObject({ status: 'reserved', serverUuid: null, location: 'Warehouse' });
      expect(units.get('nic:nic-1')?.notes).toBe('Onboard NIC 1 of motherboard mb-1');
      expect(units.has('cpu:cpu-model-c')).toBe(false);
      expect(units.has('chassis:chassis-2')).toBe(false);

      const ticket = await m.findOneByOrFail(TicketEntity, { ticketNumber: 'TKT-20261120-0001' });
      expect(ticket).toMatchObject({
        title: 'Add RAM & CPU',
        description: 'Add two <DIMMs> please',
        status: 'completed',
        priority: 'critical',
        ticketType: 'component_addition',
        createdBy: users.get('bob')?.id,
        assignedTo: users.get('alice')?.id,
        targetServerName: 'bench-srv-01',
        deploymentNotes: 'Installed\n\nCompletion notes: Verified',
      });
      expect(ticket.createdAt.toISOString()).toBe('2026-11-20T09:00:00.000Z');
      expect(ticket.completedAt?.toISOString()).toBe('2026-11-21T10:00:00.000Z');
      const queued = await m.findOneByOrFail(TicketEntity, { ticketNumber: 'TKT-20261120-0002' });
      // BDC IMS's role 4 (auditor) queue becomes the imported role's queue, by name.
      expect(queued).toMatchObject({ priority: 'normal', status: 'pending', assignedTo: null, assignedRole: 'auditor' });
      expect((await m.findOneByOrFail(TicketCounterEntity, { day: '20261120' })).seq).toBe(2);

      const items = await m.find(TicketItemEntity, { where: { ticketId: ticket.id }, order: { position: 'ASC' } });
      expect(items.map((i) => [i.componentType, i.quantity, i.validationStatus, i.specifications])).toEqual([
        ['ram', 2, 'valid', { memory_type: 'DDR5' }],
        ['cpu', 1, 'warning', null],
      ]);
      const history = await m.find(TicketHistoryEntity, { where: { ticketId: ticket.id }, order: { createdAt: 'ASC' } });
      expect(history.map((h) => [h.action, h.fieldChanged, h.oldValue, h.newValue, h.userName])).toEqual([
        ['ticket_created', null, null, 'draft', 'bob'],
        ['status_change', 'status', 'draft', 'pending', 'bob'],
        ['assigned', 'assigned_to', null, String(users.get('alice')?.id), 'dave'],
        ['status_change', 'status', 'pending', 'approved', 'dave'],
      ]);
      // BDC IMS has no approved_by: the approval in its history names the approver.
      expect(ticket.approvedBy).toBe(users.get('dave')?.id);
      expect(history[0]).toMatchObject({ ipAddress: '10.0.0.5', comment: 'Ticket created', metadata: { importedFrom: 'bdc-ims', action: 'created', userAgent: 'curl/7.88.1' } });
    });

    it('a second run changes nothing and says so', async () => {
      const before = await rowCounts();
      const again = await run();
      for (const table of again.tables.filter((x) => !x.absent)) {
        expect([table.table, table.imported, table.updated]).toEqual([table.table, 0, 0]);
        expect(table.unchanged + table.skipped.length).toBe(table.read);
      }
      expect(again.tables.map((x) => x.skipped)).toEqual(report.tables.map((x) => x.skipped));
      expect(await rowCounts()).toEqual(before);
    });

    it('an imported user signs in with their BDC IMS password and gets what their grants allow', async () => {
      const token = await t.login('alice', ALICE_PASSWORD);
      const me = await t.http.get<AuthUser>('/api/auth/me', { token });
      expect(me.status).toBe(200);
      expect(me.body.roles).toEqual(['technician']);
      // technician's grants (the guide's ticket permissions included), BDC IMS cpu.view as inventory.view
      expect(me.body.permissions).toEqual(expect.arrayContaining(['ticket.view_assigned', 'ticket.deploy', 'inventory.view', 'server.view']));
      expect(me.body.permissions).not.toContain('ticket.approve');
      expect((await t.http.get('/api/components', { token })).status).toBe(200);
      expect((await t.http.get('/api/auth/events', { token })).status).toBe(403);

      const wrong = await t.http.post('/api/auth/login', { body: { username: 'alice', password: 'wrong-password' } });
      expect(wrong.status).toBe(401);
      const disabled = await t.http.post<{ code: string }>('/api/auth/login', { body: { username: 'bob', password: 'bob-password' } });
      expect([disabled.status, disabled.body.code]).toEqual([403, 'ACCOUNT_DISABLED']);
      const admin = await t.login('dave', 'dave-password');
      expect((await t.http.get('/api/auth/events', { token: admin })).status).toBe(200);
    });

    it('never wrote to the BDC IMS database', async () => {
      expect(await source.checksum()).toBe(sourceChecksum);
    });
  });

  describeEachEngine('BDC IMS import into a database already in use', (engine) => {
    let t: TestApp;
    let merge: ScratchSource | undefined;
    afterAll(async () => {
      await t?.close();
      await merge?.drop();
    });

    it('merges onto existing users, servers and units by their natural keys, and keeps what BDC IMS does not know', async () => {
      t = await createTestApp(engine);
      const m = t.dataSource.manager;
      const unit = await m
        .createQueryBuilder(ComponentStockEntity, 'u')
        .where('u.serialNumber IS NOT NULL AND u.serverUuid IS NOT NULL AND u.slotPosition IS NOT NULL')
        .orderBy('u.id')
        .getOneOrFail();
      const server = await m.findOneByOrFail(ServerEntity, { uuid: unit.serverUuid ?? '' });
      merge = await createScratchSource(
        serverUrl,
        async (conn) => {
          await conn.query('INSERT INTO users (id, username, password, email, status) VALUES (1, ?, ?, ?, ?)', ['Tech', await phpHash('bdc-password'), 'tom@bdc.test', 'active']);
          await conn.query("INSERT INTO roles (id, name, display_name) VALUES (1, 'technician', 'Technician')");
          await conn.query('INSERT INTO user_roles (id, user_id, role_id) VALUES (1, 1, 1)');
          await conn.query('INSERT INTO server_configurations (id, config_uuid, server_name, configuration_status) VALUES (1, ?, ?, 2)', [server.uuid, 'renamed-in-bdc']);
          await conn.query(`INSERT INTO \`${unit.componentType}inventory\` (ID, UUID, SerialNumber, Status, ServerUUID, Location) VALUES (1, ?, ?, 2, ?, 'Moved rack')`, [
            unit.uuid,
            unit.serialNumber,
            server.uuid,
          ]);
        },
        false,
      );
      const src = await BdcImsSource.open(merge.url);
      let result: ImportReport;
      try {
        result = await importBdcIms(importServices(t), src);
      } finally {
        await src.close();
      }
      const c = counts(result);
      expect([c['users'], c['user_roles'], c['server_configurations'], c[`${unit.componentType}inventory`]]).toEqual([
        [0, 1, 0, 0],
        [0, 0, 1, 0],
        [0, 1, 0, 0],
        [0, 1, 0, 0],
      ]);
      expect(result.tables.filter((x) => x.absent).map((x) => x.table)).toEqual(['tickets', 'ticket_items', 'ticket_history', 'tickets → reservations']);

      const after = await m.findOneByOrFail(ComponentStockEntity, { id: unit.id });
      expect(after).toMatchObject({ location: 'Moved rack', slotPosition: unit.slotPosition, serverUuid: server.uuid, status: 'in_use' });
      expect(await m.countBy(UserEntity, { username: 'tech' })).toBe(1);
      expect((await m.findOneByOrFail(ServerEntity, { id: server.id })).name).toBe('renamed-in-bdc');

      const token = await t.login('tech', 'bdc-password');
      expect((await t.http.get<AuthUser>('/api/auth/me', { token })).body.email).toBe('tom@bdc.test');
      expect((await t.http.post('/api/auth/login', { body: { username: 'tech', password: 'demo' } })).status).toBe(401);
    });
  });
}
