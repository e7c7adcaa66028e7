import { Injectable } from '@nestjs/common';
import { LIMITS, type ComponentUnit, type ListResult, type Page, type ServerDetail, type ServerSummary } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../access/auth-context';
import { DomainError } from '../common/domain-error';
import type { CatalogModelEntity } from './catalog-model.entity';
import { CatalogRepository } from './catalog.repository';
import {
  modelDisplayName,
  toComponentUnit,
  toInstalledComponent,
  toServerDetail,
  toServerSummary,
  type ComponentListQueryDto,
  type ServerListQueryDto,
} from './inventory.dto';
import type { ComponentStockEntity } from './component-stock.entity';
import type { ServerEntity } from './server.entity';
import { ServersRepository } from './servers.repository';
import { StockRepository } from './stock.repository';

/** Read side of the inventory: servers with their installed units, stock, and the spec catalog. */
@Injectable()
export class InventoryService {
  constructor(
    private readonly servers: ServersRepository,
    private readonly stock: StockRepository,
    private readonly catalog: CatalogRepository,
  ) {}

  async listServers(_auth: AuthContext, query: ServerListQueryDto): Promise<ListResult<ServerSummary>> {
    const servers = await this.servers.search({ q: query.q?.trim() || undefined, status: query.status });
    const counts = await this.servers.componentCounts(servers.map((s) => s.uuid));
    return { items: servers.map((s) => toServerSummary(s, counts.get(s.uuid) ?? 0)), total: servers.length };
  }

  async getServer(_auth: AuthContext, uuid: string): Promise<ServerDetail> {
    const server = await this.servers.findByUuid(uuid);
    if (!server) throw new DomainError('SERVER_NOT_FOUND', `No server with UUID ${uuid}`);
    return this.serverDetail(server);
  }

  /** The detail of a server already loaded (e.g. inside a ticket transaction, with its manager). */
  async serverDetail(server: ServerEntity, manager?: EntityManager): Promise<ServerDetail> {
    const units = (await this.stock.installedIn(server.uuid, manager)).sort(byPhysicalOrder);
    const names = await this.modelNames(units.map((u) => u.uuid), manager);
    return toServerDetail(server, units.map((u) => toInstalledComponent(u, names.get(u.uuid) ?? null)));
  }

  async listComponents(_auth: AuthContext, query: ComponentListQueryDto): Promise<Page<ComponentUnit>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? LIMITS.pageSizeDefault;
    const { rows, total } = await this.stock.page(
      { type: query.type, status: query.status, serverUuid: query.serverUuid, q: query.q?.trim() || undefined },
      page,
      pageSize,
    );
    const names = await this.modelNames(rows.map((r) => r.uuid));
    return { items: rows.map((r) => toComponentUnit(r, names.get(r.uuid) ?? null)), total, page, pageSize };
  }

  /** Catalog entries by model UUID (missing UUIDs are absent). */
  async catalogModels(uuids: string[], manager?: EntityManager): Promise<Map<string, CatalogModelEntity>> {
    const models = await this.catalog.findByUuids(uuids, manager);
    return new Map(models.map((m) => [m.uuid, m]));
  }

  /** Display names ("Intel Xeon Gold 6430") by model UUID. */
  async modelNames(uuids: string[], manager?: EntityManager): Promise<Map<string, string>> {
    const models = await this.catalogModels(uuids, manager);
    return new Map([...models].map(([uuid, m]) => [uuid, modelDisplayName(m)]));
  }
}

/** Chassis first, then board, CPUs, memory, drives…, and slots in natural order (DIMM A2 before A10). */
const TYPE_ORDER = ['chassis', 'motherboard', 'cpu', 'ram', 'storage', 'caddy', 'nic', 'hbacard', 'pciecard'];
function byPhysicalOrder(a: ComponentStockEntity, b: ComponentStockEntity): number {
  const rank = (type: string) => {
    const index = TYPE_ORDER.indexOf(type);
    return index === -1 ? TYPE_ORDER.length : index;
  };
  return (
    rank(a.componentType) - rank(b.componentType) ||
    (a.slotPosition ?? '').localeCompare(b.slotPosition ?? '', 'en', { numeric: true }) ||
    a.id - b.id
  );
}
