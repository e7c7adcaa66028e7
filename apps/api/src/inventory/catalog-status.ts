import type { CatalogModelEntity } from './catalog-model.entity';

/**
 * Whether the catalog retired a model (no new units of it are received). The column belongs to the
 * catalog's own migration, so it is read defensively: `status: 'retired'`, `retired: true` or a
 * `retiredAt` date mean retired; a field that is absent means active.
 */
export function isRetiredModel(model: CatalogModelEntity | Record<string, unknown>): boolean {
  const fields = model as unknown as Record<string, unknown>;
  const retiredAt = fields['retiredAt'];
  return fields['status'] === 'retired' || fields['retired'] === true || (retiredAt !== undefined && retiredAt !== null);
}
