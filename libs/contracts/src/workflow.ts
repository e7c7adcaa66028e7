/**
 * The ticket state machine as data (Vendure-style): the API's workflow service enforces it, the SPA
 * renders buttons from the `allowedActions` the API computes with it. Nothing else may change a status.
 */
import type { TicketStatus } from './enums';
import { TERMINAL_STATUSES } from './enums';
import type { Permission, PermissionHolder } from './permissions';

export const WORKFLOW_ACTIONS = [
  'submit',
  'approve',
  'reject',
  'resubmit',
  'assign',
  'claim',
  'start',
  'deploy',
  'complete',
  'rollback',
  'cancel',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** Actions that are not status transitions but still depend on the caller and the ticket. */
export const TICKET_ACTIONS = [...WORKFLOW_ACTIONS, 'edit', 'delete', 'comment', 'comment_internal'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** How the caller relates to the ticket: its creator, its assignee, or a member of the role whose queue holds it. */
export type TicketRelation = 'owner' | 'assignee' | 'queue_member';

/**
 * One way to be allowed: hold `permission` (when given) AND stand in `relation` (when given).
 * A rule with neither is never written.
 */
export interface ActorRule {
  permission?: Permission;
  relation?: TicketRelation;
}

export interface TransitionRule {
  action: WorkflowAction;
  from: TicketStatus;
  to: TicketStatus;
  /** Any one rule suffices. */
  allowedIf: readonly ActorRule[];
  /** Separation of duties: the ticket's creator may never take this action. */
  forbidCreator?: boolean;
}

const OWNER_EDITS: ActorRule[] = [{ permission: 'ticket.edit_own', relation: 'owner' }, { permission: 'ticket.manage' }];
const CANCEL_AFTER_APPROVAL: ActorRule[] = [{ permission: 'ticket.cancel' }, { permission: 'ticket.manage' }];
const CANCEL_BEFORE_APPROVAL: ActorRule[] = [{ relation: 'owner' }, ...CANCEL_AFTER_APPROVAL];
const ASSIGNEE_DEPLOYS: ActorRule[] = [{ permission: 'ticket.deploy', relation: 'assignee' }, { permission: 'ticket.manage' }];

/** architecture.md §3, one row per (from, action). */
export const TRANSITIONS: readonly TransitionRule[] = [
  { action: 'submit', from: 'draft', to: 'pending', allowedIf: OWNER_EDITS },
  { action: 'approve', from: 'pending', to: 'approved', allowedIf: [{ permission: 'ticket.approve' }], forbidCreator: true },
  // Approve and reject are both review: the creator withdraws their own ticket by cancelling it.
  { action: 'reject', from: 'pending', to: 'rejected', allowedIf: [{ permission: 'ticket.reject' }], forbidCreator: true },
  { action: 'resubmit', from: 'rejected', to: 'pending', allowedIf: OWNER_EDITS },
  { action: 'assign', from: 'approved', to: 'approved', allowedIf: [{ permission: 'ticket.assign' }] },
  { action: 'assign', from: 'in_progress', to: 'in_progress', allowedIf: [{ permission: 'ticket.assign' }] },
  // Role queues (BDC IMS assigned_to_role): a member of the queue's role who can deploy takes the ticket.
  { action: 'claim', from: 'approved', to: 'approved', allowedIf: [{ permission: 'ticket.deploy', relation: 'queue_member' }] },
  { action: 'claim', from: 'in_progress', to: 'in_progress', allowedIf: [{ permission: 'ticket.deploy', relation: 'queue_member' }] },
  { action: 'start', from: 'approved', to: 'in_progress', allowedIf: [{ relation: 'assignee' }, { permission: 'ticket.manage' }] },
  { action: 'deploy', from: 'in_progress', to: 'deployed', allowedIf: ASSIGNEE_DEPLOYS },
  { action: 'complete', from: 'deployed', to: 'completed', allowedIf: [{ permission: 'ticket.complete' }] },
  { action: 'rollback', from: 'deployed', to: 'in_progress', allowedIf: [{ permission: 'ticket.deploy' }, { permission: 'ticket.manage' }] },
  { action: 'cancel', from: 'draft', to: 'cancelled', allowedIf: CANCEL_BEFORE_APPROVAL },
  { action: 'cancel', from: 'pending', to: 'cancelled', allowedIf: CANCEL_BEFORE_APPROVAL },
  { action: 'cancel', from: 'approved', to: 'cancelled', allowedIf: CANCEL_AFTER_APPROVAL },
  { action: 'cancel', from: 'in_progress', to: 'cancelled', allowedIf: CANCEL_AFTER_APPROVAL },
];

/**
 * The fields that say what a ticket does to the inventory. An approval covers exactly their values:
 * once it is given, a change to any of them (even by `ticket.manage`) must be reviewed again.
 * Title, description, priority and estimated duration do not change what gets deployed.
 */
export const REVIEWED_FIELDS = ['targetServerUuid', 'ticketType', 'items', 'scheduledDate'] as const;
export type ReviewedField = (typeof REVIEWED_FIELDS)[number];

/**
 * The one status change no caller requests and the transition table therefore lacks: an edit of a
 * reviewed field of an approved or in-progress ticket sends it back for review. Its effects are the
 * inverse of approval (reservations released, approver and assignee cleared), in the edit's own
 * transaction; history records it as a `status_change` with `metadata.action = 'reopen_review'`.
 */
export const REOPEN_REVIEW = {
  action: 'reopen_review',
  from: ['approved', 'in_progress'],
  to: 'pending',
} as const satisfies { action: string; from: readonly TicketStatus[]; to: TicketStatus };
export type SystemTransitionAction = (typeof REOPEN_REVIEW)['action'];

/** What an edit that changes these reviewed fields does from this status. */
export type ReviewedEditOutcome =
  /** No approval to protect (draft, pending, rejected), or no reviewed field changed. */
  | { kind: 'keep' }
  /** The approval no longer covers the ticket: it goes back to `pending` (REOPEN_REVIEW). */
  | { kind: 'reopen_review'; to: TicketStatus; fields: ReviewedField[] }
  /** The change is already applied to the inventory (deployed) or the ticket is closed: 409. */
  | { kind: 'refused'; fields: ReviewedField[] };

/** Whether a field list includes reviewed fields, in REVIEWED_FIELDS order. */
export function reviewedFieldsIn(changed: readonly string[]): ReviewedField[] {
  return REVIEWED_FIELDS.filter((f) => changed.includes(f));
}

/** Decides what an edit of `changed` fields does to a ticket in `status` (architecture.md §3, Edits). */
export function changesNeedReview(status: TicketStatus, changed: readonly string[]): ReviewedEditOutcome {
  const fields = reviewedFieldsIn(changed);
  if (fields.length === 0) return { kind: 'keep' };
  if ((REOPEN_REVIEW.from as readonly TicketStatus[]).includes(status)) return { kind: 'reopen_review', to: REOPEN_REVIEW.to, fields };
  if (status === 'deployed' || isTerminal(status)) return { kind: 'refused', fields };
  return { kind: 'keep' };
}

/** The facts about a ticket that the rules read. */
export interface TicketAccessFacts {
  status: TicketStatus;
  createdBy: number;
  assignedTo: number | null;
  /** The role whose queue holds the ticket (no person assigned yet), if any. */
  assignedRole?: string | null;
}

/** The caller as the rules see it. */
export interface Actor extends PermissionHolder {
  id: number;
  /** Role names: membership of a role queue. */
  roles?: readonly string[];
}

/** Whether the ticket sits in the queue of one of the caller's roles. */
export function inQueueOf(ticket: TicketAccessFacts, actor: Actor): boolean {
  return typeof ticket.assignedRole === 'string' && (actor.roles ?? []).includes(ticket.assignedRole);
}

export function findTransition(from: TicketStatus, action: WorkflowAction): TransitionRule | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.action === action);
}

/** Whether the status machine has an edge, regardless of who asks. */
export function canTransition(from: TicketStatus, action: WorkflowAction): boolean {
  return findTransition(from, action) !== undefined;
}

/** Every action the machine offers from a status, whoever asks. */
export function nextActions(from: TicketStatus): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((a) => canTransition(from, a));
}

function relates(ticket: TicketAccessFacts, actor: Actor, relation: TicketRelation): boolean {
  switch (relation) {
    case 'owner':
      return ticket.createdBy === actor.id;
    case 'assignee':
      return ticket.assignedTo === actor.id;
    case 'queue_member':
      return inQueueOf(ticket, actor);
    default: {
      const unreachable: never = relation;
      return unreachable;
    }
  }
}

function ruleMatches(rule: ActorRule, ticket: TicketAccessFacts, actor: Actor): boolean {
  if (!rule.permission && !rule.relation) return false;
  if (rule.permission && !actor.permissions.includes(rule.permission)) return false;
  if (rule.relation && !relates(ticket, actor, rule.relation)) return false;
  return true;
}

export type TransitionVerdict =
  | { allowed: true; rule: TransitionRule }
  | { allowed: false; reason: 'INVALID_TRANSITION' | 'FORBIDDEN' | 'SELF_APPROVAL_FORBIDDEN' };

/** Decides one attempt. The order of checks fixes which error a caller sees. */
export function evaluateTransition(ticket: TicketAccessFacts, action: WorkflowAction, actor: Actor): TransitionVerdict {
  const rule = findTransition(ticket.status, action);
  if (!rule) return { allowed: false, reason: 'INVALID_TRANSITION' };
  if (!rule.allowedIf.some((r) => ruleMatches(r, ticket, actor))) return { allowed: false, reason: 'FORBIDDEN' };
  if (rule.forbidCreator && ticket.createdBy === actor.id) return { allowed: false, reason: 'SELF_APPROVAL_FORBIDDEN' };
  return { allowed: true, rule };
}

export function canView(ticket: TicketAccessFacts, actor: Actor): boolean {
  const p = actor.permissions;
  if (p.includes('ticket.view_all')) return true;
  if (p.includes('ticket.view_assigned') && (ticket.assignedTo === actor.id || inQueueOf(ticket, actor))) return true;
  if (p.includes('ticket.view_own') && ticket.createdBy === actor.id) return true;
  return false;
}

export function isTerminal(status: TicketStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** The owner edits while draft or rejected; `ticket.manage` edits any non-terminal ticket. */
export function canEdit(ticket: TicketAccessFacts, actor: Actor): boolean {
  if (actor.permissions.includes('ticket.manage')) return !isTerminal(ticket.status);
  return (
    actor.permissions.includes('ticket.edit_own') &&
    ticket.createdBy === actor.id &&
    (ticket.status === 'draft' || ticket.status === 'rejected')
  );
}

/** Everything this caller may do with this ticket now, in a stable order. Assumes the caller can view it. */
export function allowedActions(ticket: TicketAccessFacts, actor: Actor): TicketAction[] {
  const actions: TicketAction[] = WORKFLOW_ACTIONS.filter((a) => evaluateTransition(ticket, a, actor).allowed);
  if (canEdit(ticket, actor)) actions.push('edit');
  if (actor.permissions.includes('ticket.delete')) actions.push('delete');
  if (actor.permissions.includes('ticket.comment')) actions.push('comment');
  if (actor.permissions.includes('ticket.comment') && actor.permissions.includes('ticket.view_internal')) {
    actions.push('comment_internal');
  }
  return actions;
}
