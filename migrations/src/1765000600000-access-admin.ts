import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, createdAt, engineOf, id, int, text, varchar } from './schema-helpers';

/**
 * Access administration: a per-user row may now deny a permission its roles give (`granted = 0`;
 * existing rows stay grants), and every change an administrator makes is kept in `access_audit`
 * (who, when, what, before and after as JSON). Append-only.
 */
export class AccessAdmin1765000600000 implements MigrationInterface {
  name = 'AccessAdmin1765000600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('user_permissions', new TableColumn(bool('granted', true)));
    await queryRunner.createTable(
      new Table({
        name: 'access_audit',
        columns: [
          id(),
          int('actor_id', { nullable: true }),
          varchar('actor_username', 100),
          varchar('action', 40),
          varchar('target_type', 20),
          int('target_id', { nullable: true }),
          varchar('target_label', 100),
          text('before_value', { nullable: true }),
          text('after_value', { nullable: true }),
          createdAt(engineOf(queryRunner)),
        ],
        indices: [
          new TableIndex({ name: 'idx_access_audit_target', columnNames: ['target_type', 'target_id'] }),
          new TableIndex({ name: 'idx_access_audit_actor', columnNames: ['actor_id'] }),
          new TableIndex({ name: 'idx_access_audit_action', columnNames: ['action'] }),
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('access_audit', true);
    await queryRunner.dropColumn('user_permissions', 'granted');
  }
}
