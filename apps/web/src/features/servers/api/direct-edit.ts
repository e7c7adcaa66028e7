import type { InstallUnitRequest, RemoveUnitQuery, ServerDetail } from '@bdc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { serverKeys } from './server-keys';

const componentsPath = (uuid: string) => `/servers/${encodeURIComponent(uuid)}/components`;

export const installUnit = (uuid: string, body: InstallUnitRequest) => api.post<ServerDetail>(componentsPath(uuid), body);

export const removeUnit = (uuid: string, unitId: number, query: RemoveUnitQuery) => {
  const params = new URLSearchParams();
  if (query.destination) params.set('destination', query.destination);
  if (query.note) params.set('note', query.note);
  const qs = params.toString();
  return api.delete<ServerDetail>(`${componentsPath(uuid)}/${unitId}${qs ? `?${qs}` : ''}`);
};

/** Both edits move stock: the server (build, history, pickers) and the stock lists refetch. */
function useRefreshAfterEdit() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: serverKeys.all }), queryClient.invalidateQueries({ queryKey: ['components'] })]);
}

export function useInstallUnit(uuid: string) {
  const refresh = useRefreshAfterEdit();
  return useMutation({ mutationFn: (body: InstallUnitRequest) => installUnit(uuid, body), onSuccess: refresh, meta: { silentError: true } });
}

export function useRemoveUnit(uuid: string) {
  const refresh = useRefreshAfterEdit();
  return useMutation({ mutationFn: ({ unitId, ...query }: RemoveUnitQuery & { unitId: number }) => removeUnit(uuid, unitId, query), onSuccess: refresh, meta: { silentError: true } });
}
