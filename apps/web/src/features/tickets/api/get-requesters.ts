import type { ListResult, UserSummary } from '@bdc/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** The people who filed tickets the caller can see: the requester filter's choices. */
export const requestersQueryOptions = () =>
  queryOptions({
    queryKey: ['tickets', 'requesters'] as const,
    queryFn: ({ signal }) => api.get<ListResult<UserSummary>>('/tickets/requesters', undefined, signal),
    staleTime: 60_000,
  });

export function useRequesters() {
  return useQuery(requestersQueryOptions());
}
