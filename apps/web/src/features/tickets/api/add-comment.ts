import type { CommentView, CreateCommentRequest } from '@bdc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ticketKeys } from './ticket-keys';

export const addComment = (ticketId: number, body: CreateCommentRequest) =>
  api.post<CommentView>(`/tickets/${ticketId}/comments`, body);

export function useAddComment(ticketId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCommentRequest) => addComment(ticketId, body),
    // History records the comment too, so refresh the whole ticket subtree.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) }),
    meta: { errorTitle: 'The comment was not posted' },
  });
}
