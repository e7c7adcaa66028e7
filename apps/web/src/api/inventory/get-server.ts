import type { ServerDetail } from '@bdc/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export const getServer = (uuid: string, signal?: AbortSignal) =>
  api.get<ServerDetail>(`/servers/${encodeURIComponent(uuid)}`, undefined, signal);

export const serverQueryOptions = (uuid: string) =>
  queryOptions({ queryKey: ['servers', 'detail', uuid] as const, queryFn: ({ signal }) => getServer(uuid, signal) });

export function useServer(uuid: string | null | undefined) {
  return useQuery({ ...serverQueryOptions(uuid ?? ''), enabled: Boolean(uuid) });
}
