import { Injectable } from '@nestjs/common';
import {
  BUILT_IN_ROLE_KEEPS,
  PERMISSIONS,
  type AccessAuditAction,
  type AccessAuditEntry,
  type AccessAuditQuery,
  type AccessAuditTarget,
  type AccessMatrix,
  type AccessSource,
  type CreateRoleRequest,
  type CreateUserRequest,
  type ListResult,
  type Page,
  type Permission,
  type RoleView,
  type UpdateRoleRequest,
  type UpdateUserRequest,
  type UserPermissionsView,
} from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../access/auth-context';
import { AuthService } from '../auth/auth.service';
import { hashPassword } from '../auth/password';
import { passwordProblem } from '../auth/password-rules';
import { DomainError, fieldError } from '../common/domain-error';
import { DatabaseService } from '../database/database.service';
import { displayNameOf, toUserListEntry, type UserListEntry } from '../users/users.dto';
import { UsersRepository } from '../users/users.repository';
import { USER_ACTIVE, UsersService } from '../users/users.service';
import type { RoleEntity } from '../users/role.entity';
import type { UserEntity } from '../users/user.entity';
import type { AccessAuditEntity } from './access-audit.entity';
import { AccessAuditRepository } from './access-audit.repository';

const USER_DISABLED = 'disabled';
const MANAGE: Permission = 'user.manage';

/**
 * What an administrator (`user.manage`) changes about access: users (new, edited, status, password,
 * roles, personal grants and denials) and roles (new, renamed, their grants, deleted). Every change
 * runs in one transaction with its audit row, and none may leave the system without an active
 * administrator or take the caller's own user.manage away (see guarded).
 */
@Injectable()
export class AccessAdminService {
  constructor(
    private readonly users: UsersRepository,
    private readonly audit: AccessAuditRepository,
    private readonly auth: AuthService,
    private readonly db: DatabaseService,
    private readonly usersService: UsersService,
  ) {}

  /** Disabling ends the user's sessions; their API tokens stop working with them (the guard refuses disabled owners). */
  async setStatus(auth: AuthContext, userId: number, enabled: boolean): Promise<UserListEntry> {
    return this.changeAccess(async (manager) => {
      const user = await this.mustFind(userId, manager);
      const status = enabled ? USER_ACTIVE : USER_DISABLED;
      if (user.status !== status) {
        if (!enabled && user.id === auth.id) throw new DomainError('CONFLICT', 'You cannot disable your own account');
        await this.guarded(auth, manager, `Cannot disable ${user.username}: they are the last active user with user.manage`, () =>
          this.users.updateStatus(user.id, status, manager),
        );
        if (!enabled) await this.auth.endAllSessionsOf(user.id, manager);
        await this.record(auth, enabled ? 'user.enabled' : 'user.disabled', user, { status: user.status }, { status }, manager);
      }
      const roles = (await this.users.grantsOf(user.id, manager)).roles;
      return toUserListEntry({ ...user, status }, roles, (await this.users.lastLogins([user.id], manager)).get(user.id) ?? null);
    });
  }

  /** Sets a new password (same rules as an own change) and ends every session of the user. */
  async resetPassword(auth: AuthContext, userId: number, newPassword: string): Promise<void> {
    const user = await this.mustFind(userId);
    // Through this route the caller's own session would end too: their own change keeps it.
    if (user.id === auth.id) throw new DomainError('CONFLICT', 'Change your own password with Change password (POST /api/auth/password)');
    const problem = passwordProblem(newPassword, user.username);
    if (problem) throw fieldError('newPassword', problem);
    const passwordHash = await hashPassword(newPassword);
    await this.changeAccess(async (manager) => {
      await this.mustFind(userId, manager);
      await this.usersService.setPasswordHash(user.id, passwordHash, manager);
      await this.auth.endAllSessionsOf(user.id, manager);
      // The audit never holds a password or its hash: only that it was set.
      await this.record(auth, 'user.password_reset', user, null, { passwordSet: true }, manager);
    });
  }

  async permissions(userId: number): Promise<UserPermissionsView> {
    const user = await this.mustFind(userId);
    return this.view(user.id);
  }

  /** Replaces the user's personal grants and denials; a denial removes what the user's roles give. */
  async setPermissions(auth: AuthContext, userId: number, grants: Permission[], denials: Permission[]): Promise<UserPermissionsView> {
    const grantSet = [...new Set(grants)].sort();
    const denialSet = [...new Set(denials)].sort();
    const both = grantSet.filter((p) => denialSet.includes(p));
    if (both.length > 0) {
      throw fieldError('denials', `${both.join(', ')} cannot be both granted and denied`);
    }
    return this.changeAccess(async (manager) => {
      const user = await this.mustFind(userId, manager);
      const before = await this.view(user.id, manager);
      await this.guarded(auth, manager, `Cannot remove user.manage from ${user.username}: they are the last active user with it`, () =>
        this.users.replacePersonalPermissions(user.id, grantSet, denialSet, manager),
      );
      const after = await this.view(user.id, manager);
      await this.record(
        auth,
        'user.permissions_changed',
        user,
        { grants: before.grants, denials: before.denials },
        { grants: after.grants, denials: after.denials },
        manager,
      );
      return after;
    });
  }

  /** A new active user with the given roles; the password follows the rules of an own change. */
  async createUser(auth: AuthContext, body: CreateUserRequest): Promise<UserListEntry> {
    const problem = passwordProblem(body.password, body.username);
    if (problem) throw fieldError('password', problem);
    const roleNames = [...new Set(body.roles)].sort();
    const passwordHash = await hashPassword(body.password);
    return this.changeAccess(async (manager) => {
      const roles = await this.mustFindRoles(roleNames, manager);
      if (await this.users.usernameTaken(body.username, manager)) throw taken('username', `The username ${body.username} is taken`);
      const fields = { username: body.username, email: body.email, firstName: body.firstName, lastName: body.lastName };
      const id = await this.users.insertUser({ ...fields, passwordHash }, manager);
      await this.users.replaceUserRoles(id, roles.map((r) => r.id), auth.id, manager);
      const user = await this.mustFind(id, manager);
      // Never the password or its hash: only that one was set.
      await this.record(auth, 'user.created', user, null, { ...fields, roles: roleNames, passwordSet: true }, manager);
      return toUserListEntry(user, roleNames, null);
    });
  }

  /** Names, email and roles; the audit row holds only what changed. */
  async updateUser(auth: AuthContext, userId: number, body: UpdateUserRequest): Promise<UserListEntry> {
    return this.changeAccess(async (manager) => {
      const user = await this.mustFind(userId, manager);
      const beforeRoles = (await this.users.grantsOf(user.id, manager)).roles;
      const patch: Partial<Pick<UserEntity, 'email' | 'firstName' | 'lastName'>> = {};
      for (const key of ['email', 'firstName', 'lastName'] as const) {
        const value = body[key];
        if (value !== undefined && value !== user[key]) patch[key] = value;
      }
      await this.users.updateUser(user.id, patch, manager);
      const before: Record<string, unknown> = Object.fromEntries(Object.keys(patch).map((k) => [k, user[k as keyof typeof patch]]));
      const after: Record<string, unknown> = { ...patch };
      if (body.roles !== undefined) {
        const roleNames = [...new Set(body.roles)].sort();
        if (roleNames.join('\n') !== beforeRoles.join('\n')) {
          const roles = await this.mustFindRoles(roleNames, manager);
          await this.guarded(auth, manager, `Cannot change the roles of ${user.username}: they are the last active user with user.manage`, () =>
            this.users.replaceUserRoles(user.id, roles.map((r) => r.id), auth.id, manager),
          );
          before.roles = beforeRoles;
          after.roles = roleNames;
        }
      }
      if (Object.keys(after).length > 0) await this.record(auth, 'user.updated', user, before, after, manager);
      const updated = await this.mustFind(user.id, manager);
      const roles = (await this.users.grantsOf(user.id, manager)).roles;
      return toUserListEntry(updated, roles, (await this.users.lastLogins([user.id], manager)).get(user.id) ?? null);
    });
  }

  async roles(): Promise<ListResult<RoleView>> {
    const rows = await this.users.rolesWithGrants();
    return { items: rows.map(toRoleView), total: rows.length };
  }

  async createRole(auth: AuthContext, body: CreateRoleRequest): Promise<RoleView> {
    const permissions = [...new Set(body.permissions)].sort();
    return this.changeAccess(async (manager) => {
      if (await this.users.findRole({ name: body.name }, manager)) throw taken('name', `A role named ${body.name} exists already`);
      const id = await this.users.insertRole({ name: body.name, displayName: body.displayName, description: body.description ?? null }, manager);
      await this.users.replaceRolePermissions(id, permissions, manager);
      const view = await this.mustFindRoleView(id, manager);
      await this.recordOn(auth, 'role.created', 'role', { id, label: view.name }, null, roleState(view), manager);
      return view;
    });
  }

  /**
   * Display name, description and grants. A built-in role keeps its name and description (the seed
   * owns them) and the grants BUILT_IN_ROLE_KEEPS lists; taking user.manage from a role is refused
   * when it would leave nobody (or not the caller) with it. Its users see the change on their next request.
   */
  async updateRole(auth: AuthContext, roleId: number, body: UpdateRoleRequest): Promise<RoleView> {
    return this.changeAccess(async (manager) => {
      const before = await this.mustFindRoleView(roleId, manager);
      const patch: Partial<Pick<RoleEntity, 'displayName' | 'description'>> = {};
      if (body.displayName !== undefined && body.displayName !== before.displayName) patch.displayName = body.displayName;
      if (body.description !== undefined && (body.description ?? null) !== before.description) patch.description = body.description ?? null;
      if (before.builtIn && Object.keys(patch).length > 0) {
        throw new DomainError('CONFLICT', `${before.displayName} is a built-in role: its name and description cannot be changed`);
      }
      await this.users.updateRole(roleId, patch, manager);
      const permissions = body.permissions === undefined ? before.permissions : [...new Set(body.permissions)].sort();
      const kept = before.lockedPermissions.filter((p) => !permissions.includes(p));
      if (kept.length > 0) throw new DomainError('CONFLICT', `${before.displayName} is a built-in role and keeps ${kept.join(', ')}`);
      if (permissions.join('\n') !== before.permissions.join('\n')) {
        await this.guarded(auth, manager, `Cannot take user.manage from ${before.displayName}: no active user would have it`, () =>
          this.users.replaceRolePermissions(roleId, permissions, manager),
        );
      }
      const after = await this.mustFindRoleView(roleId, manager);
      const diff = roleDiff(before, after);
      if (diff) await this.recordOn(auth, 'role.updated', 'role', { id: roleId, label: after.name }, diff.before, diff.after, manager);
      return after;
    });
  }

  /** Refused (409) for a built-in role, a role users still hold, or one whose queue holds tickets: nothing is reassigned silently. */
  async deleteRole(auth: AuthContext, roleId: number): Promise<void> {
    await this.changeAccess(async (manager) => {
      const view = await this.mustFindRoleView(roleId, manager);
      if (view.builtIn) throw new DomainError('CONFLICT', `${view.displayName} is a built-in role and cannot be deleted`);
      const usage = await this.users.roleUsage({ id: roleId, name: view.name }, manager);
      if (usage.users > 0) throw new DomainError('CONFLICT', `${view.displayName} is held by ${plural(usage.users, 'user')}: take it from them first`);
      if (usage.tickets > 0) {
        throw new DomainError('CONFLICT', `${plural(usage.tickets, 'ticket')} in the queue of ${view.displayName}: reassign ${usage.tickets === 1 ? 'it' : 'them'} first`);
      }
      await this.users.deleteRole(roleId, manager);
      await this.recordOn(auth, 'role.deleted', 'role', { id: roleId, label: view.name }, roleState(view), null, manager);
    });
  }

  private async mustFindRoles(names: readonly string[], manager: EntityManager): Promise<RoleEntity[]> {
    const roles = await this.users.findRolesByName(names, manager);
    const unknown = names.filter((n) => !roles.some((r) => r.name === n));
    if (unknown.length > 0) throw fieldError('roles', `unknown role ${unknown.join(', ')}`);
    return roles;
  }

  private async mustFindRoleView(roleId: number, manager: EntityManager): Promise<RoleView> {
    const row = (await this.users.rolesWithGrants(manager)).find((r) => r.role.id === roleId);
    if (!row) throw new DomainError('NOT_FOUND', `Role ${roleId} not found`);
    return toRoleView(row);
  }

  /**
   * A transaction for a change to access. Its first statement locks user.manage's permission row, so
   * changes to access queue behind each other and each one's reads (taken after the lock, so MariaDB's
   * snapshot starts there) see what the one before committed: two administrators demoting each other
   * at once cannot both see the other keep user.manage.
   */
  private changeAccess<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (manager) => {
      await this.users.lockPermission(MANAGE, manager);
      return work(manager);
    });
  }

  /** Permissions × users: whether each user may, and why (their roles, a personal grant, a denial). */
  async matrix(): Promise<AccessMatrix> {
    const users = await this.users.listAll();
    const { viaRoles, personal } = await this.users.accessRows();
    const sources = new Map<string, AccessSource[]>();
    const add = (userId: number, permission: string, source: AccessSource) => sources.set(`${userId}:${permission}`, [...(sources.get(`${userId}:${permission}`) ?? []), source]);
    for (const r of viaRoles) add(r.userId, r.permission, { kind: 'role', role: r.role });
    for (const p of personal) add(p.userId, p.permission, p.granted ? { kind: 'grant' } : { kind: 'denied' });
    return {
      permissions: [...PERMISSIONS],
      users: users.map((u) => {
        const cells: AccessMatrix['users'][number]['cells'] = {};
        for (const permission of PERMISSIONS) {
          const list = sources.get(`${u.id}:${permission}`);
          if (!list) continue;
          cells[permission] = { allowed: !list.some((s) => s.kind === 'denied'), sources: list };
        }
        return { id: u.id, username: u.username, displayName: displayNameOf(u), status: u.status, cells };
      }),
    };
  }

  async auditPage(query: AccessAuditQuery): Promise<Page<AccessAuditEntry>> {
    const { rows, total, page, pageSize } = await this.audit.page(query);
    return { items: rows.map(toAuditEntry), total, page, pageSize };
  }

  private async view(userId: number, manager?: EntityManager): Promise<UserPermissionsView> {
    const personal = await this.users.personalPermissions(userId, manager);
    const effective = (await this.users.grantsOf(userId, manager)).permissions;
    return { userId, grants: personal.grants, denials: personal.denials, effective };
  }

  /**
   * Runs `change` (inside the caller's transaction) and refuses it, 409 and rolled back, if afterwards
   * the caller no longer holds user.manage or no active user does. Every path that can take user.manage
   * away (a user's status, roles, grants and denials; a role's grants) goes through here, so the rule
   * is checked on the state after the change rather than predicted per path. Only inside changeAccess.
   */
  private async guarded<T>(auth: AuthContext, manager: EntityManager, lastAdminMessage: string, change: () => Promise<T>): Promise<T> {
    const before = await this.users.activeUsersWithPermission(MANAGE, manager);
    const result = await change();
    const after = new Set((await this.users.activeUsersWithPermission(MANAGE, manager)).map((u) => u.id));
    if (before.some((u) => u.id === auth.id) && !after.has(auth.id)) {
      throw new DomainError('CONFLICT', 'You cannot remove user.manage from yourself: you would lock yourself out');
    }
    if (before.length > 0 && after.size === 0) throw new DomainError('CONFLICT', lastAdminMessage);
    return result;
  }

  private async mustFind(userId: number, manager?: EntityManager): Promise<UserEntity> {
    const user = await this.users.findById(userId, manager);
    if (!user) throw new DomainError('USER_NOT_FOUND', `User ${userId} not found`);
    return user;
  }

  private record(auth: AuthContext, action: AccessAuditAction, user: UserEntity, before: object | null, after: object | null, manager: EntityManager): Promise<void> {
    return this.recordOn(auth, action, 'user', { id: user.id, label: user.username }, before, after, manager);
  }

  private recordOn(
    auth: AuthContext,
    action: AccessAuditAction,
    targetType: AccessAuditTarget,
    target: { id: number; label: string },
    before: object | null,
    after: object | null,
    manager: EntityManager,
  ): Promise<void> {
    return this.audit.insert(
      { actorId: auth.id, actorUsername: auth.username, action, targetType, targetId: target.id, targetLabel: target.label, before, after },
      manager,
    );
  }
}

function toAuditEntry(row: AccessAuditEntity): AccessAuditEntry {
  return {
    id: row.id,
    actorId: row.actorId,
    actorUsername: row.actorUsername,
    action: row.action as AccessAuditAction,
    targetType: row.targetType as AccessAuditEntry['targetType'],
    targetId: row.targetId,
    targetLabel: row.targetLabel,
    before: row.before ?? null,
    after: row.after ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

function toRoleView({ role, permissions, userCount }: { role: RoleEntity; permissions: Permission[]; userCount: number }): RoleView {
  const builtIn = role.isSystem;
  const keeps = builtIn ? ((BUILT_IN_ROLE_KEEPS as Record<string, readonly Permission[] | undefined>)[role.name] ?? []) : [];
  return {
    id: role.id,
    name: role.name,
    displayName: role.displayName,
    description: role.description,
    builtIn,
    isDefault: role.isDefault,
    permissions,
    lockedPermissions: [...keeps],
    userCount,
  };
}

function roleState(view: RoleView): object {
  return { name: view.name, displayName: view.displayName, description: view.description, permissions: view.permissions };
}

/** What changed, field by field; grants as the lists before and after plus what was added and removed. */
function roleDiff(before: RoleView, after: RoleView): { before: object; after: object } | null {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of ['displayName', 'description'] as const) {
    if (before[key] !== after[key]) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  const added = after.permissions.filter((p) => !before.permissions.includes(p));
  const removed = before.permissions.filter((p) => !after.permissions.includes(p));
  if (added.length > 0 || removed.length > 0) {
    b.permissions = before.permissions;
    a.permissions = after.permissions;
    a.added = added;
    a.removed = removed;
  }
  return Object.keys(a).length > 0 ? { before: b, after: a } : null;
}

function taken(field: string, message: string): DomainError {
  return new DomainError('CONFLICT', message, { fields: [{ field, reason: 'is taken' }] });
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
