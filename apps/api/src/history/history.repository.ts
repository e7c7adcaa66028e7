import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DatabaseService } from '../database/database.service';
import { TicketHistoryEntity } from './ticket-history.entity';

export type NewHistoryRow = Omit<TicketHistoryEntity, 'id' | 'createdAt' | 'ticket' | 'user'>;

/** Append-only: this repository can insert and read history, nothing else. */
@Injectable()
export class HistoryRepository {
  constructor(private readonly db: DatabaseService) {}

  async insert(manager: EntityManager, rows: NewHistoryRow[]): Promise<void> {
    if (rows.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(TicketHistoryEntity)
      // TypeORM's deep-partial type cannot express a JSON column of `unknown` values that may be null.
      .values(rows as QueryDeepPartialEntity<TicketHistoryEntity>[])
      // Nobody reads the generated id or timestamps back: no RETURNING (MariaDB) or re-read (SQLite).
      .updateEntity(false)
      .execute();
  }

  listByTicket(ticketId: number, manager: EntityManager = this.db.dataSource.manager): Promise<TicketHistoryEntity[]> {
    return manager
      .createQueryBuilder(TicketHistoryEntity, 'h')
      .where('h.ticketId = :ticketId', { ticketId })
      .orderBy('h.createdAt', 'ASC')
      .addOrderBy('h.id', 'ASC')
      .getMany();
  }
}
