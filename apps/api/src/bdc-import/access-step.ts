import { DEFAULT_ROLE_GRANTS, type RoleName } from '@bdc/contracts';
import { PermissionEntity } from '../users/permission.entity';
import { RolePermissionEntity } from '../users/role-permission.entity';
import { RoleEntity } from '../users/role.entity';
import { UserPermissionEntity } from '../users/user-permission.entity';
import { UserRoleEntity } from '../users/user-role.entity';
import { UserEntity } from '../users/user.entity';
import { col, intCol, upsert, type ImportContext } from './context';
import { cleanText, fitText, isBcryptHash, mapDateTime, mapPermissionName, mapRoleName, mapUserStatus } from './mapping';
import { count, type TableReport } from './report';
import type { SourceRow } from './source';

/** A permission's or role's source id and cleaned name; null (the row recorded as skipped) without either. */
function idAndName(row: SourceRow, nameColumn: string, report: TableReport): { sourceId: number; name: string } | null {
  const sourceId = intCol(row, 'id');
  const name = cleanText(col(row, nameColumn));
  if (sourceId === null || name === null) {
    report.skipped.push({ row: `id ${String(row['id'])}`, reason: 'no id or no name' });
    return null;
  }
  return { sourceId, name };
}

export interface SourceAccessTables {
  permissions: SourceRow[] | null;
  aclPermissions: SourceRow[] | null;
  roles: SourceRow[] | null;
  aclRoles: SourceRow[] | null;
  rolePermissions: SourceRow[] | null;
  users: SourceRow[] | null;
  userRoles: SourceRow[] | null;
  userPermissions: SourceRow[] | null;
}

/** Source ids (per BDC IMS table) → our ids, for the steps that follow. */
export interface AccessIds {
  permissions: Map<number, number>;
  roles: Map<number, number>;
  aclRoles: Map<number, number>;
  users: Map<number, number>;
}

/**
 * Permissions, roles, role grants, users and their roles and personal grants. Natural keys:
 * permission name, role name, username (case-insensitive, as BDC IMS's collation compares them).
 */
export async function importAccess(ctx: ImportContext, src: SourceAccessTables): Promise<AccessIds> {
  const { manager } = ctx;
  const ids: AccessIds = { permissions: new Map(), roles: new Map(), aclRoles: new Map(), users: new Map() };

  const permissionsByName = new Map((await manager.find(PermissionEntity)).map((p) => [p.name.toLowerCase(), p]));
  const importPermission = (nameColumn: string, into: Map<number, number> | null) =>
    async (row: SourceRow, report: TableReport) => {
      const named = idAndName(row, nameColumn, report);
      if (!named) return;
      const { sourceId, name } = named;
      const ours = mapPermissionName(name);
      const existing = permissionsByName.get((ours ?? name).toLowerCase());
      if (ours !== null && existing) {
        // One of ours: its label is the catalog's (the boot seed would put it back anyway).
        if (ours !== name) report.warnings.push({ row: `permission ${name}`, reason: `mapped onto ${ours}` });
        into?.set(sourceId, existing.id);
        count(report, 'unchanged');
        return;
      }
      if (name.length > 100) {
        report.skipped.push({ row: `permission ${name.slice(0, 40)}…`, reason: 'name longer than 100 characters' });
        return;
      }
      const desired = {
        displayName: fitText(cleanText(col(row, 'display_name')) ?? name, 150) ?? name,
        description: cleanText(col(row, 'description')),
        category: fitText(cleanText(col(row, 'category')) ?? 'general', 50) ?? 'general',
        isBasic: intCol(row, 'is_basic') === 1,
      };
      const { id, outcome } = await upsert(manager, PermissionEntity, existing, desired, { name });
      if (!existing) permissionsByName.set(name.toLowerCase(), { ...desired, id, name, createdAt: new Date() });
      into?.set(sourceId, id);
      count(report, outcome);
    };
  await ctx.table('permissions', src.permissions, importPermission('name', ids.permissions));
  // acl_permissions has no grant table of its own in BDC IMS: its names are kept; its ids stand in
  // for those of `permissions` only in a database that has no `permissions` table.
  await ctx.table('acl_permissions', src.aclPermissions, importPermission('permission_name', src.permissions === null ? ids.permissions : null));

  const rolesByName = new Map((await manager.find(RoleEntity)).map((r) => [r.name.toLowerCase(), r]));
  /** Our catalog roles that an imported role corresponds to: they get our default grants added. */
  const correspondingRoles = new Map<number, RoleName>();
  const importRole = (nameColumn: string, into: Map<number, number>) =>
    async (row: SourceRow, report: TableReport) => {
      const named = idAndName(row, nameColumn, report);
      if (!named) return;
      const { sourceId, name } = named;
      const catalogRole = mapRoleName(name);
      const existing = rolesByName.get(name.toLowerCase());
      if (catalogRole !== null && existing) {
        correspondingRoles.set(existing.id, catalogRole);
        into.set(sourceId, existing.id);
        count(report, 'unchanged');
        return;
      }
      if (name.length > 50) {
        report.skipped.push({ row: `role ${name.slice(0, 40)}…`, reason: 'name longer than 50 characters' });
        return;
      }
      const desired = {
        displayName: fitText(cleanText(col(row, 'display_name')) ?? name, 100) ?? name,
        description: cleanText(col(row, 'description')),
        isDefault: intCol(row, 'is_default') === 1,
        isSystem: intCol(row, 'is_system') === 1,
      };
      const { id, outcome } = await upsert(manager, RoleEntity, existing, desired, { name });
      if (!existing) rolesByName.set(name.toLowerCase(), { ...desired, id, name, createdAt: new Date(), updatedAt: new Date() });
      into.set(sourceId, id);
      count(report, outcome);
    };
  await ctx.table('roles', src.roles, importRole('name', ids.roles));
  await ctx.table('acl_roles', src.aclRoles, importRole('role_name', ids.aclRoles));
  // Grants and user roles refer to `roles`; an older BDC IMS with only acl_roles refers to those.
  if (src.roles === null) for (const [sourceId, id] of ids.aclRoles) ids.roles.set(sourceId, id);

  await importRoleGrants(ctx, src.rolePermissions, ids, correspondingRoles);
  await importUsers(ctx, src.users, ids);
  await importUserGrants(ctx, src, ids);
  return ids;
}

async function importRoleGrants(ctx: ImportContext, rows: SourceRow[] | null, ids: AccessIds, corresponding: Map<number, RoleName>): Promise<void> {
  const { manager } = ctx;
  const existing = new Map((await manager.find(RolePermissionEntity)).map((g) => [`${g.roleId}:${g.permissionId}`, g]));
  // Several BDC IMS permissions can fold into one of ours (cpu.view, ram.view → inventory.view):
  // the grant is given if any of them was granted. Decided over all rows first, then written.
  const desired = new Map<string, { roleId: number; permissionId: number; granted: boolean; first: SourceRow }>();
  for (const row of rows ?? []) {
    const roleId = ids.roles.get(intCol(row, 'role_id') ?? -1);
    const permissionId = ids.permissions.get(intCol(row, 'permission_id') ?? -1);
    if (roleId === undefined || permissionId === undefined) continue;
    const key = `${roleId}:${permissionId}`;
    const granted = row['granted'] === null || row['granted'] === undefined ? true : Number(row['granted']) === 1;
    const current = desired.get(key);
    if (current) current.granted ||= granted;
    else desired.set(key, { roleId, permissionId, granted, first: row });
  }
  await ctx.table('role_permissions', rows, async (row, report) => {
    const roleSourceId = intCol(row, 'role_id');
    const roleId = ids.roles.get(roleSourceId ?? -1);
    const permissionId = ids.permissions.get(intCol(row, 'permission_id') ?? -1);
    if (roleId === undefined) return void report.skipped.push({ row: `id ${String(row['id'])}`, reason: `role ${String(row['role_id'])} does not exist in the source` });
    if (permissionId === undefined)
      return void report.skipped.push({ row: `id ${String(row['id'])}`, reason: `permission ${String(row['permission_id'])} does not exist in the source` });
    const key = `${roleId}:${permissionId}`;
    const want = desired.get(key);
    if (!want || want.first !== row) return count(report, 'unchanged');
    const { id, outcome } = await upsert(manager, RolePermissionEntity, existing.get(key), { granted: want.granted }, { roleId, permissionId });
    existing.set(key, { id, roleId, permissionId, granted: want.granted, createdAt: new Date() });
    count(report, outcome);
  });

  // The guide's ticket permissions and our platform grants, added to the imported roles that are
  // ours by name. A pair BDC IMS decided (granted or denied) is left as BDC IMS has it.
  const permissionIds = new Map((await manager.find(PermissionEntity)).map((p) => [p.name, p.id]));
  const defaults: { roleId: number; permissionId: number }[] = [];
  for (const [roleId, role] of corresponding) {
    for (const permission of DEFAULT_ROLE_GRANTS[role]) {
      const permissionId = permissionIds.get(permission);
      if (permissionId !== undefined) defaults.push({ roleId, permissionId });
    }
  }
  await ctx.table('role grants of this product', defaults.map((d) => ({ ...d })), async (row, report) => {
    const roleId = Number(row['roleId']);
    const permissionId = Number(row['permissionId']);
    const key = `${roleId}:${permissionId}`;
    if (existing.has(key)) return count(report, 'unchanged');
    const { id, outcome } = await upsert(manager, RolePermissionEntity, undefined, { granted: true }, { roleId, permissionId });
    existing.set(key, { id, roleId, permissionId, granted: true, createdAt: new Date() });
    count(report, outcome);
  });
}

async function importUsers(ctx: ImportContext, rows: SourceRow[] | null, ids: AccessIds): Promise<void> {
  const { manager } = ctx;
  const all = await manager.find(UserEntity);
  const byId = new Map(all.map((u) => [u.id, u]));
  const byName = new Map(all.map((u) => [u.username.toLowerCase(), u]));
  await ctx.table('users', rows, async (row, report) => {
    const sourceId = intCol(row, 'id');
    const username = cleanText(col(row, 'username'));
    const label = `id ${String(row['id'])}${username ? ` (${username})` : ''}`;
    if (sourceId === null || username === null) return void report.skipped.push({ row: label, reason: 'no id or no username' });
    if (username.length > 30) return void report.skipped.push({ row: label, reason: 'username longer than 30 characters' });
    const password = col(row, 'password') ?? '';
    const mappedId = ctx.ids.get('users', sourceId);
    const current = (mappedId !== undefined ? byId.get(mappedId) : undefined) ?? byName.get(username.toLowerCase());
    const desired = {
      firstName: fitText(cleanText(col(row, 'firstname')), 255),
      lastName: fitText(cleanText(col(row, 'lastname')), 255),
      // Kept as BDC IMS stored it: a `$2y$` bcrypt hash verifies here as it is.
      passwordHash: password,
      email: fitText(cleanText(col(row, 'email')) ?? '', 100) ?? '',
      status: mapUserStatus(col(row, 'status')),
    };
    if (!isBcryptHash(password)) {
      report.warnings.push({ row: label, reason: 'password is not a bcrypt hash: this user cannot sign in until an administrator resets it' });
    }
    const createdAt = mapDateTime(row['created_at']);
    const { id, outcome } = await upsert(manager, UserEntity, current, desired, { username, ...(createdAt ? { createdAt } : {}) });
    if (!current) {
      const created = { ...desired, id, username, createdAt: createdAt ?? new Date() };
      byId.set(id, created);
      byName.set(username.toLowerCase(), created);
    }
    await ctx.ids.set('users', sourceId, id);
    ids.users.set(sourceId, id);
    count(report, outcome);
  });
}

async function importUserGrants(ctx: ImportContext, src: SourceAccessTables, ids: AccessIds): Promise<void> {
  const { manager } = ctx;
  const roleLinks = new Set((await manager.find(UserRoleEntity)).map((l) => `${l.userId}:${l.roleId}`));
  await ctx.table('user_roles', src.userRoles, async (row, report) => {
    const label = `id ${String(row['id'])}`;
    const userId = ids.users.get(intCol(row, 'user_id') ?? -1);
    const roleId = ids.roles.get(intCol(row, 'role_id') ?? -1);
    if (userId === undefined) return void report.skipped.push({ row: label, reason: `user ${String(row['user_id'])} was not imported` });
    if (roleId === undefined) return void report.skipped.push({ row: label, reason: `role ${String(row['role_id'])} was not imported` });
    const key = `${userId}:${roleId}`;
    if (roleLinks.has(key)) return count(report, 'unchanged');
    const assignedAt = mapDateTime(row['assigned_at']);
    await manager.insert(UserRoleEntity, {
      userId,
      roleId,
      assignedBy: ids.users.get(intCol(row, 'assigned_by') ?? -1) ?? null,
      ...(assignedAt ? { assignedAt } : {}),
    });
    roleLinks.add(key);
    count(report, 'imported');
  });

  const grants = new Set((await manager.find(UserPermissionEntity)).map((g) => `${g.userId}:${g.permissionId}`));
  await ctx.table('user_permissions', src.userPermissions, async (row, report) => {
    const label = `id ${String(row['id'])}`;
    const userId = ids.users.get(intCol(row, 'user_id') ?? -1);
    const permissionId = ids.permissions.get(intCol(row, 'permission_id') ?? -1);
    if (userId === undefined) return void report.skipped.push({ row: label, reason: `user ${String(row['user_id'])} was not imported` });
    if (permissionId === undefined) return void report.skipped.push({ row: label, reason: `permission ${String(row['permission_id'])} does not exist in the source` });
    const key = `${userId}:${permissionId}`;
    if (grants.has(key)) return count(report, 'unchanged');
    await manager.insert(UserPermissionEntity, { userId, permissionId });
    grants.add(key);
    count(report, 'imported');
  });
}
