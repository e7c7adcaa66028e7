import type { AdminUserEntry, ListResult } from '@bdc/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

export const getUsers = (signal?: AbortSignal) => api.get<ListResult<AdminUserEntry>>('/users', undefined, signal);

export const usersQueryOptions = () => queryOptions({ queryKey: adminKeys.users(), queryFn: ({ signal }) => getUsers(signal) });

export function useUsers() {
  return useQuery(usersQueryOptions());
}
