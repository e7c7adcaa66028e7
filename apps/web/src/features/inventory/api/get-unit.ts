import type { ComponentUnitDetail } from '@bdc/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { unitKeys } from './inventory-keys';

export const getUnit = (id: number, signal?: AbortSignal) => api.get<ComponentUnitDetail>(`/components/${id}`, undefined, signal);

export const unitQueryOptions = (id: number) => queryOptions({ queryKey: unitKeys.detail(id), queryFn: ({ signal }) => getUnit(id, signal) });

export function useUnit(id: number) {
  return useQuery(unitQueryOptions(id));
}
