import { randomBytes } from 'node:crypto';
import { dayInTimeZone, formatTicketNumber, type CreateTicketRequest } from '@bdc/contracts';
import type { Pool, PoolConnection, ResultSetHeader } from 'mysql2/promise';

/** What the raw transaction writes: the benchmark's request as the API would store it. */
export interface RawTicket {
  request: CreateTicketRequest;
  serverName: string;
  user: { id: number; username: string };
  timeZone: string;
  /** Who the API notifies of a new ticket (the active approvers but the creator), with their address. */
  approvers: { id: number; email: string | null }[];
}

const TICKET_COLUMNS = 'ticket_number, title, description, ticket_type, priority, target_server_uuid, target_server_name, status, created_by, submitted_at';
const ITEM_COLUMNS =
  'ticket_id, position, item_type, action, component_type, component_uuid, quantity, specifications, current_value, requested_value, validation_status, compatibility_checked';

function ticketValues(t: RawTicket, ticketNumber: string): unknown[] {
  const r = t.request;
  return [ticketNumber, r.title, r.description, r.ticketType, r.priority, r.targetServerUuid, t.serverName, 'pending', t.user.id, new Date()];
}

function itemValues(t: RawTicket, ticketId: number): unknown[][] {
  return t.request.items.map((item, position) => [
    ticketId,
    position,
    item.action === 'modify' ? 'configuration' : 'component',
    item.action,
    item.componentType,
    item.componentUuid ?? null,
    item.quantity,
    item.specifications ? JSON.stringify(item.specifications) : null,
    item.currentValue ?? null,
    item.requestedValue ?? null,
    'valid',
    1,
  ]);
}

async function insertHistory(conn: PoolConnection, t: RawTicket, ticketId: number): Promise<void> {
  await conn.query(
    `INSERT INTO ticket_history (ticket_id, action, new_value, user_id, user_name, comment, metadata, ip_address) VALUES (?, 'ticket_created', 'pending', ?, ?, ?, ?, '127.0.0.1')`,
    [ticketId, t.user.id, t.user.username, t.request.title, JSON.stringify({ items: t.request.items.length, draft: false })],
  );
}

/** The `submitted` outbox rows the API writes for a new ticket (one multi-row INSERT), once it has its number. */
async function insertNotifications(conn: PoolConnection, t: RawTicket, ticketId: number, ticketNumber: string): Promise<void> {
  if (t.approvers.length === 0) return;
  const subject = `[${ticketNumber}] Submitted for approval: ${t.request.title}`;
  const message = `${t.user.username} submitted ${ticketNumber} for approval.`;
  await conn.query(
    'INSERT INTO ticket_notifications (ticket_id, notification_type, recipient_user_id, recipient_email, subject, message, status, actor_user_id, actor_name, attempts) VALUES ?',
    [t.approvers.map((a) => [ticketId, 'submitted', a.id, a.email, subject, message, 'skipped', t.user.id, t.user.username, 0])],
  );
}

/**
 * `UPDATE ticket_counters …` for the day, creating the day's row first when there is none (as the
 * API does; only at midnight during a run).
 */
async function bumpCounter(conn: PoolConnection, day: string, assignment: string): Promise<ResultSetHeader> {
  const sql = `UPDATE ticket_counters SET seq = ${assignment} WHERE day = ?`;
  const [first] = await conn.query<ResultSetHeader>(sql, [day]);
  if (first.affectedRows === 1) return first;
  await conn.query('INSERT IGNORE INTO ticket_counters (day, seq) VALUES (?, 0)', [day]);
  const [second] = await conn.query<ResultSetHeader>(sql, [day]);
  if (second.affectedRows !== 1) throw new Error(`no ticket counter row for ${day}`);
  return second;
}

async function inTransaction(pool: Pool, work: (conn: PoolConnection) => Promise<void>): Promise<void> {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await work(conn);
    await conn.commit();
  } catch (error) {
    await conn.rollback();
    throw error;
  } finally {
    conn.release();
  }
}

/**
 * The baseline: the API's creation transaction with nothing around it (no HTTP, no auth, no
 * validation reads, no ORM), the same writes in the same order. The ticket goes in under a
 * provisional number, then its items (one multi-row INSERT) and history row, and the day's number
 * is allocated last (the counter row is locked from there to COMMIT) with LAST_INSERT_ID(expr),
 * which brings the new value back in the UPDATE's reply; then the ticket takes its number and the
 * approvers' notification rows (whose subject carries the number) go in.
 */
export function rawCreate(pool: Pool, t: RawTicket): () => Promise<void> {
  return () =>
    inTransaction(pool, async (conn) => {
      const [ticket] = await conn.query<ResultSetHeader>(`INSERT INTO tickets (${TICKET_COLUMNS}) VALUES (?)`, [ticketValues(t, `tmp-${randomBytes(8).toString('hex')}`)]);
      await conn.query(`INSERT INTO ticket_items (${ITEM_COLUMNS}) VALUES ?`, [itemValues(t, ticket.insertId)]);
      await insertHistory(conn, t, ticket.insertId);
      const day = dayInTimeZone(new Date(), t.timeZone);
      const counter = await bumpCounter(conn, day, 'LAST_INSERT_ID(seq + 1)');
      const ticketNumber = formatTicketNumber(day, counter.insertId);
      await conn.query('UPDATE tickets SET ticket_number = ?, updated_at = updated_at WHERE id = ?', [ticketNumber, ticket.insertId]);
      await insertNotifications(conn, t, ticket.insertId, ticketNumber);
    });
}
