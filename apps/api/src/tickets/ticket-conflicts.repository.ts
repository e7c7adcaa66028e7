import { Injectable } from '@nestjs/common';
import { COMPONENT_TYPES, ITEM_ACTIONS, isOneOf, type TicketItemInput } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { OPEN_TICKET_STATUSES, type ClaimItem, type HeldUnit, type NamedUnit } from './ticket-claims';

export { OPEN_TICKET_STATUSES };

/** An open ticket with the facts its claims are made of (see ticket-claims.ts). */
export interface ClaimSource {
  ticketId: number;
  ticketNumber: string;
  serverUuid: string;
  items: ClaimItem[];
  held: HeldUnit[];
}

type ItemRow = {
  ticketId: number | string;
  ticketNumber: string;
  serverUuid: string;
  itemId: number | string;
  action: string;
  componentType: string;
  componentUuid: string | null;
  componentSerial: string | null;
  currentValue: string | null;
  namedType: string | null;
  namedSerial: string | null;
  namedSlot: string | null;
};

type HeldRow = { ticketId: number | string; ticketNumber: string; serverUuid: string; serial: string | null; slot: string | null };

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * The facts of open tickets' claims, in two plain queries: their items (each with the units installed
 * in the ticket's server that it mentions by serial) and the units they hold reserved. What counts as
 * a claim is decided in ticket-claims.ts, not here.
 */
@Injectable()
export class TicketConflictsRepository {
  constructor(private readonly db: DatabaseService) {}

  /** Every open ticket's facts, on one server or (null) on all of them. */
  async sources(serverUuid: string | null, manager?: EntityManager): Promise<ClaimSource[]> {
    const m = manager ?? this.db.dataSource.manager;
    const statuses = [...OPEN_TICKET_STATUSES];
    const onServer = serverUuid === null ? '' : 'AND t.target_server_uuid = ?';
    const params = serverUuid === null ? statuses : [...statuses, serverUuid];
    const [itemRows, heldRows]: [ItemRow[], HeldRow[]] = await Promise.all([
      m.query(
        `SELECT t.id AS ticketId, t.ticket_number AS ticketNumber, t.target_server_uuid AS serverUuid, i.id AS itemId, i.action AS action,
                i.component_type AS componentType, i.component_uuid AS componentUuid, i.component_serial AS componentSerial, i.current_value AS currentValue,
                c.component_type AS namedType, c.serial_number AS namedSerial, c.slot_position AS namedSlot
           FROM tickets t
           JOIN ticket_items i ON i.ticket_id = t.id
           LEFT JOIN component_stock c ON c.server_uuid = t.target_server_uuid AND c.status = 'in_use' AND c.serial_number IN (i.component_serial, i.current_value)
          WHERE t.status IN (${placeholders(statuses.length)}) ${onServer} AND i.action <> 'modify'
          ORDER BY t.id, i.position, i.id`,
        params,
      ),
      m.query(
        `SELECT t.id AS ticketId, t.ticket_number AS ticketNumber, t.target_server_uuid AS serverUuid, c.serial_number AS serial,
                CASE WHEN a.direction = 'remove' AND c.server_uuid = t.target_server_uuid THEN c.slot_position ELSE NULL END AS slot
           FROM ticket_item_allocations a
           JOIN ticket_items i ON i.id = a.ticket_item_id
           JOIN tickets t ON t.id = i.ticket_id
           JOIN component_stock c ON c.id = a.component_id
          WHERE t.status IN (${placeholders(statuses.length)}) ${onServer} AND a.state = 'reserved'
          ORDER BY t.id, a.id`,
        params,
      ),
    ]);
    const byTicket = new Map<number, ClaimSource>();
    const sourceOf = (row: { ticketId: number | string; ticketNumber: string; serverUuid: string }) => {
      const id = Number(row.ticketId);
      let source = byTicket.get(id);
      if (!source) byTicket.set(id, (source = { ticketId: id, ticketNumber: row.ticketNumber, serverUuid: row.serverUuid, items: [], held: [] }));
      return source;
    };
    const items = new Map<number, { item: TicketItemInput; named: NamedUnit[] }>();
    for (const row of itemRows) {
      const itemId = Number(row.itemId);
      let entry = items.get(itemId);
      if (!entry) {
        entry = { item: toClaimInput(row), named: [] };
        items.set(itemId, entry);
        sourceOf(row).items.push(entry);
      }
      if (row.namedSerial && row.namedType) entry.named.push({ componentType: row.namedType, serialNumber: row.namedSerial, slot: row.namedSlot });
    }
    for (const row of heldRows) sourceOf(row).held.push({ serialNumber: row.serial, slot: row.slot });
    return [...byTicket.values()];
  }

  /** The units one ticket holds reserved while it is open (its own claims; the rows `sources` gives it). */
  async heldBy(ticketId: number, manager?: EntityManager): Promise<HeldUnit[]> {
    const rows: { serial: string | null; slot: string | null }[] = await (manager ?? this.db.dataSource.manager).query(
      `SELECT c.serial_number AS serial,
              CASE WHEN a.direction = 'remove' AND c.server_uuid = t.target_server_uuid THEN c.slot_position ELSE NULL END AS slot
         FROM ticket_item_allocations a
         JOIN ticket_items i ON i.id = a.ticket_item_id
         JOIN tickets t ON t.id = i.ticket_id
         JOIN component_stock c ON c.id = a.component_id
        WHERE t.id = ? AND t.status IN (${placeholders(OPEN_TICKET_STATUSES.length)}) AND a.state = 'reserved'
        ORDER BY a.id`,
      [ticketId, ...OPEN_TICKET_STATUSES],
    );
    return rows.map((r) => ({ serialNumber: r.serial, slot: r.slot }));
  }

  /** The units installed in a server with one of these serials (what unsaved items mention). */
  async namedUnits(serverUuid: string, serials: readonly string[], manager?: EntityManager): Promise<NamedUnit[]> {
    const unique = [...new Set(serials)];
    if (unique.length === 0) return [];
    const rows: { componentType: string; serialNumber: string; slot: string | null }[] = await (manager ?? this.db.dataSource.manager).query(
      `SELECT c.component_type AS componentType, c.serial_number AS serialNumber, c.slot_position AS slot
         FROM component_stock c
        WHERE c.server_uuid = ? AND c.status = 'in_use' AND c.serial_number IN (${placeholders(unique.length)})`,
      [serverUuid, ...unique],
    );
    return rows;
  }
}

function toClaimInput(row: ItemRow): TicketItemInput {
  return {
    action: isOneOf(ITEM_ACTIONS, row.action) ? row.action : 'add',
    componentType: isOneOf(COMPONENT_TYPES, row.componentType) ? row.componentType : null,
    componentUuid: row.componentUuid,
    componentSerial: row.componentSerial,
    currentValue: row.currentValue,
    quantity: 1,
  };
}
