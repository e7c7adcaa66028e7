import type { UserPermissionsRequest, UserPermissionsView } from '@bdc/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

export const getUserPermissions = (userId: number, signal?: AbortSignal) => api.get<UserPermissionsView>(`/users/${userId}/permissions`, undefined, signal);

export const userPermissionsQueryOptions = (userId: number) =>
  queryOptions({ queryKey: adminKeys.permissions(userId), queryFn: ({ signal }) => getUserPermissions(userId, signal) });

export function useUserPermissions(userId: number) {
  return useQuery(userPermissionsQueryOptions(userId));
}

export const setUserPermissions = ({ userId, ...body }: UserPermissionsRequest & { userId: number }) => api.put<UserPermissionsView>(`/users/${userId}/permissions`, body);

export function useSetUserPermissions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setUserPermissions,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.all }),
    meta: { silentError: true },
  });
}
