import type { ServerDetail, UpdateServerRequest } from '@bdc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { serverKeys } from './server-keys';

export const updateServer = (uuid: string, body: UpdateServerRequest) => api.patch<ServerDetail>(`/servers/${encodeURIComponent(uuid)}`, body);

export function useUpdateServer(uuid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateServerRequest) => updateServer(uuid, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serverKeys.all }),
    meta: { silentError: true },
  });
}
