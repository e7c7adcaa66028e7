import { Injectable } from '@nestjs/common';
import {
  LIMITS,
  STATUS_LABELS,
  canEdit,
  changesNeedReview,
  type TicketAccessFacts,
  type TicketStatus,
  type CreateTicketRequest,
  type TicketPage,
  type TicketDetail,
  type TicketListQuery,
  type TicketSortField,
  type UpdateTicketRequest,
  type ValidateItemsRequest,
  type ValidationReport,
} from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { removeTicketFiles } from '../attachments/attachment-storage';
import { DomainError } from '../common/domain-error';
import { withInserted } from '../common/inserted-row';
import { requireStrictDateTime, wholeSeconds } from '../common/strict-date-time';
import { AppConfig } from '../config/app-config';
import { DatabaseService } from '../database/database.service';
import { HistoryService, type HistoryEntryInput } from '../history/history.service';
import { NotificationsService } from '../notifications/notifications.service';
import { InventoryFulfilmentService } from '../ticket-items/inventory-fulfilment.service';
import { verdictProblems, verdictReport } from '../ticket-items/item-validation';
import { ItemValidationService, requireLiveServer, requirePassing } from '../ticket-items/item-validation.service';
import type { TicketItemEntity } from '../ticket-items/ticket-item.entity';
import { TicketItemsRepository, type NewItemRow } from '../ticket-items/ticket-items.repository';
import { accessFacts, TicketAccessService } from './ticket-access.service';
import { itemRows, TicketChangesService } from './ticket-changes.service';
import { TicketConflictsService } from './ticket-conflicts.service';
import { CounterMissingError, TicketCreationRepository, type CreatedTicketRows } from './ticket-creation.repository';
import { TicketNumberingService } from './ticket-numbering.service';
import type { TicketEntity } from './ticket.entity';
import { liveReport, TicketViewsService, type DetailFacts } from './ticket-views.service';
import { decodeCursor } from './ticket-cursor';
import { TicketsRepository, type TicketListFilter, type TotalMode } from './tickets.repository';
import { WorkflowService } from './workflow.service';

/** Every column of a new ticket but the number and what the database generates. */
type NewTicketFields = Omit<TicketEntity, 'id' | 'ticketNumber' | 'createdAt' | 'updatedAt' | 'targetServer' | 'creator' | 'assignee' | 'queueRole' | 'approver' | 'reviewer'>;

/** Statuses whose owner edits freely (items may be invalid until submitted). */
const DRAFTING_STATUSES = ['draft', 'rejected'];

/** The list's filter and order from its query, for the caller (the list and its CSV export share it). */
export function listFilterOf(auth: AuthContext, query: TicketListQuery, conflicts?: TicketListFilter['conflicts']): Omit<TicketListFilter, 'page' | 'pageSize'> {
  const sort = query.sort ?? '-createdAt';
  return {
    viewer: auth,
    statuses: toList(query.status),
    priorities: toList(query.priority),
    types: toList(query.ticketType),
    assignedTo: query.assignedTo === 'me' ? auth.id : query.assignedTo,
    createdBy: query.createdBy === 'me' ? auth.id : query.createdBy,
    queues: query.queue === undefined ? undefined : query.queue === 'mine' ? auth.roles : [query.queue],
    createdFrom: query.createdFrom ? requireStrictDateTime(query.createdFrom, 'createdFrom') : undefined,
    createdTo: query.createdTo ? requireStrictDateTime(query.createdTo, 'createdTo') : undefined,
    scheduledFrom: query.scheduledFrom ? requireStrictDateTime(query.scheduledFrom, 'scheduledFrom') : undefined,
    scheduledTo: query.scheduledTo ? requireStrictDateTime(query.scheduledTo, 'scheduledTo') : undefined,
    completedFrom: query.completedFrom ? requireStrictDateTime(query.completedFrom, 'completedFrom') : undefined,
    completedTo: query.completedTo ? requireStrictDateTime(query.completedTo, 'completedTo') : undefined,
    transition: query.transition
      ? {
          step: query.transition,
          from: query.transitionFrom ? requireStrictDateTime(query.transitionFrom, 'transitionFrom') : undefined,
          to: query.transitionTo ? requireStrictDateTime(query.transitionTo, 'transitionTo') : undefined,
        }
      : undefined,
    server: query.server,
    conflicts,
    q: query.q ? query.q : undefined,
    sort: { field: sort.replace(/^-/, '') as TicketSortField, descending: sort.startsWith('-') },
  };
}

function toList<T>(value: T | T[] | undefined): T[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

/** Ticket CRUD and listing. Status changes are not here: see WorkflowService. */
@Injectable()
export class TicketsService {
  constructor(
    private readonly db: DatabaseService,
    private readonly tickets: TicketsRepository,
    private readonly items: TicketItemsRepository,
    private readonly access: TicketAccessService,
    private readonly numbering: TicketNumberingService,
    private readonly validation: ItemValidationService,
    private readonly fulfilment: InventoryFulfilmentService,
    private readonly changes: TicketChangesService,
    private readonly history: HistoryService,
    private readonly views: TicketViewsService,
    private readonly workflow: WorkflowService,
    private readonly conflicts: TicketConflictsService,
    private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
    private readonly creation: TicketCreationRepository,
  ) {}

  /**
   * Validates, then writes the ticket, its items and the `ticket_created` history row in one
   * transaction, numbering it last (see TicketNumberingService), and answers from what it wrote
   * instead of reading the ticket back.
   */
  async create(auth: AuthContext, request: CreateTicketRequest): Promise<TicketDetail> {
    const draft = request.draft === true;
    if (!draft && request.items.length === 0) {
      throw new DomainError('VALIDATION_FAILED', 'A ticket needs at least one item unless it is saved as a draft', {
        fields: [{ field: 'items', reason: 'at least one item is required unless draft is true' }],
      });
    }
    // Validation only reads, without locks (stock is reserved at approval, which validates again
    // under locks), so it guarantees the same before the transaction as inside it; before, it keeps
    // the transaction short and a refused ticket never opens one.
    const [{ server, verdicts, build, parts, modelNames }, conflicts] = await Promise.all([
      this.validation.validate(undefined, request.targetServerUuid, request.items, null),
      this.conflicts.find(request.targetServerUuid, request.items, null),
    ]);
    requireLiveServer(server);
    if (!draft) requirePassing(request.items.length, verdictProblems(verdicts), build, 'Cannot create the ticket');

    const status = draft ? 'draft' : 'pending';
    const fields: NewTicketFields = {
      title: request.title,
      description: request.description,
      ticketType: request.ticketType,
      priority: request.priority,
      targetServerUuid: server.uuid,
      targetServerName: server.name,
      status,
      createdBy: auth.id,
      assignedTo: null,
      assignedRole: null,
      approvedBy: null,
      reviewedBy: null,
      submittedAt: draft ? null : wholeSeconds(new Date()),
      approvedAt: null,
      rejectedAt: null,
      deployedAt: null,
      completedAt: null,
      estimatedDuration: request.estimatedDuration ?? null,
      scheduledDate: request.scheduledDate ? wholeSeconds(requireStrictDateTime(request.scheduledDate, 'scheduledDate')) : null,
      rejectionReason: null,
      deploymentNotes: null,
    };
    const day = this.numbering.today();
    await this.numbering.prepare(day);
    const historyEntry = {
      action: 'ticket_created',
      newValue: status,
      comment: request.title,
      // The client address goes to the row's ip_address column (shown to ticket.manage only).
      metadata: { items: request.items.length, draft },
    } as const;
    // The access facts of a new ticket are what it is written with: its live event needs no read after the COMMIT.
    const facts: TicketAccessFacts = { status, createdBy: auth.id, assignedTo: null, assignedRole: null };
    const { ticket, items } = this.creation.available
      ? await this.createInOneRoundTrip(auth, fields, day, itemRows(0, request.items, verdicts), { ...historyEntry, facts })
      : await this.db.transaction(async (manager) => {
          const provisionalNumber = this.numbering.provisional();
          const inserted = await this.tickets.insert(manager, { ...fields, ticketNumber: provisionalNumber });
          const rows = itemRows(inserted.id, request.items, verdicts);
          const insertedItems = await this.items.insertMany(manager, rows);
          await this.history.record(manager, auth, { ...historyEntry, ticketId: inserted.id, facts });
          // Who hears of it is read before the number: from the number on, the day's counter row is
          // locked and every other creator waits, so only the notification rows' INSERT (their subject
          // names the ticket) follows it.
          const unnumbered = { ...fields, ...inserted, ticketNumber: provisionalNumber } satisfies TicketEntity;
          const notify = await this.notifications.prepareTicketEvent(manager, auth, unnumbered, 'created');
          const ticketNumber = await this.numbering.assign(manager, day, inserted.id);
          const numbered = { ...unnumbered, ticketNumber };
          await notify.write(manager, numbered);
          return { ticket: numbered, items: withInserted(rows, insertedItems) satisfies TicketItemEntity[] };
        });
    const creator = { id: auth.id, username: auth.username, displayName: auth.displayName };
    return this.views.detailOf(auth, ticket, items, { users: new Map([[auth.id, creator]]), modelNames }, { server, build, parts, conflicts, rules: verdicts.map((v) => v.rules) });
  }

  /**
   * The create transaction as one round trip on MariaDB (TicketCreationRepository). Who is notified
   * is read first, outside it (the same facts the transaction would read: the approvers and their
   * grants), so the batch only writes. The announcements follow its COMMIT.
   */
  private async createInOneRoundTrip(
    auth: AuthContext,
    fields: NewTicketFields,
    day: string,
    items: NewItemRow[],
    historyEntry: Omit<HistoryEntryInput, 'ticketId'>,
  ): Promise<{ ticket: TicketEntity; items: TicketItemEntity[] }> {
    const provisionalNumber = this.numbering.provisional();
    // The id and timestamps are not known yet; the rows built from this ticket get the real id in SQL.
    const now = new Date();
    const unnumbered = { ...fields, id: 0, createdAt: now, updatedAt: now, ticketNumber: provisionalNumber } satisfies TicketEntity;
    const notify = await this.notifications.prepareTicketEvent(this.db.dataSource.manager, auth, unnumbered, 'created');
    const rows = {
      ticket: { ...fields, ticketNumber: provisionalNumber },
      provisionalNumber,
      items,
      history: this.history.rowsOf(auth, [{ ...historyEntry, ticketId: 0 }]),
      notifications: notify.rows(unnumbered),
      day,
    };
    let created: CreatedTicketRows;
    try {
      created = await this.creation.create(rows);
    } catch (error) {
      // Only if the day's counter row vanished after this process saw it: make it again, once.
      if (!(error instanceof CounterMissingError)) throw error;
      await this.numbering.prepare(day, true);
      created = await this.creation.create(rows);
    }
    const { items: insertedItems, notificationIds, ...inserted } = created;
    this.history.announce([{ ticketId: inserted.id, action: historyEntry.action, facts: historyEntry.facts }]);
    notify.announce(notificationIds, inserted.id);
    return {
      ticket: { ...fields, ...inserted },
      items: withInserted(
        items.map((item) => ({ ...item, ticketId: inserted.id })),
        insertedItems,
      ),
    };
  }

  get(auth: AuthContext, id: number): Promise<TicketDetail> {
    return this.views.detail(auth, id);
  }

  /** The `conflicts` filter as the list needs it: the ids of the tickets in conflict (TicketConflictsService). */
  async conflictsFilter(query: TicketListQuery): Promise<TicketListFilter['conflicts']> {
    return query.conflicts === undefined ? undefined : { flagged: query.conflicts, ids: await this.conflicts.conflictingTicketIds(query.server ?? null) };
  }

  /** `exact`: the BDC IMS action API's envelope keeps an exact total (docs/decisions.md, "List totals"). */
  async list(auth: AuthContext, query: TicketListQuery, totalMode: TotalMode = 'capped'): Promise<TicketPage> {
    const page = query.cursor ? 1 : (query.page ?? 1);
    const pageSize = Math.min(query.pageSize ?? LIMITS.pageSizeDefault, LIMITS.pageSizeMax);
    const base = listFilterOf(auth, query, await this.conflictsFilter(query));
    const filter: TicketListFilter = { ...base, page, pageSize, cursor: query.cursor ? decodeCursor(query.cursor, base.sort) : undefined };
    const listed = await this.tickets.list(filter, totalMode);
    return this.views.page(listed, page, pageSize);
  }

  async update(auth: AuthContext, id: number, request: UpdateTicketRequest): Promise<TicketDetail> {
    const answer = await this.db.transaction(async (manager): Promise<DetailFacts | null> => {
      const ticket = await this.access.lockVisible(manager, auth, id);
      if (!canEdit(accessFacts(ticket), auth)) {
        throw new DomainError('FORBIDDEN', `You may not edit ticket ${ticket.ticketNumber} while it is ${ticket.status}`, { status: ticket.status });
      }
      const edit = await this.changes.plan(manager, ticket, request);
      // No approval covers what it did not see (contracts: changesNeedReview, REOPEN_REVIEW).
      const outcome = changesNeedReview(ticket.status as TicketStatus, edit.changed);
      let current = ticket;
      if (outcome.kind === 'refused') {
        const status = STATUS_LABELS[ticket.status as TicketStatus] ?? ticket.status;
        throw new DomainError(
          'CONFLICT',
          `Ticket ${ticket.ticketNumber} is ${status}: its ${outcome.fields.join(', ')} cannot change${ticket.status === 'deployed' ? ' (the deploy applied them to the inventory; roll it back first)' : ''}`,
          { status: ticket.status, reviewedFields: outcome.fields },
        );
      }
      if (outcome.kind === 'reopen_review') current = await this.workflow.reopenReview(manager, auth, ticket, outcome.fields);
      const validated = await this.changes.apply(manager, auth, current, edit, !DRAFTING_STATUSES.includes(current.status));
      if (!validated) return null;
      const live = await this.views.liveFrom(manager, current, validated);
      return { items: validated.items, live, modelNames: validated.outcome.modelNames };
    });
    // An edit that replaced the items answers from their evaluation; one that did not evaluates now.
    if (!answer) return this.views.detail(auth, id);
    const ticket = await this.access.findVisible(auth, id);
    return this.views.detailOf(auth, ticket, answer.items, { modelNames: answer.modelNames }, answer.live);
  }

  /** Permanently deletes a ticket (with its items, history, comments and attachments); reservations go back to stock. */
  async remove(auth: AuthContext, id: number): Promise<void> {
    await this.db.transaction(async (manager) => {
      const ticket = await this.access.lockVisible(manager, auth, id);
      if (ticket.status === 'deployed') {
        throw new DomainError('CONFLICT', `Ticket ${ticket.ticketNumber} is deployed: roll it back or complete it before deleting it`, { status: ticket.status });
      }
      await this.fulfilment.release(manager, auth, ticket);
      await this.tickets.delete(manager, ticket.id);
    });
    await removeTicketFiles(this.config.uploadDir, id);
  }

  /** The same validation as create/approve, saving nothing. */
  async validateItems(_auth: AuthContext, request: ValidateItemsRequest): Promise<ValidationReport> {
    const [{ server, verdicts, build, parts }, conflicts] = await Promise.all([
      this.validation.validate(undefined, request.targetServerUuid, request.items, null),
      this.conflicts.find(request.targetServerUuid, request.items, null),
    ]);
    return liveReport(verdictReport(verdicts), { server, build, parts, conflicts });
  }
}
