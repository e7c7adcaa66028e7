import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdAt, datetime, engineOf, id, int, varchar, type Engine } from './schema-helpers';

const fk = (name: string, column: string, table: string, onDelete: 'CASCADE' | 'SET NULL') =>
  new TableForeignKey({ name, columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete, onUpdate: 'NO ACTION' });

const index = (name: string, columns: string[]) => new TableIndex({ name, columnNames: columns });

/**
 * Sessions that access tokens are bound to, the shared login throttle counters, and the audit of
 * sign-in attempts (docs/security.md).
 */
function tables(engine: Engine): Table[] {
  return [
    new Table({
      name: 'auth_sessions',
      // The id is the refresh-token family id: one sign-in, however often its refresh token rotates.
      columns: [{ name: 'id', type: 'varchar', length: '36', isPrimary: true }, int('user_id'), datetime('revoked_at', { nullable: true }), createdAt(engine)],
      indices: [index('idx_auth_sessions_user', ['user_id'])],
      foreignKeys: [fk('fk_auth_sessions_user', 'user_id', 'users', 'CASCADE')],
    }),
    new Table({
      name: 'login_throttle',
      columns: [
        { name: 'throttle_key', type: 'varchar', length: '120', isPrimary: true },
        int('failures', { default: 0 }),
        datetime('last_failure_at'),
        datetime('blocked_until', { nullable: true }),
      ],
    }),
    new Table({
      name: 'auth_events',
      columns: [
        id(),
        varchar('event', 20),
        varchar('username', 100),
        int('user_id', { nullable: true }),
        varchar('reason', 30, { nullable: true }),
        varchar('ip_address', 45, { nullable: true }),
        varchar('user_agent', 255, { nullable: true }),
        createdAt(engine),
      ],
      indices: [index('idx_auth_events_username', ['username']), index('idx_auth_events_event', ['event']), index('idx_auth_events_user', ['user_id'])],
      foreignKeys: [fk('fk_auth_events_user', 'user_id', 'users', 'SET NULL')],
    }),
  ];
}

export class AuthHardening1764900100000 implements MigrationInterface {
  name = 'AuthHardening1764900100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const engine = engineOf(queryRunner);
    for (const table of tables(engine)) await queryRunner.createTable(table, true, true, true);
    // Sessions signed in before this migration keep working: one session per live refresh-token family.
    await queryRunner.query(
      `INSERT INTO auth_sessions (id, user_id, created_at)
       SELECT family_id, MIN(user_id), MIN(created_at) FROM refresh_tokens WHERE revoked_at IS NULL GROUP BY family_id`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const engine = engineOf(queryRunner);
    for (const table of tables(engine).reverse()) await queryRunner.dropTable(table.name, true, true, true);
  }
}
