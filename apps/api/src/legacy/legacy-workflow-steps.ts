import { Injectable } from '@nestjs/common';
import type { TicketDetail, TicketStatus } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { TicketWorkflowController } from '../tickets/ticket-workflow.controller';
import { ActionCommentDto, AssignDto, DeployDto, NotesDto, RejectDto, ResubmitDto, RollbackDto } from '../tickets/tickets.dto';
import { WorkflowService } from '../tickets/workflow.service';
import { UsersService } from '../users/users.service';
import { given, idOf, type LegacyParams } from './legacy-fields';
import { requireRoute, validated } from './legacy-permissions';

const workflow = TicketWorkflowController.prototype;

/** Each workflow action, as the success message names it. */
export const PAST = {
  submit: 'submitted',
  resubmit: 'resubmitted',
  approve: 'approved',
  reject: 'rejected',
  assign: 'assigned',
  claim: 'claimed',
  start: 'started',
  deploy: 'deployed',
  complete: 'completed',
  rollback: 'rolled back',
  cancel: 'cancelled',
} as const;

export type StepAction = keyof typeof PAST;

/** One part of an action, checked and validated already: `run` performs it. */
export interface Step {
  run: () => Promise<TicketDetail>;
}

/** What `status=<s>` asks from the ticket's current status (the transition table then decides). */
export function actionFor(target: TicketStatus, current: TicketStatus): 'submit' | 'resubmit' | 'approve' | 'reject' | 'start' | 'rollback' | 'deploy' | 'complete' | 'cancel' | null {
  switch (target) {
    case 'pending':
      return current === 'rejected' ? 'resubmit' : 'submit';
    case 'approved':
      return 'approve';
    case 'rejected':
      return 'reject';
    case 'in_progress':
      return current === 'deployed' ? 'rollback' : 'start';
    case 'deployed':
      return 'deploy';
    case 'completed':
      return 'complete';
    case 'cancelled':
      return 'cancel';
    case 'draft':
      return null;
    default: {
      const unreachable: never = target;
      return unreachable;
    }
  }
}

/** The REST route a `status=` target leads to whatever the current status (in_progress: start or rollback, decided later). */
export const STATUS_ROUTE: Partial<Record<TicketStatus, unknown>> = {
  pending: workflow.submit,
  approved: workflow.approve,
  rejected: workflow.reject,
  deployed: workflow.deploy,
  completed: workflow.complete,
  cancelled: workflow.cancel,
};

/**
 * The workflow actions of the action API, each as its REST route does it: that route's permission
 * and DTO now, the WorkflowService call when `run` is called (so a multi-part ticket-update checks
 * and validates every part before the first one writes).
 */
@Injectable()
export class LegacyWorkflowSteps {
  constructor(
    private readonly workflow: WorkflowService,
    private readonly users: UsersService,
  ) {}

  /** BDC IMS names roles by id (`assigned_to_role=4`); the product by name. Either is accepted. */
  async roleRef(value: unknown): Promise<unknown> {
    const id = idOf(value);
    if (id === undefined) return value;
    return (await this.users.roleName({ id })) ?? `role #${id} (no such role)`;
  }

  /** Checks the route's permission and validates the request now; `run` performs it. */
  async step(action: StepAction, id: number, params: LegacyParams, auth: AuthContext, edits: Record<string, unknown>): Promise<Step> {
    const comment = given(params, 'comment');
    switch (action) {
      case 'submit':
      case 'approve':
      case 'claim':
      case 'start': {
        requireRoute(auth, workflow[action]);
        const body = await validated(ActionCommentDto, { comment });
        return { run: () => this.workflow[action](auth, id, body.comment) };
      }
      case 'resubmit': {
        requireRoute(auth, workflow.resubmit);
        const body = await validated(ResubmitDto, { ...edits, comment });
        return { run: () => this.workflow.resubmit(auth, id, body) };
      }
      case 'reject': {
        requireRoute(auth, workflow.reject);
        const body = await validated(RejectDto, { reason: given(params, 'rejection_reason') ?? given(params, 'reason') });
        return { run: () => this.workflow.reject(auth, id, body.reason) };
      }
      case 'assign': {
        requireRoute(auth, workflow.assign);
        const assignee = given(params, 'assigned_to');
        const role = given(params, 'assigned_to_role');
        // BDC IMS: setting one clears the other; here a person or a queue, exactly one (both → 400).
        const body = await validated(AssignDto, { assigneeId: idOf(assignee) ?? assignee, role: role === undefined ? undefined : await this.roleRef(role), comment });
        return { run: () => this.workflow.assign(auth, id, body) };
      }
      case 'deploy': {
        requireRoute(auth, workflow.deploy);
        // BDC IMS clients send notes only: removed units go back to stock and installs take the next free slot.
        const body = await validated(DeployDto, { notes: given(params, 'deployment_notes') ?? given(params, 'notes') });
        return { run: () => this.workflow.deploy(auth, id, body) };
      }
      case 'complete': {
        requireRoute(auth, workflow.complete);
        const body = await validated(NotesDto, { notes: given(params, 'completion_notes') ?? given(params, 'notes') });
        return { run: () => this.workflow.complete(auth, id, body.notes) };
      }
      case 'rollback': {
        requireRoute(auth, workflow.rollback);
        const body = await validated(RollbackDto, { reason: given(params, 'rollback_reason') ?? given(params, 'reason') });
        return { run: () => this.workflow.rollback(auth, id, body.reason) };
      }
      case 'cancel': {
        requireRoute(auth, workflow.cancel);
        const body = await validated(ActionCommentDto, { comment: comment ?? given(params, 'reason') });
        return { run: () => this.workflow.cancel(auth, id, body.comment) };
      }
      default: {
        const unreachable: never = action;
        return unreachable;
      }
    }
  }
}
