import type { LoginResponse } from '@bdc/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppConfig } from '../src/config/app-config';
import { prepareDatabase, prepareOptionsFor } from '../src/seed/prepare-database';
import { describeEachEngine } from './engines';
import { createTestApp, type TestApp } from './harness';

describeEachEngine('first administrator on an empty production database', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seedDemo: false });
  });
  afterAll(async () => t?.close());

  it('is created once from INITIAL_ADMIN_* and can sign in with every permission', async () => {
    const admin = { username: 'ops-admin', password: 'correct horse battery' };
    const first = await prepareDatabase(t.app, { demoWhenEmpty: false, initialAdmin: admin });
    expect(first).toMatchObject({ initialAdminCreated: true, demoSeeded: false });

    const login = await t.http.post<LoginResponse>('/api/auth/login', { body: admin });
    expect(login.status).toBe(200);
    expect(login.body.user.roles).toEqual(['admin']);
    expect(login.body.user.permissions).toContain('user.manage');
    expect(login.body.user.permissions).toContain('ticket.manage');

    // A restart with the variables still set changes nothing, even with another password.
    const again = await prepareDatabase(t.app, { demoWhenEmpty: false, initialAdmin: { ...admin, password: 'another password' } });
    expect(again.initialAdminCreated).toBe(false);
    expect((await t.http.post('/api/auth/login', { body: { ...admin, password: 'another password' } })).status).toBe(401);
  });
});

describeEachEngine('production boot on an empty database without SEED_DEMO', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seedDemo: false });
  });
  afterAll(async () => t?.close());

  it('seeds no demo accounts: admin/demo cannot sign in', async () => {
    const production = AppConfig.fromEnv({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(32), DB_URL: 'mysql://u@db/ims' });
    const result = await prepareDatabase(t.app, prepareOptionsFor(production));
    expect(result).toMatchObject({ demoSeeded: false, demoUsersPresent: false });
    for (const username of ['admin', 'manager', 'requester']) {
      const login = await t.http.post<{ code: string }>('/api/auth/login', { body: { username, password: 'demo' } });
      expect(login.status, username).toBe(401);
    }
  });
});
