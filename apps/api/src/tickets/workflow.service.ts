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
import { DatabaseService, wholeSeconds } from '../database/database.service';
import { HistoryService, type HistoryEntryInput } from '../history/history.service';
import { LiveEventsService } from '../notifications/live/live-events.service';
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
import { TicketConflictsService, type ConflictFacts } from './ticket-conflicts.service';
import type { ViewLookups } from './ticket-views.dto';
import { TicketViewsService, type LiveValidation, type ValidatedItems } from './ticket-views.service';
import type { TicketEntity } from './ticket.entity';
import { TicketsRepository } from './tickets.repository';

/** Column values an action sets besides the status (plain values: the answer is built from them). */
type TicketChanges = Partial<
  Pick<TicketEntity, 'submittedAt' | 'approvedAt' | 'approvedBy' | 'rejectedAt' | 'rejectionReason' | 'assignedTo' | 'assignedRole' | 'deployedAt' | 'deploymentNotes' | 'completedAt' | 'reviewedBy'>
>;

/** What one action does besides moving the status: column changes, its history comment, extra rows. */
interface Effect {
  patch?: TicketChanges;
  comment?: string | null;
  /** History entries of the effect, in the order things happened; written with the status change in one INSERT. */
  entries?: HistoryEntryInput[];
  /** The items as the effect validated them: the answer is built from that evaluation instead of a new one. */
  validated?: ValidatedItems;
  /** The items as the effect read and changed them (deploy), when it did not validate them. */
  items?: TicketItemEntity[];
  /** Catalog names the effect already looked up (deploy's build check). */
  modelNames?: Map<string, string>;
  /** What the effect's conflict check read (approval), so the answer's conflicts read only what is missing. */
  conflicts?: ConflictFacts;
  /** The effect edited other columns (resubmit): the answer reads the row back inside the transaction. */
  reread?: boolean;
}

/** `at`: now, as the action's datetime columns will keep it (DatabaseService.storedNow). */
type EffectFn = (manager: EntityManager, ticket: TicketEntity, at: Date) => Promise<Effect>;

/** What the transaction knows for the answer: the ticket as it left it, and what it read on the way. */
interface Answer {
  ticket: TicketEntity;
  items?: TicketItemEntity[];
  known: Partial<ViewLookups>;
  live?: LiveValidation | null;
}

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
    private readonly live: LiveEventsService,
  ) {}

  submit(auth: AuthContext, id: number, comment?: string): Promise<TicketDetail> {
    return this.run(auth, id, 'submit', async (manager, ticket, at) => {
      const validated = await this.validation.requireValid(manager, ticket, 'Cannot submit');
      return { patch: { submittedAt: at }, comment, validated: { items: validated.items, outcome: validated } };
    });
  }

  approve(auth: AuthContext, id: number, comment?: string): Promise<TicketDetail> {
    return this.run(auth, id, 'approve', async (manager, ticket, at) => {
      // Another ticket holding a unit or slot this one claims: 409 naming it, before the items' own 422.
      const stored = await this.items.listByTicket(ticket.id, manager);
      const conflicts: ConflictFacts = {};
      await this.conflicts.requireNoHeldConflict(manager, ticket, stored.map(toItemInput), conflicts);
      const validated = await this.validation.requireValid(manager, ticket, 'Cannot approve', stored);
      const { items } = validated;
      const warnings = items.filter((i) => i.validationStatus === 'warning').length;
      // In the order things happened: validated, stock reserved, approved (one INSERT in run).
      const entries: HistoryEntryInput[] = [
        { ticketId: ticket.id, action: 'items_validated', comment: `${items.length} item(s) valid${warnings ? `, ${warnings} with warnings` : ''}`, metadata: { items: items.map((i) => ({ itemId: i.id, status: i.validationStatus })) } },
      ];
      // The validation just read the server in this transaction: the reservation checks it is in service.
      const reserved = await this.fulfilment.reserveUnits(manager, auth, ticket, items, validated.server);
      entries.push(...reserved.entries);
      // The answer's conflicts: the reservations just made are the ticket's claims now.
      conflicts.held = [...(conflicts.held ?? []), ...reserved.held];
      return {
        patch: { approvedAt: at, approvedBy: auth.id },
        comment,
        entries,
        validated: { items, outcome: validated },
        conflicts,
      };
    });
  }

  reject(auth: AuthContext, id: number, reason: string): Promise<TicketDetail> {
    return this.run(auth, id, 'reject', async (_manager, _ticket, at) => ({ patch: { rejectedAt: at, rejectionReason: reason }, comment: reason }));
  }

  resubmit(auth: AuthContext, id: number, request: ResubmitRequest): Promise<TicketDetail> {
    return this.run(auth, id, 'resubmit', async (manager, ticket, at) => {
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
      return { patch: { submittedAt: at, rejectedAt: null, rejectionReason: null }, comment, validated, reread: true };
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
    return this.run(auth, id, 'deploy', async (manager, ticket, at) => {
      const stored = await this.items.listByTicket(ticket.id, manager);
      const modelNames = await this.requireBuildStillFits(manager, ticket, stored);
      const entries = await this.fulfilment.deploy(manager, auth, ticket, stored, { removals: request.removals, placements: request.placements }, at);
      return { patch: { deployedAt: at, deploymentNotes: notes ?? null }, comment: notes, entries, items: stored, modelNames };
    });
  }

  /**
   * The approval judged the server as it was then; other tickets and direct edits may have changed it
   * since (two tickets each adding a CPU to the one free socket are both approvable). Deploy judges the
   * build again, in the transaction that applies it, and refuses with 422 what would break an
   * error-level rule. Availability is not judged again: the ticket's units are reserved for it.
   */
  private async requireBuildStillFits(manager: EntityManager, ticket: TicketEntity, stored: TicketItemEntity[]): Promise<Map<string, string>> {
    const outcome = await this.validation.validate(manager, ticket.targetServerUuid, stored.map(toItemInput), ticket.id);
    const problems: ItemProblem[] = outcome.verdicts.flatMap((verdict, index) => {
      const item = stored[index];
      if (!item || verdict.status !== 'invalid' || verdict.rules.every((rule) => AVAILABILITY_RULES.has(rule))) return [];
      return [{ index, itemId: item.id, status: verdict.status, message: verdict.message ?? 'is invalid' }];
    });
    if (problems.length > 0 || buildErrors(outcome.build).length > 0) throw itemsInvalidError(problems, 'Cannot deploy', outcome.build);
    // The models it looked up name the items in the answer.
    return outcome.modelNames;
  }

  complete(auth: AuthContext, id: number, notes?: string): Promise<TicketDetail> {
    return this.run(auth, id, 'complete', async (_manager, _ticket, at) => ({ patch: { completedAt: at, reviewedBy: auth.id }, comment: notes }));
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

  /**
   * The answer is built from what the transaction read and wrote (the locked row and the changes, the
   * items, the live evaluation, the names read with the notification's recipients), not read again
   * after COMMIT: a fresh read would show the same, since every column the action writes gets a value
   * it knows, `updated_at` included. The caller just acted on the ticket, so it is shown even if the
   * action took their view away.
   */
  private async run(auth: AuthContext, id: number, action: WorkflowAction, effect: EffectFn): Promise<TicketDetail> {
    const answer = await this.db.transaction(async (manager): Promise<Answer> => {
      const ticket = await this.access.lockVisible(manager, auth, id);
      const facts = accessFacts(ticket);
      const from = facts.status;
      const verdict = evaluateTransition(facts, action, auth);
      if (!verdict.allowed) throw refusal(verdict.reason, action, ticket, from);
      const to = verdict.rule.to;
      const at = this.db.storedNow();
      const result = await effect(manager, ticket, at);
      // updated_at from the same clock, in whole seconds as CURRENT_TIMESTAMP gave it on both engines.
      const changes = { ...result.patch, status: to, updatedAt: wholeSeconds(at) };
      const moved = await this.tickets.updateIfStatus(manager, ticket.id, from, changes);
      if (!moved) {
        throw new DomainError('INVALID_TRANSITION', `Ticket ${ticket.ticketNumber} changed while you were acting on it; reload it and try again`, { action, status: from });
      }
      const entries: HistoryEntryInput[] = [...(result.entries ?? [])];
      if (from !== to) {
        entries.push({ ticketId: ticket.id, action: 'status_change', fieldChanged: 'status', oldValue: from, newValue: to, comment: result.comment ?? null, metadata: { action } });
      }
      await this.history.recordMany(manager, auth, entries);
      const final: TicketEntity = (result.reread ? await this.tickets.findById(ticket.id, manager) : null) ?? { ...ticket, ...changes };
      // The people the answer names, read with the recipients (the actor is known).
      const shown = [final.createdBy, final.assignedTo, final.approvedBy, final.reviewedBy].filter((userId) => userId !== auth.id);
      const users = await this.notifications.recordTicketEvent(manager, auth, final, action, { text: result.comment }, shown);
      const known: Partial<ViewLookups> = {
        users: new Map([...users, [auth.id, { id: auth.id, username: auth.username, displayName: auth.displayName }]]),
        ...(result.validated || result.modelNames ? { modelNames: result.validated?.outcome.modelNames ?? result.modelNames } : {}),
      };
      // After the last history write: the live event goes out on these facts, without reading them after COMMIT.
      this.live.ticketFacts(final.id, accessFacts(final));
      if (!result.validated) return { ticket: final, ...(result.items ? { items: result.items } : {}), known };
      const live = await this.views.liveFrom(manager, final, result.validated, result.conflicts);
      return { ticket: final, items: result.validated.items, known, live };
    });
    return this.views.detailOf(auth, answer.ticket, answer.items, answer.known, answer.live);
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
