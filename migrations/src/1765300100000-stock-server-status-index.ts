import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Issue 9, the create and validate reads: a server's build is read as `server_uuid = ? AND status =
 * 'in_use'`. With one index on server_uuid and another on status, MariaDB intersected the two (an
 * index-merge that walks every unit of that status in the inventory), 160–180 µs per read on the
 * demo data where a ref on both columns takes 118 µs, and growing with the whole inventory rather than
 * with the server. One index on (server_uuid, status) serves that read and, by its prefix, every read
 * by server alone.
 */
export class StockServerStatusIndex1765300100000 implements MigrationInterface {
  name = 'StockServerStatusIndex1765300100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('component_stock', new TableIndex({ name: 'idx_component_stock_server_status', columnNames: ['server_uuid', 'status'] }));
    await queryRunner.dropIndex('component_stock', 'idx_component_stock_server');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('component_stock', new TableIndex({ name: 'idx_component_stock_server', columnNames: ['server_uuid'] }));
    await queryRunner.dropIndex('component_stock', 'idx_component_stock_server_status');
  }
}
