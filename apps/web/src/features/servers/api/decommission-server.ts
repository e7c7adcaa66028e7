import type { DecommissionServerRequest, ServerDetail } from '@bdc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { serverKeys } from './server-keys';

export const decommissionServer = (uuid: string, body: DecommissionServerRequest) =>
  api.post<ServerDetail>(`/servers/${encodeURIComponent(uuid)}/decommission`, body);

export function useDecommissionServer(uuid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DecommissionServerRequest) => decommissionServer(uuid, body),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: serverKeys.all }), queryClient.invalidateQueries({ queryKey: ['tickets'] })]),
    meta: { silentError: true },
  });
}
