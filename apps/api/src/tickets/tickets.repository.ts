import { Injectable } from '@nestjs/common';
import type { Permission, TicketAccessFacts, TicketSortField, TicketStatus, TicketTransition } from '@bdc/contracts';
import { Brackets, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { insertedRow, type InsertedRow } from '../common/inserted-row';
import { DatabaseService } from '../database/database.service';
import { LIKE_ESCAPE, likePattern } from '../inventory/like-pattern';
import { TicketItemEntity } from '../ticket-items/ticket-item.entity';
import { TicketCounterEntity } from './ticket-counter.entity';
import { TicketEntity } from './ticket.entity';

export type TicketPatch = QueryDeepPartialEntity<TicketEntity>;

/** mysql2's reply to an UPDATE (ResultSetHeader). */
function isOkPacket(value: unknown): value is { affectedRows: number; insertId: number } {
  if (typeof value !== 'object' || value === null) return false;
  const { affectedRows, insertId } = value as Record<string, unknown>;
  return typeof affectedRows === 'number' && typeof insertId === 'number';
}

export interface TicketListFilter {
  viewer: { id: number; permissions: readonly Permission[]; roles: readonly string[] };
  statuses?: string[];
  priorities?: string[];
  types?: string[];
  assignedTo?: number | 'none';
  createdBy?: number;
  /** Role queues: tickets waiting in any of these roles' queues. */
  queues?: readonly string[];
  createdFrom?: Date;
  createdTo?: Date;
  scheduledFrom?: Date;
  scheduledTo?: Date;
  completedFrom?: Date;
  completedTo?: Date;
  /** Went through this workflow step (its history says so), in [transitionFrom, transitionTo) when given. */
  transition?: { step: TicketTransition; from?: Date; to?: Date };
  server?: string;
  /** Only the tickets with a conflict (`flagged`), or only those without: `ids` are the ones with (TicketConflictsService). */
  conflicts?: { flagged: boolean; ids: readonly number[] };
  q?: string;
  page: number;
  pageSize: number;
  sort: { field: TicketSortField; descending: boolean };
}

/** What a list row shows (TicketSummary): not the description and the other long texts. */
const SUMMARY_COLUMNS = [
  'id',
  'ticketNumber',
  'title',
  'ticketType',
  'priority',
  'status',
  'targetServerUuid',
  'targetServerName',
  'createdBy',
  'assignedTo',
  'assignedRole',
  'createdAt',
  'updatedAt',
  'scheduledDate',
] as const satisfies readonly (keyof TicketEntity)[];

export type TicketSummaryRow = Pick<TicketEntity, (typeof SUMMARY_COLUMNS)[number]>;

const SORT_COLUMNS: Record<Exclude<TicketSortField, 'priority'>, string> = {
  createdAt: 't.createdAt',
  updatedAt: 't.updatedAt',
  status: 't.status',
  ticketNumber: 't.ticketNumber',
  title: 't.title',
  scheduledDate: 't.scheduledDate',
};

/** The only place with query builders for tickets and their numbering. */
@Injectable()
export class TicketsRepository {
  constructor(private readonly db: DatabaseService) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.db.dataSource.manager;
  }

  findById(id: number, manager?: EntityManager): Promise<TicketEntity | null> {
    return this.manager(manager).createQueryBuilder(TicketEntity, 't').where('t.id = :id', { id }).getOne();
  }

  /**
   * What the ticket policy needs (canView) and nothing else, in plain SQL: the live event of every
   * ticket change reads it after COMMIT, and hydrating the whole entity cost more than the query.
   */
  async accessFactsById(id: number): Promise<TicketAccessFacts | null> {
    const rows: { status: string; createdBy: number | string; assignedTo: number | string | null; assignedRole: string | null }[] = await this.manager().query(
      'SELECT status, created_by AS createdBy, assigned_to AS assignedTo, assigned_role AS assignedRole FROM tickets WHERE id = ?',
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return { status: row.status as TicketStatus, createdBy: Number(row.createdBy), assignedTo: row.assignedTo === null ? null : Number(row.assignedTo), assignedRole: row.assignedRole };
  }

  /** Locks the row until the transaction ends (a no-op on SQLite, whose writers are serialised). */
  lockById(manager: EntityManager, id: number): Promise<TicketEntity | null> {
    return this.db.lockForUpdate(manager.createQueryBuilder(TicketEntity, 't').where('t.id = :id', { id })).getOne();
  }

  /** The new row's id and the timestamps the database gave it (RETURNING on MariaDB, a re-read on SQLite). */
  async insert(manager: EntityManager, values: TicketPatch): Promise<InsertedRow> {
    // A copy: TypeORM merges what the database returns (raw values) into the object it inserts.
    const result = await manager.createQueryBuilder().insert().into(TicketEntity).values({ ...values }).execute();
    return insertedRow(result.identifiers[0], result.generatedMaps[0], 'Ticket');
  }

  async update(manager: EntityManager, id: number, patch: TicketPatch): Promise<void> {
    await manager.createQueryBuilder().update(TicketEntity).set(patch).where('id = :id', { id }).execute();
  }

  /**
   * The status moves only if it still is `from`: the loser of a race changes nothing and learns it
   * from the affected-row count, whatever the engine's locking did or did not prevent.
   */
  async updateIfStatus(manager: EntityManager, id: number, from: TicketStatus, patch: TicketPatch): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(TicketEntity)
      .set(patch)
      .where('id = :id AND status = :from', { id, from })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async delete(manager: EntityManager, id: number): Promise<void> {
    await manager.createQueryBuilder().delete().from(TicketEntity).where('id = :id', { id }).execute();
  }

  /**
   * Next number of the day, inside the caller's transaction. The UPDATE takes the counter row's lock,
   * so concurrent creators (in any process) queue on it and each gets its own value; a rolled back
   * creation gives its number back, so there are no gaps. The lock is held until COMMIT, so callers
   * take it as late as they can.
   */
  async nextSequence(manager: EntityManager, day: string): Promise<number> {
    const seq = await this.bumpCounter(manager, day);
    if (seq !== null) return seq;
    await this.ensureCounter(manager, day);
    const retried = await this.bumpCounter(manager, day);
    if (retried === null) throw new Error(`Ticket counter for ${day} could not be created`);
    return retried;
  }

  /**
   * Gives a ticket created under a provisional number its real one, keeping `updated_at` (on MariaDB
   * the column updates itself unless it is assigned): numbering is part of the creation, not a change.
   * Plain SQL: this runs while the counter row is locked, where every microsecond of query building
   * delays the next creator.
   */
  async assignNumber(manager: EntityManager, id: number, ticketNumber: string): Promise<void> {
    await manager.query('UPDATE tickets SET ticket_number = ?, updated_at = updated_at WHERE id = ?', [ticketNumber, id]);
  }

  /** INSERT IGNORE / INSERT OR IGNORE: creating the day's row twice is harmless. */
  async ensureCounter(manager: EntityManager | undefined, day: string): Promise<void> {
    await this.manager(manager).createQueryBuilder().insert().into(TicketCounterEntity).values({ day, seq: 0 }).orIgnore().execute();
  }

  /**
   * The day's incremented sequence, or null when the day has no counter row yet. On MariaDB/MySQL the
   * new value comes back in the UPDATE's own reply (`LAST_INSERT_ID(expr)` sets the reply's insert id),
   * which saves a SELECT while the row is locked. SQLite serialises writers, so there a read-back is
   * as good.
   */
  private async bumpCounter(manager: EntityManager, day: string): Promise<number | null> {
    if (this.db.engine === 'mysql') {
      const reply: unknown = await manager.query('UPDATE ticket_counters SET seq = LAST_INSERT_ID(seq + 1) WHERE day = ?', [day]);
      if (!isOkPacket(reply)) throw new Error('Unexpected reply to the ticket counter UPDATE');
      return reply.affectedRows > 0 ? reply.insertId : null;
    }
    const result = await manager
      .createQueryBuilder()
      .update(TicketCounterEntity)
      .set({ seq: () => 'seq + 1' })
      .where('day = :day', { day })
      .execute();
    if ((result.affected ?? 0) === 0) return null;
    const row = await manager.createQueryBuilder(TicketCounterEntity, 'c').where('c.day = :day', { day }).getOne();
    if (!row) throw new Error(`Ticket counter for ${day} vanished`);
    return row.seq;
  }

  /**
   * One page of the tickets the viewer may see, and how many there are. The page reads only the
   * columns of a summary, and it and the count run at the same time on two connections: over a
   * large table the exact count is the expensive half (MariaDB counts index entries one by one),
   * so the page costs almost nothing on top of it. (TypeORM's getManyAndCount would run them one
   * after the other.)
   */
  async list(filter: TicketListFilter): Promise<{ rows: TicketSummaryRow[]; total: number }> {
    const qb = this.filtered(filter);
    if (!qb) return { rows: [], total: 0 };
    const count = qb.clone();

    qb.select(SUMMARY_COLUMNS.map((column) => `t.${column}`));
    this.applySort(qb, filter.sort);
    qb.offset((filter.page - 1) * filter.pageSize).limit(filter.pageSize);
    const [rows, total] = await Promise.all([qb.getMany(), count.getCount()]);
    return { rows, total };
  }

  /**
   * The tickets the viewer may see that match the filter (no columns, order or page yet); null when none
   * can. The dashboard aggregates over the same set as the list.
   */
  filtered(filter: Omit<TicketListFilter, 'page' | 'pageSize' | 'sort'>): SelectQueryBuilder<TicketEntity> | null {
    const qb = this.manager().createQueryBuilder(TicketEntity, 't');
    if (!this.applyVisibility(qb, filter.viewer)) return null;
    if (filter.statuses?.length) qb.andWhere('t.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.priorities?.length) qb.andWhere('t.priority IN (:...priorities)', { priorities: filter.priorities });
    if (filter.types?.length) qb.andWhere('t.ticketType IN (:...types)', { types: filter.types });
    if (filter.assignedTo === 'none') qb.andWhere('t.assignedTo IS NULL');
    else if (filter.assignedTo !== undefined) qb.andWhere('t.assignedTo = :assignedTo', { assignedTo: filter.assignedTo });
    if (filter.createdBy !== undefined) qb.andWhere('t.createdBy = :createdBy', { createdBy: filter.createdBy });
    if (filter.createdFrom) qb.andWhere('t.createdAt >= :createdFrom', { createdFrom: filter.createdFrom });
    if (filter.createdTo) qb.andWhere('t.createdAt < :createdTo', { createdTo: filter.createdTo });
    if (filter.scheduledFrom) qb.andWhere('t.scheduledDate >= :scheduledFrom', { scheduledFrom: filter.scheduledFrom });
    if (filter.scheduledTo) qb.andWhere('t.scheduledDate < :scheduledTo', { scheduledTo: filter.scheduledTo });
    if (filter.completedFrom) qb.andWhere('t.completedAt >= :completedFrom', { completedFrom: filter.completedFrom });
    if (filter.completedTo) qb.andWhere('t.completedAt < :completedTo', { completedTo: filter.completedTo });
    if (filter.transition) {
      const { step, from, to } = filter.transition;
      const [oldStatus, newStatus] = step === 'rolled_back' ? ['deployed', 'in_progress'] : [null, step];
      qb.andWhere(
        `EXISTS (SELECT 1 FROM ticket_history th WHERE th.ticket_id = t.id AND th.action = 'status_change' AND th.new_value = :transitionNew${oldStatus ? ' AND th.old_value = :transitionOld' : ''}${from ? ' AND th.created_at >= :transitionFrom' : ''}${to ? ' AND th.created_at < :transitionTo' : ''})`,
        { transitionNew: newStatus, transitionOld: oldStatus, transitionFrom: from, transitionTo: to },
      );
    }
    if (filter.queues !== undefined) {
      if (filter.queues.length === 0) return null;
      qb.andWhere('t.assignedRole IN (:...queues)', { queues: filter.queues });
    }
    if (filter.server) qb.andWhere('t.targetServerUuid = :server', { server: filter.server });
    if (filter.conflicts?.flagged) {
      if (filter.conflicts.ids.length === 0) return null;
      qb.andWhere('t.id IN (:...conflicting)', { conflicting: [...filter.conflicts.ids] });
    } else if (filter.conflicts && filter.conflicts.ids.length > 0) {
      qb.andWhere('t.id NOT IN (:...conflicting)', { conflicting: [...filter.conflicts.ids] });
    }
    if (filter.q) {
      qb.andWhere(`(t.ticketNumber LIKE :q ${LIKE_ESCAPE} OR t.title LIKE :q ${LIKE_ESCAPE} OR t.description LIKE :q ${LIKE_ESCAPE})`, { q: likePattern(filter.q) });
    }
    return qb;
  }

  /** The list's sort: by the field, then by id in the same direction so that pages never overlap. */
  private applySort(qb: SelectQueryBuilder<TicketEntity>, sort: TicketListFilter['sort']): void {
    const direction = sort.descending ? 'DESC' : 'ASC';
    if (sort.field === 'priority') {
      qb.addSelect("CASE t.priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 WHEN 'critical' THEN 3 ELSE 1 END", 'priority_rank');
      qb.orderBy('priority_rank', direction);
    } else {
      qb.orderBy(SORT_COLUMNS[sort.field], direction);
    }
    qb.addOrderBy('t.id', direction);
  }

  /**
   * Every matching ticket (all columns of a summary plus the description), in the list's order, read
   * in chunks so an export of any size streams in bounded memory.
   */
  async *iterate(filter: Omit<TicketListFilter, 'page' | 'pageSize'>, chunk = 500): AsyncGenerator<TicketEntity[]> {
    for (let offset = 0; ; offset += chunk) {
      const qb = this.filtered(filter);
      if (!qb) return;
      this.applySort(qb, filter.sort);
      const rows = await qb.offset(offset).limit(chunk).getMany();
      if (rows.length > 0) yield rows;
      if (rows.length < chunk) return;
    }
  }

  /** The people who filed the tickets the viewer may see: the choices of the list's requester filter. */
  async requesterIds(viewer: TicketListFilter['viewer']): Promise<number[]> {
    const qb = this.filtered({ viewer });
    if (!qb) return [];
    const rows = await qb.select('t.createdBy', 'createdBy').distinct(true).getRawMany<{ createdBy: number | string }>();
    return rows.map((r) => Number(r.createdBy));
  }

  /** view_all, else view_assigned → assigned to me, view_own → created by me; false when nothing is visible. Also used by my-work. */
  applyVisibility(qb: SelectQueryBuilder<TicketEntity>, viewer: TicketListFilter['viewer']): boolean {
    const p = viewer.permissions;
    if (p.includes('ticket.view_all')) return true;
    const assigned = p.includes('ticket.view_assigned');
    const own = p.includes('ticket.view_own');
    if (!assigned && !own) return false;
    qb.andWhere(
      new Brackets((w) => {
        if (assigned) w.orWhere('t.assignedTo = :viewerId', { viewerId: viewer.id });
        // Role queues: what waits in the queue of one of the viewer's roles (contracts canView).
        if (assigned && viewer.roles.length > 0) w.orWhere('t.assignedRole IN (:...viewerRoles)', { viewerRoles: [...viewer.roles] });
        if (own) w.orWhere('t.createdBy = :viewerId', { viewerId: viewer.id });
      }),
    );
    return true;
  }

  async itemCounts(ticketIds: number[]): Promise<Map<number, number>> {
    if (ticketIds.length === 0) return new Map();
    const rows = await this.manager()
      .createQueryBuilder(TicketItemEntity, 'i')
      .select('i.ticketId', 'ticketId')
      .addSelect('COUNT(*)', 'count')
      .where('i.ticketId IN (:...ticketIds)', { ticketIds })
      .groupBy('i.ticketId')
      .getRawMany<{ ticketId: number | string; count: number | string }>();
    return new Map(rows.map((r) => [Number(r.ticketId), Number(r.count)]));
  }
}
