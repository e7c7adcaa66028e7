import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES, type TicketStatus } from './enums';
import { PERMISSIONS, permissionsForRoles, type Permission } from './permissions';
import {
  allowedActions,
  canEdit,
  canTransition,
  canView,
  changesNeedReview,
  evaluateTransition,
  nextActions,
  REOPEN_REVIEW,
  REVIEWED_FIELDS,
  TRANSITIONS,
  WORKFLOW_ACTIONS,
  type Actor,
  type TicketAccessFacts,
  type WorkflowAction,
} from './workflow';

/**
 * The expected machine, written out independently of TRANSITIONS: every (status, action) cell.
 * A cell is the target status, or null where the machine has no edge.
 */
const EXPECTED: Record<TicketStatus, Partial<Record<WorkflowAction, TicketStatus>>> = {
  draft: { submit: 'pending', cancel: 'cancelled' },
  pending: { approve: 'approved', reject: 'rejected', cancel: 'cancelled' },
  approved: { assign: 'approved', claim: 'approved', start: 'in_progress', cancel: 'cancelled' },
  rejected: { resubmit: 'pending' },
  in_progress: { assign: 'in_progress', claim: 'in_progress', deploy: 'deployed', cancel: 'cancelled' },
  deployed: { complete: 'completed', rollback: 'in_progress' },
  completed: {},
  cancelled: {},
};

const OWNER = 10;
const ASSIGNEE = 20;
const OTHER = 30;

function ticket(status: TicketStatus, assignedTo: number | null = ASSIGNEE): TicketAccessFacts {
  return { status, createdBy: OWNER, assignedTo };
}
function actor(id: number, permissions: Permission[]): Actor {
  return { id, permissions };
}

describe('transition table', () => {
  for (const status of TICKET_STATUSES) {
    for (const action of WORKFLOW_ACTIONS) {
      const expected = EXPECTED[status][action] ?? null;
      it(`${status} --${action}--> ${expected ?? '(none)'}`, () => {
        expect(canTransition(status, action)).toBe(expected !== null);
        const row = TRANSITIONS.find((t) => t.from === status && t.action === action);
        expect(row?.to ?? null).toBe(expected);
        // An all-powerful non-owner (assignee, and member of the queue's role) can take every edge the machine has, and none it lacks.
        const admin = { ...actor(OTHER, [...PERMISSIONS]), roles: ['queue'] };
        const verdict = evaluateTransition({ ...ticket(status, OTHER), assignedRole: 'queue' }, action, admin);
        expect(verdict.allowed).toBe(expected !== null);
        if (!verdict.allowed) expect(verdict.reason).toBe('INVALID_TRANSITION');
      });
    }
  }

  it('has no duplicate (from, action) rows', () => {
    const keys = TRANSITIONS.map((t) => `${t.from}:${t.action}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('terminal statuses offer nothing', () => {
    expect(nextActions('completed')).toEqual([]);
    expect(nextActions('cancelled')).toEqual([]);
    expect(nextActions('pending')).toEqual(['approve', 'reject', 'cancel']);
  });
});

describe('who may take each transition', () => {
  const manager = permissionsForRoles(['manager']);
  const technician = permissionsForRoles(['technician']);
  const viewer = permissionsForRoles(['viewer']);

  it('nobody approves a ticket they created, not even an admin', () => {
    const admin = actor(OWNER, [...PERMISSIONS]);
    expect(evaluateTransition(ticket('pending'), 'approve', admin)).toEqual({ allowed: false, reason: 'SELF_APPROVAL_FORBIDDEN' });
    expect(evaluateTransition(ticket('pending'), 'approve', actor(OTHER, manager)).allowed).toBe(true);
  });

  it('nobody rejects a ticket they created either (they cancel it), not even an admin', () => {
    const admin = actor(OWNER, [...PERMISSIONS]);
    expect(evaluateTransition(ticket('pending'), 'reject', admin)).toEqual({ allowed: false, reason: 'SELF_APPROVAL_FORBIDDEN' });
    expect(evaluateTransition(ticket('pending'), 'reject', actor(OWNER, permissionsForRoles(['manager'])))).toEqual({
      allowed: false,
      reason: 'SELF_APPROVAL_FORBIDDEN',
    });
    expect(evaluateTransition(ticket('pending'), 'cancel', admin).allowed).toBe(true);
  });

  it('exactly approve and reject are closed to the creator', () => {
    expect(TRANSITIONS.filter((t) => t.forbidCreator).map((t) => t.action)).toEqual(['approve', 'reject']);
  });

  it('approve and reject need their permissions', () => {
    expect(evaluateTransition(ticket('pending'), 'approve', actor(OTHER, technician))).toEqual({ allowed: false, reason: 'FORBIDDEN' });
    expect(evaluateTransition(ticket('pending'), 'reject', actor(OTHER, viewer))).toEqual({ allowed: false, reason: 'FORBIDDEN' });
    expect(evaluateTransition(ticket('pending'), 'reject', actor(OTHER, manager)).allowed).toBe(true);
  });

  it('submit and resubmit: the owner with edit_own, or ticket.manage', () => {
    for (const action of ['submit', 'resubmit'] as const) {
      const from = action === 'submit' ? 'draft' : 'rejected';
      expect(evaluateTransition(ticket(from), action, actor(OWNER, viewer)).allowed).toBe(true);
      expect(evaluateTransition(ticket(from), action, actor(OTHER, manager)).allowed).toBe(false);
      expect(evaluateTransition(ticket(from), action, actor(OWNER, ['ticket.view_own'])).allowed).toBe(false);
      expect(evaluateTransition(ticket(from), action, actor(OTHER, ['ticket.manage'])).allowed).toBe(true);
    }
  });

  it('claim: a member of the queue role who holds ticket.deploy, only while the ticket is in that queue', () => {
    const queued = { ...ticket('approved', null), assignedRole: 'technician' };
    const member = { ...actor(OTHER, technician), roles: ['technician'] };
    expect(evaluateTransition(queued, 'claim', member).allowed).toBe(true);
    expect(evaluateTransition({ ...queued, status: 'in_progress' }, 'claim', member).allowed).toBe(true);
    // Not a member, a member who cannot deploy, or no queue at all: refused.
    expect(evaluateTransition(queued, 'claim', { ...actor(OTHER, [...PERMISSIONS]), roles: ['admin'] })).toEqual({ allowed: false, reason: 'FORBIDDEN' });
    expect(evaluateTransition(queued, 'claim', { ...actor(OTHER, viewer), roles: ['technician'] })).toEqual({ allowed: false, reason: 'FORBIDDEN' });
    expect(evaluateTransition(ticket('approved', null), 'claim', member)).toEqual({ allowed: false, reason: 'FORBIDDEN' });
    expect(evaluateTransition({ ...queued, status: 'pending' }, 'claim', member)).toEqual({ allowed: false, reason: 'INVALID_TRANSITION' });
  });

  it('view_assigned sees the tickets in its roles\' queues', () => {
    const queued = { ...ticket('approved', null), assignedRole: 'technician' };
    expect(canView(queued, { ...actor(OTHER, technician), roles: ['technician'] })).toBe(true);
    expect(canView(queued, { ...actor(OTHER, technician), roles: ['manager'] })).toBe(false);
    expect(canView(queued, { ...actor(OTHER, ['ticket.view_own']), roles: ['technician'] })).toBe(false);
  });

  it('assign needs ticket.assign, from approved and in_progress', () => {
    expect(evaluateTransition(ticket('approved'), 'assign', actor(OTHER, manager)).allowed).toBe(true);
    expect(evaluateTransition(ticket('in_progress'), 'assign', actor(OTHER, manager)).allowed).toBe(true);
    expect(evaluateTransition(ticket('approved'), 'assign', actor(ASSIGNEE, technician)).allowed).toBe(false);
  });

  it('start and deploy: the assignee (deploy also needs ticket.deploy), or ticket.manage', () => {
    expect(evaluateTransition(ticket('approved'), 'start', actor(ASSIGNEE, technician)).allowed).toBe(true);
    expect(evaluateTransition(ticket('approved'), 'start', actor(OTHER, technician)).allowed).toBe(false);
    expect(evaluateTransition(ticket('approved'), 'start', actor(OTHER, manager)).allowed).toBe(false);
    expect(evaluateTransition(ticket('in_progress'), 'deploy', actor(ASSIGNEE, technician)).allowed).toBe(true);
    expect(evaluateTransition(ticket('in_progress'), 'deploy', actor(ASSIGNEE, viewer)).allowed).toBe(false);
    expect(evaluateTransition(ticket('in_progress'), 'deploy', actor(OTHER, technician)).allowed).toBe(false);
    expect(evaluateTransition(ticket('in_progress'), 'deploy', actor(OTHER, ['ticket.manage'])).allowed).toBe(true);
  });

  it('complete needs ticket.complete; rollback needs ticket.deploy or ticket.manage', () => {
    expect(evaluateTransition(ticket('deployed'), 'complete', actor(ASSIGNEE, technician)).allowed).toBe(true);
    expect(evaluateTransition(ticket('deployed'), 'complete', actor(OTHER, manager)).allowed).toBe(false);
    expect(evaluateTransition(ticket('deployed'), 'rollback', actor(ASSIGNEE, technician)).allowed).toBe(true);
    expect(evaluateTransition(ticket('deployed'), 'rollback', actor(OTHER, manager)).allowed).toBe(false);
    expect(evaluateTransition(ticket('deployed'), 'rollback', actor(OTHER, ['ticket.manage'])).allowed).toBe(true);
  });

  it('cancel: the owner before approval; ticket.cancel or ticket.manage at any cancellable stage', () => {
    for (const status of ['draft', 'pending'] as const) {
      expect(evaluateTransition(ticket(status), 'cancel', actor(OWNER, viewer)).allowed).toBe(true);
    }
    for (const status of ['approved', 'in_progress'] as const) {
      expect(evaluateTransition(ticket(status), 'cancel', actor(OWNER, viewer))).toEqual({ allowed: false, reason: 'FORBIDDEN' });
      expect(evaluateTransition(ticket(status), 'cancel', actor(OTHER, manager)).allowed).toBe(true);
      expect(evaluateTransition(ticket(status), 'cancel', actor(OTHER, ['ticket.manage'])).allowed).toBe(true);
    }
    expect(evaluateTransition(ticket('pending'), 'cancel', actor(OTHER, technician)).allowed).toBe(false);
  });
});

describe('visibility, edit rights and allowedActions', () => {
  it('view_all sees everything; view_assigned the assignee; view_own the creator', () => {
    const t = ticket('approved');
    expect(canView(t, actor(OTHER, ['ticket.view_all']))).toBe(true);
    expect(canView(t, actor(ASSIGNEE, ['ticket.view_assigned']))).toBe(true);
    expect(canView(t, actor(OTHER, ['ticket.view_assigned']))).toBe(false);
    expect(canView(t, actor(OWNER, ['ticket.view_own']))).toBe(true);
    expect(canView(t, actor(OTHER, ['ticket.view_own']))).toBe(false);
    expect(canView(t, actor(OWNER, []))).toBe(false);
  });

  it('the owner edits only while draft or rejected; ticket.manage edits any non-terminal ticket', () => {
    for (const status of TICKET_STATUSES) {
      expect(canEdit(ticket(status), actor(OWNER, ['ticket.edit_own']))).toBe(status === 'draft' || status === 'rejected');
      expect(canEdit(ticket(status), actor(OTHER, ['ticket.manage']))).toBe(status !== 'completed' && status !== 'cancelled');
      expect(canEdit(ticket(status), actor(OTHER, ['ticket.edit_own']))).toBe(false);
    }
  });

  it('lists exactly what the caller may do', () => {
    const viewer = permissionsForRoles(['viewer']);
    expect(allowedActions(ticket('draft'), actor(OWNER, viewer))).toEqual(['submit', 'cancel', 'edit', 'comment']);
    const manager = permissionsForRoles(['manager']);
    expect(allowedActions(ticket('pending'), actor(OTHER, manager))).toEqual(['approve', 'reject', 'cancel', 'comment', 'comment_internal']);
    // The creator may neither approve nor reject (only cancel), and may no longer edit once pending.
    expect(allowedActions(ticket('pending'), actor(OWNER, manager))).toEqual(['cancel', 'comment', 'comment_internal']);
    expect(allowedActions(ticket('pending'), actor(OWNER, [...PERMISSIONS]))).toEqual(['cancel', 'edit', 'delete', 'comment', 'comment_internal']);
    const technician = permissionsForRoles(['technician']);
    expect(allowedActions(ticket('approved'), actor(ASSIGNEE, technician))).toEqual(['start', 'comment']);
    expect(allowedActions(ticket('completed'), actor(OTHER, [...PERMISSIONS]))).toEqual(['delete', 'comment', 'comment_internal']);
  });
});

describe('edits after approval (REOPEN_REVIEW)', () => {
  const UNREVIEWED = ['title', 'description', 'priority', 'estimatedDuration'];

  it('reviews exactly what the ticket does: server, type, items, scheduled date', () => {
    expect([...REVIEWED_FIELDS]).toEqual(['targetServerUuid', 'ticketType', 'items', 'scheduledDate']);
    expect(REOPEN_REVIEW).toEqual({ action: 'reopen_review', from: ['approved', 'in_progress'], to: 'pending' });
  });

  // Every status against every single field, written out: the outcome a reviewed field has per status.
  const EXPECTED_OUTCOME: Record<TicketStatus, 'keep' | 'reopen_review' | 'refused'> = {
    draft: 'keep',
    pending: 'keep',
    rejected: 'keep',
    approved: 'reopen_review',
    in_progress: 'reopen_review',
    deployed: 'refused',
    completed: 'refused',
    cancelled: 'refused',
  };
  for (const status of TICKET_STATUSES) {
    it(`${status}: a reviewed field -> ${EXPECTED_OUTCOME[status]}; other fields keep`, () => {
      for (const field of REVIEWED_FIELDS) {
        const outcome = changesNeedReview(status, [field]);
        expect(outcome.kind).toBe(EXPECTED_OUTCOME[status]);
        if (outcome.kind !== 'keep') expect(outcome.fields).toEqual([field]);
        if (outcome.kind === 'reopen_review') expect(outcome.to).toBe('pending');
      }
      for (const field of UNREVIEWED) expect(changesNeedReview(status, [field])).toEqual({ kind: 'keep' });
      expect(changesNeedReview(status, [])).toEqual({ kind: 'keep' });
    });
  }

  it('names every reviewed field that changed, in a stable order', () => {
    expect(changesNeedReview('approved', ['scheduledDate', 'title', 'items'])).toEqual({ kind: 'reopen_review', to: 'pending', fields: ['items', 'scheduledDate'] });
  });

  it('the system transition lands where the machine can approve again', () => {
    for (const from of REOPEN_REVIEW.from) expect(canTransition(from, 'cancel')).toBe(true);
    expect(canTransition(REOPEN_REVIEW.to, 'approve')).toBe(true);
  });
});
