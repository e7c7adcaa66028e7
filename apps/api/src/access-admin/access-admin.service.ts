import { Injectable } from '@nestjs/common';
import { PERMISSIONS, type AccessAuditAction, type AccessAuditEntry, type AccessAuditQuery, type AccessMatrix, type AccessSource, type Page, type Permission, type UserPermissionsView } from '@bdc/contracts';
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
import type { UserEntity } from '../users/user.entity';
import type { AccessAuditEntity } from './access-audit.entity';
import { AccessAuditRepository } from './access-audit.repository';

const USER_DISABLED = 'disabled';
const MANAGE: Permission = 'user.manage';

/**
 * What an administrator (`user.manage`) changes about other people's access: status, password and
 * personal grants and denials. Every change runs in one transaction with its audit row, and none may
 * leave the system without an active administrator or take the caller's own access away.
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
    return this.db.transaction(async (manager) => {
      const user = await this.mustFind(userId, manager);
      const status = enabled ? USER_ACTIVE : USER_DISABLED;
      if (user.status !== status) {
        if (!enabled) {
          if (user.id === auth.id) throw new DomainError('CONFLICT', 'You cannot disable your own account');
          await this.keepAnAdministrator(user.id, manager, `Cannot disable ${user.username}: they are the last active user with user.manage`);
        }
        await this.users.updateStatus(user.id, status, manager);
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
    await this.db.transaction(async (manager) => {
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
    return this.db.transaction(async (manager) => {
      const user = await this.mustFind(userId, manager);
      const before = await this.view(user.id, manager);
      await this.users.replacePersonalPermissions(user.id, grantSet, denialSet, manager);
      const after = await this.view(user.id, manager);
      if (before.effective.includes(MANAGE) && !after.effective.includes(MANAGE)) {
        if (user.id === auth.id) throw new DomainError('CONFLICT', 'You cannot remove user.manage from yourself: you would lock yourself out');
        if (user.status === USER_ACTIVE) {
          await this.keepAnAdministrator(user.id, manager, `Cannot remove user.manage from ${user.username}: they are the last active user with it`);
        }
      }
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

  /** 409 unless an active user other than `losingId` holds user.manage. Runs inside the change's transaction. */
  private async keepAnAdministrator(losingId: number, manager: EntityManager, message: string): Promise<void> {
    const holders = await this.users.activeUsersWithPermission(MANAGE, manager);
    if (!holders.some((u) => u.id !== losingId)) throw new DomainError('CONFLICT', message);
  }

  private async mustFind(userId: number, manager?: EntityManager): Promise<UserEntity> {
    const user = await this.users.findById(userId, manager);
    if (!user) throw new DomainError('USER_NOT_FOUND', `User ${userId} not found`);
    return user;
  }

  private record(auth: AuthContext, action: AccessAuditAction, user: UserEntity, before: object | null, after: object | null, manager: EntityManager): Promise<void> {
    return this.audit.insert(
      { actorId: auth.id, actorUsername: auth.username, action, targetType: 'user', targetId: user.id, targetLabel: user.username, before, after },
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
