import type { AuthUser } from '@bdc/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const getMe = (signal?: AbortSignal) => api.get<AuthUser>('/auth/me', undefined, signal);

export const meQueryOptions = () =>
  queryOptions({ queryKey: ['auth', 'me'] as const, queryFn: ({ signal }) => getMe(signal), staleTime: 5 * 60_000 });

export function useMe(enabled = true) {
  return useQuery({ ...meQueryOptions(), enabled });
}
