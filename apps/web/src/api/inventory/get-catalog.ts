import { LIMITS, type CatalogModel, type CatalogQuery, type ComponentType, type Page } from '@bdc/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export interface CatalogFilters {
  type?: ComponentType;
  q?: string;
  brand?: string;
  /** Default `active`: retired models are not offered for new tickets or stock. */
  status?: CatalogQuery['status'];
  page?: number;
  /** Default the largest page: pickers show every model of a type. */
  pageSize?: number;
  sort?: CatalogQuery['sort'];
}

export const getCatalog = (filters: CatalogFilters, signal?: AbortSignal) =>
  api.get<Page<CatalogModel>>(
    '/catalog',
    {
      type: filters.type,
      q: filters.q,
      brand: filters.brand,
      status: filters.status,
      page: filters.page,
      pageSize: filters.pageSize ?? LIMITS.pageSizeMax,
      sort: filters.sort,
    },
    signal,
  );

export const catalogQueryOptions = (filters: CatalogFilters) =>
  queryOptions({ queryKey: ['catalog', 'list', filters] as const, queryFn: ({ signal }) => getCatalog(filters, signal) });

export function useCatalog(filters: CatalogFilters, enabled = true) {
  return useQuery({ ...catalogQueryOptions(filters), enabled });
}
