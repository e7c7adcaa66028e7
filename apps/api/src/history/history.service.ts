import { Injectable } from '@nestjs/common';
import type { HistoryAction, HistoryEntryView } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../access/auth-context';
import { TicketAccessService } from '../tickets/ticket-access.service';
import { LiveEventsService, type TicketChange } from '../notifications/live/live-events.service';
import { UsersService } from '../users/users.service';
import { LEGACY_IP_METADATA_KEY, subjectIdOf, toHistoryEntryView } from './history.dto';
import { HistoryRepository, type NewHistoryRow } from './history.repository';

export interface HistoryEntryInput {
  ticketId: number;
  action: HistoryAction;
  fieldChanged?: string | null;
  oldValue?: string | number | null;
  newValue?: string | number | null;
  comment?: string | null;
  metadata?: Record<string, unknown> | null;
  /** The ticket's access facts as its transaction will commit them, when the caller knows them (no row column: the live event's). */
  facts?: TicketChange['facts'];
}

/** The cached user name column is 100 characters wide. */
const USER_NAME_MAX = 100;

/**
 * Typed audit entries. `record` takes the caller's EntityManager so the entry commits or rolls back
 * with the change it describes; nothing in the application updates or deletes a history row.
 */
@Injectable()
export class HistoryService {
  constructor(
    private readonly history: HistoryRepository,
    private readonly access: TicketAccessService,
    private readonly users: UsersService,
    private readonly live: LiveEventsService,
  ) {}

  record(manager: EntityManager, auth: AuthContext, entry: HistoryEntryInput): Promise<void> {
    return this.recordMany(manager, auth, [entry]);
  }

  /**
   * Every ticket change writes history, so this is also where live updates are announced (after the
   * transaction commits; nothing when it rolls back).
   */
  async recordMany(manager: EntityManager, auth: AuthContext, entries: HistoryEntryInput[]): Promise<void> {
    await this.history.insert(manager, this.rowsOf(auth, entries));
    this.announce(entries);
  }

  /** The rows recordMany writes, for a hot path that writes them with its own SQL (then: announce). */
  rowsOf(auth: AuthContext, entries: readonly HistoryEntryInput[]): NewHistoryRow[] {
    return entries.map((entry) => ({
      ticketId: entry.ticketId,
      action: entry.action,
      fieldChanged: entry.fieldChanged ?? null,
      oldValue: stringOrNull(entry.oldValue),
      newValue: stringOrNull(entry.newValue),
      userId: auth.id,
      userName: auth.username.slice(0, USER_NAME_MAX),
      comment: entry.comment ?? null,
      metadata: withoutClientAddress(entry.metadata),
      // The client address has its own column, shown only to ticket.manage; never in metadata.
      ipAddress: auth.ip ? auth.ip.slice(0, 45) : null,
    }));
  }

  /**
   * The live `ticket.changed` of written entries: after the ambient transaction commits, or at once
   * outside one. An entry may carry the ticket's access facts as committed (LiveEventsService.ticketsChanged).
   */
  announce(entries: readonly TicketChange[]): void {
    this.live.ticketsChanged(entries);
  }

  /**
   * The timeline of one ticket; the text of internal notes only for ticket.view_internal, client
   * addresses only for ticket.manage.
   */
  async list(auth: AuthContext, ticketId: number): Promise<HistoryEntryView[]> {
    await this.access.findVisible(auth, ticketId);
    const rows = await this.history.listByTicket(ticketId);
    const subjects = rows.map(subjectIdOf).filter((id): id is number => id !== null);
    const users = await this.users.summaries([...rows.map((r) => r.userId), ...subjects]);
    const sees = { internal: auth.permissions.includes('ticket.view_internal'), clientAddress: auth.permissions.includes('ticket.manage') };
    return rows.map((row) => toHistoryEntryView(row, users, sees));
  }
}

function withoutClientAddress(metadata: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!metadata) return null;
  const { [LEGACY_IP_METADATA_KEY]: _ip, ...rest } = metadata;
  return rest;
}

function stringOrNull(value: string | number | null | undefined): string | null {
  return value === undefined || value === null ? null : String(value);
}
