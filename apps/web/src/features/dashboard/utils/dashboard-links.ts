import { TICKET_STATUSES, type TicketStatus, type TicketTransition } from '@bdc/contracts';
import { paths } from '../../../lib/paths';

/** What every dashboard link keeps: the server and type the dashboard is filtered on. */
export interface DashboardScope {
  server?: string;
  ticketType?: string;
}

export const OPEN_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.filter((s) => s !== 'completed' && s !== 'cancelled');
const IN_HAND: readonly TicketStatus[] = ['approved', 'in_progress', 'deployed'];

/** The ticket list that finds exactly what a number counts (the list's URL parameters). */
export function ticketsLink(scope: DashboardScope, filters: Record<string, string>): string {
  const params = new URLSearchParams();
  if (scope.server) params.set('server', scope.server);
  if (scope.ticketType) params.set('ticketType', scope.ticketType);
  for (const [key, value] of Object.entries(filters)) params.set(key, value);
  return paths.tickets.href(params.toString());
}

export const openLink = (scope: DashboardScope, extra: Record<string, string> = {}) => ticketsLink(scope, { status: OPEN_STATUSES.join(','), ...extra });
/** The dashboard counts UTC days: the link names the day's exact instants, so the list finds the same tickets in any time zone. */
export function dayLink(scope: DashboardScope, kind: 'created' | 'completed', day: string): string {
  const start = new Date(`${day}T00:00:00.000Z`);
  const end = new Date(start.getTime() + 86_400_000);
  return ticketsLink(scope, { [`${kind}From`]: start.toISOString(), [`${kind}To`]: end.toISOString() });
}
/** The tickets that went through a workflow step in the dashboard's period (the decision and rollback counts). */
export const transitionLink = (scope: DashboardScope, transition: TicketTransition, range: { from: string; to: string }) =>
  ticketsLink(scope, { transition, transitionFrom: range.from, transitionTo: range.to });

export const workloadLink = (scope: DashboardScope, technicianId: number) => ticketsLink(scope, { assignedTo: String(technicianId), status: IN_HAND.join(',') });

/** "3 h 20 min", "2 d 4 h": stage times read at a glance. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '—';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

export const formatRate = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)} %`);
