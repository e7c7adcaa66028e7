import { apiBlob, type QueryParams } from './api-client';

/** A file behind the bearer token cannot be a plain link: fetch it as a blob and hand it to the browser. */
export async function downloadWithToken(path: string, query: QueryParams, filename: string): Promise<void> {
  const blob = await apiBlob(path, query);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
