import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestResponse } from './harness';

/** Headers do not depend on the database engine: SQLite only. */
function expectSecurityHeaders(res: TestResponse): void {
  const csp = String(res.headers['content-security-policy'] ?? '');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('upgrade-insecure-requests');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(res.headers['x-powered-by']).toBeUndefined();
}

describe('security headers', () => {
  let t: TestApp;
  let webDist: string;
  beforeAll(async () => {
    webDist = mkdtempSync(join(tmpdir(), 'bdc-web-'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>IMS</title><div id="root"></div>');
    t = await createTestApp('sqlite', { seedDemo: false, swagger: true, configOverrides: { webDistDir: webDist } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it('are on API responses, errors included', async () => {
    const health = await t.http.get('/api/health');
    expect(health.status).toBe(200);
    expectSecurityHeaders(health);
    const unauthenticated = await t.http.get('/api/tickets');
    expect(unauthenticated.status).toBe(401);
    expectSecurityHeaders(unauthenticated);
    expectSecurityHeaders(await t.http.get('/api/no-such-route'));
  });

  it('are on the SPA’s index.html, for its own route and for client-side routes', async () => {
    for (const url of ['/', '/tickets/12']) {
      const res = await t.http.get(url);
      expect(res.status, url).toBe(200);
      expect(res.text).toContain('<div id="root">');
      expectSecurityHeaders(res);
    }
  });

  it('are on Swagger UI and its files', async () => {
    const page = await t.http.get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui');
    expectSecurityHeaders(page);
    const init = await t.http.get('/api/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    expectSecurityHeaders(init);
  });

  it('send HSTS only for requests that came over TLS', async () => {
    expect((await t.http.get('/api/health')).headers['strict-transport-security']).toBeUndefined();
    // Without TRUST_PROXY a client cannot claim TLS with a header.
    const spoofed = await t.http.get('/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('HSTS behind a TLS-terminating proxy (TRUST_PROXY)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { seedDemo: false, configOverrides: { trustProxy: true } });
  });
  afterAll(async () => t?.close());

  it('is sent when the proxy says the request was https, and not when it was http', async () => {
    const https = await t.http.get('/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const http = await t.http.get('/api/health', { headers: { 'x-forwarded-proto': 'http' } });
    expect(http.headers['strict-transport-security']).toBeUndefined();
  });
});

/** A browser's CORS preflight (the harness's http helper has no OPTIONS). */
const preflight = (t: TestApp, origin: string) =>
  t.app.getHttpAdapter().getInstance().inject({
    method: 'OPTIONS',
    url: '/api/auth/login',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
  }).then((res) => ({ status: res.statusCode, headers: res.headers }));

describe('CORS', () => {
  describe('without CORS_ORIGINS', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp('sqlite', { seedDemo: false });
    });
    afterAll(async () => t?.close());

    it('allows no other origin: no preflight approval, no Access-Control-Allow-Origin', async () => {
      const res = await preflight(t, 'https://evil.example');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-methods']).toBeUndefined();
      const get = await t.http.get('/api/health', { headers: { origin: 'https://evil.example' } });
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('with CORS_ORIGINS', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp('sqlite', { seedDemo: false, configOverrides: { corsOrigins: ['https://ims.example.com'] } });
    });
    afterAll(async () => t?.close());

    it('approves the preflight of a listed origin', async () => {
      const res = await preflight(t, 'https://ims.example.com');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('https://ims.example.com');
      expect(String(res.headers['access-control-allow-methods'])).toContain('POST');
      expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
      const get = await t.http.get('/api/health', { headers: { origin: 'https://ims.example.com' } });
      expect(get.headers['access-control-allow-origin']).toBe('https://ims.example.com');
    });

    it('refuses any other origin', async () => {
      const res = await preflight(t, 'https://ims.example.com.evil.example');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const get = await t.http.get('/api/health', { headers: { origin: 'http://ims.example.com' } });
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
