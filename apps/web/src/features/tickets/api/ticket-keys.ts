import type { TicketListQuery } from '@bdc/contracts';

/** Hierarchical keys: invalidating `all` refreshes lists, details, comments and history together. */
export const ticketKeys = {
  all: ['tickets'] as const,
  lists: () => ['tickets', 'list'] as const,
  list: (filters: TicketListQuery) => ['tickets', 'list', filters] as const,
  detail: (id: number) => ['tickets', 'detail', id] as const,
  comments: (id: number) => ['tickets', 'detail', id, 'comments'] as const,
  history: (id: number) => ['tickets', 'detail', id, 'history'] as const,
  attachments: (id: number) => ['tickets', 'detail', id, 'attachments'] as const,
  attachmentFile: (id: number, attachmentId: number) => ['tickets', 'detail', id, 'attachments', attachmentId, 'file'] as const,
};
