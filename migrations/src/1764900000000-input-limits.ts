import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { engineOf } from './schema-helpers';

/**
 * Columns wide enough for everything validation admits (libs/contracts LIMITS) on both engines.
 * Checked column by column against the initial schema, at 4 bytes per code point on MariaDB:
 * every VARCHAR(n) holds its n-character limit and every TEXT (65,535 bytes) holds its limit of
 * at most 10,000 code points, except `ticket_history.metadata`, which records an item change
 * structured (every changed field of up to 50 items, before and after): it becomes JSON, which is
 * LONGTEXT on MariaDB (native JSON on MySQL 8) and declared `json` on SQLite, whose text has no size.
 *
 * MariaDB is altered in place with MODIFY (TypeORM's changeColumn drops and re-adds a column whose
 * type changes, which would lose the data); SQLite gets changeColumn, which copies the table.
 */
export class InputLimits1764900000000 implements MigrationInterface {
  name = 'InputLimits1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.setMetadataType(queryRunner, 'json');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.setMetadataType(queryRunner, 'text');
  }

  private async setMetadataType(queryRunner: QueryRunner, type: 'json' | 'text'): Promise<void> {
    if (engineOf(queryRunner) === 'mysql') {
      await queryRunner.query(`ALTER TABLE \`ticket_history\` MODIFY \`metadata\` ${type === 'json' ? 'JSON' : 'TEXT'} NULL`);
      return;
    }
    await queryRunner.changeColumn('ticket_history', 'metadata', new TableColumn({ name: 'metadata', type, isNullable: true }));
  }
}
