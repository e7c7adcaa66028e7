import type { ListResult, UserSummary } from '@bdc/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const getAssignees = (signal?: AbortSignal) => api.get<ListResult<UserSummary>>('/users/assignees', undefined, signal);

export const assigneesQueryOptions = () =>
  queryOptions({ queryKey: ['users', 'assignees'] as const, queryFn: ({ signal }) => getAssignees(signal), staleTime: 60_000 });

export function useAssignees(enabled = true) {
  return useQuery({ ...assigneesQueryOptions(), enabled });
}
