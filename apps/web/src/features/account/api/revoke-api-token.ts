import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { apiTokenKeys } from './api-token-keys';

export const revokeApiToken = (id: number) => api.delete<void>(`/auth/tokens/${id}`);

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }),
    meta: { errorTitle: 'The token was not revoked' },
  });
}
