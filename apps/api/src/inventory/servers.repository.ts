import { Injectable } from '@nestjs/common';
import type { ServerStatus } from '@bdc/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { ComponentStockEntity } from './component-stock.entity';
import { LIKE_ESCAPE, likePattern } from './like-pattern';
import { ServerEntity } from './server.entity';

/** Query builders over server_configurations (and their installed units' counts). */
@Injectable()
export class ServersRepository {
  constructor(private readonly dataSource: DataSource) {}

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
