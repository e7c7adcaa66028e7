import { Injectable } from '@nestjs/common';
import type { ComponentType } from '@bdc/contracts';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CatalogModelEntity } from './catalog-model.entity';
import { ComponentStockEntity } from './component-stock.entity';
import { LIKE_ESCAPE, likePattern } from './like-pattern';

/** Query builders over component_catalog. */
@Injectable()
export class CatalogRepository {
  constructor(private readonly dataSource: DataSource) {}

  search(filter: { type?: ComponentType; q?: string }): Promise<CatalogModelEntity[]> {
    const qb = this.dataSource.manager.createQueryBuilder(CatalogModelEntity, 'c').orderBy('c.componentType', 'ASC').addOrderBy('c.brand', 'ASC').addOrderBy('c.model', 'ASC');
    if (filter.type) qb.andWhere('c.componentType = :type', { type: filter.type });
    if (filter.q) {
      qb.andWhere(`(c.brand LIKE :q ${LIKE_ESCAPE} OR c.model LIKE :q ${LIKE_ESCAPE} OR c.uuid = :exact)`, { q: likePattern(filter.q), exact: filter.q });
    }
    return qb.getMany();
  }

  findByUuids(uuids: string[], manager: EntityManager = this.dataSource.manager): Promise<CatalogModelEntity[]> {
    const unique = [...new Set(uuids)];
    if (unique.length === 0) return Promise.resolve([]);
    return manager.find(CatalogModelEntity, { where: { uuid: In(unique) } });
  }

  findByUuid(uuid: string, manager: EntityManager = this.dataSource.manager): Promise<CatalogModelEntity | null> {
    return manager.findOne(CatalogModelEntity, { where: { uuid } });
  }

  /** Available (spare) units per model UUID. */
  async availableCounts(uuids: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (uuids.length === 0) return counts;
    const rows = await this.dataSource.manager
      .createQueryBuilder(ComponentStockEntity, 's')
      .select('s.uuid', 'uuid')
      .addSelect('COUNT(*)', 'units')
      .where('s.status = :status', { status: 'available' })
      .andWhere('s.uuid IN (:...uuids)', { uuids })
      .groupBy('s.uuid')
      .getRawMany<{ uuid: string; units: number | string }>();
    for (const row of rows) counts.set(row.uuid, Number(row.units));
    return counts;
  }
}
