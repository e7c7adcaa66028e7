import type { ComponentUnitDetail } from '@bdc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { catalogKeys, unitKeys } from './inventory-keys';

export type UnitStatusAction = 'fail' | 'retire';

export const changeUnitStatus = ({ id, action, reason }: { id: number; action: UnitStatusAction; reason: string }) =>
  api.post<ComponentUnitDetail>(`/components/${id}/${action}`, { reason });

export function useChangeUnitStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeUnitStatus,
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: unitKeys.all }), queryClient.invalidateQueries({ queryKey: catalogKeys.all })]),
  });
}
