import type { AdminUserEntry } from '@bdc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

export const setUserStatus = ({ userId, enabled }: { userId: number; enabled: boolean }) =>
  api.post<AdminUserEntry>(`/users/${userId}/${enabled ? 'enable' : 'disable'}`, undefined);

export function useSetUserStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setUserStatus,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.all }),
    meta: { silentError: true },
  });
}
