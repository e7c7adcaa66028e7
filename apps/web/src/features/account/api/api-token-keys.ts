/** Hierarchical keys: invalidating `all` refreshes the list after a create or a revoke. */
export const apiTokenKeys = {
  all: ['account', 'api-tokens'] as const,
  list: () => ['account', 'api-tokens', 'list'] as const,
};
