import { Injectable } from '@nestjs/common';
import {
  REOPEN_REVIEW,
  STATUS_LABELS,
  evaluateTransition,
  nextActions,
  type AssignRequest,
  type DeployRequest,
  type ItemProblem,
  type ReviewedField,
  type ResubmitRequest,
  type TicketDetail,
  type TicketStatus,
  type WorkflowAction,
} from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../access/auth-context';
import { DomainError } from '../common/domain-error';
import { DatabaseService } from '../database/database.service';
import { HistoryService, type HistoryEntryInput } from '../history/history.service';
import { NotificationsService } from '../notifications/notifications.service';
import { InventoryFulfilmentService } from '../ticket-items/inventory-fulfilment.service';
import { itemProblems } from '../ticket-items/item-validation';
import { buildErrors } from '../ticket-items/item-validation-report';
import { ItemValidationService, itemsInvalidError, requirePassing, toItemInput } from '../ticket-items/item-validation.service';
import type { TicketItemEntity } from '../ticket-items/ticket-item.entity';
import { TicketItemsRepository } from '../ticket-items/ticket-items.repository';
import { UsersService } from '../users/users.service';
import { accessFacts, TicketAccessService } from './ticket-access.service';
import { TicketChangesService } from './ticket-changes.service';
import { TicketConflictsService } from './ticket-conflicts.service';
import { TicketViewsService, type DetailFacts, type ValidatedItems } from './ticket-views.service';
import type { TicketEntity } from './ticket.entity';
import { TicketsRepository, type TicketPatch } from './tickets.repository';

/** What one action does besides moving the status: column changes, its history comment, extra rows. */
interface Effect {
  patch?: TicketPatch;
  comment?: string | null;
  entries?: HistoryEntryInput[];
  /** The items as the effect validated them: the answer is built from that evaluation instead of a new one. */
  validated?: ValidatedItems;
}

type EffectFn = (manager: EntityManager, ticket: TicketEntity) => Promise<Effect>;

const verb: Record<WorkflowAction, string> = {
  submit: 'submit',
  approve: 'approve',
  reject: 'reject',
  resubmit: 'resubmit',
  assign: 'assign',
  claim: 'claim',
  start: 'start',
  deploy: 'deploy',
  complete: 'complete',
  rollback: 'roll back',
  cancel: 'cancel',
};

/**
 * The only code that changes a ticket's status. Each action runs in one transaction: lock the row,
 * check visibility (404) and the transition table from contracts (409/403), apply the side effects,
 * move the status with a conditional UPDATE (the loser of a race gets 409), and write the history.
 */
/** Item rules about stock and claims: at deploy the ticket's own reservations already answer them. */
const AVAILABILITY_RULES = new Set(['item_stock', 'item_unit', 'item_removal']);

@Injectable()
export class WorkflowService {
  constructor(
    private readonly db: DatabaseService,
    private readonly tickets: TicketsRepository,
    private readonly items: TicketItemsRepository,
    private readonly access: TicketAccessService,
    private readonly validation: ItemValidationService,
    private readonly fulfilment: InventoryFulfilmentService,
    private readonly changes: TicketChangesService,
    private readonly history: HistoryService,
    private readonly users: UsersService,
    private readonly views: TicketViewsService,
    private readonly conflicts: TicketConflictsService,
    private readonly notifications: NotificationsService,
  ) {}

  submit(auth: AuthContext, id: number, comment?: string): Promise<TicketDetail> {
    return this.run(auth, id, 'submit', async (manager, ticket) => {
      const validated = await this.validation.requireValid(manager, ticket, 'Cannot submit');
      return { patch: { submittedAt: new Date() }, comment, validated: { items: validated.items, outcome: validated } };
    });
  }

  approve(auth: AuthContext, id: number, comment?: string): Promise<TicketDetail> {
    return this.run(auth, id, 'approve', async (manager, ticket) => {
      // Another ticket holding a unit or slot this one claims: 409 naming it, before the items' own 422.
      const stored = await this.items.listByTicket(ticket.id, manager);
      await this.conflicts.requireNoHeldConflict(manager, ticket, stored.map(toItemInput));
      const validated = await this.validation.requireValid(manager, ticket, 'Cannot approve', stored);
      const { items } = validated;
      const warnings = items.filter((i) => i.validationStatus === 'warning').length;
      // Written before the reservation so that the history reads in the order things happened:
      // validated, stock reserved, approved.
      await this.history.record(manager, auth, { ticketId: ticket.id, action: 'items_validated', comment: `${items.length} item(s) valid${warnings ? `, ${warnings} with warnings` : ''}`, metadata: { items: items.map((i) => ({ itemId: i.id, status: i.validationStatus })) } });
      await this.fulfilment.reserve(manager, auth, ticket, items);
      return {
        patch: { approvedAt: new Date(), approvedBy: auth.id },
        comment,
        validated: { items, outcome: validated },
      };
    });
  }

  reject(auth: AuthContext, id: number, reason: string): Promise<TicketDetail> {
    return this.run(auth, id, 'reject', async () => ({ patch: { rejectedAt: new Date(), rejectionReason: reason }, comment: reason }));
  }

  resubmit(auth: AuthContext, id: number, request: ResubmitRequest): Promise<TicketDetail> {
    return this.run(auth, id, 'resubmit', async (manager, ticket) => {
      const { comment, ...modifications } = request;
      const edited = await this.changes.apply(manager, auth, ticket, await this.changes.plan(manager, ticket, modifications), false);
      // New items were judged as they were saved; unchanged ones are judged against today's inventory.
      let validated: ValidatedItems;
      if (edited) {
        requirePassing(edited.items.length, itemProblems(edited.items), edited.outcome.build, 'Cannot resubmit');
        validated = edited;
      } else {
        const current = (await this.tickets.findById(ticket.id, manager)) ?? ticket;
        const change = await this.validation.requireValid(manager, current, 'Cannot resubmit');
        validated = { items: change.items, outcome: change };
      }
      return { patch: { submittedAt: new Date(), rejectedAt: null, rejectionReason: null }, comment, validated };
    });
  }

  assign(auth: AuthContext, id: number, request: AssignRequest): Promise<TicketDetail> {
    return this.run(auth, id, 'assign', async (manager, ticket) => {
      if (request.role !== undefined) return this.assignToQueue(manager, ticket, request.role, request.comment);
      if (request.assigneeId === undefined) {
        throw new DomainError('VALIDATION_FAILED', 'Assign to a person (assigneeId) or to a role queue (role)', { fields: [{ field: 'assigneeId', reason: 'assigneeId or role is required' }] });
      }
      const assignee = await this.users.findActiveById(request.assigneeId, manager);
      if (!assignee) {
        throw new DomainError('ASSIGNEE_NOT_ELIGIBLE', `User ${request.assigneeId} does not exist or is disabled`, { fields: [{ field: 'assigneeId', reason: 'no such active user' }] });
      }
      if (!(await this.users.permissionsOf(assignee.id, manager)).includes('ticket.deploy')) {
        throw new DomainError('ASSIGNEE_NOT_ELIGIBLE', `${assignee.username} cannot deploy tickets (needs ticket.deploy)`, { fields: [{ field: 'assigneeId', reason: 'lacks ticket.deploy' }] });
      }
      return {
        // A person takes the ticket out of any queue it was in.
        patch: { assignedTo: assignee.id, assignedRole: null },
        comment: request.comment,
        entries: [
          { ticketId: ticket.id, action: 'assigned', fieldChanged: 'assigned_to', oldValue: ticket.assignedTo, newValue: assignee.id, comment: request.comment ?? null, metadata: { assignee: assignee.username, ...(ticket.assignedRole ? { fromQueue: ticket.assignedRole } : {}) } },
        ],
      };
    });
  }

  /**
   * Into a role's queue: nobody is the assignee until a member claims it, and every member with
   * ticket.view_assigned sees it meanwhile. The role must exist; whether any member can deploy is
   * not checked here (members change): claiming needs ticket.deploy, and a manager can reassign.
   */
  private async assignToQueue(manager: EntityManager, ticket: TicketEntity, role: string, comment: string | undefined): Promise<Effect> {
    const name = await this.users.roleName({ name: role }, manager);
    if (!name) throw new DomainError('ASSIGNEE_NOT_ELIGIBLE', `There is no role ${role}`, { fields: [{ field: 'role', reason: 'no such role' }] });
    return {
      patch: { assignedTo: null, assignedRole: name },
      comment,
      entries: [{ ticketId: ticket.id, action: 'assigned', fieldChanged: 'assigned_role', oldValue: ticket.assignedRole ?? (ticket.assignedTo !== null ? `user:${ticket.assignedTo}` : null), newValue: name, comment: comment ?? null, metadata: { queue: name } }],
    };
  }

  /** A member of the queue's role (with ticket.deploy) takes the ticket: they become the assignee, the queue is left. */
  claim(auth: AuthContext, id: number, comment?: string): Promise<TicketDetail> {
    return this.run(auth, id, 'claim', async (_manager, ticket) => ({
      patch: { assignedTo: auth.id, assignedRole: null },
      comment,
      entries: [{ ticketId: ticket.id, action: 'assigned', fieldChanged: 'assigned_to', oldValue: ticket.assignedTo, newValue: auth.id, comment: comment ?? null, metadata: { assignee: auth.username, claimedFrom: ticket.assignedRole } }],
    }));
  }

  start(auth: AuthContext, id: number, comment?: string): Promise<TicketDetail> {
    return this.run(auth, id, 'start', async () => ({ comment }));
  }

  deploy(auth: AuthContext, id: number, request: DeployRequest = {}): Promise<TicketDetail> {
    const notes = request.notes;
    return this.run(auth, id, 'deploy', async (manager, ticket) => {
      const stored = await this.items.listByTicket(ticket.id, manager);
      await this.requireBuildStillFits(manager, ticket, stored);
      await this.fulfilment.deploy(manager, auth, ticket, stored, { removals: request.removals, placements: request.placements });
      return { patch: { deployedAt: new Date(), deploymentNotes: notes ?? null }, comment: notes };
    });
  }

  /**
   * The approval judged the server as it was then; other tickets and direct edits may have changed it
   * since (two tickets each adding a CPU to the one free socket are both approvable). Deploy judges the
   * build again, in the transaction that applies it, and refuses with 422 what would break an
   * error-level rule. Availability is not judged again: the ticket's units are reserved for it.
   */
  private async requireBuildStillFits(manager: EntityManager, ticket: TicketEntity, stored: TicketItemEntity[]): Promise<void> {
    const outcome = await this.validation.validate(manager, ticket.targetServerUuid, stored.map(toItemInput), ticket.id);
    const problems: ItemProblem[] = outcome.verdicts.flatMap((verdict, index) => {
      const item = stored[index];
      if (!item || verdict.status !== 'invalid' || verdict.rules.every((rule) => AVAILABILITY_RULES.has(rule))) return [];
      return [{ index, itemId: item.id, status: verdict.status, message: verdict.message ?? 'is invalid' }];
    });
    if (problems.length > 0 || buildErrors(outcome.build).length > 0) throw itemsInvalidError(problems, 'Cannot deploy', outcome.build);
  }

  complete(auth: AuthContext, id: number, notes?: string): Promise<TicketDetail> {
    return this.run(auth, id, 'complete', async () => ({ patch: { completedAt: new Date(), reviewedBy: auth.id }, comment: notes }));
  }

  rollback(auth: AuthContext, id: number, reason: string): Promise<TicketDetail> {
    return this.run(auth, id, 'rollback', async (manager, ticket) => {
      await this.fulfilment.rollback(manager, auth, ticket, await this.items.listByTicket(ticket.id, manager));
      return { patch: { deployedAt: null, deploymentNotes: null }, comment: reason };
    });
  }

  /**
   * REOPEN_REVIEW from contracts: an edit changed what an approved or in-progress ticket does, so its
   * approval no longer covers it. The inverse of approval (and of the assignment that follows it):
   * reservations released, approver and assignee cleared, back to `pending`. No caller requests it,
   * so it is not in the transition table; it runs inside the edit's transaction, on the row the
   * edit locked, and moves the status with the same conditional UPDATE as every action.
   */
  async reopenReview(manager: EntityManager, auth: AuthContext, ticket: TicketEntity, fields: readonly ReviewedField[]): Promise<TicketEntity> {
    const from = ticket.status as TicketStatus;
    if (!(REOPEN_REVIEW.from as readonly TicketStatus[]).includes(from)) {
      throw new Error(`reopenReview called on ticket ${ticket.id} in status ${from}`);
    }
    await this.fulfilment.release(manager, auth, ticket);
    const patch = { status: REOPEN_REVIEW.to, approvedBy: null, approvedAt: null, assignedTo: null, assignedRole: null };
    if (!(await this.tickets.updateIfStatus(manager, ticket.id, from, patch))) {
      throw new DomainError('INVALID_TRANSITION', `Ticket ${ticket.ticketNumber} changed while you were editing it; reload it and try again`, { status: from });
    }
    const entries: HistoryEntryInput[] = [
      {
        ticketId: ticket.id,
        action: 'status_change',
        fieldChanged: 'status',
        oldValue: from,
        newValue: REOPEN_REVIEW.to,
        comment: `Sent back for review: ${fields.join(', ')} changed after approval`,
        metadata: { action: REOPEN_REVIEW.action, fields: [...fields] },
      },
    ];
    if (ticket.assignedTo !== null) {
      entries.push({ ticketId: ticket.id, action: 'assigned', fieldChanged: 'assigned_to', oldValue: ticket.assignedTo, newValue: null, metadata: { action: REOPEN_REVIEW.action } });
    }
    await this.history.recordMany(manager, auth, entries);
    return { ...ticket, ...patch };
  }

  cancel(auth: AuthContext, id: number, comment?: string): Promise<TicketDetail> {
    return this.run(auth, id, 'cancel', async (manager, ticket) => {
      await this.fulfilment.release(manager, auth, ticket);
      return { comment };
    });
  }

  private async run(auth: AuthContext, id: number, action: WorkflowAction, effect: EffectFn): Promise<TicketDetail> {
    const answer = await this.db.transaction(async (manager): Promise<DetailFacts | null> => {
      const ticket = await this.access.lockVisible(manager, auth, id);
      const facts = accessFacts(ticket);
      const from = facts.status;
      const verdict = evaluateTransition(facts, action, auth);
      if (!verdict.allowed) throw refusal(verdict.reason, action, ticket, from);
      const to = verdict.rule.to;
      const result = await effect(manager, ticket);
      const moved = await this.tickets.updateIfStatus(manager, ticket.id, from, { ...result.patch, status: to });
      if (!moved) {
        throw new DomainError('INVALID_TRANSITION', `Ticket ${ticket.ticketNumber} changed while you were acting on it; reload it and try again`, { action, status: from });
      }
      const entries: HistoryEntryInput[] = [...(result.entries ?? [])];
      if (from !== to) {
        entries.push({ ticketId: ticket.id, action: 'status_change', fieldChanged: 'status', oldValue: from, newValue: to, comment: result.comment ?? null, metadata: { action } });
      }
      await this.history.recordMany(manager, auth, entries);
      await this.notifications.recordTicketEvent(manager, auth, ticket.id, action, { text: result.comment });
      if (!result.validated) return null;
      const live = await this.views.liveFrom(manager, { ...ticket, status: to }, result.validated);
      return { items: result.validated.items, live, modelNames: result.validated.outcome.modelNames };
    });
    // The caller just acted on the ticket, so it is shown even if the action took their view away.
    const ticket = await this.tickets.findById(id);
    if (!ticket) throw new DomainError('TICKET_NOT_FOUND', `Ticket ${id} no longer exists`);
    return answer ? this.views.detailOf(auth, ticket, answer.items, { modelNames: answer.modelNames }, answer.live) : this.views.detailOf(auth, ticket);
  }
}

function refusal(reason: 'INVALID_TRANSITION' | 'FORBIDDEN' | 'SELF_APPROVAL_FORBIDDEN', action: WorkflowAction, ticket: TicketEntity, status: TicketStatus): DomainError {
  switch (reason) {
    case 'INVALID_TRANSITION':
      return new DomainError('INVALID_TRANSITION', `Cannot ${verb[action]} ticket ${ticket.ticketNumber}: it is ${STATUS_LABELS[status] ?? status}`, {
        action,
        status,
        possibleActions: nextActions(status),
      });
    case 'SELF_APPROVAL_FORBIDDEN':
      // Approve and reject alike: the creator may not review their own request, only withdraw it.
      return new DomainError('SELF_APPROVAL_FORBIDDEN', `You created ticket ${ticket.ticketNumber}: someone else must review it (approve or reject); you may cancel it instead`, { action });
    case 'FORBIDDEN':
      return new DomainError('FORBIDDEN', `You may not ${verb[action]} ticket ${ticket.ticketNumber}`, { action, status });
    default: {
      const unreachable: never = reason;
      return unreachable;
    }
  }
}
