import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

export const resetPassword = ({ userId, newPassword }: { userId: number; newPassword: string }) => api.post<void>(`/users/${userId}/password`, { newPassword });

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetPassword,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.all }),
    meta: { silentError: true },
  });
}
