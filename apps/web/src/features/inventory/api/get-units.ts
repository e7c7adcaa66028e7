import type { ComponentQuery, ComponentUnit, Page } from '@bdc/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { unitKeys } from './inventory-keys';

export const getUnits = (query: ComponentQuery, signal?: AbortSignal) => api.get<Page<ComponentUnit>>('/components', { ...query }, signal);

export const unitsQueryOptions = (query: ComponentQuery) =>
  queryOptions({ queryKey: unitKeys.list(query), queryFn: ({ signal }) => getUnits(query, signal), placeholderData: keepPreviousData });

export function useUnits(query: ComponentQuery, enabled = true) {
  return useQuery({ ...unitsQueryOptions(query), enabled });
}
