import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { SqlBatchService, type BatchStatement } from '../database/sql-batch.service';
import { CatalogModelEntity } from '../inventory/catalog-model.entity';
import { ComponentStockEntity } from '../inventory/component-stock.entity';
import { ServerEntity } from '../inventory/server.entity';
import { TicketItemAllocationEntity } from './ticket-item-allocation.entity';
import { TicketItemEntity } from './ticket-item.entity';

export interface ModelRef {
  componentType: string;
  uuid: string;
}

/** A server as item validation reads it. */
export interface ServerRow {
  uuid: string;
  name: string;
  powerBudgetWatts: number | null;
  /** configuration_status: the compatibility rules treat a deployed server as running. */
  status: string | null;
  /** The server's setting keys and values (configuration changes name them). */
  settings: Record<string, unknown>;
  /** Set once the server is decommissioned: no ticket may newly target it. */
  decommissionedAt: Date | null;
}

/** A stock unit as item validation reads it (`uuid`: its catalog model). */
export interface UnitRow {
  id: number;
  componentType: string;
  uuid: string;
  serialNumber: string | null;
  status: string;
  serverUuid: string | null;
  slotPosition: string | null;
}

export interface CatalogRow {
  uuid: string;
  componentType: string;
  brand: string;
  model: string;
  specifications: Record<string, unknown>;
  /** The catalog's mark: `retired` models are no longer ordered (see CatalogFact.retired). */
  status: string;
  /** Units of this model (and type) in stock with status `available`. */
  available: number;
}

/** A `simple-json` column read without TypeORM. */
function parseJsonObject(text: string | null): Record<string, unknown> {
  if (text === null || text === '') return {};
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * A server with its installed units and their catalog models (one row per unit, or one row of NULL unit
 * columns): the build every validation reads. `idx_component_stock_server_status` serves the join.
 */
export function serverBuildStatement(serverUuid: string): BatchStatement {
  return {
    sql: `SELECT s.config_uuid AS uuid, s.server_name AS name, s.power_budget_watts AS powerBudgetWatts, s.configuration_status AS serverStatus,
            s.settings AS serverSettings, s.decommissioned_at AS decommissionedAt,
            c.id AS unitId, c.component_type AS componentType, c.uuid AS unitUuid, c.serial_number AS serialNumber, c.status AS status,
            c.slot_position AS slotPosition,
            m.component_type AS modelType, m.brand AS modelBrand, m.model AS modelName, m.specifications AS modelSpecifications, m.status AS modelStatus
       FROM server_configurations s
       LEFT JOIN component_stock c ON c.server_uuid = s.config_uuid AND c.status = 'in_use'
       LEFT JOIN component_catalog m ON m.uuid = c.uuid
      WHERE s.config_uuid = ?`,
    params: [serverUuid],
  };
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
  constructor(
    private readonly db: DatabaseService,
    private readonly batch: SqlBatchService,
  ) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.db.dataSource.manager;
  }

  findServer(uuid: string, manager?: EntityManager): Promise<ServerEntity | null> {
    return this.manager(manager).createQueryBuilder(ServerEntity, 's').where('s.uuid = :uuid', { uuid }).getOne();
  }

  lockServer(manager: EntityManager, uuid: string): Promise<ServerEntity | null> {
    return this.db.lockForUpdate(manager.createQueryBuilder(ServerEntity, 's').where('s.uuid = :uuid', { uuid })).getOne();
  }

  /** Also sets updated_at (TypeORM adds the update-date column): deploy and rollback call it to mark the build changed. */
  async updateServerSettings(manager: EntityManager, uuid: string, settings: Record<string, string>): Promise<void> {
    await manager.createQueryBuilder().update(ServerEntity).set({ settings, updatedAt: new Date() }).where('uuid = :uuid', { uuid }).execute();
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

  /**
   * What validating a change on a server reads: the server (null when there is none) with its
   * installed units and their catalog models, and the models the change names (and every caddy
   * model when `withCaddies`) with their number of available units. Two statements that do not
   * depend on each other: on MariaDB outside a transaction they go in one round trip
   * (SqlBatchService.read), elsewhere at the same time. Plain SQL and plain rows: item validation
   * runs on every ticket creation and needs a few columns, not entities.
   */
  async serverBuild(serverUuid: string, namedUuids: readonly string[], withCaddies: boolean, manager?: EntityManager): Promise<ServerBuildRows> {
    const build = serverBuildStatement(serverUuid);
    const counted = countedCatalogStatement(namedUuids, withCaddies);
    let buildRows: BuildRow[];
    let countedRows: CountedCatalogRow[];
    if (!manager && this.batch.available) {
      const results = await this.batch.read(counted ? [build, counted] : [build]);
      [buildRows, countedRows] = [(results[0] ?? []) as BuildRow[], (results[1] ?? []) as CountedCatalogRow[]];
    } else {
      const runner = this.manager(manager);
      [buildRows, countedRows] = await Promise.all([
        runner.query<BuildRow[]>(build.sql, build.params),
        counted ? runner.query<CountedCatalogRow[]>(counted.sql, counted.params) : Promise.resolve([]),
      ]);
    }
    return serverBuildOf(buildRows, countedRows);
  }

  unitsBySerials(refs: SerialRef[], manager?: EntityManager): Promise<ComponentStockEntity[]> {
    const serials = [...new Set(refs.map((r) => r.serial))];
    if (serials.length === 0) return Promise.resolve([]);
    return this.manager(manager).createQueryBuilder(ComponentStockEntity, 'c').where('c.serialNumber IN (:...serials)', { serials }).getMany();
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
}

/** What ItemStockRepository.serverBuild reads. */
export interface ServerBuildRows {
  server: ServerRow | null;
  installed: UnitRow[];
  /**
   * The named models (and caddies) with their available units, then the installed units' models not
   * among them, without a count (`available` null: nothing to add draws on them).
   */
  models: (Omit<CatalogRow, 'available'> & { available: number | null })[];
}

type BuildRow = Omit<ServerRow, 'status' | 'settings' | 'decommissionedAt'> &
  Partial<Omit<UnitRow, 'id' | 'uuid'>> & {
    unitId: number | null;
    unitUuid: string | null;
    serverStatus: string | null;
    serverSettings: string | null;
    decommissionedAt: Date | string | null;
    modelType: string | null;
    modelBrand: string | null;
    modelName: string | null;
    modelSpecifications: string | null;
    modelStatus: string | null;
  };

type CountedCatalogRow = Omit<CatalogRow, 'specifications' | 'available'> & { specifications: string | null; available: number | string };

/**
 * Catalog models by UUID (and every caddy model when `withCaddies`), each with its number of
 * available units of that type. The count is by the model's own type, which is how the validation
 * looks it up. Null when nothing is asked for.
 */
function countedCatalogStatement(uuids: readonly string[], withCaddies: boolean): BatchStatement | null {
  const unique = [...new Set(uuids)];
  const wanted: string[] = [];
  if (unique.length > 0) wanted.push(`m.uuid IN (${unique.map(() => '?').join(', ')})`);
  if (withCaddies) wanted.push(`m.component_type = 'caddy'`);
  if (wanted.length === 0) return null;
  return {
    sql: `SELECT m.uuid AS uuid, m.component_type AS componentType, m.brand AS brand, m.model AS model, m.specifications AS specifications, m.status AS status,
              (SELECT COUNT(*) FROM component_stock c WHERE c.component_type = m.component_type AND c.uuid = m.uuid AND c.status = 'available') AS available
         FROM component_catalog m
        WHERE ${wanted.join(' OR ')}`,
    params: unique,
  };
}

function serverBuildOf(buildRows: readonly BuildRow[], countedRows: readonly CountedCatalogRow[]): ServerBuildRows {
  const first = buildRows[0];
  if (!first) return { server: null, installed: [], models: [] };
  const server: ServerRow = {
    uuid: first.uuid,
    name: first.name,
    powerBudgetWatts: first.powerBudgetWatts === null ? null : Number(first.powerBudgetWatts),
    status: first.serverStatus ?? null,
    settings: parseJsonObject(first.serverSettings),
    decommissionedAt: first.decommissionedAt === null || first.decommissionedAt === undefined ? null : new Date(first.decommissionedAt),
  };
  const models = new Map<string, ServerBuildRows['models'][number]>(
    countedRows.map((row) => [row.uuid, { ...row, specifications: parseJsonObject(row.specifications), available: Number(row.available) }]),
  );
  const installed: UnitRow[] = [];
  for (const row of buildRows) {
    // LEFT JOIN: a server without installed units comes back as one row of NULL unit columns.
    if (row.unitId === null || row.unitUuid === null || !row.componentType || !row.status) continue;
    installed.push({
      id: Number(row.unitId),
      componentType: row.componentType,
      uuid: row.unitUuid,
      serialNumber: row.serialNumber ?? null,
      status: row.status,
      serverUuid: server.uuid,
      slotPosition: row.slotPosition ?? null,
    });
    // Units of one model repeat its catalog row: parsed once. A unit of no catalog model has none.
    if (models.has(row.unitUuid) || row.modelType === null || row.modelType === undefined) continue;
    models.set(row.unitUuid, {
      uuid: row.unitUuid,
      componentType: row.modelType,
      brand: row.modelBrand ?? '',
      model: row.modelName ?? '',
      specifications: parseJsonObject(row.modelSpecifications),
      status: row.modelStatus ?? '',
      available: null,
    });
  }
  // In id order, sorted here: ORDER BY on this join sorted the models' specifications through an on-disk
  // temporary table (a TEXT column), doubling the statement's cost on the server.
  installed.sort((a, b) => a.id - b.id);
  return { server, installed, models: [...models.values()] };
}
