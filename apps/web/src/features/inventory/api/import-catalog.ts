import type { CatalogImportReport } from '@bdc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { buildUrl } from '../../../lib/api-client';
import { ApiError, parseErrorBody } from '../../../lib/api-error';
import { getSession } from '../../../lib/auth-session';
import { catalogKeys } from './inventory-keys';

/** POST /api/catalog/import as multipart: the JSON files (or zips) and the dryRun field. */
export async function importCatalog({ files, dryRun }: { files: File[]; dryRun: boolean }): Promise<CatalogImportReport> {
  const form = new FormData();
  form.append('dryRun', String(dryRun));
  for (const file of files) form.append('file', file, file.name);
  const token = getSession()?.accessToken;
  let response: Response;
  try {
    response = await fetch(buildUrl('/catalog/import'), { method: 'POST', body: form, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0, message: 'Could not reach the server. Check your connection and try again.' });
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    /* not JSON */
  }
  if (!response.ok) throw parseErrorBody(response.status, body);
  return body as CatalogImportReport;
}

export function useImportCatalog() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importCatalog,
    onSuccess: (report) => (report.dryRun ? undefined : queryClient.invalidateQueries({ queryKey: catalogKeys.all })),
  });
}
