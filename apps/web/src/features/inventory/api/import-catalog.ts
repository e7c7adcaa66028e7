import type { CatalogImportReport } from '@bdc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { catalogKeys } from './inventory-keys';

/** POST /api/catalog/import as multipart: the JSON files (or zips) and the dryRun field. */
export async function importCatalog({ files, dryRun }: { files: File[]; dryRun: boolean }): Promise<CatalogImportReport> {
  const form = new FormData();
  form.append('dryRun', String(dryRun));
  for (const file of files) form.append('file', file, file.name);
  return apiRequest<CatalogImportReport>('POST', '/catalog/import', { body: form });
}

export function useImportCatalog() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importCatalog,
    onSuccess: (report) => (report.dryRun ? undefined : queryClient.invalidateQueries({ queryKey: catalogKeys.all })),
  });
}
