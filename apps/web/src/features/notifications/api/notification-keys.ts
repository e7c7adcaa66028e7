/**
 * Hierarchical keys. Invalidate `all` when something may have added a notification (the live
 * updates over SSE do exactly that); `unreadCount` is what the bell in the header shows.
 */
export const notificationKeys = {
  all: ['notifications'] as const,
  unreadCount: () => ['notifications', 'unread-count'] as const,
  list: (unreadOnly: boolean) => ['notifications', 'list', { unreadOnly }] as const,
  preferences: () => ['notifications', 'preferences'] as const,
  mentionable: (ticketId: number, q: string, internal: boolean) => ['notifications', 'mentionable', ticketId, q, internal] as const,
};

/** The bell polls at this interval until live updates invalidate the count. */
export const UNREAD_POLL_MS = 30_000;
