import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, createdAt, datetime, engineOf, id, int, updatedAt, varchar } from './schema-helpers';

/**
 * Notifications (issue 8). `ticket_notifications` becomes the outbox: one row per recipient and
 * event, its in-app state in `read_at` and its email state in `status`. The worker's bookkeeping:
 * `attempts` and `next_attempt_at` for the exponential backoff, and a lease (`claimed_by`,
 * `claimed_until`) so that several processes never send a row twice (MariaDB also locks the rows it
 * claims with SKIP LOCKED; SQLite has no such clause, the lease alone decides there). Email can be
 * turned off per user and event in `notification_preferences` (no row: on).
 */
export class NotificationOutbox1765100500000 implements MigrationInterface {
  name = 'NotificationOutbox1765100500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const engine = engineOf(queryRunner);
    await queryRunner.addColumns('ticket_notifications', [
      new TableColumn(int('actor_user_id', { nullable: true })),
      new TableColumn(varchar('actor_name', 100, { nullable: true })),
      new TableColumn(int('attempts', { default: 0 })),
      new TableColumn(datetime('next_attempt_at', { nullable: true })),
      new TableColumn(varchar('claimed_by', 64, { nullable: true })),
      new TableColumn(datetime('claimed_until', { nullable: true })),
    ]);
    await queryRunner.createIndex('ticket_notifications', new TableIndex({ name: 'idx_ticket_notifications_due', columnNames: ['status', 'next_attempt_at'] }));
    await queryRunner.createIndex('ticket_notifications', new TableIndex({ name: 'idx_ticket_notifications_inbox', columnNames: ['recipient_user_id', 'read_at'] }));
    await queryRunner.createForeignKey(
      'ticket_notifications',
      new TableForeignKey({ name: 'fk_ticket_notifications_actor', columnNames: ['actor_user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'SET NULL', onUpdate: 'NO ACTION' }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'notification_preferences',
        columns: [id(), int('user_id'), varchar('notification_type', 50), bool('email_enabled', true), createdAt(engine), updatedAt(engine)],
        indices: [new TableIndex({ name: 'uq_notification_preferences_user_type', columnNames: ['user_id', 'notification_type'], isUnique: true })],
        foreignKeys: [
          new TableForeignKey({ name: 'fk_notification_preferences_user', columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' }),
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('notification_preferences', true);
    await queryRunner.dropForeignKey('ticket_notifications', 'fk_ticket_notifications_actor');
    await queryRunner.dropIndex('ticket_notifications', 'idx_ticket_notifications_inbox');
    await queryRunner.dropIndex('ticket_notifications', 'idx_ticket_notifications_due');
    for (const column of ['claimed_until', 'claimed_by', 'next_attempt_at', 'attempts', 'actor_name', 'actor_user_id']) {
      await queryRunner.dropColumn('ticket_notifications', column);
    }
  }
}
