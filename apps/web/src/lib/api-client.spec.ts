import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginResponse } from '../test/fixtures';
import { mockFetch } from '../test/fetch-mock';
import { api, apiBlob, apiRequest, buildUrl } from './api-client';
import { ApiError, describeError, parseErrorBody } from './api-error';
import { getSession, resetSessionCache, setSessionFromLogin } from './auth-session';

beforeEach(() => {
  resetSessionCache();
  setSessionFromLogin(loginResponse({ accessToken: 'old-access', refreshToken: 'old-refresh' }));
});
afterEach(() => resetSessionCache());

describe('parseErrorBody', () => {
  it('keeps code, status, field and item reasons and the correlation id', () => {
    const error = parseErrorBody(422, {
      code: 'ITEMS_INVALID',
      message: 'Some items are invalid',
      details: {
        fields: [{ field: 'items[1].quantity', reason: 'must be at least 1' }],
        items: [{ index: 0, status: 'invalid', message: 'Not in stock' }],
        correlationId: 'abc-123',
      },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('ITEMS_INVALID');
    expect(error.status).toBe(422);
    expect(error.message).toBe('Some items are invalid');
    expect(error.items).toEqual([{ index: 0, status: 'invalid', message: 'Not in stock' }]);
    expect(error.fieldErrors()).toEqual({ 'items.1.quantity': 'must be at least 1' });
    expect(error.correlationId).toBe('abc-123');
    expect(describeError(error)).toContain('item 1: Not in stock');
    expect(describeError(error)).toContain('abc-123');
  });

  it('does not trust bodies that are not ErrorBody (a proxy page, an unknown code)', () => {
    expect(parseErrorBody(502, '<html>Bad gateway</html>').code).toBe('UNEXPECTED_RESPONSE');
    expect(parseErrorBody(502, '<html>Bad gateway</html>').message).toMatch(/not reachable/);
    expect(parseErrorBody(500, { code: 'SOMETHING_ELSE', message: 'x' }).code).toBe('UNEXPECTED_RESPONSE');
  });
});

describe('apiRequest', () => {
  it('builds query strings without empty values and repeats arrays', () => {
    expect(buildUrl('/tickets', { status: 'pending', q: '', page: 2, x: undefined, tag: ['a', 'b'] })).toBe(
      '/api/tickets?status=pending&page=2&tag=a&tag=b',
    );
  });

  it('sends the bearer token and turns an error response into ApiError', async () => {
    const { calls } = mockFetch({
      'GET /api/tickets/9': { status: 404, body: { code: 'TICKET_NOT_FOUND', message: 'Ticket 9 not found' } },
    });
    const error = await api.get('/tickets/9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('TICKET_NOT_FOUND');
    expect((error as ApiError).status).toBe(404);
    expect(calls[0]?.headers.authorization).toBe('Bearer old-access');
  });

  it('on 401 TOKEN_INVALID refreshes once, stores the new tokens and retries the request', async () => {
    const { calls } = mockFetch({
      'GET /api/auth/me': (call) =>
        call.headers.authorization === 'Bearer new-access'
          ? { body: { id: 6 } }
          : { status: 401, body: { code: 'TOKEN_INVALID', message: 'expired' } },
      'POST /api/auth/refresh': (call) => {
        expect(call.body).toEqual({ refreshToken: 'old-refresh' });
        expect(call.headers.authorization).toBeUndefined();
        return { body: loginResponse({ accessToken: 'new-access', refreshToken: 'new-refresh' }) };
      },
    });
    await expect(api.get('/auth/me')).resolves.toEqual({ id: 6 });
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/auth/me', 'POST /api/auth/refresh', 'GET /api/auth/me']);
    expect(getSession()?.accessToken).toBe('new-access');
    expect(getSession()?.refreshToken).toBe('new-refresh');
  });

  it('uploads (FormData) and file downloads renew an expired token like every other request', async () => {
    const expiredUnlessRenewed = (body: unknown) => (call: { headers: Record<string, string> }) =>
      call.headers.authorization === 'Bearer new-access' ? { body } : { status: 401, body: { code: 'TOKEN_INVALID', message: 'expired' } };
    let refreshes = 0;
    const { calls } = mockFetch({
      'POST /api/catalog/import': expiredUnlessRenewed({ dryRun: true }),
      'GET /api/components/export.csv': expiredUnlessRenewed('serial_number'),
      'POST /api/auth/refresh': () => {
        refreshes += 1;
        return { body: loginResponse({ accessToken: 'new-access', refreshToken: 'new-refresh' }) };
      },
    });
    const form = new FormData();
    form.append('dryRun', 'true');
    await expect(apiRequest('POST', '/catalog/import', { body: form })).resolves.toEqual({ dryRun: true });
    // The browser sets the multipart boundary: no JSON content type is forced on a form.
    expect(calls.filter((c) => c.path === '/api/catalog/import').map((c) => c.headers['content-type'])).toEqual([undefined, undefined]);
    resetSessionCache();
    setSessionFromLogin(loginResponse({ accessToken: 'old-access', refreshToken: 'old-refresh' }));
    await expect((await apiBlob('/components/export.csv')).text()).resolves.toBe('"serial_number"');
    expect(refreshes).toBe(2);
  });

  it('shares one refresh between concurrent requests (refresh tokens rotate)', async () => {
    let refreshes = 0;
    mockFetch({
      'GET /api/a': (c) => (c.headers.authorization === 'Bearer new-access' ? { body: 'a' } : { status: 401, body: { code: 'TOKEN_INVALID', message: 'expired' } }),
      'GET /api/b': (c) => (c.headers.authorization === 'Bearer new-access' ? { body: 'b' } : { status: 401, body: { code: 'TOKEN_INVALID', message: 'expired' } }),
      'POST /api/auth/refresh': async () => {
        refreshes += 1;
        await new Promise((r) => setTimeout(r, 5));
        return { body: loginResponse({ accessToken: 'new-access', refreshToken: 'new-refresh' }) };
      },
    });
    await expect(Promise.all([api.get('/a'), api.get('/b')])).resolves.toEqual(['a', 'b']);
    expect(refreshes).toBe(1);
  });

  it('when the refresh is refused, clears the session (which sends the user to login) and throws', async () => {
    const { calls } = mockFetch({
      'GET /api/tickets': { status: 401, body: { code: 'TOKEN_INVALID', message: 'expired' } },
      'POST /api/auth/refresh': { status: 401, body: { code: 'TOKEN_INVALID', message: 'refresh token revoked' } },
    });
    const error = await api.get('/tickets').catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('TOKEN_INVALID');
    expect(getSession()).toBeNull();
    expect(calls.filter((c) => c.path === '/api/auth/refresh')).toHaveLength(1);
  });

  it('does not refresh on other 401 codes of anonymous calls (a wrong password is not an expired session)', async () => {
    const { calls } = mockFetch({
      'POST /api/auth/login': { status: 401, body: { code: 'INVALID_CREDENTIALS', message: 'Wrong user name or password' } },
    });
    const error = await apiRequest('POST', '/auth/login', { body: { username: 'x', password: 'y' }, anonymous: true }).catch((e: unknown) => e);
    expect((error as ApiError).message).toBe('Wrong user name or password');
    expect(calls).toHaveLength(1);
    expect(getSession()?.accessToken).toBe('old-access');
  });

  it('reports a network failure as NETWORK_ERROR', async () => {
    const { fn } = mockFetch({});
    fn.mockImplementationOnce(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await api.get('/tickets').catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('NETWORK_ERROR');
    expect((error as ApiError).status).toBe(0);
  });
});
