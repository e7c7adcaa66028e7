import type { UnitLogEntry } from '@bdc/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { unitKeys } from './inventory-keys';

export const getUnitLog = (id: number, signal?: AbortSignal) => api.get<UnitLogEntry[]>(`/components/${id}/log`, undefined, signal);

export const unitLogQueryOptions = (id: number) => queryOptions({ queryKey: unitKeys.log(id), queryFn: ({ signal }) => getUnitLog(id, signal) });

export function useUnitLog(id: number) {
  return useQuery(unitLogQueryOptions(id));
}
