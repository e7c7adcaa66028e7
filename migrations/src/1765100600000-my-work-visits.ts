import { Table, TableForeignKey, type MigrationInterface, type QueryRunner } from 'typeorm';
import { datetime } from './schema-helpers';

/**
 * When each user last looked at "My work": what changed on their open requests since then is
 * highlighted. One row per user, replaced on every visit.
 */
export class MyWorkVisits1765100600000 implements MigrationInterface {
  name = 'MyWorkVisits1765100600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'my_work_visits',
        columns: [{ name: 'user_id', type: 'integer', isPrimary: true, isNullable: false }, datetime('seen_at')],
        foreignKeys: [
          new TableForeignKey({ name: 'fk_my_work_visits_user', columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' }),
        ],
      }),
      true,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('my_work_visits', true);
  }
}
