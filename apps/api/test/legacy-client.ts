/**
 * Calls the BDC IMS action API the three ways its clients do: form-urlencoded (curl -d), multipart
 * (curl -F, PHP front ends with FormData) and JSON; or with everything in the query string (GET).
 */
import type { LegacyEnvelope } from '@bdc/contracts';
import type { TestApp, TestResponse } from './harness';

export type BodyKind = 'form' | 'multipart' | 'json' | 'query';
export const BODY_KINDS: readonly Exclude<BodyKind, 'query'>[] = ['form', 'multipart', 'json'];

export type Params = Record<string, string | number | boolean | unknown[] | Record<string, unknown> | undefined>;

const asText = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value));

function defined(params: Params): [string, unknown][] {
  return Object.entries(params).filter(([, v]) => v !== undefined);
}

export function formBody(params: Params): string {
  return new URLSearchParams(defined(params).map(([k, v]): [string, string] => [k, asText(v)])).toString();
}

export function multipartBody(params: Params, boundary = '----bdc-legacy-test-boundary'): { body: string; contentType: string } {
  const parts = defined(params).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${asText(v)}\r\n`);
  return { body: `${parts.join('')}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface LegacyCall {
  token?: string;
  kind?: BodyKind;
  path?: string;
  method?: 'GET' | 'POST';
}

export type LegacyResponse<T = Record<string, unknown>> = TestResponse<LegacyEnvelope<T>>;

export function legacy<T = Record<string, unknown>>(t: TestApp, params: Params, opts: LegacyCall = {}): Promise<LegacyResponse<T>> {
  const kind = opts.kind ?? 'form';
  const path = opts.path ?? '/api/api.php';
  const headers: Record<string, string> = {};
  let body: string | undefined;
  let url = path;
  if (kind === 'query') {
    const qs = formBody(params);
    url = qs ? `${path}?${qs}` : path;
  } else if (kind === 'form') {
    body = formBody(params);
    headers['content-type'] = 'application/x-www-form-urlencoded';
  } else if (kind === 'multipart') {
    const m = multipartBody(params);
    body = m.body;
    headers['content-type'] = m.contentType;
  } else {
    body = JSON.stringify(Object.fromEntries(defined(params)));
    headers['content-type'] = 'application/json';
  }
  const method = opts.method ?? (kind === 'query' ? 'GET' : 'POST');
  return t.http.request<LegacyEnvelope<T>>(method, url, { token: opts.token, body, headers });
}
