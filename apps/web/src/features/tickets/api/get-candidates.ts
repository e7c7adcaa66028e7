import type { CandidatesRequest, CandidatesResponse } from '@bdc/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** POST /api/servers/:uuid/candidates: a read (nothing changes), cached per server, type and draft items. */
export const getCandidates = (serverUuid: string, body: CandidatesRequest) =>
  api.post<CandidatesResponse>(`/servers/${encodeURIComponent(serverUuid)}/candidates`, body);

export const candidatesQueryOptions = (serverUuid: string, body: CandidatesRequest) =>
  // Under ['servers']: a deploy or any inventory change refetches the verdicts.
  queryOptions({ queryKey: ['servers', 'candidates', serverUuid, body] as const, queryFn: () => getCandidates(serverUuid, body) });

export function useCandidates(serverUuid: string | undefined, body: CandidatesRequest | null) {
  return useQuery({
    ...candidatesQueryOptions(serverUuid ?? '', body ?? { componentType: 'cpu' }),
    enabled: Boolean(serverUuid) && body !== null,
    placeholderData: keepPreviousData,
  });
}
