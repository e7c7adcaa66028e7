import type { MyWork, MyWorkSectionKey, Permission } from '@bdc/contracts';
import { paths } from '../../lib/paths';

export interface SectionInfo {
  key: MyWorkSectionKey;
  title: string;
  empty: string;
  /** The ticket list filtered to (about) the same tickets. */
  listHref: string;
  /** Shown to those who hold one of these (the API answers an empty section to the others anyway). */
  shownWith?: Permission[];
}

export const SECTIONS: SectionInfo[] = [
  { key: 'toApprove', title: 'To approve', empty: 'Nothing waits for your approval.', listHref: paths.tickets.href('status=pending&sort=createdAt'), shownWith: ['ticket.approve'] },
  { key: 'assignedToMe', title: 'Assigned to me', empty: 'Nothing is assigned to you.', listHref: paths.tickets.href('assignedTo=me'), shownWith: ['ticket.deploy', 'ticket.view_assigned'] },
  { key: 'roleQueues', title: "My roles' queues", empty: 'The queues of your roles are empty.', listHref: paths.tickets.href('queue=mine'), shownWith: ['ticket.view_assigned'] },
  { key: 'myRequests', title: 'My open requests', empty: 'You have no open requests.', listHref: paths.tickets.href('createdBy=me&sort=-updatedAt'), shownWith: ['ticket.create'] },
  { key: 'scheduledToday', title: 'Scheduled for today', empty: 'Nothing is scheduled for today.', listHref: paths.tickets.href('sort=scheduledDate') },
  { key: 'overdue', title: 'Overdue', empty: 'Nothing is overdue.', listHref: paths.tickets.href('sort=scheduledDate') },
];

export function visibleSections(permissions: readonly Permission[]): SectionInfo[] {
  return SECTIONS.filter((s) => !s.shownWith || s.shownWith.some((p) => permissions.includes(p)));
}

/** What the navigation badge counts: what asks the user to act (not scheduled-today, which is information). */
export function waitingCount(work: MyWork | undefined): number {
  if (!work) return 0;
  const s = work.sections;
  return s.toApprove.count + s.assignedToMe.count + s.roleQueues.count + s.overdue.count + work.changedSinceLastVisit;
}
