import type { CommentView, UpdateCommentRequest } from '@bdc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ticketKeys } from './ticket-keys';

export const updateComment = (ticketId: number, commentId: number, body: UpdateCommentRequest) =>
  api.patch<CommentView>(`/tickets/${ticketId}/comments/${commentId}`, body);

export function useUpdateComment(ticketId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ commentId, comment }: { commentId: number; comment: string }) =>
      updateComment(ticketId, commentId, { comment }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) }),
    meta: { errorTitle: 'The comment was not updated' },
  });
}
