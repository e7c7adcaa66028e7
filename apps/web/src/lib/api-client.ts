import type { LoginResponse } from '@bdc/contracts';
import { ApiError, parseErrorBody } from './api-error';
import { clearSession, getSession, setSessionFromLogin } from './auth-session';

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type QueryParams = Record<string, QueryValue>;

export interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** Login and refresh must not send (or try to renew) a token. */
  anonymous?: boolean;
}

const API_PREFIX = '/api';

export function buildUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)));
    else params.append(key, String(value));
  }
  const qs = params.toString();
  return `${API_PREFIX}${path}${qs ? `?${qs}` : ''}`;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function send(method: string, path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // A FormData body (file uploads) goes as it is: the browser sets the multipart boundary itself.
  const form = options.body instanceof FormData ? options.body : null;
  if (options.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0, message: 'Could not reach the server. Check your connection and try again.' });
  }
}

// Several queries fail with an expired token at once; they must share one refresh, because the API
// rotates refresh tokens and a second refresh with the same token would be refused.
let refreshing: Promise<boolean> | null = null;

async function refreshSession(): Promise<boolean> {
  const session = getSession();
  if (!session) return false;
  const response = await send('POST', '/auth/refresh', { body: { refreshToken: session.refreshToken }, anonymous: true }, null).catch(
    () => null,
  );
  if (!response || !response.ok) return false;
  const body = (await readBody(response)) as LoginResponse;
  setSessionFromLogin(body);
  return true;
}

function refreshOnce(): Promise<boolean> {
  if (!refreshing) {
    refreshing = refreshSession().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

/**
 * Renews the access token with the refresh token (shared with any renewal already under way), for
 * callers that hold a connection open themselves (the live-event stream); false when it cannot.
 */
export function renewAccessToken(): Promise<boolean> {
  return refreshOnce();
}

/** The response, sent with the session's token and sent again once after a renewal when it expired. */
async function sendAuthorized(method: string, path: string, options: RequestOptions): Promise<Response> {
  const tokenUsed = options.anonymous ? null : (getSession()?.accessToken ?? null);
  let response = await send(method, path, options, tokenUsed);

  if (response.status === 401 && !options.anonymous) {
    const error = parseErrorBody(response.status, await readBody(response));
    // Another request may already have renewed the token while this one was in flight.
    const latest = getSession()?.accessToken ?? null;
    let retry = latest !== null && latest !== tokenUsed;
    if (!retry && error.code === 'TOKEN_INVALID') retry = await refreshOnce();
    const final = retry ? await send(method, path, options, getSession()?.accessToken ?? null) : null;
    if (!final || final.status === 401) {
      // The session cannot be recovered: dropping it sends the user to the login page.
      clearSession();
      throw final ? parseErrorBody(final.status, await readBody(final)) : error;
    }
    response = final;
  }
  return response;
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await sendAuthorized(method, path, options);
  const body = await readBody(response);
  if (!response.ok) throw parseErrorBody(response.status, body);
  return body as T;
}

/** A file behind the token (CSV exports): the same session handling as every other request. */
export async function apiBlob(path: string, query?: QueryParams): Promise<Blob> {
  const response = await sendAuthorized('GET', path, { query });
  if (!response.ok) throw parseErrorBody(response.status, await readBody(response));
  return response.blob();
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => apiRequest<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => apiRequest<T>('PUT', path, { body }),
  delete: <T = void>(path: string) => apiRequest<T>('DELETE', path),
};
