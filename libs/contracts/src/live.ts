import type { HistoryAction, TicketStatus } from './enums';
import type { TicketSummary } from './api';

/**
 * Server-sent events on `GET /api/events` (`event:` is the type, `data:` the JSON below). They say
 * what changed, not the new state: a client refetches what it shows, through the same access checks.
 */
export interface TicketChangedEvent {
  type: 'ticket.changed';
  ticketId: number;
  status: TicketStatus;
  /** The history action that announced the change (`ticket_created`, `status_change`, `comment_added`, …). */
  action: HistoryAction;
}

export interface NotificationCreatedEvent {
  type: 'notification.created';
  notificationId: number;
  ticketId: number | null;
}

export type LiveEvent = TicketChangedEvent | NotificationCreatedEvent;
export type LiveEventType = LiveEvent['type'];
export const LIVE_EVENT_TYPES = ['ticket.changed', 'notification.created'] as const satisfies readonly LiveEventType[];

/** One section of `GET /api/my-work`: how many tickets, and the first few of them. */
export interface MyWorkSection {
  count: number;
  items: TicketSummary[];
}

export const MY_WORK_SECTIONS = ['toApprove', 'assignedToMe', 'roleQueues', 'myRequests', 'scheduledToday', 'overdue'] as const;
export type MyWorkSectionKey = (typeof MY_WORK_SECTIONS)[number];

export interface MyWork {
  sections: Record<MyWorkSectionKey, MyWorkSection>;
  /** Of my open requests, how many someone else changed since my last visit (`POST /api/my-work/seen`). */
  changedSinceLastVisit: number;
  /** Ids among `sections.myRequests.items` that changed since the last visit. */
  changedTicketIds: number[];
  lastVisitAt: string | null;
}
