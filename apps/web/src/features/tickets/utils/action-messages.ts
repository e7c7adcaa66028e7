import { STATUS_LABELS, type TicketDetail, type WorkflowAction } from '@bdc/contracts';

function person(ticket: TicketDetail): string | null {
  return ticket.assignedTo ? ticket.assignedTo.displayName || ticket.assignedTo.username : null;
}

/**
 * What a toast says once an action went through, worded from what happened ("TKT-1 assigned to Tom
 * Becker"), not from the resulting status ("TKT-1 is now approved" after an assignment told nothing).
 */
export function actionDoneMessage(action: WorkflowAction, ticket: TicketDetail): string {
  const n = ticket.ticketNumber;
  switch (action) {
    case 'submit':
      return `${n} submitted for approval.`;
    case 'approve':
      return `${n} approved: its stock is reserved.`;
    case 'reject':
      return `${n} rejected: the requester can change it and resubmit.`;
    case 'resubmit':
      return `${n} resubmitted for approval.`;
    case 'assign': {
      const who = person(ticket);
      if (who) return `${n} assigned to ${who}.`;
      return ticket.assignedRole ? `${n} put in the ${ticket.assignedRole} queue.` : `${n} is no longer assigned.`;
    }
    case 'claim':
      return `You took ${n}: it is assigned to you.`;
    case 'start':
      return `Work on ${n} started.`;
    case 'deploy':
      return `${n} deployed: the inventory is updated.`;
    case 'complete':
      return `${n} completed.`;
    case 'rollback':
      return `${n} rolled back: the inventory is restored and the ticket is ${STATUS_LABELS[ticket.status].toLowerCase()} again.`;
    case 'cancel':
      return `${n} cancelled.`;
    default: {
      const unknown: never = action;
      return `${n}: ${String(unknown)} done.`;
    }
  }
}

/** After a plain save (no transition): what was saved and, when it matters, what it still waits for. */
export function savedMessage(ticket: TicketDetail): string {
  if (ticket.status === 'draft') return `Draft ${ticket.ticketNumber} saved.`;
  if (ticket.status === 'rejected') return `Changes to ${ticket.ticketNumber} saved. Resubmit it when it is ready for review.`;
  return `Changes to ${ticket.ticketNumber} saved.`;
}
