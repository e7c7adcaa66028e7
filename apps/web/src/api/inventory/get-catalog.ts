import type { CatalogModel, ComponentType, ListResult } from '@bdc/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export interface CatalogFilters {
  type?: ComponentType;
  q?: string;
}

export const getCatalog = (filters: CatalogFilters, signal?: AbortSignal) =>
  api.get<ListResult<CatalogModel>>('/catalog', { type: filters.type, q: filters.q }, signal);

export const catalogQueryOptions = (filters: CatalogFilters) =>
  queryOptions({ queryKey: ['catalog', 'list', filters] as const, queryFn: ({ signal }) => getCatalog(filters, signal) });

export function useCatalog(filters: CatalogFilters, enabled = true) {
  return useQuery({ ...catalogQueryOptions(filters), enabled });
}
