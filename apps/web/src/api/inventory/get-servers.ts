import type { ListResult, ServerSummary } from '@bdc/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/**
 * Inventory reads live outside the features because both the ticket form (pickers) and the servers
 * pages need them, and features do not import each other.
 */
export interface ServerListFilters {
  q?: string;
}

export const getServers = (filters: ServerListFilters, signal?: AbortSignal) =>
  api.get<ListResult<ServerSummary>>('/servers', { q: filters.q }, signal);

export const serversQueryOptions = (filters: ServerListFilters = {}) =>
  queryOptions({
    queryKey: ['servers', 'list', filters] as const,
    queryFn: ({ signal }) => getServers(filters, signal),
    placeholderData: keepPreviousData,
  });

export function useServers(filters: ServerListFilters = {}, enabled = true) {
  return useQuery({ ...serversQueryOptions(filters), enabled });
}
