import { Injectable } from '@nestjs/common';
import type { ComponentType, StockStatus } from '@bdc/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { CatalogModelEntity } from './catalog-model.entity';
import { ComponentStockEntity } from './component-stock.entity';
import { LIKE_ESCAPE, likePattern } from './like-pattern';

export interface StockFilter {
  type?: ComponentType;
  status?: StockStatus;
  serverUuid?: string;
  q?: string;
}

/** Query builders over component_stock. */
@Injectable()
export class StockRepository {
  constructor(private readonly dataSource: DataSource) {}

  async page(filter: StockFilter, page: number, pageSize: number): Promise<{ rows: ComponentStockEntity[]; total: number }> {
    const qb = this.dataSource.manager
      .createQueryBuilder(ComponentStockEntity, 's')
      .orderBy('s.componentType', 'ASC')
      .addOrderBy('s.uuid', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize);
    if (filter.type) qb.andWhere('s.componentType = :type', { type: filter.type });
    if (filter.status) qb.andWhere('s.status = :status', { status: filter.status });
    if (filter.serverUuid) qb.andWhere('s.serverUuid = :serverUuid', { serverUuid: filter.serverUuid });
    if (filter.q) {
      // Serial, location, or the model's brand/name in the catalog.
      const models = this.dataSource.manager
        .createQueryBuilder(CatalogModelEntity, 'c')
        .select('c.uuid')
        .where(`(c.brand LIKE :q ${LIKE_ESCAPE} OR c.model LIKE :q ${LIKE_ESCAPE})`);
      qb.andWhere(
        `(s.serialNumber LIKE :q ${LIKE_ESCAPE} OR s.location LIKE :q ${LIKE_ESCAPE} OR s.uuid = :exact OR s.uuid IN (${models.getQuery()}))`,
        { q: likePattern(filter.q), exact: filter.q },
      );
    }
    const [rows, total] = await qb.getManyAndCount();
    return { rows, total };
  }

  installedIn(serverUuid: string, manager: EntityManager = this.dataSource.manager): Promise<ComponentStockEntity[]> {
    return manager
      .createQueryBuilder(ComponentStockEntity, 's')
      .where('s.serverUuid = :serverUuid', { serverUuid })
      .orderBy('s.componentType', 'ASC')
      .addOrderBy('s.slotPosition', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .getMany();
  }
}
