import type { MigrationInterface, QueryRunner } from 'typeorm';
import { engineOf } from './schema-helpers';

/**
 * Issue 9, deep pages at 1M tickets (docs/decisions.md, "List totals"). Every list opens newest
 * first, and the indexes that serve that order stored created_at ascending: each page and each
 * capped count was a backward walk, which InnoDB does at about half the speed of a forward one
 * (page 1,000 of the unfiltered list, an offset of 49,950: 12 ms backward, 6.3 ms forward; the
 * 10,001-row capped count: 3.5–6 ms, 2.2 ms). These indexes now store `created_at DESC, id DESC`,
 * the list's order with its tiebreaker: InnoDB appends the primary key ascending, which would not
 * match `id DESC`, so the id is named. An oldest-first list walks them backward instead, as the
 * newest-first one did before. The date-range indexes (scheduled, completed) are read as a range
 * and sorted, so their direction does not matter and they stay.
 * On MariaDB each table is altered once, in place (other sessions read and write meanwhile).
 */
const INDEXES: [name: string, leading: string[]][] = [
  ['idx_created_at', []],
  ['idx_status_created', ['status']],
  ['idx_created_by_created', ['created_by']],
  ['idx_assigned_to_created', ['assigned_to']],
  ['idx_tickets_priority_created', ['priority']],
  ['idx_tickets_type_created', ['ticket_type']],
  ['idx_tickets_server_created', ['target_server_uuid']],
];

const quote = (engine: 'sqlite' | 'mysql', name: string) => (engine === 'mysql' ? `\`${name}\`` : `"${name}"`);

function columnsOf(engine: 'sqlite' | 'mysql', leading: string[], newestFirst: boolean): string {
  const q = (name: string) => quote(engine, name);
  const order = newestFirst ? [`${q('created_at')} DESC`, `${q('id')} DESC`] : [q('created_at')];
  return [...leading.map(q), ...order].join(', ');
}

async function rebuild(queryRunner: QueryRunner, newestFirst: boolean): Promise<void> {
  const engine = engineOf(queryRunner);
  if (engine === 'mysql') {
    // Drop and add in one statement: the foreign keys on created_by and assigned_to always have an index.
    const clauses = INDEXES.flatMap(([name, leading]) => [`DROP INDEX \`${name}\``, `ADD INDEX \`${name}\` (${columnsOf(engine, leading, newestFirst)})`]);
    await queryRunner.query(`ALTER TABLE \`tickets\` ${clauses.join(', ')}, ALGORITHM=INPLACE, LOCK=NONE`);
    return;
  }
  for (const [name, leading] of INDEXES) {
    await queryRunner.query(`DROP INDEX "${name}"`);
    await queryRunner.query(`CREATE INDEX "${name}" ON "tickets" (${columnsOf(engine, leading, newestFirst)})`);
  }
}

export class NewestFirstIndexes1765200300000 implements MigrationInterface {
  name = 'NewestFirstIndexes1765200300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await rebuild(queryRunner, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await rebuild(queryRunner, false);
  }
}
