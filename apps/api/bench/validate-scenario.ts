/**
 * Bench scenario (issue #6): validating a 20-item ticket against a full server, with 100 servers and
 * 5,000 stock units in the database. The whole-ticket validation reads the server's units, the catalog
 * models involved with their stock counts, the pinned serials and the removal claims, evaluates the
 * compatibility rule table once on the projected build, projects the build by slot and looks for
 * conflicts with other open tickets. Target: p95 < 50 ms.
 */
import { randomUUID } from 'node:crypto';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { TicketItemInput, ValidationReport } from '@bdc/contracts';
import { MODEL } from '../src/seed/demo-catalog';
import type { HttpClient } from './load';

const SERVERS = 100;
const UNITS = 5000;

interface Unit {
  type: string;
  model: string;
  server: string | null;
  slot: string | null;
}

/** A full Dell R760-like build: chassis, board, 2 CPUs, 16 DIMMs, 8 SSDs in caddies, 2 NICs, an HBA. */
function fullBuild(server: string): Unit[] {
  const u = (type: string, model: string, slot: string | null = null): Unit => ({ type, model, server, slot });
  return [
    u('chassis', MODEL.chassisDellR760),
    u('motherboard', MODEL.boardDellR760),
    u('cpu', MODEL.cpuXeonGold6430, 'CPU1'),
    u('cpu', MODEL.cpuXeonGold6430, 'CPU2'),
    ...Array.from({ length: 16 }, (_, n) => u('ram', MODEL.ramSamsung64, `DIMM ${String.fromCharCode(65 + Math.floor(n / 2))}${(n % 2) + 1}`)),
    ...Array.from({ length: 8 }, (_, n) => u('storage', MODEL.ssdMicron5400, `Bay ${n}`)),
    ...Array.from({ length: 8 }, (_, n) => u('caddy', MODEL.caddyDell25, `Bay ${n}`)),
    u('nic', MODEL.nicE810Xxvda2, 'PCIe slot 1'),
    u('nic', MODEL.nicConnectX6Lx, 'PCIe slot 2'),
    u('hbacard', MODEL.hba9500_8i, 'PCIe slot 3'),
  ];
}

const SPARE_MODELS: [string, string][] = [
  ['ram', MODEL.ramSamsung64],
  ['ram', MODEL.ramSamsung32],
  ['storage', MODEL.ssdMicron5400],
  ['storage', MODEL.ssdPm9a3U2],
  ['caddy', MODEL.caddyDell25],
  ['nic', MODEL.nicE810Xxvda2],
  ['cpu', MODEL.cpuXeonGold6430],
  ['hbacard', MODEL.hba9500_16i],
];

/** Seeds the servers and units with plain multi-row INSERTs; returns the full server and the ticket's items. */
export async function seedValidationWorld(pool: Pool): Promise<{ serverUuid: string; items: TicketItemInput[] }> {
  const [[{ servers }]] = await pool.query<RowDataPacket[]>('SELECT COUNT(*) AS servers FROM server_configurations');
  const [[{ units }]] = await pool.query<RowDataPacket[]>('SELECT COUNT(*) AS units FROM component_stock');
  const full = randomUUID();
  const serverRows: string[][] = [[full, 'bench-full-01']];
  for (let n = Number(servers) + 1; n < SERVERS; n++) serverRows.push([randomUUID(), `bench-${String(n).padStart(3, '0')}`]);
  await pool.query(
    `INSERT INTO server_configurations (config_uuid, server_name, configuration_status, location, rack_position, power_budget_watts, settings, created_at, updated_at) VALUES ${serverRows.map(() => "(?, ?, 'deployed', 'Bench hall', 'B01', NULL, '{\"bios_profile\":\"performance\"}', NOW(), NOW())").join(', ')}`,
    serverRows.flat(),
  );
  const all: Unit[] = serverRows.flatMap(([uuid]) => fullBuild(uuid ?? ''));
  for (let n = 0; all.length + Number(units) < UNITS; n++) {
    const [type, model] = SPARE_MODELS[n % SPARE_MODELS.length] ?? ['ram', MODEL.ramSamsung64];
    all.push({ type, model, server: null, slot: null });
  }
  for (let start = 0; start < all.length; start += 500) {
    const chunk = all.slice(start, start + 500);
    await pool.query(
      `INSERT INTO component_stock (component_type, uuid, serial_number, status, server_uuid, slot_position, location, created_at, updated_at) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, 'Bench store', NOW(), NOW())").join(', ')}`,
      chunk.flatMap((u, i) => [u.type, u.model, `BENCH-${start + i}`, u.server ? 'in_use' : 'available', u.server, u.slot]),
    );
  }
  const [installed] = await pool.query<RowDataPacket[]>('SELECT component_type AS type, serial_number AS serial FROM component_stock WHERE server_uuid = ? ORDER BY id', [full]);
  const serialOf = (type: string, nth = 0) => String(installed.filter((r) => r.type === type)[nth]?.serial ?? '');
  const add = (componentType: TicketItemInput['componentType'], componentUuid: string): TicketItemInput => ({ action: 'add', componentType, componentUuid, quantity: 1 });
  const items: TicketItemInput[] = [
    ...Array.from({ length: 8 }, () => add('ram', MODEL.ramSamsung64)),
    ...Array.from({ length: 4 }, () => add('storage', MODEL.ssdMicron5400)),
    ...Array.from({ length: 4 }, () => add('caddy', MODEL.caddyDell25)),
    add('nic', MODEL.nicE810Xxvda2),
    { action: 'remove', componentType: 'nic', componentSerial: serialOf('nic', 1), quantity: 1 },
    { action: 'replace', componentType: 'storage', currentValue: serialOf('storage', 0), componentUuid: MODEL.ssdMicron5400, quantity: 1 },
    { action: 'modify', quantity: 1, specifications: { setting: 'bios_profile' }, currentValue: 'performance', requestedValue: 'balanced' },
  ];
  return { serverUuid: full, items };
}

/** Checks the scenario answers 200 with a verdict for every item before it is timed. */
export async function checkValidation(http: HttpClient, token: string, body: { targetServerUuid: string; items: TicketItemInput[] }): Promise<ValidationReport> {
  const res = await http.send('POST', '/api/tickets/validate-items', { token, json: body });
  if (res.status !== 200) throw new Error(`validate-items: ${res.status} ${res.body}`);
  const report = JSON.parse(res.body) as ValidationReport;
  if (report.items.length !== body.items.length) throw new Error('validate-items answered a verdict per item');
  return report;
}

/** What the validate group's section says under its table. */
export function validateNotes(report: ValidationReport): string {
  const errors = (report.build ?? []).filter((b) => b.severity === 'error').length;
  return [
    'The server holds 38 units (chassis, board, 2 CPUs, 16 DIMMs, 8 SSDs with caddies, 2 NICs, an HBA); the ticket adds 8',
    'DIMMs, 4 SSDs, 4 caddies and a NIC, removes a NIC, replaces an SSD and changes a setting. Each request reads the server',
    'with its units, the catalog models involved with their stock counts, the pinned serials, the removal claims and the',
    'open tickets of the server (for conflicts), evaluates the whole rule table once on the projected build, and answers',
    `with the verdicts and the projected build by slot (${report.projectedBuild?.slots.length ?? 0} slots; ${report.items.filter((i) => i.status === 'valid').length}`,
    `of 20 items valid, ${errors} build-wide error(s)).`,
  ].join('\n');
}
