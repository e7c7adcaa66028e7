import { Injectable } from '@nestjs/common';
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  isOneOf,
  type Dashboard,
  type DashboardQuery,
  type TicketPriority,
  type TicketStatus,
  type TicketType,
} from '@bdc/contracts';
import type { SelectQueryBuilder } from 'typeorm';
import type { AuthContext } from '../access/auth-context';
import { fieldError } from '../common/domain-error';
import { isoOrNull, requireStrictDateTime } from '../common/strict-date-time';
import { TicketHistoryEntity } from '../history/ticket-history.entity';
import type { TicketEntity } from '../tickets/ticket.entity';
import { TicketsRepository } from '../tickets/tickets.repository';
import { UsersService } from '../users/users.service';
import { daysOf, rate, stageTime } from './stage-times';

const DAY_MS = 86_400_000;
/** A period longer than this is refused: the per-day series and the stage samples stay bounded. */
export const DASHBOARD_MAX_DAYS = 366;
const OLDEST_WAITING = 10;
/** Stage durations are computed from at most this many tickets per stage (the most recent ones). */
const STAGE_SAMPLE_MAX = 50_000;
const CLOSED: TicketStatus[] = ['completed', 'cancelled'];
const IN_HAND: TicketStatus[] = ['approved', 'in_progress', 'deployed'];

type Count = { count: number | string };
const n = (value: number | string | null | undefined) => Number(value ?? 0);
/** The UTC day of a stored date-time, as text on both engines (MariaDB casts DATETIME to 'YYYY-MM-DD hh:mm:ss'). */
const dayOf = (column: string) => `SUBSTR(${column}, 1, 10)`;

/**
 * The analytics dashboard: every figure counts only tickets the caller may see (the list's own filter
 * builder), optionally of one server and one type. Open tickets, workload and the waiting list are
 * "now"; the series, stage times, decision and rollback rates cover the period.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly users: UsersService,
  ) {}

  async dashboard(auth: AuthContext, query: DashboardQuery): Promise<Dashboard> {
    const to = query.to ? requireStrictDateTime(query.to, 'to') : new Date();
    const from = query.from ? requireStrictDateTime(query.from, 'from') : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) throw fieldError('from', 'must be before to');
    if (to.getTime() - from.getTime() > DASHBOARD_MAX_DAYS * DAY_MS) throw fieldError('from', `the period may span at most ${DASHBOARD_MAX_DAYS} days`);
    const scope = () => this.tickets.filtered({ viewer: auth, server: query.server, types: query.ticketType ? [query.ticketType] : undefined });

    const [open, created, completed, submitToApproval, approvalToDeploy, deployToCompletion, transitions, workload, oldest] = await Promise.all([
          this.openCounts(scope),
          this.perDay(scope, 't.createdAt', 't.created_at', from, to),
          this.perDay(scope, 't.completedAt', 't.completed_at', from, to),
          this.durations(scope, 'submittedAt', 'approvedAt', from, to),
          this.durations(scope, 'approvedAt', 'deployedAt', from, to),
          this.durations(scope, 'deployedAt', 'completedAt', from, to),
          this.transitions(scope, from, to),
          this.workload(scope),
          this.oldestWaiting(scope),
        ]);

    const byStatus: Partial<Record<TicketStatus, number>> = {};
    const byPriority: Partial<Record<TicketPriority, number>> = {};
    const byType: Partial<Record<TicketType, number>> = {};
    let total = 0;
    for (const row of open) {
      const count = n(row.count);
      total += count;
      if (isOneOf(TICKET_STATUSES, row.status)) byStatus[row.status] = (byStatus[row.status] ?? 0) + count;
      if (isOneOf(TICKET_PRIORITIES, row.priority)) byPriority[row.priority] = (byPriority[row.priority] ?? 0) + count;
      if (isOneOf(TICKET_TYPES, row.type)) byType[row.type] = (byType[row.type] ?? 0) + count;
    }

    const createdByDay = new Map(created.map((r) => [r.day, n(r.count)]));
    const completedByDay = new Map(completed.map((r) => [r.day, n(r.count)]));
    const perDay = daysOf(from, to).map((day) => ({ day, created: createdByDay.get(day) ?? 0, completed: completedByDay.get(day) ?? 0 }));

    const moved = (oldValue: string | null, newValue: string) => transitions.filter((r) => (oldValue === null || r.oldValue === oldValue) && r.newValue === newValue).reduce((sum, r) => sum + n(r.count), 0);
    const approvals = moved(null, 'approved');
    const rejections = moved(null, 'rejected');
    const deployments = moved(null, 'deployed');
    const rollbacks = moved('deployed', 'in_progress');

    const people = await this.users.summaries(workload.map((w) => n(w.assignee)));
    const perTechnician = new Map<number, Dashboard['workload'][number]>();
    for (const row of workload) {
      const id = n(row.assignee);
      const technician = people.get(id) ?? { id, username: `user-${id}`, displayName: `Unknown user #${id}` };
      const entry = perTechnician.get(id) ?? { technician, approved: 0, inProgress: 0, deployed: 0, total: 0 };
      const count = n(row.count);
      if (row.status === 'approved') entry.approved += count;
      if (row.status === 'in_progress') entry.inProgress += count;
      if (row.status === 'deployed') entry.deployed += count;
      entry.total += count;
      perTechnician.set(id, entry);
    }

    return {
      range: { from: from.toISOString(), to: to.toISOString() },
      open: { total, byStatus, byPriority, byType },
      perDay,
      stageTimes: { submitToApproval: stageTime(submitToApproval), approvalToDeploy: stageTime(approvalToDeploy), deployToCompletion: stageTime(deployToCompletion) },
      decisions: { approvals, rejections, approvalRate: rate(approvals, approvals + rejections), rejectionRate: rate(rejections, approvals + rejections) },
      rollbacks: { deployments, rollbacks, rate: rate(rollbacks, deployments) },
      workload: [...perTechnician.values()].sort((a, b) => b.total - a.total || a.technician.username.localeCompare(b.technician.username)),
      oldestWaiting: oldest.map((t) => ({ id: t.id, ticketNumber: t.ticketNumber, title: t.title, status: t.status as TicketStatus, waitingSince: isoOrNull(t.submittedAt ?? t.createdAt) ?? '' })),
    };
  }

  private openCounts(scope: () => SelectQueryBuilder<TicketEntity> | null) {
    return required(scope())
      .andWhere('t.status NOT IN (:...closed)', { closed: CLOSED })
      .select('t.status', 'status')
      .addSelect('t.priority', 'priority')
      .addSelect('t.ticketType', 'type')
      .addSelect('COUNT(*)', 'count')
      .groupBy('t.status')
      .addGroupBy('t.priority')
      .addGroupBy('t.ticketType')
      .getRawMany<Count & { status: string; priority: string; type: string }>();
  }

  private perDay(scope: () => SelectQueryBuilder<TicketEntity> | null, property: string, column: string, from: Date, to: Date) {
    return required(scope())
      .andWhere(`${property} >= :from AND ${property} < :to`, { from, to })
      .select(dayOf(column), 'day')
      .addSelect('COUNT(*)', 'count')
      .groupBy(dayOf(column))
      .getRawMany<Count & { day: string }>();
  }

  /** Seconds from `start` to `end` of the tickets whose `end` falls in the period (the most recent first when sampling). */
  private async durations(scope: () => SelectQueryBuilder<TicketEntity> | null, start: 'submittedAt' | 'approvedAt' | 'deployedAt', end: 'approvedAt' | 'deployedAt' | 'completedAt', from: Date, to: Date): Promise<number[]> {
    const rows = await required(scope())
      .andWhere(`t.${end} >= :from AND t.${end} < :to AND t.${start} IS NOT NULL`, { from, to })
      .select(['t.id', `t.${start}`, `t.${end}`])
      .orderBy(`t.${end}`, 'DESC')
      .limit(STAGE_SAMPLE_MAX)
      .getMany();
    return rows.flatMap((t) => {
      const a = t[start];
      const b = t[end];
      return a && b ? [(b.getTime() - a.getTime()) / 1000] : [];
    });
  }

  /** Status changes in the period, by old and new status: decisions, deployments and rollbacks. */
  private transitions(scope: () => SelectQueryBuilder<TicketEntity> | null, from: Date, to: Date) {
    return required(scope())
      .innerJoin(TicketHistoryEntity, 'h', 'h.ticketId = t.id')
      .andWhere("h.action = 'status_change'")
      .andWhere('h.newValue IN (:...targets)', { targets: ['approved', 'rejected', 'deployed', 'in_progress'] })
      .andWhere('h.createdAt >= :from AND h.createdAt < :to', { from, to })
      .select('h.oldValue', 'oldValue')
      .addSelect('h.newValue', 'newValue')
      // Tickets, not events: a ticket approved twice in the period counts once, as the list linked to it finds it once.
      .addSelect('COUNT(DISTINCT t.id)', 'count')
      .groupBy('h.oldValue')
      .addGroupBy('h.newValue')
      .getRawMany<Count & { oldValue: string | null; newValue: string }>();
  }

  private workload(scope: () => SelectQueryBuilder<TicketEntity> | null) {
    return required(scope())
      .andWhere('t.status IN (:...inHand)', { inHand: IN_HAND })
      .andWhere('t.assignedTo IS NOT NULL')
      .select('t.assignedTo', 'assignee')
      .addSelect('t.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .groupBy('t.assignedTo')
      .addGroupBy('t.status')
      .getRawMany<Count & { assignee: number | string; status: string }>();
  }

  private oldestWaiting(scope: () => SelectQueryBuilder<TicketEntity> | null) {
    return required(scope())
      .andWhere('t.status IN (:...waiting)', { waiting: ['pending', 'approved'] })
      .select(['t.id', 't.ticketNumber', 't.title', 't.status', 't.submittedAt', 't.createdAt'])
      .orderBy('COALESCE(t.submitted_at, t.created_at)', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(OLDEST_WAITING)
      .getMany();
  }
}

/**
 * The route admits only callers holding a ticket view permission, for whom the list's filter is never
 * empty (it is null only for a caller who may see nothing, or for an empty queue list, not used here).
 */
function required(qb: SelectQueryBuilder<TicketEntity> | null): SelectQueryBuilder<TicketEntity> {
  if (!qb) throw new Error('the dashboard was asked for a caller who may see no ticket');
  return qb;
}
