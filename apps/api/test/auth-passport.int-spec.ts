/**
 * The passport strategies belong to their application: two applications alive in one process (as in
 * the multi-process tests) each authenticate against their own database. With passport's process-wide
 * singleton, the application created last would have registered the strategies both use.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuthUser, CreatedApiToken } from '@bdc/contracts';
import { describeEachEngine } from './engines';
import { createUser } from './factories';
import { createTestApp, type TestApp } from './harness';

describeEachEngine('passport strategies per application', (engine) => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await createTestApp(engine);
    second = await createTestApp(engine);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('each application checks sessions and API tokens against its own users', async () => {
    // Only in the first application's database, created after the second application registered its strategies.
    const only = await createUser(first, { roles: ['viewer'] });
    const session = await first.login(only.username);
    const me = await first.http.get<AuthUser>('/api/auth/me', { token: session });
    expect([me.status, me.body.username]).toEqual([200, only.username]);

    const created = await first.http.post<CreatedApiToken>('/api/auth/tokens', { token: session, body: { name: 'per app', expiresInDays: 1 } });
    expect(created.status).toBe(201);
    expect((await first.http.get('/api/auth/me', { token: created.body.token })).status).toBe(200);
    // The second application has neither that session nor that token.
    expect((await second.http.get('/api/auth/me', { token: created.body.token })).status).toBe(401);
  });
});
