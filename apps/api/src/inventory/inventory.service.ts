import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CatalogModelEntity } from './catalog-model.entity';
import { modelDisplayName } from './catalog.dto';
import { CatalogRepository } from './catalog.repository';

/** What other modules read of the spec catalog: models and their display names by UUID. */
@Injectable()
export class InventoryService {
  constructor(private readonly catalog: CatalogRepository) {}

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
