import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { COMPONENT_TYPES, LIMITS, checkSpecifications, isOneOf, type CatalogModel, type ComponentType, type Page } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { DomainError } from '../common/domain-error';
import { DatabaseService } from '../database/database.service';
import type { CatalogModelEntity } from './catalog-model.entity';
import { toCatalogModel, type CatalogModelCreateDto, type CatalogModelUpdateDto, type CatalogQueryDto } from './catalog.dto';
import { CatalogRepository } from './catalog.repository';

/** The spec catalog: browse, and (inventory.edit) create, update and retire models. */
@Injectable()
export class CatalogService {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly db: DatabaseService,
  ) {}

  async list(_auth: AuthContext, query: CatalogQueryDto): Promise<Page<CatalogModel>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? LIMITS.pageSizeDefault;
    const { rows, total } = await this.catalog.page(
      { type: query.type, brand: query.brand?.trim() || undefined, q: query.q?.trim() || undefined, status: query.status ?? 'active' },
      query.sort ?? 'type',
      page,
      pageSize,
    );
    const available = await this.catalog.availableCounts(rows.map((m) => m.uuid));
    return { items: rows.map((m) => toCatalogModel(m, available.get(m.uuid) ?? 0)), total, page, pageSize };
  }

  async get(_auth: AuthContext, uuid: string): Promise<CatalogModel> {
    return this.view(await this.load(uuid));
  }

  async create(_auth: AuthContext, input: CatalogModelCreateDto): Promise<CatalogModel> {
    const specifications = validSpecifications(input.componentType, input.specifications);
    const uuid = input.uuid ?? randomUUID();
    await this.db.transaction(async (manager) => {
      if (await this.catalog.findByUuid(uuid, manager)) throw new DomainError('CONFLICT', `A catalog model with UUID ${uuid} already exists`);
      await this.catalog.insert(manager, {
        uuid,
        componentType: input.componentType,
        brand: input.brand,
        model: input.model,
        series: input.series ?? null,
        family: input.family ?? null,
        status: 'active',
        source: 'manual',
        specifications,
      });
    });
    return this.view(await this.load(uuid));
  }

  async update(_auth: AuthContext, uuid: string, input: CatalogModelUpdateDto): Promise<CatalogModel> {
    await this.db.transaction(async (manager) => {
      const model = await this.catalog.findByUuid(uuid, manager);
      if (!model) throw notFound(uuid);
      const changes: Parameters<CatalogRepository['update']>[2] = {};
      if (input.brand !== undefined) changes.brand = input.brand;
      if (input.model !== undefined) changes.model = input.model;
      if (input.series !== undefined) changes.series = input.series;
      if (input.family !== undefined) changes.family = input.family;
      if (input.specifications !== undefined) changes.specifications = validSpecifications(typeOf(model), input.specifications);
      if (Object.keys(changes).length > 0) await this.catalog.update(manager, model.id, changes);
    });
    return this.view(await this.load(uuid));
  }

  /** Idempotent: retiring a retired model changes nothing. Stock and tickets that name it keep reading it. */
  async retire(_auth: AuthContext, uuid: string): Promise<CatalogModel> {
    await this.db.transaction(async (manager) => {
      const model = await this.catalog.findByUuid(uuid, manager);
      if (!model) throw notFound(uuid);
      if (model.status !== 'retired') await this.catalog.update(manager, model.id, { status: 'retired' });
    });
    return this.view(await this.load(uuid));
  }

  private async load(uuid: string): Promise<CatalogModelEntity> {
    const model = await this.catalog.findByUuid(uuid);
    if (!model) throw notFound(uuid);
    return model;
  }

  private async view(model: CatalogModelEntity): Promise<CatalogModel> {
    const available = await this.catalog.availableCounts([model.uuid]);
    return toCatalogModel(model, available.get(model.uuid) ?? 0);
  }
}

const notFound = (uuid: string) => new DomainError('COMPONENT_NOT_FOUND', `No catalog model with UUID ${uuid}`);

function typeOf(model: CatalogModelEntity): ComponentType {
  if (isOneOf(COMPONENT_TYPES, model.componentType)) return model.componentType;
  throw new DomainError('CONFLICT', `Catalog model ${model.uuid} has an unknown component type "${model.componentType}"`);
}

/** The typed keys of the type, normalised, or a 400 naming each offending key. */
export function validSpecifications(type: ComponentType, specifications: Record<string, unknown>): Record<string, unknown> {
  const { issues, specifications: normalised } = checkSpecifications(type, specifications);
  if (issues.length > 0) {
    const message = issues.map((i) => `${i.field}: ${i.reason}`).join('; ');
    throw new DomainError('VALIDATION_FAILED', `Invalid ${type} specifications: ${message}`, { fields: issues.map((i) => ({ field: i.field, reason: i.reason })) });
  }
  return normalised;
}
