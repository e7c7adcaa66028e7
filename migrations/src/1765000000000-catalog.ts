import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { engineOf, updatedAt, varchar } from './schema-helpers';

/**
 * The catalog becomes manageable and importable: a model is `active` or `retired` (retired models stay
 * readable for the stock and tickets that name them, but are not offered for new ones), keeps the BDC
 * IMS series and family it was filed under, where it came from, and when it last changed.
 * Existing rows are the demo seed or hand-made: they become `active`, source `manual`.
 */
export class Catalog1765000000000 implements MigrationInterface {
  name = 'Catalog1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const engine = engineOf(queryRunner);
    await queryRunner.addColumns('component_catalog', [
      new TableColumn(varchar('status', 20, { default: 'active' })),
      new TableColumn(varchar('series', 150, { nullable: true })),
      new TableColumn(varchar('family', 150, { nullable: true })),
      new TableColumn(varchar('source', 20, { default: 'manual' })),
      new TableColumn(updatedAt(engine)),
    ]);
    await queryRunner.createIndex('component_catalog', new TableIndex({ name: 'idx_component_catalog_status', columnNames: ['status', 'component_type'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('component_catalog', 'idx_component_catalog_status');
    for (const column of ['updated_at', 'source', 'family', 'series', 'status']) await queryRunner.dropColumn('component_catalog', column);
  }
}
