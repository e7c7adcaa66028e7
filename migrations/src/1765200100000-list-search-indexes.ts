import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { engineOf } from './schema-helpers';

/**
 * Issue 9, the list and search at 1M tickets (docs/decisions.md, "List totals" and "Search").
 * - B-tree indexes for each filter of the list, ending in created_at (InnoDB appends the id), so a
 *   filtered page in the default order is a backward range read that stops after one page.
 * - The serial an item pins, for search by serial prefix.
 * - Full-text search: MariaDB FULLTEXT indexes on tickets(title, description) and
 *   ticket_comments(comment); on SQLite, FTS5 tables over the same columns (external content: the
 *   text lives once, in the tables), kept in step by triggers in the writing transaction.
 */
const BTREE: [string, string, string[]][] = [
  ['tickets', 'idx_tickets_priority_created', ['priority', 'created_at']],
  ['tickets', 'idx_tickets_type_created', ['ticket_type', 'created_at']],
  ['tickets', 'idx_tickets_server_created', ['target_server_uuid', 'created_at']],
  // Date ranges on another column than the order: the range, then a sort of its rows; with created_at
  // in the index that sort needs no row lookups (TicketsRepository.positions, rangeFirst).
  ['tickets', 'idx_tickets_scheduled_created', ['scheduled_date', 'created_at']],
  ['tickets', 'idx_tickets_completed_created', ['completed_at', 'created_at']],
  ['ticket_items', 'idx_ticket_items_serial', ['component_serial']],
];

/** One FTS5 table per indexed table, and the triggers that keep it in step. */
const FTS5: { table: string; fts: string; columns: string[] }[] = [
  { table: 'tickets', fts: 'tickets_fts', columns: ['title', 'description'] },
  { table: 'ticket_comments', fts: 'ticket_comments_fts', columns: ['comment'] },
];

export class ListSearchIndexes1765200100000 implements MigrationInterface {
  name = 'ListSearchIndexes1765200100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, name, columns] of BTREE) await queryRunner.createIndex(table, new TableIndex({ name, columnNames: columns }));
    if (engineOf(queryRunner) === 'mysql') {
      await queryRunner.query('ALTER TABLE `tickets` ADD FULLTEXT INDEX `ft_tickets_text` (`title`, `description`)');
      await queryRunner.query('ALTER TABLE `ticket_comments` ADD FULLTEXT INDEX `ft_ticket_comments_text` (`comment`)');
      return;
    }
    for (const { table, fts, columns } of FTS5) {
      const list = columns.join(', ');
      const newValues = columns.map((c) => `new.${c}`).join(', ');
      const oldValues = columns.map((c) => `old.${c}`).join(', ');
      // unicode61 with diacritics folded: "résumé" is found by "resume", as MariaDB's collation does.
      await queryRunner.query(`CREATE VIRTUAL TABLE ${fts} USING fts5(${list}, content='${table}', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`);
      await queryRunner.query(`CREATE TRIGGER ${fts}_insert AFTER INSERT ON ${table} BEGIN INSERT INTO ${fts}(rowid, ${list}) VALUES (new.id, ${newValues}); END`);
      await queryRunner.query(`CREATE TRIGGER ${fts}_delete AFTER DELETE ON ${table} BEGIN INSERT INTO ${fts}(${fts}, rowid, ${list}) VALUES ('delete', old.id, ${oldValues}); END`);
      await queryRunner.query(
        `CREATE TRIGGER ${fts}_update AFTER UPDATE OF ${list} ON ${table} BEGIN INSERT INTO ${fts}(${fts}, rowid, ${list}) VALUES ('delete', old.id, ${oldValues}); INSERT INTO ${fts}(rowid, ${list}) VALUES (new.id, ${newValues}); END`,
      );
      await queryRunner.query(`INSERT INTO ${fts}(${fts}) VALUES ('rebuild')`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (engineOf(queryRunner) === 'mysql') {
      await queryRunner.query('ALTER TABLE `ticket_comments` DROP INDEX `ft_ticket_comments_text`');
      await queryRunner.query('ALTER TABLE `tickets` DROP INDEX `ft_tickets_text`');
    } else {
      for (const { fts } of FTS5) {
        for (const event of ['insert', 'delete', 'update']) await queryRunner.query(`DROP TRIGGER IF EXISTS ${fts}_${event}`);
        await queryRunner.query(`DROP TABLE IF EXISTS ${fts}`);
      }
    }
    for (const [table, name] of [...BTREE].reverse()) await queryRunner.dropIndex(table, name);
  }
}
