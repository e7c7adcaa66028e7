import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdAt, datetime, engineOf, id, int, json, varchar } from './schema-helpers';

const fk = (name: string, column: string, onDelete: 'CASCADE' | 'SET NULL') =>
  new TableForeignKey({ name, columnNames: [column], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete, onUpdate: 'NO ACTION' });

/** Personal API tokens for scripts (docs/security.md, "Personal API tokens"). */
export class ApiTokens1765000300000 implements MigrationInterface {
  name = 'ApiTokens1765000300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const engine = engineOf(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'api_tokens',
        columns: [
          id(),
          int('user_id'),
          varchar('name', 100),
          varchar('secret_hash', 64),
          varchar('token_prefix', 40),
          json('permissions', { nullable: true }),
          datetime('expires_at'),
          datetime('last_used_at', { nullable: true }),
          varchar('last_used_ip', 45, { nullable: true }),
          datetime('revoked_at', { nullable: true }),
          int('revoked_by', { nullable: true }),
          createdAt(engine),
        ],
        indices: [new TableIndex({ name: 'idx_api_tokens_user', columnNames: ['user_id'] })],
        foreignKeys: [fk('fk_api_tokens_user', 'user_id', 'CASCADE'), fk('fk_api_tokens_revoked_by', 'revoked_by', 'SET NULL')],
      }),
      true,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('api_tokens', true, true, true);
  }
}
