import type { AccessAuditQuery } from '@bdc/contracts';

/** Hierarchical keys: a change to a user or a role invalidates `all` (users, roles, grants, the matrix, the audit). */
export const adminKeys = {
  all: ['admin'] as const,
  users: () => ['admin', 'users'] as const,
  permissions: (userId: number) => ['admin', 'users', userId, 'permissions'] as const,
  tokens: (userId: number) => ['admin', 'users', userId, 'tokens'] as const,
  roles: () => ['admin', 'roles'] as const,
  matrix: () => ['admin', 'matrix'] as const,
  audit: (query: AccessAuditQuery) => ['admin', 'audit', query] as const,
};
