import { Injectable } from '@nestjs/common';
import { HISTORY_CSV_COLUMNS, TICKET_CSV_COLUMNS, type TicketListQuery, type UserSummary } from '@bdc/contracts';
import type { Readable } from 'node:stream';
import type { AuthContext } from '../access/auth-context';
import { csvStream } from '../common/csv-stream';
import { isoOrNull } from '../common/strict-date-time';
import { HistoryService } from '../history/history.service';
import { UsersService } from '../users/users.service';
import { TicketsRepository } from './tickets.repository';
import { listFilterOf, TicketsService } from './tickets.service';

type TicketCsvRow = Record<(typeof TICKET_CSV_COLUMNS)[number], string | number | null>;

const nameOf = (user: UserSummary | undefined): string | null => (user ? user.displayName || user.username : null);

/**
 * CSV downloads of what the caller can see: the ticket list (its filters and order, every page,
 * streamed in chunks) and one ticket's history (with the JSON history's rules for internal notes).
 */
@Injectable()
export class TicketExportService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly users: UsersService,
    private readonly history: HistoryService,
    private readonly list: TicketsService,
  ) {}

  async ticketsCsv(auth: AuthContext, query: TicketListQuery): Promise<Readable> {
    // Validated (and the conflicts resolved) before the first byte: a bad date is a 400, not a broken download.
    const filter = listFilterOf(auth, query, await this.list.conflictsFilter(query));
    const { tickets, users } = this;
    async function* rows(): AsyncGenerator<TicketCsvRow[]> {
      for await (const batch of tickets.iterate(filter)) {
        const names = await users.summaries(batch.flatMap((t) => (t.assignedTo === null ? [t.createdBy] : [t.createdBy, t.assignedTo])));
        yield batch.map((t) => ({
          ticket_number: t.ticketNumber,
          title: t.title,
          status: t.status,
          priority: t.priority,
          ticket_type: t.ticketType,
          server: t.targetServerName,
          server_uuid: t.targetServerUuid,
          requester: nameOf(names.get(t.createdBy)),
          assignee: t.assignedTo === null ? null : nameOf(names.get(t.assignedTo)),
          queue: t.assignedRole,
          created_at: isoOrNull(t.createdAt),
          submitted_at: isoOrNull(t.submittedAt),
          approved_at: isoOrNull(t.approvedAt),
          deployed_at: isoOrNull(t.deployedAt),
          completed_at: isoOrNull(t.completedAt),
          scheduled_date: isoOrNull(t.scheduledDate),
          description: t.description,
        }));
      }
    }
    return csvStream(TICKET_CSV_COLUMNS, rows());
  }

  /** 404 for a ticket the caller may not see, before any byte is sent (the entries are read first). */
  async historyCsv(auth: AuthContext, ticketId: number): Promise<Readable> {
    const entries = await this.history.list(auth, ticketId);
    async function* rows() {
      yield entries.map((e) => ({
        time: e.createdAt,
        user: e.user.displayName || e.user.username,
        action: e.action,
        field: e.fieldChanged,
        old_value: e.oldValue,
        new_value: e.newValue,
        comment: e.comment,
      }));
    }
    return csvStream(HISTORY_CSV_COLUMNS, rows());
  }

  /** The people who filed tickets the caller can see, by name: the choices of the requester filter. */
  async requesters(auth: AuthContext): Promise<UserSummary[]> {
    const summaries = await this.users.summaries(await this.tickets.requesterIds(auth));
    return [...summaries.values()].sort((a, b) => (a.displayName || a.username).localeCompare(b.displayName || b.username));
  }
}
