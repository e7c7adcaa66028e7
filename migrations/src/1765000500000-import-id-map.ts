import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdAt, engineOf, id, int, varchar } from './schema-helpers';

/**
 * Which row of ours each imported BDC IMS row became (`pnpm ims import`). Rows without a natural key
 * (a stock unit without a serial number, a ticket item, a history entry) can only be found again
 * through it, and it is what keeps a second import from creating anything twice.
 */
export class ImportIdMap1765000500000 implements MigrationInterface {
  name = 'ImportIdMap1765000500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'import_id_map',
        columns: [id(), varchar('source', 100), varchar('source_table', 64), varchar('source_id', 64), int('target_id'), createdAt(engineOf(queryRunner))],
        indices: [new TableIndex({ name: 'uq_import_id_map_source_row', columnNames: ['source', 'source_table', 'source_id'], isUnique: true })],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('import_id_map', true);
  }
}
