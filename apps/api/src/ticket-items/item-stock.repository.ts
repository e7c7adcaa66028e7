import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DatabaseService } from '../database/database.service';
import { CatalogModelEntity } from '../inventory/catalog-model.entity';
import { ComponentStockEntity } from '../inventory/component-stock.entity';
import { ServerEntity } from '../inventory/server.entity';
import { TicketItemAllocationEntity } from './ticket-item-allocation.entity';
import { TicketItemEntity } from './ticket-item.entity';

export interface ModelRef {
  componentType: string;
  uuid: string;
}

export interface SerialRef {
  componentType: string;
  serial: string;
}

/**
 * The inventory reads and writes that ticket items need (servers, catalog, stock units), kept apart
 * from the inventory module's own read endpoints so that every query runs on the caller's
 * transaction and takes the locks the fulfilment needs.
 */
@Injectable()
export class ItemStockRepository {
  constructor(private readonly db: DatabaseService) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.db.dataSource.manager;
  }

  findServer(uuid: string, manager?: EntityManager): Promise<ServerEntity | null> {
    return this.manager(manager).createQueryBuilder(ServerEntity, 's').where('s.uuid = :uuid', { uuid }).getOne();
  }

  lockServer(manager: EntityManager, uuid: string): Promise<ServerEntity | null> {
    return this.db.lockForUpdate(manager.createQueryBuilder(ServerEntity, 's').where('s.uuid = :uuid', { uuid })).getOne();
  }

  async updateServerSettings(manager: EntityManager, uuid: string, settings: Record<string, string>): Promise<void> {
    await manager.createQueryBuilder().update(ServerEntity).set({ settings }).where('uuid = :uuid', { uuid }).execute();
  }

  catalogByUuids(uuids: string[], manager?: EntityManager): Promise<CatalogModelEntity[]> {
    const unique = [...new Set(uuids)];
    if (unique.length === 0) return Promise.resolve([]);
    return this.manager(manager).createQueryBuilder(CatalogModelEntity, 'm').where('m.uuid IN (:...unique)', { unique }).getMany();
  }

  /** Units in use in a server; locked when `lock` (removals pick from these). */
  installedUnits(serverUuid: string, manager?: EntityManager, lock = false): Promise<ComponentStockEntity[]> {
    const qb = this.manager(manager)
      .createQueryBuilder(ComponentStockEntity, 'c')
      .where('c.serverUuid = :serverUuid AND c.status = :inUse', { serverUuid, inUse: 'in_use' })
      .orderBy('c.id', 'ASC');
    return (lock ? this.db.lockForUpdate(qb) : qb).getMany();
  }

  async availableCounts(models: ModelRef[], manager?: EntityManager): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const uuids = [...new Set(models.map((m) => m.uuid))];
    if (uuids.length === 0) return counts;
    const rows = await this.manager(manager)
      .createQueryBuilder(ComponentStockEntity, 'c')
      .select('c.componentType', 'componentType')
      .addSelect('c.uuid', 'uuid')
      .addSelect('COUNT(*)', 'count')
      .where('c.uuid IN (:...uuids) AND c.status = :available', { uuids, available: 'available' })
      .groupBy('c.componentType')
      .addGroupBy('c.uuid')
      .getRawMany<{ componentType: string; uuid: string; count: number | string }>();
    for (const row of rows) counts.set(`${row.componentType}:${row.uuid}`, Number(row.count));
    return counts;
  }

  unitsBySerials(refs: SerialRef[], manager?: EntityManager): Promise<ComponentStockEntity[]> {
    const serials = [...new Set(refs.map((r) => r.serial))];
    if (serials.length === 0) return Promise.resolve([]);
    return this.manager(manager).createQueryBuilder(ComponentStockEntity, 'c').where('c.serialNumber IN (:...serials)', { serials }).getMany();
  }

  async availableCaddyModels(manager?: EntityManager): Promise<{ uuid: string; count: number }[]> {
    const rows = await this.manager(manager)
      .createQueryBuilder(ComponentStockEntity, 'c')
      .select('c.uuid', 'uuid')
      .addSelect('COUNT(*)', 'count')
      .where('c.componentType = :caddy AND c.status = :available', { caddy: 'caddy', available: 'available' })
      .groupBy('c.uuid')
      .getRawMany<{ uuid: string; count: number | string }>();
    return rows.map((r) => ({ uuid: r.uuid, count: Number(r.count) }));
  }

  /** Units of a server that live tickets other than `exceptTicketId` reserved for removal. */
  async claimedForRemoval(serverUuid: string, exceptTicketId: number | null, manager?: EntityManager): Promise<Set<number>> {
    const qb = this.manager(manager)
      .createQueryBuilder(TicketItemAllocationEntity, 'a')
      .innerJoin(TicketItemEntity, 'i', 'i.id = a.ticketItemId')
      .innerJoin(ComponentStockEntity, 'c', 'c.id = a.componentId')
      .select('a.componentId', 'componentId')
      .where('a.direction = :remove AND a.state = :reserved', { remove: 'remove', reserved: 'reserved' })
      .andWhere('c.serverUuid = :serverUuid', { serverUuid });
    if (exceptTicketId !== null) qb.andWhere('i.ticketId <> :exceptTicketId', { exceptTicketId });
    const rows = await qb.getRawMany<{ componentId: number | string }>();
    return new Set(rows.map((r) => Number(r.componentId)));
  }

  /** Available units of a model, the pinned serial first, locked for the reservation. */
  pickAvailable(manager: EntityManager, model: ModelRef, pinnedSerial: string | null, limit: number): Promise<ComponentStockEntity[]> {
    const qb = manager
      .createQueryBuilder(ComponentStockEntity, 'c')
      .where('c.componentType = :type AND c.uuid = :uuid AND c.status = :available', { type: model.componentType, uuid: model.uuid, available: 'available' });
    if (pinnedSerial) {
      qb.addSelect('CASE WHEN c.serialNumber = :pinned THEN 0 ELSE 1 END', 'pin_rank').setParameter('pinned', pinnedSerial).orderBy('pin_rank', 'ASC');
    }
    qb.addOrderBy('c.id', 'ASC').limit(limit);
    return this.db.lockForUpdate(qb).getMany();
  }

  lockUnits(manager: EntityManager, ids: number[]): Promise<ComponentStockEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.lockForUpdate(manager.createQueryBuilder(ComponentStockEntity, 'c').where('c.id IN (:...ids)', { ids }).orderBy('c.id', 'ASC')).getMany();
  }

  async updateUnit(manager: EntityManager, id: number, patch: QueryDeepPartialEntity<ComponentStockEntity>): Promise<void> {
    await manager.createQueryBuilder().update(ComponentStockEntity).set(patch).where('id = :id', { id }).execute();
  }
}
