import { Injectable } from '@nestjs/common';
import type { MyWorkSectionKey } from '@bdc/contracts';
import type { SelectQueryBuilder } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { TicketHistoryEntity } from '../history/ticket-history.entity';
import { TicketEntity } from '../tickets/ticket.entity';
import { TicketsRepository, type TicketListFilter } from '../tickets/tickets.repository';
import { MyWorkVisitEntity } from './my-work-visit.entity';

/** Waiting for someone: not finished, not given up. Rejected waits for its owner, as an open request. */
const OPEN = ['draft', 'pending', 'approved', 'in_progress'];
const WITH_TECHNICIAN = ['approved', 'in_progress', 'deployed'];
const NOT_CLOSED = ['draft', 'pending', 'approved', 'rejected', 'in_progress', 'deployed'];

export interface MyWorkViewer {
  id: number;
  roles: readonly string[];
  permissions: TicketListFilter['viewer']['permissions'];
  mayApprove: boolean;
}

export interface MyWorkWindow {
  now: Date;
  todayStart: Date;
  tomorrowStart: Date;
  lastVisit: Date | null;
}

/** The queries behind GET /api/my-work: every section limited by the same visibility as the ticket list. */
@Injectable()
export class MyWorkRepository {
  constructor(
    private readonly db: DatabaseService,
    private readonly tickets: TicketsRepository,
  ) {}

  /** The section's tickets the viewer may see, null when it has none by definition (no query needed). */
  section(key: MyWorkSectionKey, viewer: MyWorkViewer, window: MyWorkWindow): SelectQueryBuilder<TicketEntity> | null {
    const qb = this.db.dataSource.manager.createQueryBuilder(TicketEntity, 't');
    if (!this.tickets.applyVisibility(qb, viewer)) return null;
    switch (key) {
      case 'toApprove':
        if (!viewer.mayApprove) return null;
        // Review is never by the creator (architecture §3).
        return qb.andWhere("t.status = 'pending'").andWhere('t.createdBy <> :me', { me: viewer.id }).orderBy('t.createdAt', 'ASC').addOrderBy('t.id', 'ASC');
      case 'assignedToMe':
        return qb.andWhere('t.assignedTo = :me', { me: viewer.id }).andWhere('t.status IN (:...withTech)', { withTech: WITH_TECHNICIAN }).orderBy('t.updatedAt', 'DESC').addOrderBy('t.id', 'DESC');
      case 'roleQueues':
        if (viewer.roles.length === 0) return null;
        return qb
          .andWhere('t.assignedRole IN (:...myRoles)', { myRoles: [...viewer.roles] })
          .andWhere('t.assignedTo IS NULL')
          .andWhere('t.status IN (:...withTech)', { withTech: WITH_TECHNICIAN })
          .orderBy('t.updatedAt', 'DESC')
          .addOrderBy('t.id', 'DESC');
      case 'myRequests':
        return qb.andWhere('t.createdBy = :me', { me: viewer.id }).andWhere('t.status IN (:...notClosed)', { notClosed: NOT_CLOSED }).orderBy('t.updatedAt', 'DESC').addOrderBy('t.id', 'DESC');
      case 'scheduledToday':
        return qb
          .andWhere('t.scheduledDate >= :todayStart AND t.scheduledDate < :tomorrowStart', { todayStart: window.todayStart, tomorrowStart: window.tomorrowStart })
          .andWhere('t.status IN (:...open)', { open: OPEN })
          .orderBy('t.scheduledDate', 'ASC')
          .addOrderBy('t.id', 'ASC');
      case 'overdue':
        return qb.andWhere('t.scheduledDate < :now', { now: window.now }).andWhere('t.status IN (:...open)', { open: OPEN }).orderBy('t.scheduledDate', 'ASC').addOrderBy('t.id', 'ASC');
    }
  }

  // Every section breaks ties by id: timestamps are whole seconds on SQLite, and a page of five taken from
  // equal timestamps would otherwise change between two reads (and "changed" marks would point at rows not shown).

  /** Of the viewer's open requests, those someone else changed after `since`. */
  changedSince(section: SelectQueryBuilder<TicketEntity>, viewerId: number, since: Date): SelectQueryBuilder<TicketEntity> {
    const changed = this.db.dataSource.manager
      .createQueryBuilder(TicketHistoryEntity, 'h')
      .select('1')
      .where('h.ticketId = t.id')
      .andWhere('h.createdAt > :since')
      .andWhere('h.userId <> :me');
    return section
      .clone()
      .andWhere(`EXISTS (${changed.getQuery()})`)
      .setParameters({ since, me: viewerId });
  }

  async lastVisit(userId: number): Promise<Date | null> {
    const row = await this.db.dataSource.manager.findOne(MyWorkVisitEntity, { where: { userId } });
    return row?.seenAt ?? null;
  }

  async recordVisit(userId: number, seenAt: Date): Promise<void> {
    await this.db.dataSource.manager.upsert(MyWorkVisitEntity, { userId, seenAt }, ['userId']);
  }
}
