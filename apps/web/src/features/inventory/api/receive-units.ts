import type { ComponentUnit, ListResult, ReceiveUnitsRequest } from '@bdc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { catalogKeys, unitKeys } from './inventory-keys';

export const receiveUnits = (body: ReceiveUnitsRequest) => api.post<ListResult<ComponentUnit>>('/components', body);

export function useReceiveUnits() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: receiveUnits,
    // New spares change the stock lists and the models' available counts.
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: unitKeys.all }), queryClient.invalidateQueries({ queryKey: catalogKeys.all })]),
  });
}
