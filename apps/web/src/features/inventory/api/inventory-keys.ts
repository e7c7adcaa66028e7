/** Hierarchical query keys: mutations invalidate `['catalog']` or `['components']` by prefix. */
export const catalogKeys = {
  all: ['catalog'] as const,
  list: (filters: object) => ['catalog', 'list', filters] as const,
  detail: (uuid: string) => ['catalog', 'detail', uuid] as const,
};

export const unitKeys = {
  all: ['components'] as const,
  list: (filters: object) => ['components', 'list', filters] as const,
  detail: (id: number) => ['components', 'detail', id] as const,
  log: (id: number) => ['components', 'detail', id, 'log'] as const,
};
