import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { engineOf, int } from './schema-helpers';

/**
 * Issue 9, cached grants (docs/decisions.md, "Auth": grants cached per process against
 * access_version). One row whose `version` every write that can change what someone may do bumps in
 * its own transaction, through triggers: a user's status or email (the approvers' notification rows
 * carry the address), a user added or removed, role memberships, role grants, personal grants and
 * denials, and the names of roles and permissions. Triggers rather than a bump in each writing
 * service, so a write nobody thought of (an operator's SQL, a future import step) invalidates too.
 * Each trigger body is one statement, so MariaDB needs no BEGIN … END (and no client DELIMITER).
 */
const GRANT_TABLES = ['user_roles', 'role_permissions', 'user_permissions', 'roles', 'permissions'];
const EVENTS = ['insert', 'update', 'delete'] as const;
const BUMP = 'UPDATE access_version SET version = version + 1 WHERE id = 1';

/** Every trigger: name, table, event, and the condition on OLD/NEW (users: only status and email matter). */
function triggers(): { name: string; table: string; event: (typeof EVENTS)[number]; columns?: string[] }[] {
  return [
    ...GRANT_TABLES.flatMap((table) => EVENTS.map((event) => ({ name: `access_version_${table}_${event}`, table, event }))),
    ...EVENTS.map((event) => ({ name: `access_version_users_${event}`, table: 'users', event, ...(event === 'update' ? { columns: ['status', 'email'] } : {}) })),
  ];
}

export class AccessVersion1765300000000 implements MigrationInterface {
  name = 'AccessVersion1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({ name: 'access_version', columns: [{ name: 'id', type: 'integer', isPrimary: true, isNullable: false }, int('version', { default: 0 })] }), true);
    await queryRunner.query('INSERT INTO access_version (id, version) VALUES (1, 0)');
    const mysql = engineOf(queryRunner) === 'mysql';
    for (const { name, table, event, columns } of triggers()) {
      const when = columns?.map((c) => (mysql ? `NOT (NEW.${c} <=> OLD.${c})` : `NEW.${c} IS NOT OLD.${c}`)).join(' OR ');
      if (mysql) {
        // The condition in the UPDATE's WHERE: an UPDATE of users that changes neither (a password) locks nothing.
        await queryRunner.query(`CREATE TRIGGER ${name} AFTER ${event.toUpperCase()} ON ${table} FOR EACH ROW ${BUMP}${when ? ` AND (${when})` : ''}`);
      } else {
        const of = columns ? ` OF ${columns.join(', ')}` : '';
        await queryRunner.query(`CREATE TRIGGER ${name} AFTER ${event.toUpperCase()}${of} ON ${table} FOR EACH ROW${when ? ` WHEN ${when}` : ''} BEGIN ${BUMP}; END`);
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { name } of triggers().reverse()) await queryRunner.query(`DROP TRIGGER IF EXISTS ${name}`);
    await queryRunner.dropTable('access_version', true);
  }
}
