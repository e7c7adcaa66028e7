import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdAt, engineOf, id, int, text, varchar } from './schema-helpers';

/** Named ticket-list filters, one list per user (docs/decisions.md, "Exports and saved filters"). */
export class SavedFilters1765100800000 implements MigrationInterface {
  name = 'SavedFilters1765100800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'saved_ticket_filters',
        columns: [id(), int('user_id'), varchar('name', 100), text('query'), createdAt(engineOf(queryRunner))],
        // One name once per user: saving under a name a user already has replaces that filter.
        indices: [new TableIndex({ name: 'uq_saved_ticket_filters_user_name', columnNames: ['user_id', 'name'], isUnique: true })],
        foreignKeys: [new TableForeignKey({ name: 'fk_saved_ticket_filters_user', columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' })],
      }),
      true,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('saved_ticket_filters', true);
  }
}
