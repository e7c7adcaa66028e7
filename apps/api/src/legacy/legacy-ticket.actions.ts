import { Injectable } from '@nestjs/common';
import { LIMITS, TICKET_STATUSES, type TicketStatus } from '@bdc/contracts';
import { DatabaseService } from '../database/database.service';
import type { AuthContext } from '../access/auth-context';
import { CommentsController } from '../comments/comments.controller';
import { CreateCommentDto } from '../comments/comments.dto';
import { CommentsService } from '../comments/comments.service';
import { DomainError } from '../common/domain-error';
import { HistoryController } from '../history/history.controller';
import { HistoryService } from '../history/history.service';
import { TicketWorkflowController } from '../tickets/ticket-workflow.controller';
import { TicketsController } from '../tickets/tickets.controller';
import { CreateTicketDto, TicketListQueryDto, UpdateTicketDto, ValidateItemsDto } from '../tickets/tickets.dto';
import { TicketsService } from '../tickets/tickets.service';
import { LegacyError, type LegacyResult } from './legacy-envelope';
import { bdcDateTime, flag, given, idOf, itemsOf, numeric, requireTicketId, text, type LegacyParams } from './legacy-fields';
import { requireRoute, validated } from './legacy-permissions';
import { legacyComment, legacyHistoryEntry, legacyListRow, legacyTicket, legacyValidation } from './legacy-views';
import { actionFor, LegacyWorkflowSteps, PAST, STATUS_ROUTE, type Step } from './legacy-workflow-steps';

const tickets = TicketsController.prototype;
const workflow = TicketWorkflowController.prototype;

/** BDC IMS `order_by` → the REST sort field (`id` orders as creation does). */
const ORDER_BY: Record<string, string> = {
  id: 'createdAt',
  ticket_number: 'ticketNumber',
  title: 'title',
  status: 'status',
  priority: 'priority',
  created_at: 'createdAt',
  updated_at: 'updatedAt',
  scheduled_date: 'scheduledDate',
};


/**
 * The `ticket-*` actions: each one maps BDC IMS parameters onto the REST request of the same
 * operation, checks that route's permission, validates with that route's DTO and calls the same
 * service method. No rule lives here; where BDC IMS decided differently the product's rule wins.
 */
@Injectable()
export class LegacyTicketActions {
  constructor(
    private readonly tickets: TicketsService,
    private readonly comments: CommentsService,
    private readonly history: HistoryService,
    private readonly steps: LegacyWorkflowSteps,
    private readonly db: DatabaseService,
  ) {}

  run(operation: string, params: LegacyParams, auth: AuthContext): Promise<LegacyResult> {
    switch (operation) {
      case 'create':
        return this.create(params, auth);
      case 'list':
        return this.list(params, auth);
      case 'get':
        return this.get(params, auth);
      case 'update':
        return this.update(params, auth);
      case 'validate-items':
        return this.validateItems(params, auth);
      case 'add-comment':
        return this.addComment(params, auth);
      case 'delete':
        return this.remove(params, auth);
      case 'submit':
      case 'approve':
      case 'reject':
      case 'assign':
      case 'claim':
      case 'start':
      case 'deploy':
      case 'complete':
      case 'rollback':
      case 'cancel':
        return this.act(operation, params, auth);
      default:
        throw new LegacyError(400, `Invalid ticket operation: ${operation}`);
    }
  }

  private async create(params: LegacyParams, auth: AuthContext): Promise<LegacyResult> {
    requireRoute(auth, tickets.create);
    const items = itemsOf(params);
    const draft = flag(params, 'draft') || text(params, 'status') === 'draft';
    const body = await validated(CreateTicketDto, {
      title: given(params, 'title'),
      description: given(params, 'description'),
      // BDC IMS tickets had no type: a change of components is what they asked for.
      ticketType: given(params, 'ticket_type') ?? 'component_addition',
      priority: given(params, 'priority') ?? 'normal',
      targetServerUuid: given(params, 'target_server_uuid'),
      items: items ?? [],
      scheduledDate: given(params, 'scheduled_date'),
      estimatedDuration: numeric(given(params, 'estimated_duration')),
      draft: draft || undefined,
    });
    const ticket = await this.tickets.create(auth, body);
    const warnings = [...ticket.validation.warnings];
    // Assignment follows approval here (architecture.md §3): BDC IMS's create-time assignment is not applied.
    if (given(params, 'assigned_to') !== undefined || given(params, 'assigned_to_role') !== undefined) {
      warnings.push('assigned_to / assigned_to_role are not applied at creation: a ticket is assigned once it is approved (ticket-assign)');
    }
    return {
      status: 201,
      message: 'Ticket created successfully',
      data: {
        ticket_id: ticket.id,
        ticket_number: ticket.ticketNumber,
        status: ticket.status,
        validation: { ...legacyValidation(ticket.validation), warnings },
        ticket: legacyTicket(ticket),
      },
    };
  }

  private async list(params: LegacyParams, auth: AuthContext): Promise<LegacyResult> {
    requireRoute(auth, tickets.list);
    const limit = Math.min(Math.max(idOf(params['limit']) ?? LIMITS.pageSizeDefault, 1), LIMITS.pageSizeMax);
    const page = Math.max(idOf(params['page']) ?? 1, 1);
    const orderBy = ORDER_BY[text(params, 'order_by') ?? ''] ?? 'createdAt';
    const ascending = (text(params, 'order_dir') ?? '').toUpperCase() === 'ASC';
    const query = await validated(
      TicketListQueryDto,
      {
        status: given(params, 'status'),
        priority: given(params, 'priority'),
        ticketType: given(params, 'ticket_type'),
        createdBy: flag(params, 'my_tickets') ? 'me' : given(params, 'created_by'),
        assignedTo: given(params, 'assigned_to'),
        queue: given(params, 'assigned_to_role') === undefined ? undefined : await this.steps.roleRef(given(params, 'assigned_to_role')),
        server: given(params, 'target_server_uuid'),
        q: given(params, 'search'),
        createdFrom: bdcDateTime(given(params, 'created_from')),
        createdTo: bdcDateTime(given(params, 'created_to')),
        page: String(page),
        pageSize: String(limit),
        sort: `${ascending ? '' : '-'}${orderBy}`,
      },
      'query',
    );
    // The envelope's total and total_pages are exact, as BDC IMS clients page with them (docs/decisions.md, "List totals").
    const result = await this.tickets.list(auth, query, 'exact');
    return {
      status: 200,
      message: 'Tickets retrieved successfully',
      data: { tickets: result.items.map(legacyListRow), total: result.total, page: result.page, limit: result.pageSize, total_pages: Math.ceil(result.total / result.pageSize) },
    };
  }

  private async get(params: LegacyParams, auth: AuthContext): Promise<LegacyResult> {
    requireRoute(auth, tickets.get);
    const id = requireTicketId(params);
    const ticket: Record<string, unknown> = legacyTicket(await this.tickets.get(auth, id));
    if (flag(params, 'include_history')) {
      requireRoute(auth, HistoryController.prototype.list);
      // Newest first, as BDC IMS ordered it.
      ticket['history'] = (await this.history.list(auth, id)).map(legacyHistoryEntry).reverse();
    }
    if (flag(params, 'include_comments')) {
      requireRoute(auth, CommentsController.prototype.list);
      ticket['comments'] = (await this.comments.list(auth, id)).map(legacyComment);
    }
    return { status: 200, message: 'Ticket retrieved successfully', data: { ticket } };
  }

  /** One workflow action (`ticket-approve`, …) as its REST route does it. */
  private async act(action: 'submit' | 'approve' | 'reject' | 'assign' | 'claim' | 'start' | 'deploy' | 'complete' | 'rollback' | 'cancel', params: LegacyParams, auth: AuthContext): Promise<LegacyResult> {
    // The permission before the parameters, ticket_id included (403 before 400).
    requireRoute(auth, workflow[action]);
    const id = requireTicketId(params);
    const step = await this.steps.step(action, id, params, auth, {});
    const ticket = await step.run();
    return { status: 200, message: `Ticket ${PAST[action]} successfully`, data: { ticket: legacyTicket(ticket) } };
  }

  /**
   * BDC IMS's one endpoint for everything: `status=<s>` performs the workflow action that leads
   * there, `title/description/priority/…` are an edit, `assigned_to` an assignment. Every part's
   * permission is checked and every part validated before the first one runs; they then run in
   * the order edit → assign → status, approval before assignment (a resubmit carries the edit in
   * its own transaction). The parts are separate transactions, as separate REST calls would be.
   */
  private async update(params: LegacyParams, auth: AuthContext): Promise<LegacyResult> {
    const status = text(params, 'status') || undefined;
    if (status !== undefined && (!(TICKET_STATUSES as readonly string[]).includes(status) || status === 'draft')) {
      throw new LegacyError(400, 'Validation failed', { errors: [`Invalid status: ${status}`] });
    }
    const items = itemsOf(params);
    const edits = Object.fromEntries(
      Object.entries({
        title: given(params, 'title'),
        description: given(params, 'description'),
        priority: given(params, 'priority'),
        ticketType: given(params, 'ticket_type'),
        targetServerUuid: given(params, 'target_server_uuid'),
        items,
        scheduledDate: given(params, 'scheduled_date'),
        estimatedDuration: numeric(given(params, 'estimated_duration')),
      }).filter(([, v]) => v !== undefined),
    );
    const assigns = given(params, 'assigned_to') !== undefined || given(params, 'assigned_to_role') !== undefined;
    if (status === undefined && Object.keys(edits).length === 0 && !assigns) {
      requireTicketId(params);
      throw new LegacyError(400, 'No updates provided');
    }

    // Permissions first, as the REST routes check them before looking at the ticket (403 before 404):
    // those that do not depend on where the ticket stands. The rest is checked once it is loaded.
    if (Object.keys(edits).length > 0 && status !== 'pending') requireRoute(auth, tickets.update);
    if (assigns) requireRoute(auth, workflow.assign);
    const statusRoute = status === undefined ? undefined : STATUS_ROUTE[status as TicketStatus];
    if (statusRoute) requireRoute(auth, statusRoute);
    // Then the ticket: 400 without a usable id, 404 for one the caller may not see; its status picks the action.
    const id = requireTicketId(params);
    const current = await this.tickets.get(auth, id);
    const action = status !== undefined && status !== current.status ? actionFor(status as TicketStatus, current.status) : null;
    const steps: Step[] = [];
    const editedByResubmit = action === 'resubmit';
    if (Object.keys(edits).length > 0 && !editedByResubmit) {
      requireRoute(auth, tickets.update);
      const body = await validated(UpdateTicketDto, edits);
      steps.push({ run: () => this.tickets.update(auth, id, body) });
    }
    const assign = assigns ? await this.steps.step('assign', id, params, auth, {}) : null;
    const move = action ? await this.steps.step(action, id, params, auth, editedByResubmit ? edits : {}) : null;
    // An assignment follows approval (`status=approved&assigned_to=…` approves, then assigns) and
    // precedes the work (`status=in_progress&assigned_to=…` assigns, then starts).
    const ordered = action === 'approve' ? [move, assign] : [assign, move];
    for (const step of ordered) if (step) steps.push(step);
    // A status equal to the current one is no change (BDC IMS ignored it too): the call succeeds.
    // One part answers the ticket as it reads it after its own commit. Several: all or none, each
    // service call joining this one transaction, so a part refused by the ticket's state (409) rolls
    // back the parts before it; the tickets they answer are read outside it (stale on MariaDB, which
    // the tests show), so the ticket is read once more after the commit.
    const [only] = steps;
    let ticket = current;
    if (steps.length === 1 && only) ticket = await only.run();
    else if (steps.length > 1) {
      await this.db.transaction(async () => {
        for (const step of steps) await step.run();
      });
      ticket = await this.tickets.get(auth, id);
    }
    return { status: 200, message: 'Ticket updated successfully', data: { ticket: legacyTicket(ticket) } };
  }

  private async validateItems(params: LegacyParams, auth: AuthContext): Promise<LegacyResult> {
    requireRoute(auth, tickets.validateItems);
    const body = await validated(ValidateItemsDto, { targetServerUuid: given(params, 'target_server_uuid'), items: itemsOf(params) });
    const report = await this.tickets.validateItems(auth, body);
    return { status: 200, message: report.valid ? 'Items are valid' : 'Items have problems', data: { validation: legacyValidation(report) } };
  }

  private async addComment(params: LegacyParams, auth: AuthContext): Promise<LegacyResult> {
    requireRoute(auth, CommentsController.prototype.add);
    const id = requireTicketId(params);
    const body = await validated(CreateCommentDto, { comment: given(params, 'comment'), internal: flag(params, 'is_internal') || undefined });
    const comment = await this.comments.add(auth, id, body);
    return { status: 201, message: 'Comment added successfully', data: { comment: legacyComment(comment) } };
  }

  /** Soft delete is a cancel through the workflow; `hard_delete=true` is DELETE /api/tickets/:id and needs ticket.manage too. */
  private async remove(params: LegacyParams, auth: AuthContext): Promise<LegacyResult> {
    const hard = flag(params, 'hard_delete');
    if (hard) {
      requireRoute(auth, tickets.remove);
      if (!auth.permissions.includes('ticket.manage')) {
        throw new DomainError('FORBIDDEN', 'A hard delete requires ticket.manage', { required: ['ticket.manage'] });
      }
    }
    const id = requireTicketId(params);
    if (hard) await this.tickets.remove(auth, id);
    else await (await this.steps.step('cancel', id, params, auth, {})).run();
    return { status: 200, message: 'Ticket deleted successfully', data: { ticket_id: id, delete_type: hard ? 'hard' : 'soft' } };
  }
}


