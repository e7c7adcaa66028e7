import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../database/database.service';
import { insertStatement, SqlBatchService, type BatchStatement } from '../database/sql-batch.service';
import type { InsertedRow } from '../common/inserted-row';
import type { NewHistoryRow } from '../history/history.repository';
import { TicketHistoryEntity } from '../history/ticket-history.entity';
import type { NewNotificationRow } from '../notifications/notifications.repository';
import { TicketNotificationEntity } from '../notifications/ticket-notification.entity';
import type { NewItemRow } from '../ticket-items/ticket-items.repository';
import { TicketItemEntity } from '../ticket-items/ticket-item.entity';
import type { TicketPatch } from './tickets.repository';
import { TicketEntity } from './ticket.entity';

export interface NewTicketRows {
  /** The ticket under `provisionalNumber` (its real number is allocated in the batch). */
  ticket: TicketPatch;
  provisionalNumber: string;
  /** The items, history and notification rows; their ticket id is the new ticket's, whatever they say. */
  items: NewItemRow[];
  history: NewHistoryRow[];
  /** Subjects and messages name the ticket by `provisionalNumber`; the batch puts the real number in. */
  notifications: NewNotificationRow[];
  /** The counter day (YYYYMMDD); its row must exist (TicketNumberingService.prepare). */
  day: string;
}

export interface CreatedTicketRows extends InsertedRow {
  ticketNumber: string;
  items: InsertedRow[];
  notificationIds: number[];
}

/** The counter row of the day was missing: the batch refused to number the ticket (nothing was written). */
export class CounterMissingError extends Error {}

type Row = Record<string, unknown>;

/**
 * Creation on MariaDB as one round trip (SqlBatchService): the ticket, its items, its history row,
 * then the day's number, the ticket's number and the notification rows, and COMMIT. The counter row
 * is locked from its UPDATE to the COMMIT, server-side only; before, the API's round trips between
 * them (through an event loop shared with every other request) were part of every creator's wait.
 *
 * The number is made in SQL: `LAST_INSERT_ID(seq + 1)` leaves the new sequence in the session, and
 * `TKT-<day>-<seq padded to 4>` is the contracts' formatTicketNumber in SQL (LPAD never truncates:
 * the width is at least the length). If the day had no counter row the UPDATE matches none, and the
 * ticket's number would be wrong: then `@counted` is 0 and the number NULL, which the NOT NULL
 * column refuses in strict mode (set for that statement), so the batch stops before COMMIT.
 */
@Injectable()
export class TicketCreationRepository {
  constructor(
    private readonly db: DatabaseService,
    private readonly batch: SqlBatchService,
  ) {}

  get available(): boolean {
    return this.batch.available;
  }

  async create(rows: NewTicketRows): Promise<CreatedTicketRows> {
    const ds = this.db.dataSource;
    const ticketId = () => ({ sql: '@t', params: [] });
    const withNumber = (text: unknown) => ({ sql: 'REPLACE(?, ?, @n)', params: [text, rows.provisionalNumber] });
    // Each INSERT answers with what the API needs of its rows (MariaDB's INSERT … RETURNING): no
    // SELECT reads them back (measured: three read-back SELECTs were a fifth of the batch's CPU on
    // the server). The ticket's updated_at stays as inserted: the numbering UPDATE keeps it.
    const returning = (statement: BatchStatement, columns: string): BatchStatement => ({ sql: `${statement.sql} RETURNING ${columns}`, params: statement.params });
    const timestamps = 'id, created_at AS createdAt, updated_at AS updatedAt';
    const ticketInsert = returning(insertStatement(ds.getMetadata(TicketEntity), [rows.ticket]), timestamps);
    const itemsInsert = rows.items.length ? returning(insertStatement(ds.getMetadata(TicketItemEntity), rows.items, { ticketId }), timestamps) : null;
    const notificationsInsert = rows.notifications.length
      ? returning(
          insertStatement(ds.getMetadata(TicketNotificationEntity), rows.notifications, {
            ticketId,
            subject: (i) => withNumber(rows.notifications[i]?.subject),
            message: (i) => withNumber(rows.notifications[i]?.message),
          }),
          'id',
        )
      : null;
    // The number as stored. (Read from the counter UPDATE's OK packet instead, two of 30 creations at
    // once through three Galera nodes once answered the same number.)
    const numberSelect: BatchStatement = { sql: 'SELECT @n AS ticketNumber', params: [] };
    const statements: BatchStatement[] = [
      ticketInsert,
      { sql: 'SET @t = LAST_INSERT_ID()', params: [] },
      ...(itemsInsert ? [itemsInsert] : []),
      ...(rows.history.length ? [insertStatement(ds.getMetadata(TicketHistoryEntity), rows.history, { ticketId })] : []),
      // From here to COMMIT the day's counter row is locked.
      { sql: 'UPDATE ticket_counters SET seq = LAST_INSERT_ID(seq + 1) WHERE day = ?', params: [rows.day] },
      {
        sql: "SET @counted = ROW_COUNT(), @n = CONCAT('TKT-', ?, '-', LPAD(LAST_INSERT_ID(), GREATEST(4, CHAR_LENGTH(LAST_INSERT_ID())), '0'))",
        params: [rows.day],
      },
      {
        sql: "SET STATEMENT sql_mode = 'STRICT_ALL_TABLES' FOR UPDATE tickets SET ticket_number = IF(@counted = 1, @n, NULL), updated_at = updated_at WHERE id = @t",
        params: [],
      },
      ...(notificationsInsert ? [notificationsInsert] : []),
      numberSelect,
    ];
    let results: unknown[];
    try {
      results = await this.batch.transaction(statements);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ER_BAD_NULL_ERROR') throw new CounterMissingError(`No ticket counter row for ${rows.day}`);
      throw error;
    }
    // A statement's result, by its place in the batch (the items and notifications may be absent).
    const resultOf = (statement: BatchStatement | null): Row[] => (statement ? ((results[statements.indexOf(statement)] as Row[] | undefined) ?? []) : []);
    const [ticketRow] = resultOf(ticketInsert);
    const ticketNumber = resultOf(numberSelect)[0]?.ticketNumber;
    const inserted = (row: Row | undefined, what: string): InsertedRow => {
      const { id, createdAt, updatedAt } = row ?? {};
      if (!(createdAt instanceof Date) || !(updatedAt instanceof Date)) throw new Error(`${what} insert returned no timestamps`);
      return { id: Number(id), createdAt, updatedAt };
    };
    if (typeof ticketNumber !== 'string') throw new Error('The created ticket got no number');
    const items = resultOf(itemsInsert).map((r) => inserted(r, 'Ticket item'));
    if (items.length !== rows.items.length) throw new Error(`Expected ${rows.items.length} items back, got ${items.length}`);
    return {
      ...inserted(ticketRow, 'Ticket'),
      ticketNumber,
      items,
      notificationIds: resultOf(notificationsInsert).map((r) => Number(r.id)),
    };
  }
}
