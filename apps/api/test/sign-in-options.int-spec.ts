import type { SignInOptions } from '@bdc/contracts';
import { afterEach, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/password';
import { UserEntity } from '../src/users/user.entity';
import { describeEachEngine } from './engines';
import { createTestApp, type TestApp } from './harness';

/** The sign-in page lists the demo accounts only where they really let anyone in. */
describeEachEngine('sign-in options', (engine) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('lists the demo accounts and their password on a demo installation, without a token', async () => {
    t = await createTestApp(engine);
    const res = await t.http.get<SignInOptions>('/api/auth/sign-in-options');
    expect(res.status).toBe(200);
    expect(res.body.demoPassword).toBe('demo');
    expect(res.body.demoAccounts.map((a) => a.username)).toEqual(['admin', 'manager', 'manager2', 'tech', 'tech2', 'requester']);
  });

  it('lists none in production, even where the demo users exist', async () => {
    t = await createTestApp(engine, { configOverrides: { nodeEnv: 'production' } });
    const res = await t.http.get<SignInOptions>('/api/auth/sign-in-options');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ demoAccounts: [] });
  });

  it('lists none once the demo password was changed, or without demo data', async () => {
    t = await createTestApp(engine);
    await t.dataSource.manager.update(UserEntity, { username: 'requester' }, { passwordHash: await hashPassword('changed-password') });
    expect((await t.http.get<SignInOptions>('/api/auth/sign-in-options')).body).toEqual({ demoAccounts: [] });
    await t.close();
    t = await createTestApp(engine, { seedDemo: false });
    expect((await t.http.get<SignInOptions>('/api/auth/sign-in-options')).body).toEqual({ demoAccounts: [] });
  });
});
