import { Injectable } from '@nestjs/common';
import {
  LIMITS,
  canEdit,
  type CreateTicketRequest,
  type Page,
  type TicketDetail,
  type TicketListQuery,
  type TicketSortField,
  type TicketSummary,
  type UpdateTicketRequest,
  type ValidateItemsRequest,
  type ValidationReport,
} from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { DomainError } from '../common/domain-error';
import { DatabaseService } from '../database/database.service';
import { HistoryService } from '../history/history.service';
import { InventoryFulfilmentService } from '../ticket-items/inventory-fulfilment.service';
import { verdictProblems, verdictReport } from '../ticket-items/item-validation';
import { ItemValidationService, itemsInvalidError } from '../ticket-items/item-validation.service';
import { TicketItemsRepository } from '../ticket-items/ticket-items.repository';
import { accessFacts, TicketAccessService } from './ticket-access.service';
import { itemRows, TicketChangesService } from './ticket-changes.service';
import { TicketNumberingService } from './ticket-numbering.service';
import { TicketViewsService } from './ticket-views.service';
import { TicketsRepository, type TicketListFilter } from './tickets.repository';

/** Statuses whose owner edits freely (items may be invalid until submitted). */
const DRAFTING_STATUSES = ['draft', 'rejected'];

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
  ) {}

  async create(auth: AuthContext, request: CreateTicketRequest): Promise<TicketDetail> {
    const draft = request.draft === true;
    if (!draft && request.items.length === 0) {
      throw new DomainError('VALIDATION_FAILED', 'A ticket needs at least one item unless it is saved as a draft', {
        fields: [{ field: 'items', reason: 'at least one item is required unless draft is true' }],
      });
    }
    const day = this.numbering.today();
    await this.numbering.prepare(day);
    const id = await this.db.transaction(async (manager) => {
      const { server, verdicts } = await this.validation.validate(manager, request.targetServerUuid, request.items, null);
      const problems = verdictProblems(verdicts);
      if (!draft && problems.length > 0) throw itemsInvalidError(problems, 'Cannot create the ticket');
      const status = draft ? 'draft' : 'pending';
      const ticketNumber = await this.numbering.allocate(manager, day);
      const ticketId = await this.tickets.insert(manager, {
        ticketNumber,
        title: request.title,
        description: request.description,
        ticketType: request.ticketType,
        priority: request.priority,
        targetServerUuid: server.uuid,
        targetServerName: server.name,
        status,
        createdBy: auth.id,
        submittedAt: draft ? null : new Date(),
        scheduledDate: request.scheduledDate ? new Date(request.scheduledDate) : null,
        estimatedDuration: request.estimatedDuration ?? null,
      });
      await this.items.insertMany(manager, itemRows(ticketId, request.items, verdicts));
      await this.history.record(manager, auth, {
        ticketId,
        action: 'ticket_created',
        newValue: status,
        comment: request.title,
        metadata: { ticketNumber, items: request.items.length, draft, ip_address: auth.ip },
      });
      return ticketId;
    });
    const ticket = await this.tickets.findById(id);
    if (!ticket) throw new DomainError('TICKET_NOT_FOUND', `Ticket ${id} vanished after creation`);
    return this.views.detailOf(auth, ticket);
  }

  get(auth: AuthContext, id: number): Promise<TicketDetail> {
    return this.views.detail(auth, id);
  }

  async list(auth: AuthContext, query: TicketListQuery): Promise<Page<TicketSummary>> {
    const page = query.page ?? 1;
    const pageSize = Math.min(query.pageSize ?? LIMITS.pageSizeDefault, LIMITS.pageSizeMax);
    const sort = query.sort ?? '-createdAt';
    const filter: TicketListFilter = {
      viewer: auth,
      statuses: toList(query.status),
      priorities: toList(query.priority),
      types: toList(query.ticketType),
      assignedTo: query.assignedTo === 'me' ? auth.id : query.assignedTo,
      createdBy: query.createdBy === 'me' ? auth.id : query.createdBy,
      server: query.server,
      q: query.q ? query.q : undefined,
      page,
      pageSize,
      sort: { field: sort.replace(/^-/, '') as TicketSortField, descending: sort.startsWith('-') },
    };
    const { rows, total } = await this.tickets.list(filter);
    return this.views.page(rows, total, page, pageSize);
  }

  async update(auth: AuthContext, id: number, request: UpdateTicketRequest): Promise<TicketDetail> {
    await this.db.transaction(async (manager) => {
      const ticket = await this.access.lockVisible(manager, auth, id);
      if (!canEdit(accessFacts(ticket), auth)) {
        throw new DomainError('FORBIDDEN', `You may not edit ticket ${ticket.ticketNumber} while it is ${ticket.status}`, { status: ticket.status });
      }
      await this.changes.apply(manager, auth, ticket, request, !DRAFTING_STATUSES.includes(ticket.status));
    });
    return this.views.detail(auth, id);
  }

  /** Permanently deletes a ticket (with its items, history and comments); reservations go back to stock. */
  async remove(auth: AuthContext, id: number): Promise<void> {
    await this.db.transaction(async (manager) => {
      const ticket = await this.access.lockVisible(manager, auth, id);
      if (ticket.status === 'deployed') {
        throw new DomainError('CONFLICT', `Ticket ${ticket.ticketNumber} is deployed: roll it back or complete it before deleting it`, { status: ticket.status });
      }
      await this.fulfilment.release(manager, auth, ticket);
      await this.tickets.delete(manager, ticket.id);
    });
  }

  /** The same validation as create/approve, saving nothing. */
  async validateItems(_auth: AuthContext, request: ValidateItemsRequest): Promise<ValidationReport> {
    const { verdicts } = await this.validation.validate(undefined, request.targetServerUuid, request.items, null);
    return verdictReport(verdicts);
  }
}
