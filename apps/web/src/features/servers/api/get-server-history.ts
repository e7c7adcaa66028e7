import type { Page, ServerHistoryEntry } from '@bdc/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { serverKeys } from './server-keys';

export const getServerHistory = (uuid: string, page: number, signal?: AbortSignal) =>
  api.get<Page<ServerHistoryEntry>>(`/servers/${encodeURIComponent(uuid)}/history`, { page, pageSize: 25 }, signal);

export const serverHistoryQueryOptions = (uuid: string, page: number) =>
  queryOptions({ queryKey: [...serverKeys.history(uuid), page] as const, queryFn: ({ signal }) => getServerHistory(uuid, page, signal) });

export function useServerHistory(uuid: string, page = 1) {
  return useQuery({ ...serverHistoryQueryOptions(uuid, page), placeholderData: keepPreviousData });
}
