import type { Permission } from './permissions';

/** What an administrator changed (access_audit.action). */
export const ACCESS_AUDIT_ACTIONS = ['user.disabled', 'user.enabled', 'user.password_reset', 'user.permissions_changed'] as const;
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
