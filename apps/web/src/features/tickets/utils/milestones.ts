import type { HistoryEntryView, TicketStatus, UserSummary } from '@bdc/contracts';

export interface Milestone {
  status: MilestoneStatus;
  label: string;
  by: UserSummary;
  at: string;
}

/** The steps of a ticket's review and delivery that someone is answerable for, in workflow order. */
const MILESTONES = [
  { status: 'pending', label: 'Submitted' },
  { status: 'approved', label: 'Approved' },
  { status: 'rejected', label: 'Rejected' },
  { status: 'deployed', label: 'Deployed' },
  { status: 'completed', label: 'Completed' },
  { status: 'cancelled', label: 'Cancelled' },
] as const satisfies readonly { status: TicketStatus; label: string }[];
export type MilestoneStatus = (typeof MILESTONES)[number]['status'];

/**
 * Who submitted, approved or rejected, deployed, completed or cancelled the ticket, and when, read from
 * its status changes. Only the current round counts: after a resubmission the earlier rejection is
 * history, not the ticket's state, and after a rollback the undone deployment no longer stands.
 */
export function milestonesOf(history: readonly HistoryEntryView[], current: TicketStatus): Milestone[] {
  // A ticket filed straight for approval starts as pending: its creation is its submission.
  const changes = history.filter((e) => (e.action === 'status_change' || e.action === 'ticket_created') && e.newValue !== null);
  const lastSubmission = changes.map((e) => e.newValue).lastIndexOf('pending');
  const round = lastSubmission < 0 ? changes : changes.slice(lastSubmission);
  const deployedStands = current === 'deployed' || current === 'completed';
  const result: Milestone[] = [];
  for (const m of MILESTONES) {
    if (m.status === 'deployed' && !deployedStands) continue;
    const entry = [...round].reverse().find((e) => e.newValue === m.status);
    if (entry) result.push({ status: m.status, label: m.label, by: entry.user, at: entry.createdAt });
  }
  return result;
}
