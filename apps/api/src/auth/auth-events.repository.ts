import { Injectable } from '@nestjs/common';
import type { AuthEventKind } from '@bdc/contracts';
import { DataSource, type FindOptionsWhere } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { AuthEventEntity } from './auth-event.entity';

export type NewAuthEvent = Pick<AuthEventEntity, 'event' | 'username' | 'userId' | 'reason' | 'ipAddress' | 'userAgent'>;

/** The only place with queries on auth_events. */
@Injectable()
export class AuthEventsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
  ) {}

  async insert(row: NewAuthEvent): Promise<void> {
    // Through db.transaction: on SQLite it must not land inside another request's open transaction.
    await this.db.transaction((manager) => manager.insert(AuthEventEntity, row));
  }

  /** Newest first (by id: monotonic, and the primary key needs no index of its own). */
  page(filter: { username?: string; event?: AuthEventKind }, page: number, pageSize: number): Promise<[AuthEventEntity[], number]> {
    const where: FindOptionsWhere<AuthEventEntity> = {};
    if (filter.username !== undefined) where.username = filter.username;
    if (filter.event !== undefined) where.event = filter.event;
    return this.dataSource.manager.findAndCount(AuthEventEntity, { where, order: { id: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
  }
}
