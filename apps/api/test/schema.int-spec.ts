import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@bdc/migrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { describeEachEngine } from './engines';
import { createTestDatabase, type TestDatabase } from './test-database';

const EXPECTED_TABLES = [
  'users',
  'roles',
  'permissions',
  'role_permissions',
  'user_roles',
  'user_permissions',
  'refresh_tokens',
  'api_tokens',
  'server_configurations',
  'component_catalog',
  'component_stock',
  'component_unit_log',
  'tickets',
  'ticket_counters',
  'ticket_items',
  'ticket_item_allocations',
  'ticket_history',
  'ticket_comments',
  'ticket_attachments',
  'ticket_notifications',
  'auth_sessions',
  'login_throttle',
  'auth_events',
  'import_id_map',
  'access_audit',
  'saved_ticket_filters',
  'notification_preferences',
  'my_work_visits',
  'access_version',
];

/** SQLite's full-text search: FTS5 tables over tickets and comments, and the shadow tables FTS5 keeps. */
const SQLITE_SEARCH_TABLES = ['tickets_fts', 'ticket_comments_fts'].flatMap((t) => [t, `${t}_data`, `${t}_idx`, `${t}_docsize`, `${t}_config`]);

describeEachEngine('schema: migrations build exactly the entities', (engine) => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    dataSource = await new DataSource(await buildDataSourceOptions({ dbUrl: db.dbUrl, poolSize: 2 })).initialize();
  });
  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
  });

  async function tableNames(): Promise<string[]> {
    const rows: { name: string }[] =
      engine === 'sqlite'
        ? await dataSource.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
        : await dataSource.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()');
    return rows.map((r) => r.name).filter((n) => n !== 'typeorm_migrations');
  }

  it('starts from an empty database', async () => {
    expect(await tableNames()).toEqual([]);
  });

  it('runs the migrations and leaves no difference to the entities', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
    expect((await tableNames()).sort()).toEqual([...EXPECTED_TABLES, ...(engine === 'sqlite' ? SQLITE_SEARCH_TABLES : [])].sort());

    const sql = await dataSource.driver.createSchemaBuilder().log();
    const diff = sql.upQueries.map((q) => q.query);
    expect(diff, `entities and migrations differ; synchronize would run:\n${diff.join(';\n')}`).toEqual([]);
  });

  it('creates the named unique indexes and foreign keys the entities declare', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      const tickets = await runner.getTable('tickets');
      expect(tickets?.indices.find((i) => i.name === 'uq_tickets_ticket_number')?.isUnique).toBe(true);
      if (engine === 'mysql') {
        expect(tickets?.indices.find((i) => i.name === 'ft_tickets_text')?.isFulltext).toBe(true);
        expect((await runner.getTable('ticket_comments'))?.indices.find((i) => i.name === 'ft_ticket_comments_text')?.isFulltext).toBe(true);
      }
      expect(tickets?.foreignKeys.map((f) => f.name).sort()).toEqual(
        ['fk_tickets_approved_by', 'fk_tickets_assigned_role', 'fk_tickets_assigned_to', 'fk_tickets_created_by', 'fk_tickets_reviewed_by', 'fk_tickets_target_server'],
      );
    } finally {
      await runner.release();
    }
  });

  it('stores the indexes of the newest-first list in that order (created_at DESC, id DESC)', async () => {
    // Decorators cannot say DESC and the schema diff above ignores direction: read it from the engine.
    type KeyPart = { column: string; descending: boolean };
    const keyOf = async (index: string): Promise<KeyPart[]> => {
      if (engine === 'sqlite') {
        const rows: { name: string | null; desc: number; key: number }[] = await dataSource.query(`PRAGMA index_xinfo("${index}")`);
        return rows.filter((r) => r.key === 1 && r.name !== null).map((r) => ({ column: r.name ?? '', descending: r.desc === 1 }));
      }
      const rows: { column: string; collation: string | null }[] = await dataSource.query(
        `SELECT column_name AS \`column\`, collation AS collation FROM information_schema.statistics
          WHERE table_schema = DATABASE() AND table_name = 'tickets' AND index_name = ? ORDER BY seq_in_index`,
        [index],
      );
      return rows.map((r) => ({ column: r.column, descending: r.collation === 'D' }));
    };
    const newestFirst = [
      { column: 'created_at', descending: true },
      { column: 'id', descending: true },
    ];
    expect(await keyOf('idx_created_at')).toEqual(newestFirst);
    expect(await keyOf('idx_status_created')).toEqual([{ column: 'status', descending: false }, ...newestFirst]);
    expect(await keyOf('idx_created_by_created')).toEqual([{ column: 'created_by', descending: false }, ...newestFirst]);
  });

  it('reverts cleanly with down', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'all' });
    expect(await tableNames()).toEqual([]);
    // ...and can be applied again on the emptied database.
    await dataSource.runMigrations({ transaction: 'all' });
    expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});

describe('SQLite connection', () => {
  it('opens with WAL, FULL sync (a 2xx means fsynced), a busy timeout and foreign keys on', async () => {
    const db = await createTestDatabase('sqlite');
    const dataSource = await new DataSource(await buildDataSourceOptions({ dbUrl: db.dbUrl })).initialize();
    try {
      const pragma = async (name: string) => Object.values((await dataSource.query(`PRAGMA ${name}`))[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(2);
      expect(await pragma('busy_timeout')).toBe(5000);
      expect(await pragma('foreign_keys')).toBe(1);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });
});

describe('schema test setup', () => {
  it('knows every entity table', async () => {
    const { ENTITIES } = await import('../src/database/entities');
    const { getMetadataArgsStorage } = await import('typeorm');
    const names = getMetadataArgsStorage()
      .tables.filter((t) => (ENTITIES as unknown[]).includes(t.target))
      .map((t) => t.name);
    expect([...names].sort()).toEqual([...EXPECTED_TABLES].sort());
  });
});
