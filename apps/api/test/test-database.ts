import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { testMysqlUrl, type Engine } from './engines';

export interface TestDatabase {
  engine: Engine;
  dbUrl: string;
  /** A scratch directory for this database (uploads, secrets); removed by drop(). */
  dir: string;
  drop(): Promise<void>;
}

/** A fresh, empty database: a temp SQLite file, or `bdc_t_<random>` on the TEST_MYSQL_URL server. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'bdc-test-'));
  if (engine === 'sqlite') {
    return {
      engine,
      dbUrl: `sqlite:${join(dir, 'test.sqlite')}`,
      dir,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const serverUrl = testMysqlUrl();
  if (!serverUrl) throw new Error('TEST_MYSQL_URL is not set: MariaDB tests must be registered with describeEachEngine');
  const name = `bdc_t_${randomBytes(6).toString('hex')}`;
  const admin = await createConnection({ uri: serverUrl.replace(/^mariadb:/, 'mysql:') });
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl.replace(/^mariadb:/, 'mysql:'));
  url.pathname = `/${name}`;
  return {
    engine,
    dbUrl: url.toString(),
    dir,
    drop: async () => {
      const conn = await createConnection({ uri: serverUrl.replace(/^mariadb:/, 'mysql:') });
      try {
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await conn.end();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
