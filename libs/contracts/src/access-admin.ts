import type { Permission, RoleName } from './permissions';

/** What an administrator changed (access_audit.action). */
export const ACCESS_AUDIT_ACTIONS = [
  'user.created',
  'user.updated',
  'user.disabled',
  'user.enabled',
  'user.password_reset',
  'user.permissions_changed',
  'role.created',
  'role.updated',
  'role.deleted',
] as const;
export type AccessAuditAction = (typeof ACCESS_AUDIT_ACTIONS)[number];

export const ACCESS_AUDIT_TARGETS = ['user', 'role'] as const;
export type AccessAuditTarget = (typeof ACCESS_AUDIT_TARGETS)[number];

/** One row of GET /api/access/audit: who changed what, when, and the state before and after. */
export interface AccessAuditEntry {
  id: number;
  actorId: number | null;
  actorUsername: string;
  action: AccessAuditAction;
  targetType: AccessAuditTarget;
  targetId: number | null;
  targetLabel: string;
  before: unknown;
  after: unknown;
  createdAt: string;
}

export interface AccessAuditQuery {
  page?: number;
  pageSize?: number;
  action?: AccessAuditAction;
  targetType?: AccessAuditTarget;
  targetId?: number;
  actorId?: number;
}

/** POST /api/users/:id/password: an administrator sets a new password (the user's sessions end). */
export interface ResetPasswordRequest {
  newPassword: string;
}

/** PUT /api/users/:id/permissions: the user's personal grants and denials, replacing the current ones. */
export interface UserPermissionsRequest {
  grants: Permission[];
  denials: Permission[];
}

export interface UserPermissionsView {
  userId: number;
  grants: Permission[];
  denials: Permission[];
  /** What the user may do now: their roles' grants and their own, minus their denials. */
  effective: Permission[];
}

/** GET /api/users: a user as administrators see them in the list. */
export interface AdminUserEntry {
  id: number;
  username: string;
  displayName: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  status: string;
  roles: string[];
  /** The last successful sign-in, ISO 8601; null if never. */
  lastLoginAt: string | null;
}

/** Why a user has (or lacks) a permission: a role of theirs, a personal grant, or a personal denial. */
export type AccessSource = { kind: 'role'; role: string } | { kind: 'grant' } | { kind: 'denied' };

/** GET /api/access/matrix: who can do what (permissions × users), with the source of each cell. */
export interface AccessMatrix {
  permissions: Permission[];
  users: { id: number; username: string; displayName: string; status: string; cells: Partial<Record<Permission, { allowed: boolean; sources: AccessSource[] }>> }[];
}

/**
 * What a new user's name and a new role's name may be. users.username is VARCHAR(30) (sign-in admits
 * longer names for imported accounts); roles.name is VARCHAR(50) and is what tickets.assigned_role
 * references, so it is fixed once created: renaming a role changes its display name.
 */
export const ACCOUNT_RULES = {
  usernameMax: 30,
  usernamePattern: /^[A-Za-z0-9._-]+$/,
  nameMax: 255,
  emailMax: 100,
  roleNamePattern: /^[a-z][a-z0-9_]*$/,
  roleDisplayNameMax: 100,
  roleDescriptionMax: 1_000,
  rolesPerUserMax: 50,
} as const;

/**
 * Built-in roles (the seed's ROLE_CATALOG, roles.is_system) cannot be deleted or renamed, and these
 * of theirs keep the grants listed here: without them nobody could administer access again.
 */
export const BUILT_IN_ROLE_KEEPS: Readonly<Partial<Record<RoleName, readonly Permission[]>>> = {
  super_admin: ['user.manage'],
  admin: ['user.manage'],
};

/** POST /api/users: a new user (the password follows the same rules as an own change). */
export interface CreateUserRequest {
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  password: string;
  /** Role names. */
  roles: string[];
}

/** PATCH /api/users/:id: what is absent stays as it is; `roles` replaces the user's roles. */
export interface UpdateUserRequest {
  email?: string;
  firstName?: string;
  lastName?: string;
  roles?: string[];
}

/** GET /api/roles: a role with its grants and how many users hold it. */
export interface RoleView {
  id: number;
  name: string;
  displayName: string;
  description: string | null;
  /** A role of the seed: not deletable, not renamable. */
  builtIn: boolean;
  /** Granted to new users (BDC IMS roles.is_default). */
  isDefault: boolean;
  permissions: Permission[];
  /** Permissions the role cannot lose (BUILT_IN_ROLE_KEEPS). */
  lockedPermissions: Permission[];
  userCount: number;
}

/** POST /api/roles. */
export interface CreateRoleRequest {
  name: string;
  displayName: string;
  description?: string | null;
  permissions: Permission[];
}

/** PATCH /api/roles/:id: `permissions` replaces the role's grants; absent fields stay. */
export interface UpdateRoleRequest {
  displayName?: string;
  description?: string | null;
  permissions?: Permission[];
}
