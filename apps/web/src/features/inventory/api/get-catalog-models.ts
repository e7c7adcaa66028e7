import type { CatalogModel, CatalogQuery, Page } from '@bdc/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { catalogKeys } from './inventory-keys';

export const getCatalogModels = (query: CatalogQuery, signal?: AbortSignal) => api.get<Page<CatalogModel>>('/catalog', { ...query }, signal);

export const catalogModelsQueryOptions = (query: CatalogQuery) =>
  queryOptions({ queryKey: catalogKeys.list(query), queryFn: ({ signal }) => getCatalogModels(query, signal), placeholderData: keepPreviousData });

export function useCatalogModels(query: CatalogQuery, enabled = true) {
  return useQuery({ ...catalogModelsQueryOptions(query), enabled });
}
