import type { AccessMatrix } from '@bdc/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

export const getAccessMatrix = (signal?: AbortSignal) => api.get<AccessMatrix>('/access/matrix', undefined, signal);

export const accessMatrixQueryOptions = () => queryOptions({ queryKey: adminKeys.matrix(), queryFn: ({ signal }) => getAccessMatrix(signal) });

export function useAccessMatrix() {
  return useQuery(accessMatrixQueryOptions());
}
