import type { ApiTokenView, ListResult } from '@bdc/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { apiTokenKeys } from './api-token-keys';

export const getApiTokens = (signal?: AbortSignal) => api.get<ListResult<ApiTokenView>>('/auth/tokens', undefined, signal);

export const apiTokensQueryOptions = () => queryOptions({ queryKey: apiTokenKeys.list(), queryFn: ({ signal }) => getApiTokens(signal) });

export function useApiTokens() {
  return useQuery(apiTokensQueryOptions());
}
