import { DEFAULT_ROLE_GRANTS, PERMISSIONS, ROLES, type RoleName } from '@bdc/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_USERS } from '../src/seed/demo-data';
import { seedReferenceData } from '../src/seed/reference-data';
import { describeEachEngine } from './engines';
import { createTestApp, type TestApp } from './harness';

describeEachEngine('reference data', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  async function grantsInDb(): Promise<Record<string, string[]>> {
    const rows: { role: string; permission: string }[] = await t.dataSource.query(
      `SELECT r.name AS role, p.name AS permission FROM role_permissions rp
         JOIN roles r ON r.id = rp.role_id JOIN permissions p ON p.id = rp.permission_id
        WHERE rp.granted = 1 ORDER BY r.name, p.name`,
    );
    const out: Record<string, string[]> = {};
    for (const row of rows) (out[row.role] ??= []).push(row.permission);
    return out;
  }

  it('seeds every permission and role of the contracts', async () => {
    const permissions: { name: string }[] = await t.dataSource.query('SELECT name FROM permissions ORDER BY name');
    expect(permissions.map((p) => p.name)).toEqual([...PERMISSIONS].sort());
    const roles: { name: string }[] = await t.dataSource.query('SELECT name FROM roles ORDER BY name');
    expect(roles.map((r) => r.name)).toEqual([...ROLES].sort());
  });

  it('grants each role exactly DEFAULT_ROLE_GRANTS', async () => {
    const db = await grantsInDb();
    for (const role of ROLES) {
      expect(db[role] ?? [], role).toEqual([...DEFAULT_ROLE_GRANTS[role]].sort());
    }
  });

  it('is idempotent and leaves a grant an administrator removed alone', async () => {
    await t.dataSource.query(
      `DELETE FROM role_permissions WHERE role_id = (SELECT id FROM roles WHERE name = 'manager')
         AND permission_id = (SELECT id FROM permissions WHERE name = 'ticket.cancel')`,
    );
    const result = await seedReferenceData(t.dataSource);
    expect(result).toEqual({ rolesAdded: 0, permissionsAdded: 0, grantsAdded: 0 });
    const db = await grantsInDb();
    expect(db.manager).not.toContain('ticket.cancel');
    expect(db.admin).toEqual([...DEFAULT_ROLE_GRANTS.admin].sort());
  });

  it('gives the demo users their roles, in id order', async () => {
    const rows: { id: number; username: string; role: RoleName }[] = await t.dataSource.query(
      `SELECT u.id AS id, u.username AS username, r.name AS role FROM users u
         JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id ORDER BY u.id`,
    );
    expect(rows.map((r) => [Number(r.id), r.username, r.role])).toEqual(DEMO_USERS.map((u, i) => [i + 1, u.username, u.role]));
  });
});
