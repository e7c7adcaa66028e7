import type { CatalogModel } from '@bdc/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { catalogKeys } from './inventory-keys';

export const getCatalogModel = (uuid: string, signal?: AbortSignal) => api.get<CatalogModel>(`/catalog/${encodeURIComponent(uuid)}`, undefined, signal);

export const catalogModelQueryOptions = (uuid: string) =>
  queryOptions({ queryKey: catalogKeys.detail(uuid), queryFn: ({ signal }) => getCatalogModel(uuid, signal) });

export function useCatalogModel(uuid: string) {
  return useQuery(catalogModelQueryOptions(uuid));
}
