import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorBody } from '@bdc/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness';

interface OpenApi {
  paths: Record<string, Record<string, { 'x-permissions'?: string[]; security?: unknown[] }>>;
  components: { securitySchemes?: Record<string, { scheme?: string }> };
}

// Engine-independent: Swagger and static files do not touch the database beyond booting.
describe('Swagger and the SPA', () => {
  let t: TestApp;
  let web: string;
  beforeAll(async () => {
    web = mkdtempSync(join(tmpdir(), 'bdc-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>BDC</title><div id="root"></div>');
    writeFileSync(join(web, 'assets', 'app-abc123.js'), 'console.log("app")');
    t = await createTestApp('sqlite', { seedDemo: false, swagger: true, configOverrides: { webDistDir: web } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(web, { recursive: true, force: true });
  });

  it('serves the OpenAPI document with bearer auth and each route’s permission', async () => {
    const res = await t.http.get<OpenApi>('/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.components.securitySchemes?.bearer?.scheme).toBe('bearer');
    expect(res.body.paths['/api/servers']?.get?.['x-permissions']).toEqual(['server.view']);
    expect(res.body.paths['/api/users']?.get?.['x-permissions']).toEqual(['user.manage']);
    expect(res.body.paths['/api/auth/login']?.post).toBeDefined();
    // Operations: liveness and readiness apart, and the Prometheus endpoint outside /api.
    for (const path of ['/api/health', '/api/health/live', '/api/health/ready', '/metrics']) expect([path, res.body.paths[path]?.get]).toEqual([path, expect.anything()]);
  });

  it('serves Swagger UI at /api/docs', async () => {
    const res = await t.http.get('/api/docs');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/html');
    expect(res.text).toContain('swagger');
  });

  it('serves the SPA, its assets, and index.html for client-side routes', async () => {
    const root = await t.http.get('/');
    expect(root.status).toBe(200);
    expect(root.text).toContain('<div id="root">');
    const deep = await t.http.get('/tickets/42?tab=history');
    expect(deep.status).toBe(200);
    expect(String(deep.headers['content-type'])).toContain('text/html');
    expect(deep.text).toContain('<div id="root">');
    const asset = await t.http.get('/assets/app-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.text).toBe('console.log("app")');
    expect(String(asset.headers['cache-control'])).toContain('immutable');
  });

  it('keeps unknown /api paths JSON 404s', async () => {
    const res = await t.http.get<ErrorBody>('/api/nothing/here');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
