import type { CreateRoleRequest, ListResult, RoleView, UpdateRoleRequest } from '@bdc/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

export const getRoles = (signal?: AbortSignal) => api.get<ListResult<RoleView>>('/roles', undefined, signal);

export const rolesQueryOptions = () => queryOptions({ queryKey: adminKeys.roles(), queryFn: ({ signal }) => getRoles(signal) });

export function useRoles() {
  return useQuery(rolesQueryOptions());
}

export const createRole = (body: CreateRoleRequest) => api.post<RoleView>('/roles', body);
export const updateRole = ({ roleId, ...body }: UpdateRoleRequest & { roleId: number }) => api.patch<RoleView>(`/roles/${roleId}`, body);
export const deleteRole = (roleId: number) => api.delete(`/roles/${roleId}`);

/** Every role change can change what users may do: users, grants, the matrix and the audit are read again. */
function useAdminMutation<A, R>(mutationFn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.all }), meta: { silentError: true } });
}

export const useCreateRole = () => useAdminMutation(createRole);
export const useUpdateRole = () => useAdminMutation(updateRole);
export const useDeleteRole = () => useAdminMutation(deleteRole);
