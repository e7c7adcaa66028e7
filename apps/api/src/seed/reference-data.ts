import { DEFAULT_ROLE_GRANTS, PERMISSION_CATALOG, ROLE_CATALOG } from '@bdc/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { PermissionEntity } from '../users/permission.entity';
import { RolePermissionEntity } from '../users/role-permission.entity';
import { RoleEntity } from '../users/role.entity';

export interface ReferenceDataResult {
  rolesAdded: number;
  permissionsAdded: number;
  grantsAdded: number;
}

/**
 * Roles, permissions and the default role grants from contracts. Runs at every boot, so it only adds
 * what is missing and refreshes labels: a grant an administrator removed from a role on purpose is
 * not the seed's business once the role exists, but a new permission reaches existing databases.
 */
export async function seedReferenceData(dataSource: DataSource): Promise<ReferenceDataResult> {
  return dataSource.transaction(async (manager) => upsertReferenceData(manager));
}

async function upsertReferenceData(manager: EntityManager): Promise<ReferenceDataResult> {
  const result: ReferenceDataResult = { rolesAdded: 0, permissionsAdded: 0, grantsAdded: 0 };

  const existingPermissions = new Map((await manager.find(PermissionEntity)).map((p) => [p.name, p]));
  for (const def of PERMISSION_CATALOG) {
    const current = existingPermissions.get(def.name);
    if (!current) {
      await manager.insert(PermissionEntity, {
        name: def.name,
        displayName: def.displayName,
        description: def.description,
        category: def.category,
        isBasic: def.isBasic,
      });
      result.permissionsAdded++;
    } else if (current.displayName !== def.displayName || current.description !== def.description || current.category !== def.category) {
      await manager.update(PermissionEntity, { id: current.id }, { displayName: def.displayName, description: def.description, category: def.category });
    }
  }

  const existingRoles = new Map((await manager.find(RoleEntity)).map((r) => [r.name, r]));
  const newRoles = new Set<string>();
  for (const def of ROLE_CATALOG) {
    const current = existingRoles.get(def.name);
    if (!current) {
      await manager.insert(RoleEntity, {
        name: def.name,
        displayName: def.displayName,
        description: def.description,
        isDefault: def.isDefault,
        isSystem: true,
      });
      newRoles.add(def.name);
      result.rolesAdded++;
    } else if (current.displayName !== def.displayName || current.description !== def.description) {
      await manager.update(RoleEntity, { id: current.id }, { displayName: def.displayName, description: def.description });
    }
  }

  const roleIds = new Map((await manager.find(RoleEntity)).map((r) => [r.name, r.id]));
  const permissionIds = new Map((await manager.find(PermissionEntity)).map((p) => [p.name, p.id]));
  const permissionAddedNow = new Set(
    PERMISSION_CATALOG.filter((def) => !existingPermissions.has(def.name)).map((def) => def.name as string),
  );
  const existingGrants = new Set((await manager.find(RolePermissionEntity)).map((g) => `${g.roleId}:${g.permissionId}`));
  const toInsert: Pick<RolePermissionEntity, 'roleId' | 'permissionId' | 'granted'>[] = [];
  for (const def of ROLE_CATALOG) {
    const roleId = roleIds.get(def.name);
    if (roleId === undefined) continue;
    for (const permission of DEFAULT_ROLE_GRANTS[def.name]) {
      const permissionId = permissionIds.get(permission);
      if (permissionId === undefined) continue;
      // Grants are filled for new roles and for new permissions; existing pairs are left alone.
      if (!newRoles.has(def.name) && !permissionAddedNow.has(permission) && existingGrantsOfRole(existingGrants, roleId)) continue;
      if (existingGrants.has(`${roleId}:${permissionId}`)) continue;
      toInsert.push({ roleId, permissionId, granted: true });
    }
  }
  if (toInsert.length > 0) {
    await manager.insert(RolePermissionEntity, toInsert);
    result.grantsAdded = toInsert.length;
  }
  return result;
}

/** Whether the role already has any grant row, i.e. it was seeded (and maybe curated) before. */
function existingGrantsOfRole(existing: Set<string>, roleId: number): boolean {
  const prefix = `${roleId}:`;
  for (const key of existing) if (key.startsWith(prefix)) return true;
  return false;
}
