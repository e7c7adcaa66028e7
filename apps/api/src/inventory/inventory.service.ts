import { Injectable } from '@nestjs/common';
import { type CatalogModel, type ListResult } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../access/auth-context';
import type { CatalogModelEntity } from './catalog-model.entity';
import { CatalogRepository } from './catalog.repository';
import { modelDisplayName, toCatalogModel, type CatalogQueryDto } from './inventory.dto';

/** The spec catalog (servers: servers.service.ts; stock: stock.service.ts). */
@Injectable()
export class InventoryService {
  constructor(private readonly catalog: CatalogRepository) {}

  async listCatalog(_auth: AuthContext, query: CatalogQueryDto): Promise<ListResult<CatalogModel>> {
    const models = await this.catalog.search({ type: query.type, q: query.q?.trim() || undefined });
    const available = await this.catalog.availableCounts(models.map((m) => m.uuid));
    return { items: models.map((m) => toCatalogModel(m, available.get(m.uuid) ?? 0)), total: models.length };
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
