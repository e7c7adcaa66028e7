/** Under the shared `['servers']` prefix (src/api/inventory), so any inventory change refetches them too. */
export const serverKeys = {
  all: ['servers'] as const,
  history: (uuid: string) => ['servers', 'history', uuid] as const,
};
