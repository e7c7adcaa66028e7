import { Injectable } from '@nestjs/common';
import { dayInTimeZone, MY_WORK_SECTIONS, type MyWork, type MyWorkSection, type MyWorkSectionKey } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { Clock } from '../auth/clock';
import { wholeSeconds } from '../common/strict-date-time';
import { AppConfig } from '../config/app-config';
import { TicketViewsService } from '../tickets/ticket-views.service';
import { MyWorkRepository, type MyWorkWindow } from './my-work.repository';

/** How many tickets each section lists; the count says how many there are. */
export const MY_WORK_SECTION_ITEMS = 5;

/** "My work": what waits for the caller, section by section; every section only shows visible tickets. */
@Injectable()
export class MyWorkService {
  constructor(
    private readonly repository: MyWorkRepository,
    private readonly views: TicketViewsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async get(auth: AuthContext): Promise<MyWork> {
    const now = this.clock.now();
    const todayStart = startOfDay(dayInTimeZone(now, this.config.timeZone), this.config.timeZone);
    const tomorrowStart = startOfDay(dayInTimeZone(new Date(todayStart.getTime() + 26 * 3_600_000), this.config.timeZone), this.config.timeZone);
    const lastVisit = await this.repository.lastVisit(auth.id);
    const window: MyWorkWindow = { now, todayStart, tomorrowStart, lastVisit };
    const viewer = { id: auth.id, roles: auth.roles, permissions: auth.permissions, mayApprove: auth.permissions.includes('ticket.approve') };

    const entries = await Promise.all(
      MY_WORK_SECTIONS.map(async (key): Promise<[MyWorkSectionKey, MyWorkSection]> => {
        const qb = this.repository.section(key, viewer, window);
        if (!qb) return [key, { count: 0, items: [] }];
        const [rows, count] = await Promise.all([qb.clone().limit(MY_WORK_SECTION_ITEMS).getMany(), qb.getCount()]);
        const page = await this.views.page({ rows, total: count, totalIsLowerBound: false, nextCursor: null }, 1, MY_WORK_SECTION_ITEMS);
        return [key, { count, items: page.items }];
      }),
    );
    const sections = Object.fromEntries(entries) as Record<MyWorkSectionKey, MyWorkSection>;

    let changedSinceLastVisit = 0;
    let changedTicketIds: number[] = [];
    const mine = this.repository.section('myRequests', viewer, window);
    // Before the first visit everything would count as changed, which says nothing.
    if (mine && lastVisit) {
      const changed = this.repository.changedSince(mine, auth.id, lastVisit);
      const [count, rows] = await Promise.all([changed.getCount(), changed.clone().select('t.id').getMany()]);
      changedSinceLastVisit = count;
      const listed = new Set(sections.myRequests.items.map((t) => t.id));
      changedTicketIds = rows.map((r) => r.id).filter((id) => listed.has(id));
    }
    return { sections, changedSinceLastVisit, changedTicketIds, lastVisitAt: lastVisit ? lastVisit.toISOString() : null };
  }

  async markSeen(auth: AuthContext): Promise<{ lastVisitAt: string }> {
    // Whole seconds, as MariaDB keeps a plain DATETIME, and rounded up: what changed earlier in this
    // second was on the page just seen (history times carry fractions on MariaDB).
    const now = wholeSeconds(new Date(this.clock.now().getTime() + 999));
    await this.repository.recordVisit(auth.id, now);
    return { lastVisitAt: now.toISOString() };
  }
}

/**
 * The instant a calendar day (YYYYMMDD) begins in a time zone: the first quarter hour whose day is
 * it, searched from 14 hours before UTC midnight (the widest offset). Zones move by whole quarters.
 */
export function startOfDay(day: string, timeZone: string): Date {
  const utcMidnight = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8)));
  let lo = utcMidnight - 14 * 3_600_000;
  let hi = utcMidnight + 14 * 3_600_000;
  // Binary search over quarter hours: days are ordered in time.
  const quarter = 900_000;
  while (hi - lo > quarter) {
    const mid = lo + Math.floor((hi - lo) / 2 / quarter) * quarter;
    if (dayInTimeZone(new Date(mid), timeZone) >= day) hi = mid;
    else lo = mid;
  }
  return new Date(dayInTimeZone(new Date(lo), timeZone) >= day ? lo : hi);
}
