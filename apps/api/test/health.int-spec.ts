import type { ErrorBody, HealthResponse } from '@bdc/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from './engines';
import { createTestApp, type TestApp } from './harness';

describeEachEngine('health', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seedDemo: false });
  });
  afterAll(async () => t?.close());

  it('200 with the database up, without a token', async () => {
    const res = await t.http.get<HealthResponse>('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', engine, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('503 when the database is gone; other routes answer 503 DATABASE_UNAVAILABLE', async () => {
    // A throwaway user for the token, created while the database is still there.
    const { createUser } = await import('./factories');
    const user = await createUser(t, { roles: ['viewer'] });
    const token = await t.login(user.username);
    await t.dataSource.destroy();

    const res = await t.http.get<HealthResponse>('/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'unavailable', database: 'down', engine });

    const servers = await t.http.get<ErrorBody>('/api/servers', { token });
    expect(servers.status).toBe(503);
    expect(servers.body.code).toBe('DATABASE_UNAVAILABLE');
  });
});
