import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@bdc/migrations';
import { redactUrl, sqliteFileOf } from '../config/app-config';
import { ENTITIES } from './entities';
import { QueryErrorTap } from './query-error-tap';

export interface DataSourceOptionsInput {
  dbUrl: string;
  /** Run pending migrations inside DataSource.initialize() (the app does; the CLI decides itself). */
  migrationsRun?: boolean;
  /** Pool size on MariaDB/MySQL. */
  poolSize?: number;
}

/**
 * DataSource options from DB_URL. Async because the MySQL-protocol server is asked what it is:
 * TypeORM reads MariaDB's information_schema differently from MySQL's (quoted defaults, lowercase
 * CURRENT_TIMESTAMP), so `mysql://` pointing at MariaDB must still be configured as `mariadb`,
 * or the schema-drift check reports phantom differences.
 */
export async function buildDataSourceOptions(input: DataSourceOptionsInput): Promise<DataSourceOptions> {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: input.migrationsRun ?? false,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    // Errors are logged as before; DatabaseService also subscribes to them (see QueryErrorTap).
    logger: new QueryErrorTap(),
  };
  const sqliteFile = sqliteFileOf(input.dbUrl);
  if (sqliteFile !== null) {
    if (sqliteFile !== ':memory:') mkdirSync(dirname(sqliteFile), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: sqliteFile,
      prepareDatabase: (db: Database.Database) => applySqlitePragmas(db, sqliteFile),
    };
  }
  const url = mysqlUrl(input.dbUrl);
  return {
    ...common,
    type: (await isMariaDb(url)) ? 'mariadb' : 'mysql',
    url,
    // Dates are written and read as UTC, whatever the server's or the process's zone.
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    poolSize: input.poolSize ?? 10,
    extra: { connectionLimit: input.poolSize ?? 10, waitForConnections: true, queueLimit: 0, enableKeepAlive: true },
    // Fail fast (503) instead of hanging when the server is gone.
    connectTimeout: 5000,
  };
}

/**
 * Durability first: a 2xx means the write is on disk.
 * - WAL: readers never block the writer, and a commit is one append to the -wal file.
 * - synchronous = FULL: the -wal file is fsynced at every commit. With NORMAL it is fsynced only at
 *   checkpoints, so a power loss or kernel crash can drop the last commits that were already answered
 *   2xx (WAL stays consistent, but "confirmed" would not mean "kept").
 * Both are checked, not just requested: SQLite silently keeps another journal mode where WAL is not
 * possible (some network filesystems), and then the guarantees above would be different ones.
 */
export function applySqlitePragmas(db: Database.Database, file: string): void {
  if (file !== ':memory:') {
    const mode = String(db.pragma('journal_mode = WAL', { simple: true })).toLowerCase();
    if (mode !== 'wal') throw new Error(`SQLite refused journal_mode=WAL for ${file} (got "${mode}"): put the database on a local filesystem`);
  }
  db.pragma('synchronous = FULL');
  // 2 = FULL (0 OFF, 1 NORMAL, 3 EXTRA)
  if (Number(db.pragma('synchronous', { simple: true })) < 2) throw new Error('SQLite did not accept synchronous=FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
}

/** TypeORM and mysql2 speak `mysql://`; `mariadb://` is accepted as a synonym in DB_URL. */
export function mysqlUrl(dbUrl: string): string {
  return dbUrl.replace(/^mariadb:\/\//, 'mysql://');
}

async function isMariaDb(url: string): Promise<boolean> {
  let connection;
  try {
    connection = await createConnection({ uri: url, connectTimeout: 5000 });
  } catch (error) {
    throw new Error(`Cannot connect to the database at ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const version = (rows as { version: string }[])[0]?.version ?? '';
    return /mariadb/i.test(version);
  } finally {
    await connection.end();
  }
}
