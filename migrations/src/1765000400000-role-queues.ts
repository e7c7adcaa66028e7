import { TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Role queues (BDC IMS `assigned_to_role`, issue 7): a ticket may be assigned to a role instead of a
 * person, until a member claims it. The column holds the role's name, the identity the caller's
 * AuthContext carries (so visibility needs no join); the foreign key keeps it pointing at a role,
 * and deleting a role empties its queue rather than stranding tickets in it.
 */
export class RoleQueues1765000400000 implements MigrationInterface {
  name = 'RoleQueues1765000400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('tickets', new TableColumn({ name: 'assigned_role', type: 'varchar', length: '50', isNullable: true }));
    await queryRunner.createIndex('tickets', new TableIndex({ name: 'idx_tickets_assigned_role', columnNames: ['assigned_role'] }));
    await queryRunner.createForeignKey(
      'tickets',
      new TableForeignKey({
        name: 'fk_tickets_assigned_role',
        columnNames: ['assigned_role'],
        referencedTableName: 'roles',
        referencedColumnNames: ['name'],
        onDelete: 'SET NULL',
        onUpdate: 'NO ACTION',
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropForeignKey('tickets', 'fk_tickets_assigned_role');
    await queryRunner.dropIndex('tickets', 'idx_tickets_assigned_role');
    await queryRunner.dropColumn('tickets', 'assigned_role');
  }
}
