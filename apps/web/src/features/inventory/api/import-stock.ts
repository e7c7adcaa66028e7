import type { StockImportResult } from '@bdc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { catalogKeys, unitKeys } from './inventory-keys';

/** POST /api/components/import with the CSV text; a dry run reports every row without writing. */
export const importStock = ({ csv, dryRun }: { csv: string; dryRun: boolean }) =>
  api.post<StockImportResult>(`/components/import${dryRun ? '?dryRun=true' : ''}`, { csv });

export function useImportStock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importStock,
    onSuccess: (result) =>
      result.dryRun
        ? undefined
        : Promise.all([queryClient.invalidateQueries({ queryKey: unitKeys.all }), queryClient.invalidateQueries({ queryKey: catalogKeys.all })]),
  });
}
