import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { formatTicketNumber } from '@bdc/contracts';
import { MODEL } from '../src/seed/demo-catalog';

export async function countTickets(pool: Pool): Promise<number> {
  const [[row]] = await pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM tickets');
  return Number(row?.n ?? 0);
}

/** Bulk-inserts tickets spread over past days (their own numbers), statuses, users and servers. */
export async function generateTickets(pool: Pool, count: number): Promise<void> {
  if (count <= 0) return;
  const [users] = await pool.query<RowDataPacket[]>('SELECT id FROM users ORDER BY id');
  const [servers] = await pool.query<RowDataPacket[]>('SELECT config_uuid, server_name FROM server_configurations');
  const statuses = ['draft', 'pending', 'approved', 'rejected', 'in_progress', 'deployed', 'completed', 'cancelled'];
  const priorities = ['low', 'normal', 'high', 'critical'];
  const types = ['component_addition', 'component_removal', 'component_replacement', 'configuration_change'];
  const words = ['memory', 'storage', 'network', 'cpu', 'firmware', 'disk', 'hba', 'gpu'];
  const perDay = 500;
  const start = Date.UTC(2020, 0, 1);
  const batch = 1000;
  const t0 = performance.now();
  for (let offset = 0; offset < count; offset += batch) {
    const rows: unknown[][] = [];
    const itemRows: unknown[][] = [];
    for (let k = offset; k < Math.min(count, offset + batch); k++) {
      const created = new Date(start + Math.floor(k / perDay) * 86_400_000 + (k % perDay) * 60_000);
      const day = created.toISOString().slice(0, 10).replace(/-/g, '');
      const server = servers[k % servers.length];
      const user = users[k % users.length];
      rows.push([
        formatTicketNumber(day, (k % perDay) + 1),
        `Generated ${words[k % words.length]} change ${k}`,
        `Bench ticket ${k}: ${words[(k * 7) % words.length]} work`,
        types[k % types.length],
        priorities[k % priorities.length],
        server?.config_uuid,
        server?.server_name,
        statuses[k % statuses.length],
        user?.id,
        created,
        created,
      ]);
    }
    const [res] = await pool.query<ResultSetHeader>(
      'INSERT INTO tickets (ticket_number, title, description, ticket_type, priority, target_server_uuid, target_server_name, status, created_by, created_at, updated_at) VALUES ?',
      [rows],
    );
    for (let j = 0; j < rows.length; j++) {
      const id = res.insertId + j;
      for (let p = 0; p < 1 + (j % 3); p++) itemRows.push([id, p, 'component', 'add', 'ram', MODEL.ramSamsung32, 1, 'valid']);
    }
    await pool.query('INSERT INTO ticket_items (ticket_id, position, item_type, action, component_type, component_uuid, quantity, validation_status) VALUES ?', [itemRows]);
  }
  await pool.query('ANALYZE TABLE tickets, ticket_items');
  console.log(`generated ${count} tickets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
