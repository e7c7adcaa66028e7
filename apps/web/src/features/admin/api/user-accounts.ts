import type { AdminUserEntry, CreateUserRequest, UpdateUserRequest } from '@bdc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

export const createUser = (body: CreateUserRequest) => api.post<AdminUserEntry>('/users', body);

export const updateUser = ({ userId, ...body }: UpdateUserRequest & { userId: number }) => api.patch<AdminUserEntry>(`/users/${userId}`, body);

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.all }),
    // The dialog shows the API's answer inline, naming the field.
    meta: { silentError: true },
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.all }),
    meta: { silentError: true },
  });
}
