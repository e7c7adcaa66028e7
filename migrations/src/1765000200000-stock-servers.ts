import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdAt, datetime, engineOf, id, int, text, varchar, type Engine } from './schema-helpers';

const index = (name: string, columns: string[]) => new TableIndex({ name, columnNames: columns });

/**
 * The unit log (every change of a stock unit's status, server, slot or location, with who and which
 * ticket or direct edit did it), servers' rack, rack unit and decommissioning, and what a deploy did
 * with a removed unit (back to stock, failed or retired) so that a rollback can check and undo it.
 *
 * The log has no foreign keys on purpose: it is an append-only audit that must outlive the ticket
 * (its number is kept beside the id) or the user it names.
 */
function unitLog(engine: Engine): Table {
  return new Table({
    name: 'component_unit_log',
    columns: [
      id(),
      int('component_id'),
      varchar('component_type', 20),
      varchar('model_uuid', 50),
      varchar('serial_number', 100, { nullable: true }),
      varchar('event', 20),
      varchar('source', 12),
      varchar('status_before', 20, { nullable: true }),
      varchar('status_after', 20, { nullable: true }),
      varchar('server_before', 50, { nullable: true }),
      varchar('server_after', 50, { nullable: true }),
      varchar('slot_before', 50, { nullable: true }),
      varchar('slot_after', 50, { nullable: true }),
      varchar('location_before', 100, { nullable: true }),
      varchar('location_after', 100, { nullable: true }),
      int('ticket_id', { nullable: true }),
      varchar('ticket_number', 20, { nullable: true }),
      int('user_id', { nullable: true }),
      text('note', { nullable: true }),
      createdAt(engine),
    ],
    indices: [
      index('idx_unit_log_component', ['component_id']),
      index('idx_unit_log_server_before', ['server_before']),
      index('idx_unit_log_server_after', ['server_after']),
      index('idx_unit_log_ticket', ['ticket_id']),
    ],
  });
}

const SERVER_COLUMNS = [
  new TableColumn(varchar('rack', 15, { nullable: true })),
  new TableColumn(int('rack_unit', { nullable: true })),
  new TableColumn(datetime('decommissioned_at', { nullable: true })),
];

export class StockServers1765000200000 implements MigrationInterface {
  name = 'StockServers1765000200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const engine = engineOf(queryRunner);
    await queryRunner.createTable(unitLog(engine), true, true, true);
    await queryRunner.addColumns('server_configurations', SERVER_COLUMNS);
    await queryRunner.addColumn('ticket_item_allocations', new TableColumn(varchar('destination', 10, { nullable: true })));

    // Existing positions in the demo's "A03-U10" style become rack "A03", unit 10; others stay as they are.
    const servers: { id: number | string; rack_position: string | null }[] = await queryRunner.query('SELECT id, rack_position FROM server_configurations WHERE rack_position IS NOT NULL');
    for (const server of servers) {
      const match = /^(.{1,15})-U(\d{1,2})$/.exec(server.rack_position ?? '');
      if (!match) continue;
      await queryRunner.query('UPDATE server_configurations SET rack = ?, rack_unit = ? WHERE id = ?', [match[1], Number(match[2]), Number(server.id)]);
    }

    // Managers now hold server.edit (libs/contracts DEFAULT_ROLE_GRANTS). The reference-data seed adds
    // grants only for new roles and permissions, so an existing database gets this one grant here, once.
    await queryRunner.query(
      `INSERT INTO role_permissions (role_id, permission_id, granted)
       SELECT r.id, p.id, 1 FROM roles r, permissions p
        WHERE r.name = 'manager' AND p.name = 'server.edit'
          AND NOT EXISTS (SELECT 1 FROM role_permissions rp WHERE rp.role_id = r.id AND rp.permission_id = p.id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('ticket_item_allocations', 'destination');
    await queryRunner.dropColumns('server_configurations', SERVER_COLUMNS);
    await queryRunner.dropTable('component_unit_log', true, true, true);
  }
}
