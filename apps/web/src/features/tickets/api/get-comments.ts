import type { CommentView } from '@bdc/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ticketKeys } from './ticket-keys';

export const getComments = (ticketId: number, signal?: AbortSignal) =>
  api.get<CommentView[]>(`/tickets/${ticketId}/comments`, undefined, signal);

export const commentsQueryOptions = (ticketId: number) =>
  queryOptions({ queryKey: ticketKeys.comments(ticketId), queryFn: ({ signal }) => getComments(ticketId, signal) });

export function useComments(ticketId: number) {
  return useQuery(commentsQueryOptions(ticketId));
}
