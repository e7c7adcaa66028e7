import { Injectable } from '@nestjs/common';
import type { ComponentSort, ComponentType, StockStatus, UnitClaim } from '@bdc/contracts';
import { Brackets, DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DatabaseService } from '../database/database.service';
import { TicketItemAllocationEntity } from '../ticket-items/ticket-item-allocation.entity';
import { TicketItemEntity } from '../ticket-items/ticket-item.entity';
import { TicketEntity } from '../tickets/ticket.entity';
import { CatalogModelEntity } from './catalog-model.entity';
import { ComponentStockEntity } from './component-stock.entity';
import { LIKE_ESCAPE, likePattern } from './like-pattern';

export interface StockFilter {
  type?: ComponentType;
  model?: string;
  status?: StockStatus;
  serverUuid?: string;
  location?: string;
  /** Warranty ends before this day (YYYY-MM-DD, exclusive). */
  warrantyBefore?: string;
  q?: string;
}

export type NewUnitRow = Pick<ComponentStockEntity, 'componentType' | 'uuid' | 'serialNumber' | 'status' | 'location' | 'purchaseDate' | 'warrantyEndDate' | 'notes' | 'flag'>;

const SORT_COLUMNS: Record<string, string> = {
  id: 's.id',
  serialNumber: 's.serialNumber',
  warrantyEndDate: 's.warrantyEndDate',
  createdAt: 's.createdAt',
  type: 's.componentType',
  status: 's.status',
  location: 's.location',
};

/** Query builders over component_stock. */
@Injectable()
export class StockRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
  ) {}

  private filtered(filter: StockFilter, manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<ComponentStockEntity> {
    const qb = manager.createQueryBuilder(ComponentStockEntity, 's');
    if (filter.type) qb.andWhere('s.componentType = :type', { type: filter.type });
    if (filter.model) qb.andWhere('s.uuid = :model', { model: filter.model });
    if (filter.status) qb.andWhere('s.status = :status', { status: filter.status });
    if (filter.serverUuid) qb.andWhere('s.serverUuid = :serverUuid', { serverUuid: filter.serverUuid });
    if (filter.location) qb.andWhere('s.location = :location', { location: filter.location });
    if (filter.warrantyBefore) qb.andWhere('s.warrantyEndDate IS NOT NULL AND s.warrantyEndDate < :warrantyBefore', { warrantyBefore: filter.warrantyBefore });
    const q = filter.q;
    if (q) {
      // Serial, notes, location, or the model's brand/name in the catalog.
      const models = manager
        .createQueryBuilder(CatalogModelEntity, 'c')
        .select('c.uuid')
        .where(`(c.brand LIKE :q ${LIKE_ESCAPE} OR c.model LIKE :q ${LIKE_ESCAPE})`);
      qb.andWhere(
        new Brackets((w) =>
          w.where(
            `(s.serialNumber LIKE :q ${LIKE_ESCAPE} OR s.location LIKE :q ${LIKE_ESCAPE} OR s.notes LIKE :q ${LIKE_ESCAPE} OR s.uuid = :exact OR s.uuid IN (${models.getQuery()}))`,
            { q: likePattern(q), exact: q },
          ),
        ),
      );
    }
    return qb;
  }

  async page(filter: StockFilter, sort: ComponentSort | undefined, page: number, pageSize: number): Promise<{ rows: ComponentStockEntity[]; total: number }> {
    const qb = this.filtered(filter)
      .skip((page - 1) * pageSize)
      .take(pageSize);
    if (sort) {
      const descending = sort.startsWith('-');
      const column = SORT_COLUMNS[descending ? sort.slice(1) : sort] ?? 's.id';
      qb.orderBy(column, descending ? 'DESC' : 'ASC').addOrderBy('s.id', 'ASC');
    } else {
      qb.orderBy('s.componentType', 'ASC').addOrderBy('s.uuid', 'ASC').addOrderBy('s.id', 'ASC');
    }
    const [rows, total] = await qb.getManyAndCount();
    return { rows, total };
  }

  /** Every matching unit in id order, a batch at a time (keyset, so a big export never scans an OFFSET). */
  async *iterate(filter: StockFilter, batchSize = 500): AsyncGenerator<ComponentStockEntity[]> {
    let after = 0;
    for (;;) {
      const rows = await this.filtered(filter).andWhere('s.id > :after', { after }).orderBy('s.id', 'ASC').take(batchSize).getMany();
      if (rows.length === 0) return;
      yield rows;
      const last = rows[rows.length - 1];
      if (!last || rows.length < batchSize) return;
      after = last.id;
    }
  }

  findById(id: number, manager: EntityManager = this.dataSource.manager): Promise<ComponentStockEntity | null> {
    return manager.findOne(ComponentStockEntity, { where: { id } });
  }

  lockById(manager: EntityManager, id: number): Promise<ComponentStockEntity | null> {
    return this.db.lockForUpdate(manager.createQueryBuilder(ComponentStockEntity, 's').where('s.id = :id', { id })).getOne();
  }

  /** Which of these serials of a type already exist (serials compare as stored, exactly). */
  async existingSerials(componentType: string, serials: string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    const found = new Set<string>();
    const unique = [...new Set(serials)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await manager
        .createQueryBuilder(ComponentStockEntity, 's')
        .select('s.serialNumber', 'serial')
        .where('s.componentType = :componentType AND s.serialNumber IN (:...serials)', { componentType, serials: unique.slice(i, i + 500) })
        .getRawMany<{ serial: string }>();
      for (const row of rows) found.add(row.serial);
    }
    return found;
  }

  /** Inserts units and returns them as stored (ids included), in the order given. */
  async insertMany(manager: EntityManager, rows: NewUnitRow[]): Promise<ComponentStockEntity[]> {
    for (let i = 0; i < rows.length; i += 200) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ComponentStockEntity)
        .values(rows.slice(i, i + 200).map((row) => ({ ...row })) as QueryDeepPartialEntity<ComponentStockEntity>[])
        .execute();
    }
    // Read back by the unique (type, serial): both engines, without relying on generated-id order.
    const stored: ComponentStockEntity[] = [];
    const byType = new Map<string, string[]>();
    for (const row of rows) if (row.serialNumber !== null) byType.set(row.componentType, [...(byType.get(row.componentType) ?? []), row.serialNumber]);
    for (const [componentType, serials] of byType) {
      for (let i = 0; i < serials.length; i += 500) {
        stored.push(
          ...(await manager
            .createQueryBuilder(ComponentStockEntity, 's')
            .where('s.componentType = :componentType AND s.serialNumber IN (:...serials)', { componentType, serials: serials.slice(i, i + 500) })
            .getMany()),
        );
      }
    }
    const key = (type: string, serial: string | null) => `${type}\u0000${serial ?? ''}`;
    const byKey = new Map(stored.map((u) => [key(u.componentType, u.serialNumber), u]));
    return rows.flatMap((row) => byKey.get(key(row.componentType, row.serialNumber)) ?? []);
  }

  /** The open ticket claims (reserved allocations) on these units, by unit id. */
  async claims(unitIds: number[], manager: EntityManager = this.dataSource.manager): Promise<Map<number, UnitClaim>> {
    const claims = new Map<number, UnitClaim>();
    if (unitIds.length === 0) return claims;
    const rows = await manager
      .createQueryBuilder(TicketItemAllocationEntity, 'a')
      .innerJoin(TicketItemEntity, 'i', 'i.id = a.ticketItemId')
      .innerJoin(TicketEntity, 't', 't.id = i.ticketId')
      .select('a.componentId', 'unitId')
      .addSelect('a.direction', 'direction')
      .addSelect('t.id', 'ticketId')
      .addSelect('t.ticketNumber', 'ticketNumber')
      .where('a.state = :reserved AND a.componentId IN (:...unitIds)', { reserved: 'reserved', unitIds })
      .getRawMany<{ unitId: number | string; direction: string; ticketId: number | string; ticketNumber: string }>();
    for (const row of rows) {
      claims.set(Number(row.unitId), { ticketId: Number(row.ticketId), ticketNumber: row.ticketNumber, direction: row.direction === 'remove' ? 'remove' : 'install' });
    }
    return claims;
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
