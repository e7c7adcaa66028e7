import { buildUrl, type QueryParams } from '../../../lib/api-client';
import { parseErrorBody } from '../../../lib/api-error';
import { getSession } from '../../../lib/auth-session';

/** A file behind the bearer token cannot be a plain link: fetch it as a blob and hand it to the browser. */
export async function downloadWithToken(path: string, query: QueryParams, filename: string): Promise<void> {
  const token = getSession()?.accessToken;
  const response = await fetch(buildUrl(path, query), { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      /* not JSON */
    }
    throw parseErrorBody(response.status, body);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
