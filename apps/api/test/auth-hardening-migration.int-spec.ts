import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@bdc/migrations';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { describeEachEngine } from './engines';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * Upgrading a database that already has signed-in users: every live refresh-token family becomes a
 * session, so nobody is signed out by the upgrade; families that were already revoked do not.
 */
describeEachEngine('migration AuthHardening on a database with sessions', (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
  });
  afterAll(async () => db?.drop());

  it('turns each live refresh-token family into a session', async () => {
    const [initial] = MIGRATIONS;
    if (!initial) throw new Error('no migrations');
    let userId: number;
    const before = await new DataSource({ ...(await buildDataSourceOptions({ dbUrl: db.dbUrl, poolSize: 2 })), migrations: [initial] }).initialize();
    try {
      await before.runMigrations({ transaction: 'all' });
      await before.query(`INSERT INTO users (username, password, email, status) VALUES ('old', 'x', 'old@example', 'active')`);
      const [row] = (await before.query(`SELECT id FROM users WHERE username = 'old'`)) as { id: number | string }[];
      userId = Number(row?.id);
      const id = userId;
      const token = (hash: string, family: string, revoked: boolean) =>
        before.query(`INSERT INTO refresh_tokens (user_id, token_hash, family_id, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?)`, [
          id,
          hash.padEnd(64, '0'),
          family,
          '2099-01-01 00:00:00',
          revoked ? '2026-01-01 00:00:00' : null,
        ]);
      await token('a1', 'family-live', true);
      await token('a2', 'family-live', false);
      await token('b1', 'family-ended', true);
    } finally {
      await before.destroy();
    }

    const after = await new DataSource(await buildDataSourceOptions({ dbUrl: db.dbUrl, poolSize: 2 })).initialize();
    try {
      await after.runMigrations({ transaction: 'all' });
      const sessions = (await after.query('SELECT id, user_id AS userId, revoked_at AS revokedAt FROM auth_sessions')) as { id: string; userId: number; revokedAt: unknown }[];
      expect(sessions.map((s) => ({ ...s, userId: Number(s.userId) }))).toEqual([{ id: 'family-live', userId, revokedAt: null }]);
    } finally {
      await after.destroy();
    }
  });
});
