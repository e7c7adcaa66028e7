import type { ComponentQuery, ComponentUnit } from '@bdc/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export interface ComponentList {
  items: ComponentUnit[];
  total: number;
}

export const getComponents = (query: ComponentQuery, signal?: AbortSignal) =>
  api.get<ComponentList>('/components', { ...query }, signal);

export const componentsQueryOptions = (query: ComponentQuery) =>
  queryOptions({ queryKey: ['components', 'list', query] as const, queryFn: ({ signal }) => getComponents(query, signal) });

export function useComponents(query: ComponentQuery, enabled = true) {
  return useQuery({ ...componentsQueryOptions(query), enabled });
}
