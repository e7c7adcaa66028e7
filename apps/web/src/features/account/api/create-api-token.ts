import type { CreateApiTokenRequest, CreatedApiToken } from '@bdc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { apiTokenKeys } from './api-token-keys';

export const createApiToken = (body: CreateApiTokenRequest) => api.post<CreatedApiToken>('/auth/tokens', body);

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }),
    // The form shows the API's answer inline, naming the field.
    meta: { silentError: true },
  });
}
