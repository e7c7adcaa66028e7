import type { AccessAuditQuery } from '@bdc/contracts';

/** Hierarchical keys: a change to a user invalidates `all` (users, their grants, the audit). */
export const adminKeys = {
  all: ['admin'] as const,
  users: () => ['admin', 'users'] as const,
  permissions: (userId: number) => ['admin', 'users', userId, 'permissions'] as const,
  tokens: (userId: number) => ['admin', 'users', userId, 'tokens'] as const,
  matrix: () => ['admin', 'matrix'] as const,
  audit: (query: AccessAuditQuery) => ['admin', 'audit', query] as const,
};
