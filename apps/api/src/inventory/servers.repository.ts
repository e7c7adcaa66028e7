import { Injectable } from '@nestjs/common';
import { TERMINAL_STATUSES, type ServerStatus } from '@bdc/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DatabaseService } from '../database/database.service';
import { TicketEntity } from '../tickets/ticket.entity';
import { ComponentStockEntity } from './component-stock.entity';
import { LIKE_ESCAPE, likePattern } from './like-pattern';
import { ServerEntity } from './server.entity';

/** Query builders over server_configurations (and their installed units' counts). */
@Injectable()
export class ServersRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
  ) {}

  async insert(manager: EntityManager, row: QueryDeepPartialEntity<ServerEntity>): Promise<void> {
    await manager.createQueryBuilder().insert().into(ServerEntity).values(row).execute();
  }

  async update(manager: EntityManager, uuid: string, patch: QueryDeepPartialEntity<ServerEntity>): Promise<void> {
    await manager.createQueryBuilder().update(ServerEntity).set(patch).where('uuid = :uuid', { uuid }).execute();
  }

  lockByUuid(manager: EntityManager, uuid: string): Promise<ServerEntity | null> {
    return this.db.lockForUpdate(manager.createQueryBuilder(ServerEntity, 'srv').where('srv.uuid = :uuid', { uuid })).getOne();
  }

  /** Another server (not decommissioned) already called this. */
  async nameTaken(name: string, exceptUuid: string | null, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const qb = manager.createQueryBuilder(ServerEntity, 'srv').where('srv.name = :name AND srv.decommissionedAt IS NULL', { name });
    if (exceptUuid) qb.andWhere('srv.uuid <> :exceptUuid', { exceptUuid });
    return (await qb.getCount()) > 0;
  }

  /** Numbers of the tickets not yet completed or cancelled that target this server. */
  async openTicketNumbers(uuid: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await manager
      .createQueryBuilder(TicketEntity, 't')
      .select('t.ticketNumber', 'ticketNumber')
      .where('t.targetServerUuid = :uuid AND t.status NOT IN (:...closed)', { uuid, closed: [...TERMINAL_STATUSES] })
      .orderBy('t.id', 'ASC')
      .getRawMany<{ ticketNumber: string }>();
    return rows.map((r) => r.ticketNumber);
  }

  search(filter: { q?: string; status?: ServerStatus }): Promise<ServerEntity[]> {
    const qb = this.dataSource.manager.createQueryBuilder(ServerEntity, 'srv').orderBy('srv.name', 'ASC');
    if (filter.status) qb.andWhere('srv.status = :status', { status: filter.status });
    if (filter.q) {
      qb.andWhere(
        `(srv.name LIKE :q ${LIKE_ESCAPE} OR srv.location LIKE :q ${LIKE_ESCAPE} OR srv.rackPosition LIKE :q ${LIKE_ESCAPE} OR srv.description LIKE :q ${LIKE_ESCAPE} OR srv.uuid = :exact)`,
        { q: likePattern(filter.q), exact: filter.q },
      );
    }
    return qb.getMany();
  }

  findByUuid(uuid: string, manager: EntityManager = this.dataSource.manager): Promise<ServerEntity | null> {
    return manager.findOne(ServerEntity, { where: { uuid } });
  }

  /** Installed units per server UUID. */
  async componentCounts(serverUuids: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (serverUuids.length === 0) return counts;
    const rows = await this.dataSource.manager
      .createQueryBuilder(ComponentStockEntity, 's')
      .select('s.serverUuid', 'serverUuid')
      .addSelect('COUNT(*)', 'units')
      .where('s.serverUuid IN (:...serverUuids)', { serverUuids })
      .groupBy('s.serverUuid')
      .getRawMany<{ serverUuid: string; units: number | string }>();
    for (const row of rows) counts.set(row.serverUuid, Number(row.units));
    return counts;
  }
}
