import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { isPermission, type Permission } from '@bdc/contracts';
import { PermissionEntity } from './permission.entity';
import { RoleEntity } from './role.entity';
import { UserPermissionEntity } from './user-permission.entity';
import { UserRoleEntity } from './user-role.entity';
import { UserEntity } from './user.entity';
import { RolePermissionEntity } from './role-permission.entity';

export interface Grants {
  roles: string[];
  permissions: Permission[];
}

/** The columns of a user the access guard reads (never the password hash). */
export type SubjectUser = Pick<UserEntity, 'id' | 'username' | 'firstName' | 'lastName' | 'status'>;

interface GrantRow {
  kind: string;
  name: string;
}

type SubjectRow = Omit<SubjectUser, 'id'> & {
  id: number | string;
  /** access_version's counter (null only if its row is missing: then nothing is cached). */
  accessVersion: number | string | null;
};

/**
 * `r` rows: role names; `p` rows: permissions through a granted role or a personal grant; `d` rows:
 * personal denials, which win over both. Three `?`: the user id.
 */
const GRANTS_SQL = `SELECT 'r' AS kind, r.name AS name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = ?
  UNION ALL
  SELECT 'p' AS kind, p.name AS name FROM user_roles ur
    JOIN role_permissions rp ON rp.role_id = ur.role_id AND rp.granted = 1
    JOIN permissions p ON p.id = rp.permission_id
   WHERE ur.user_id = ?
  UNION ALL
  SELECT CASE WHEN up.granted = 1 THEN 'p' ELSE 'd' END AS kind, p.name AS name FROM user_permissions up JOIN permissions p ON p.id = up.permission_id WHERE up.user_id = ?`;

/**
 * The access guard's per-request columns: the user `u` (joined by the caller's FROM) and the
 * access_version counter, a one-row table (LEFT JOIN: a missing row must not lock everyone out).
 * Grants are not here: they come from the process's cache while the version is unchanged
 * (UsersService.subjectOf), which saves the five-table join on nearly every request.
 */
const SUBJECT_COLUMNS = `u.id AS id, u.username AS username, u.firstname AS firstName, u.lastname AS lastName, u.status AS status, v.version AS accessVersion`;
const ACCESS_VERSION_JOIN = 'LEFT JOIN access_version v ON v.id = 1';

/**
 * Users with their grants in one query (usersWithGrants): the user `u` (from the caller's FROM), one
 * row per (role permission × personal grant). Plain LEFT JOINs: MariaDB answers this in a third of
 * the time of GRANTS_SQL's UNION as a derived table, which it materialises on each call.
 */
const USER_GRANT_COLUMNS = `u.id AS id, u.username AS username, u.firstname AS firstName, u.lastname AS lastName, u.status AS status,
  r.name AS role, p.name AS rolePermission, pp.name AS personalPermission, up.granted AS personalGranted`;
const USER_GRANT_JOINS = `LEFT JOIN user_roles ur ON ur.user_id = u.id
  LEFT JOIN roles r ON r.id = ur.role_id
  LEFT JOIN role_permissions rp ON rp.role_id = ur.role_id AND rp.granted = 1
  LEFT JOIN permissions p ON p.id = rp.permission_id
  LEFT JOIN user_permissions up ON up.user_id = u.id
  LEFT JOIN permissions pp ON pp.id = up.permission_id`;

type UserGrantRow = Omit<SubjectUser, 'id'> & {
  id: number | string;
  role: string | null;
  rolePermission: string | null;
  personalPermission: string | null;
  personalGranted: number | string | boolean | null;
};

function userWithGrantsFromRows(first: UserGrantRow, rows: readonly UserGrantRow[]): { user: SubjectUser; grants: Grants } {
  const user: SubjectUser = { id: Number(first.id), username: first.username, firstName: first.firstName, lastName: first.lastName, status: first.status };
  const grantRows: GrantRow[] = rows.flatMap((row) => [
    ...(row.role !== null ? [{ kind: 'r', name: row.role }] : []),
    ...(row.rolePermission !== null ? [{ kind: 'p', name: row.rolePermission }] : []),
    ...(row.personalPermission !== null ? [{ kind: isTrue(row.personalGranted) ? 'p' : 'd', name: row.personalPermission }] : []),
  ]);
  return { user, grants: toGrants(grantRows) };
}

/** The token columns of subjectOfApiToken's rows, as the drivers return them. */
interface TokenColumns {
  tokenSecretHash: string;
  tokenPermissions: string | null;
  tokenExpiresAt: Date | string | null;
  tokenRevokedAt: Date | string | null;
  tokenLastUsedAt: Date | string | null;
}

/** A personal API token as the access guard needs it. */
export interface SubjectApiToken {
  id: number;
  secretHash: string;
  /** The subset it is limited to; null: all of the owner's permissions. */
  permissions: Permission[] | null;
  /** Null only if the stored value is unreadable: the guard then treats the token as expired. */
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

function subjectFromRow(row: SubjectRow): { user: SubjectUser; accessVersion: number | null } {
  const user: SubjectUser = { id: Number(row.id), username: row.username, firstName: row.firstName, lastName: row.lastName, status: row.status };
  return { user, accessVersion: row.accessVersion === null ? null : Number(row.accessVersion) };
}

/**
 * A datetime column read through a raw query: mysql2 returns a Date (the connection's time zone is
 * UTC), SQLite the text TypeORM wrote (`YYYY-MM-DD HH:mm:ss.SSS`, UTC). Null for NULL or anything unreadable.
 */
function rawDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  const date = value instanceof Date ? value : new Date(/^\d{4}-\d{2}-\d{2} /.test(value) ? `${value.replace(' ', 'T')}Z` : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** simple-json text; anything but a list of known permissions limits the token to nothing. */
function parseTokenPermissions(text: string | null): Permission[] | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (value === null) return null;
    return Array.isArray(value) ? value.filter(isPermission) : [];
  } catch {
    return [];
  }
}

function toGrants(rows: readonly GrantRow[]): Grants {
  const roles = new Set<string>();
  const permissions = new Set<Permission>();
  const denied = new Set<string>();
  for (const row of rows) {
    if (row.kind === 'r') roles.add(row.name);
    else if (row.kind === 'd') denied.add(row.name);
    else if (isPermission(row.name)) permissions.add(row.name);
  }
  return { roles: [...roles].sort(), permissions: [...permissions].filter((p) => !denied.has(p)).sort() };
}

/** A boolean column through a raw query: 1/0 on both drivers, or text on some SQLite paths. */
function isTrue(value: number | boolean | string | null): boolean {
  return value === true || value === 1 || value === '1';
}

/**
 * Whom usersWithGrants reads: the users matching any of these (an empty selection reads nothing).
 * `commentersOf` also marks each user who wrote on that ticket (`commenter`).
 */
export interface UserSelection {
  ids?: readonly number[];
  /** The authors of the ticket's comments and notes. */
  commentersOf?: number;
  /** Case-insensitive (usernames are ASCII letters, digits, dots, dashes and underscores). */
  usernames?: readonly string[];
  /** The members of the role with this name. */
  roleMembers?: string;
  /** Those granted it through a role or personally; a personal denial is applied from their grants. */
  permission?: Permission;
}

export interface UserWithGrants {
  user: SubjectUser & Pick<UserEntity, 'email'>;
  grants: Grants;
  /** Wrote on `commentersOf` (false without it). */
  commenter: boolean;
}

/** The only place with query builders for users, roles and grants. */
@Injectable()
export class UsersRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
  ) {}

  findById(id: number, manager: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return manager.findOne(UserEntity, { where: { id } });
  }

  /** A role by name, or by id (BDC IMS clients name roles by id): role queues. */
  findRole(ref: { name: string } | { id: number }, manager: EntityManager = this.dataSource.manager): Promise<RoleEntity | null> {
    return manager.findOne(RoleEntity, { where: 'name' in ref ? { name: ref.name } : { id: ref.id } });
  }

  findByUsername(username: string, manager: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return manager.findOne(UserEntity, { where: { username } });
  }

  findByIds(ids: number[]): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.manager.find(UserEntity, { where: { id: In(ids) } });
  }

  /**
   * Role names and effective permissions in one round trip: the permissions granted by the user's
   * roles plus the user's own grants.
   */
  async grantsOf(userId: number, manager: EntityManager = this.dataSource.manager): Promise<Grants> {
    const rows: GrantRow[] = await manager.query(GRANTS_SQL, [userId, userId, userId]);
    return toGrants(rows);
  }

  /**
   * Several users with their grants in one query (the access guard's joins, one row per role
   * permission × personal grant), chosen by `who`: the recipients of a notification, whoever they are
   * by (ids, commenters, mentions, a queue's role, approvers), and the names the answer shows, in one
   * round trip instead of one for the users and one for their grants. Every status: callers filter.
   */
  async usersWithGrants(manager: EntityManager, who: UserSelection): Promise<UserWithGrants[]> {
    const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
    const ids = [...new Set(who.ids ?? [])];
    const usernames = [...new Set((who.usernames ?? []).map((n) => n.toLowerCase()))];
    const where: string[] = [];
    const params: unknown[] = [who.commentersOf ?? null];
    if (ids.length > 0) {
      where.push(`u.id IN (${marks(ids.length)})`);
      params.push(...ids);
    }
    if (who.commentersOf !== undefined) {
      where.push('u.id IN (SELECT c.user_id FROM ticket_comments c WHERE c.ticket_id = ?)');
      params.push(who.commentersOf);
    }
    if (usernames.length > 0) {
      where.push(`LOWER(u.username) IN (${marks(usernames.length)})`);
      params.push(...usernames);
    }
    if (who.roleMembers !== undefined) {
      where.push('u.id IN (SELECT mr.user_id FROM user_roles mr JOIN roles mrr ON mrr.id = mr.role_id WHERE mrr.name = ?)');
      params.push(who.roleMembers);
    }
    if (who.permission !== undefined) {
      where.push(`u.id IN (SELECT gr.user_id FROM user_roles gr JOIN role_permissions grp ON grp.role_id = gr.role_id AND grp.granted = 1 JOIN permissions gp ON gp.id = grp.permission_id WHERE gp.name = ?
        UNION SELECT gu.user_id FROM user_permissions gu JOIN permissions gup ON gup.id = gu.permission_id WHERE gup.name = ? AND gu.granted = 1)`);
      params.push(who.permission, who.permission);
    }
    if (where.length === 0) return [];
    const rows: (UserGrantRow & { email: string | null; commenter: number | string | boolean | null })[] = await manager.query(
      `SELECT ${USER_GRANT_COLUMNS}, u.email AS email,
              EXISTS (SELECT 1 FROM ticket_comments cc WHERE cc.ticket_id = ? AND cc.user_id = u.id) AS commenter
         FROM users u
         ${USER_GRANT_JOINS}
        WHERE ${where.join(' OR ')}
        ORDER BY u.id`,
      params,
    );
    const byUser = new Map<number, typeof rows>();
    for (const row of rows) {
      const id = Number(row.id);
      const list = byUser.get(id);
      if (list) list.push(row);
      else byUser.set(id, [row]);
    }
    return [...byUser.values()].flatMap((list) => {
      const first = list[0];
      if (!first) return [];
      const { user, grants } = userWithGrantsFromRows(first, list);
      return [{ user: { ...user, email: first.email ?? '' }, grants, commenter: isTrue(first.commenter) }];
    });
  }

  /**
   * The caller as the access guard reads them on every request: identity, status, whether the access
   * token's session is still live, and the access_version its cached grants are checked against, in
   * one small query (the session join matches at most one row, by primary key). Null when the user
   * does not exist.
   */
  async subjectOf(userId: number, sessionId: string): Promise<{ user: SubjectUser; sessionLive: boolean; accessVersion: number | null } | null> {
    const rows: (SubjectRow & { sessionId: string | null })[] = await this.dataSource.manager.query(
      `SELECT ${SUBJECT_COLUMNS}, s.id AS sessionId
         FROM users u
         LEFT JOIN auth_sessions s ON s.id = ? AND s.user_id = u.id AND s.revoked_at IS NULL
         ${ACCESS_VERSION_JOIN}
        WHERE u.id = ?`,
      [sessionId, userId],
    );
    const first = rows[0];
    if (!first) return null;
    return { ...subjectFromRow(first), sessionLive: first.sessionId !== null };
  }

  /**
   * The access guard's one query for a personal API token: the token's row, its owner and the
   * access_version, found by the token id (the owner is not known before). Null when no token has
   * this id.
   */
  async subjectOfApiToken(tokenId: number): Promise<{ user: SubjectUser; token: SubjectApiToken; accessVersion: number | null } | null> {
    const rows: (SubjectRow & TokenColumns)[] = await this.dataSource.manager.query(
      `SELECT ${SUBJECT_COLUMNS}, t.secret_hash AS tokenSecretHash, t.permissions AS tokenPermissions, t.expires_at AS tokenExpiresAt,
              t.revoked_at AS tokenRevokedAt, t.last_used_at AS tokenLastUsedAt
         FROM api_tokens t
         JOIN users u ON u.id = t.user_id
         ${ACCESS_VERSION_JOIN}
        WHERE t.id = ?`,
      [tokenId],
    );
    const first = rows[0];
    if (!first) return null;
    const token: SubjectApiToken = {
      id: tokenId,
      secretHash: first.tokenSecretHash,
      permissions: parseTokenPermissions(first.tokenPermissions),
      expiresAt: rawDate(first.tokenExpiresAt),
      revokedAt: rawDate(first.tokenRevokedAt),
      lastUsedAt: rawDate(first.tokenLastUsedAt),
    };
    return { ...subjectFromRow(first), token };
  }

  /**
   * The last successful sign-in per user, from the sign-in audit (auth_events, written by auth/): one
   * grouped read for the admin list, like subjectOf reads auth_sessions.
   */
  async lastLogins(userIds: number[], manager: EntityManager = this.dataSource.manager): Promise<Map<number, Date>> {
    const result = new Map<number, Date>();
    if (userIds.length === 0) return result;
    const rows: { userId: number | string; at: Date | string | null }[] = await manager.query(
      `SELECT user_id AS userId, MAX(created_at) AS at FROM auth_events
        WHERE event = 'login_succeeded' AND user_id IN (${userIds.map(() => '?').join(', ')}) GROUP BY user_id`,
      userIds,
    );
    for (const row of rows) {
      const at = rawDate(row.at);
      if (at) result.set(Number(row.userId), at);
    }
    return result;
  }

  /** Every (user, role, permission the role grants) and every personal row: the access matrix's two reads. */
  async accessRows(): Promise<{ viaRoles: { userId: number; role: string; permission: string }[]; personal: { userId: number; permission: string; granted: boolean }[] }> {
    const viaRoles = await this.dataSource.manager
      .createQueryBuilder(UserRoleEntity, 'ur')
      .innerJoin(RoleEntity, 'r', 'r.id = ur.roleId')
      .innerJoin(RolePermissionEntity, 'rp', 'rp.roleId = ur.roleId AND rp.granted = 1')
      .innerJoin(PermissionEntity, 'p', 'p.id = rp.permissionId')
      .select(['ur.userId AS userId', 'r.name AS role', 'p.name AS permission'])
      .orderBy('r.name', 'ASC')
      .getRawMany<{ userId: number | string; role: string; permission: string }>();
    const personal = await this.dataSource.manager
      .createQueryBuilder(UserPermissionEntity, 'up')
      .innerJoin(PermissionEntity, 'p', 'p.id = up.permissionId')
      .select(['up.userId AS userId', 'p.name AS permission', 'up.granted AS granted'])
      .getRawMany<{ userId: number | string; permission: string; granted: number | boolean | string }>();
    return {
      viaRoles: viaRoles.map((r) => ({ userId: Number(r.userId), role: r.role, permission: r.permission })),
      personal: personal.map((r) => ({ userId: Number(r.userId), permission: r.permission, granted: isTrue(r.granted) })),
    };
  }

  /** Role names per user, for lists. */
  async rolesOfUsers(userIds: number[]): Promise<Map<number, string[]>> {
    const result = new Map<number, string[]>();
    if (userIds.length === 0) return result;
    const rows = await this.dataSource.manager
      .createQueryBuilder(UserRoleEntity, 'ur')
      .innerJoin(RoleEntity, 'r', 'r.id = ur.roleId')
      .select(['ur.userId AS userId', 'r.name AS name'])
      .where('ur.userId IN (:...userIds)', { userIds })
      .orderBy('r.name', 'ASC')
      .getRawMany<{ userId: number | string; name: string }>();
    for (const row of rows) {
      const id = Number(row.userId);
      result.set(id, [...(result.get(id) ?? []), row.name]);
    }
    return result;
  }

  /** Active users who hold `permission` through a granted role or a personal grant, and are not denied it. */
  async activeUsersWithPermission(permission: Permission, manager: EntityManager = this.dataSource.manager): Promise<UserEntity[]> {
    const viaRole = manager
      .createQueryBuilder(UserRoleEntity, 'ur')
      .innerJoin(RolePermissionEntity, 'rp', 'rp.roleId = ur.roleId AND rp.granted = 1')
      .innerJoin(PermissionEntity, 'p', 'p.id = rp.permissionId')
      .select('ur.userId')
      .where('p.name = :permission');
    const direct = manager
      .createQueryBuilder(UserPermissionEntity, 'up')
      .innerJoin(PermissionEntity, 'p2', 'p2.id = up.permissionId')
      .select('up.userId')
      .where('p2.name = :permission AND up.granted = 1');
    const denied = manager
      .createQueryBuilder(UserPermissionEntity, 'ud')
      .innerJoin(PermissionEntity, 'p3', 'p3.id = ud.permissionId')
      .select('ud.userId')
      .where('p3.name = :permission AND ud.granted = 0');
    return manager
      .createQueryBuilder(UserEntity, 'u')
      .where('u.status = :active', { active: 'active' })
      .andWhere(`(u.id IN (${viaRole.getQuery()}) OR u.id IN (${direct.getQuery()}))`)
      .andWhere(`u.id NOT IN (${denied.getQuery()})`)
      .setParameters({ permission })
      .orderBy('u.username', 'ASC')
      .getMany();
  }

  /** The user's personal rows: grants (`granted`) and denials. */
  async personalPermissions(userId: number, manager: EntityManager = this.dataSource.manager): Promise<{ grants: Permission[]; denials: Permission[] }> {
    const rows = await manager
      .createQueryBuilder(UserPermissionEntity, 'up')
      .innerJoin(PermissionEntity, 'p', 'p.id = up.permissionId')
      .select(['p.name AS name', 'up.granted AS granted'])
      .where('up.userId = :userId', { userId })
      .orderBy('p.name', 'ASC')
      .getRawMany<{ name: string; granted: number | boolean | string }>();
    const grants = rows.filter((r) => isTrue(r.granted)).map((r) => r.name).filter(isPermission);
    const denials = rows.filter((r) => !isTrue(r.granted)).map((r) => r.name).filter(isPermission);
    return { grants, denials };
  }

  /** Replaces the user's personal grants and denials (a permission is in at most one of the lists). */
  async replacePersonalPermissions(userId: number, grants: readonly Permission[], denials: readonly Permission[], manager: EntityManager): Promise<void> {
    await manager.delete(UserPermissionEntity, { userId });
    const names = [...grants, ...denials];
    if (names.length === 0) return;
    const ids = new Map((await manager.find(PermissionEntity, { where: { name: In(names) } })).map((p) => [p.name, p.id]));
    const rows = [...grants.map((name) => ({ name, granted: true })), ...denials.map((name) => ({ name, granted: false }))]
      .filter((r) => ids.has(r.name))
      .map((r) => ({ userId, permissionId: ids.get(r.name) as number, granted: r.granted }));
    if (rows.length > 0) await manager.insert(UserPermissionEntity, rows);
  }

  async updateStatus(userId: number, status: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(UserEntity, { id: userId }, { status });
  }

  async updatePasswordHash(userId: number, passwordHash: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(UserEntity, { id: userId }, { passwordHash });
  }

  /**
   * Serialises every change that could take `permission` from someone: the permission's own row,
   * locked FOR UPDATE on MariaDB (SQLite's writers are serialised already). Two administrators
   * demoting each other at once would otherwise each still see the other holding it and both commit.
   */
  async lockPermission(permission: Permission, manager: EntityManager): Promise<void> {
    await this.db.lockForUpdate(manager.createQueryBuilder(PermissionEntity, 'p').where('p.name = :permission', { permission })).getOne();
  }

  /**
   * Whether a user has this name in any letter case: MariaDB's collation compares names case-insensitively
   * and SQLite's index does not, so without this `Admin` beside `admin` would depend on the engine.
   */
  async usernameTaken(username: string, manager: EntityManager): Promise<boolean> {
    return (await manager.createQueryBuilder(UserEntity, 'u').where('LOWER(u.username) = LOWER(:username)', { username }).getCount()) > 0;
  }

  async insertUser(row: Pick<UserEntity, 'username' | 'email' | 'firstName' | 'lastName' | 'passwordHash'>, manager: EntityManager): Promise<number> {
    const inserted = await manager.insert(UserEntity, { ...row, status: 'active' });
    return Number(inserted.identifiers[0]?.id);
  }

  async updateUser(userId: number, patch: Partial<Pick<UserEntity, 'email' | 'firstName' | 'lastName'>>, manager: EntityManager): Promise<void> {
    if (Object.keys(patch).length > 0) await manager.update(UserEntity, { id: userId }, patch);
  }

  findRolesByName(names: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<RoleEntity[]> {
    if (names.length === 0) return Promise.resolve([]);
    return manager.find(RoleEntity, { where: { name: In([...names]) } });
  }

  /** Replaces the user's roles; rows of roles the user keeps stay (with who assigned them and when). */
  async replaceUserRoles(userId: number, roleIds: readonly number[], assignedBy: number, manager: EntityManager): Promise<void> {
    const current = await manager.find(UserRoleEntity, { where: { userId } });
    const gone = current.filter((r) => !roleIds.includes(r.roleId)).map((r) => r.id);
    if (gone.length > 0) await manager.delete(UserRoleEntity, { id: In(gone) });
    const added = roleIds.filter((id) => !current.some((r) => r.roleId === id));
    if (added.length > 0) await manager.insert(UserRoleEntity, added.map((roleId) => ({ userId, roleId, assignedBy })));
  }

  /** Every role, its granted permissions and how many users hold it. */
  async rolesWithGrants(manager: EntityManager = this.dataSource.manager): Promise<{ role: RoleEntity; permissions: Permission[]; userCount: number }[]> {
    const roles = await manager.find(RoleEntity, { order: { name: 'ASC' } });
    const grants = await manager
      .createQueryBuilder(RolePermissionEntity, 'rp')
      .innerJoin(PermissionEntity, 'p', 'p.id = rp.permissionId')
      .select(['rp.roleId AS roleId', 'p.name AS name'])
      .where('rp.granted = 1')
      .getRawMany<{ roleId: number | string; name: string }>();
    const counts = await manager
      .createQueryBuilder(UserRoleEntity, 'ur')
      .select(['ur.roleId AS roleId', 'COUNT(*) AS n'])
      .groupBy('ur.roleId')
      .getRawMany<{ roleId: number | string; n: number | string }>();
    const countOf = new Map(counts.map((c) => [Number(c.roleId), Number(c.n)]));
    return roles.map((role) => ({
      role,
      permissions: grants.filter((g) => Number(g.roleId) === role.id).map((g) => g.name).filter(isPermission).sort(),
      userCount: countOf.get(role.id) ?? 0,
    }));
  }

  async insertRole(row: Pick<RoleEntity, 'name' | 'displayName' | 'description'>, manager: EntityManager): Promise<number> {
    const inserted = await manager.insert(RoleEntity, { ...row, isDefault: false, isSystem: false });
    return Number(inserted.identifiers[0]?.id);
  }

  async updateRole(roleId: number, patch: Partial<Pick<RoleEntity, 'displayName' | 'description'>>, manager: EntityManager): Promise<void> {
    if (Object.keys(patch).length > 0) await manager.update(RoleEntity, { id: roleId }, patch);
  }

  /** Replaces the role's grants (BDC IMS denial rows, granted = 0, go too: a role here only grants). */
  async replaceRolePermissions(roleId: number, permissions: readonly Permission[], manager: EntityManager): Promise<void> {
    await manager.delete(RolePermissionEntity, { roleId });
    if (permissions.length === 0) return;
    const rows = await manager.find(PermissionEntity, { where: { name: In([...permissions]) } });
    await manager.insert(RolePermissionEntity, rows.map((p) => ({ roleId, permissionId: p.id, granted: true })));
  }

  /** Users holding the role, and tickets waiting in its queue (tickets.assigned_role references the name). */
  async roleUsage(role: Pick<RoleEntity, 'id' | 'name'>, manager: EntityManager): Promise<{ users: number; tickets: number }> {
    const users = await manager.count(UserRoleEntity, { where: { roleId: role.id } });
    const rows: { n: number | string }[] = await manager.query('SELECT COUNT(*) AS n FROM tickets WHERE assigned_role = ?', [role.name]);
    return { users, tickets: Number(rows[0]?.n ?? 0) };
  }

  async deleteRole(roleId: number, manager: EntityManager): Promise<void> {
    await manager.delete(RolePermissionEntity, { roleId });
    await manager.delete(RoleEntity, { id: roleId });
  }

  listAll(): Promise<UserEntity[]> {
    return this.dataSource.manager.find(UserEntity, { order: { username: 'ASC' } });
  }
}
