import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DatabaseService } from '../database/database.service';
import { TicketCommentEntity } from './ticket-comment.entity';

/** The only place with query builders for ticket comments. */
@Injectable()
export class CommentsRepository {
  constructor(private readonly db: DatabaseService) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.db.dataSource.manager;
  }

  listByTicket(ticketId: number, includeInternal: boolean): Promise<TicketCommentEntity[]> {
    const qb = this.manager()
      .createQueryBuilder(TicketCommentEntity, 'c')
      .where('c.ticketId = :ticketId', { ticketId })
      .orderBy('c.createdAt', 'ASC')
      .addOrderBy('c.id', 'ASC');
    if (!includeInternal) qb.andWhere('c.isInternal = :no', { no: false });
    return qb.getMany();
  }

  findInTicket(ticketId: number, id: number, manager?: EntityManager): Promise<TicketCommentEntity | null> {
    return this.manager(manager).createQueryBuilder(TicketCommentEntity, 'c').where('c.id = :id AND c.ticketId = :ticketId', { id, ticketId }).getOne();
  }

  /**
   * The new comment's id. Every column is given (`values` is the whole row), so nothing generated is
   * read back: no RETURNING on MariaDB, no re-read on SQLite; the id is the driver's insert id.
   */
  async insert(manager: EntityManager, values: Omit<TicketCommentEntity, 'id' | 'ticket' | 'user'>): Promise<number> {
    const result = await manager.createQueryBuilder().insert().into(TicketCommentEntity).values(values).updateEntity(false).execute();
    const raw: unknown = result.raw;
    // better-sqlite3: the statement's lastInsertRowid; mysql2: the OK packet's insertId.
    const id = typeof raw === 'number' || typeof raw === 'bigint' ? Number(raw) : typeof raw === 'object' && raw !== null ? Number((raw as { insertId?: unknown }).insertId) : NaN;
    if (!Number.isInteger(id) || id <= 0) throw new Error('Comment insert returned no id');
    return id;
  }

  async update(manager: EntityManager, id: number, values: QueryDeepPartialEntity<TicketCommentEntity>): Promise<void> {
    await manager.createQueryBuilder().update(TicketCommentEntity).set(values).where('id = :id', { id }).execute();
  }
}
