import type { ComponentUnitDetail, UpdateUnitRequest } from '@bdc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { unitKeys } from './inventory-keys';

export const updateUnit = ({ id, body }: { id: number; body: UpdateUnitRequest }) => api.patch<ComponentUnitDetail>(`/components/${id}`, body);

export function useUpdateUnit() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateUnit, onSuccess: () => queryClient.invalidateQueries({ queryKey: unitKeys.all }) });
}
