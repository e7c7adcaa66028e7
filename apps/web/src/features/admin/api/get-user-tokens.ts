import type { ApiTokenView, ListResult } from '@bdc/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

export const getUserTokens = (userId: number, signal?: AbortSignal) => api.get<ListResult<ApiTokenView>>(`/users/${userId}/tokens`, undefined, signal);

export function useUserTokens(userId: number) {
  return useQuery(queryOptions({ queryKey: adminKeys.tokens(userId), queryFn: ({ signal }) => getUserTokens(userId, signal) }));
}
