import { Injectable } from '@nestjs/common';
import type { CatalogSortField, CatalogStatus, ComponentType } from '@bdc/contracts';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CatalogModelEntity } from './catalog-model.entity';
import { ComponentStockEntity } from './component-stock.entity';
import { LIKE_ESCAPE, likePattern } from './like-pattern';

export type CatalogInsert = Pick<CatalogModelEntity, 'uuid' | 'componentType' | 'brand' | 'model' | 'series' | 'family' | 'status' | 'source' | 'specifications'>;

export interface CatalogFilter {
  type?: ComponentType;
  brand?: string;
  q?: string;
  status?: CatalogStatus | 'all';
}

const SORT_COLUMNS: Record<CatalogSortField, string[]> = {
  name: ['c.brand', 'c.model'],
  brand: ['c.brand', 'c.model'],
  type: ['c.componentType', 'c.brand', 'c.model'],
  updatedAt: ['c.updatedAt'],
};

/** Query builders over component_catalog. */
@Injectable()
export class CatalogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async page(filter: CatalogFilter, sort: CatalogSortField | `-${CatalogSortField}`, page: number, pageSize: number): Promise<{ rows: CatalogModelEntity[]; total: number }> {
    const field = (sort.startsWith('-') ? sort.slice(1) : sort) as CatalogSortField;
    const qb = this.filtered(filter, field, sort.startsWith('-') ? 'DESC' : 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { rows, total };
  }

  private filtered(filter: CatalogFilter, field: CatalogSortField, direction: 'ASC' | 'DESC' = 'ASC') {
    const qb = this.dataSource.manager.createQueryBuilder(CatalogModelEntity, 'c');
    // A stable order: the sort columns, then the id, so pages never overlap.
    for (const column of SORT_COLUMNS[field]) qb.addOrderBy(column, direction);
    qb.addOrderBy('c.id', direction);
    if (filter.type) qb.andWhere('c.componentType = :type', { type: filter.type });
    if (filter.status && filter.status !== 'all') qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.brand) qb.andWhere('LOWER(c.brand) = LOWER(:brand)', { brand: filter.brand });
    if (filter.q) {
      qb.andWhere(`(c.brand LIKE :q ${LIKE_ESCAPE} OR c.model LIKE :q ${LIKE_ESCAPE} OR c.series LIKE :q ${LIKE_ESCAPE} OR c.family LIKE :q ${LIKE_ESCAPE} OR c.uuid = :exact)`, {
        q: likePattern(filter.q),
        exact: filter.q,
      });
    }
    return qb;
  }

  findByUuids(uuids: string[], manager: EntityManager = this.dataSource.manager): Promise<CatalogModelEntity[]> {
    const unique = [...new Set(uuids)];
    if (unique.length === 0) return Promise.resolve([]);
    return manager.find(CatalogModelEntity, { where: { uuid: In(unique) } });
  }

  findByUuid(uuid: string, manager: EntityManager = this.dataSource.manager): Promise<CatalogModelEntity | null> {
    return manager.findOne(CatalogModelEntity, { where: { uuid } });
  }

  /** save() rather than insert(): TypeORM's insert typing cannot take a simple-json Record. Batches of 100 rows. */
  async insert(manager: EntityManager, values: CatalogInsert | CatalogInsert[]): Promise<void> {
    await manager.save(CatalogModelEntity, Array.isArray(values) ? values : [values], { chunk: 100, reload: false });
  }

  /** Writes only the given columns; updated_at moves with them. */
  async update(manager: EntityManager, id: number, values: Partial<Pick<CatalogModelEntity, 'componentType' | 'brand' | 'model' | 'series' | 'family' | 'status' | 'source' | 'specifications'>>): Promise<void> {
    await manager.save(CatalogModelEntity, { id, ...values, updatedAt: new Date() }, { reload: false });
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
