import type { CreateServerRequest, ServerDetail } from '@bdc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { serverKeys } from './server-keys';

export const createServer = (body: CreateServerRequest) => api.post<ServerDetail>('/servers', body);

export function useCreateServer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createServer,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serverKeys.all }),
    meta: { silentError: true },
  });
}
