import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../database/database.service';

/** Tickets that may still change a server: their claims on units can collide. */
export const OPEN_TICKET_STATUSES = ['draft', 'pending', 'approved', 'in_progress'] as const;

/** One thing a ticket claims on its server: a unit's serial, named by an item or held by a reservation. */
export interface ClaimRow {
  ticketId: number;
  ticketNumber: string;
  claim: string;
  /** Held as a stock reservation (an approved ticket), not only named by an item. */
  reserved: boolean;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * The claims of open tickets on one server, in two plain queries: serials their items name (a pinned
 * unit to install, a unit to remove or replace) and the serials of units they hold reserved.
 */
@Injectable()
export class TicketConflictsRepository {
  constructor(private readonly db: DatabaseService) {}

  async claimsOnServer(serverUuid: string, manager?: EntityManager): Promise<ClaimRow[]> {
    const m = manager ?? this.db.dataSource.manager;
    const statuses = [...OPEN_TICKET_STATUSES];
    const [named, held]: [{ ticketId: number | string; ticketNumber: string; serial: string | null; currentValue: string | null }[], { ticketId: number | string; ticketNumber: string; serial: string | null }[]] =
      await Promise.all([
        m.query(
          `SELECT t.id AS ticketId, t.ticket_number AS ticketNumber, i.component_serial AS serial, i.current_value AS currentValue
             FROM tickets t JOIN ticket_items i ON i.ticket_id = t.id
            WHERE t.target_server_uuid = ? AND t.status IN (${placeholders(statuses.length)}) AND i.action <> 'modify'
              AND (i.component_serial IS NOT NULL OR (i.action IN ('remove', 'replace') AND i.current_value IS NOT NULL))`,
          [serverUuid, ...statuses],
        ),
        m.query(
          `SELECT t.id AS ticketId, t.ticket_number AS ticketNumber, c.serial_number AS serial
             FROM ticket_item_allocations a
             JOIN ticket_items i ON i.id = a.ticket_item_id
             JOIN tickets t ON t.id = i.ticket_id
             JOIN component_stock c ON c.id = a.component_id
            WHERE t.target_server_uuid = ? AND t.status IN (${placeholders(statuses.length)}) AND a.state = 'reserved' AND c.serial_number IS NOT NULL`,
          [serverUuid, ...statuses],
        ),
      ]);
    const rows: ClaimRow[] = [];
    for (const r of named) {
      for (const claim of [r.serial, r.currentValue]) {
        if (claim && claim.trim() !== '') rows.push({ ticketId: Number(r.ticketId), ticketNumber: r.ticketNumber, claim: claim.trim(), reserved: false });
      }
    }
    for (const r of held) if (r.serial) rows.push({ ticketId: Number(r.ticketId), ticketNumber: r.ticketNumber, claim: r.serial, reserved: true });
    return rows;
  }
}
