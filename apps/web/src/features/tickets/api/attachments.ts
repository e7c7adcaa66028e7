import type { AttachmentView } from '@bdc/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiBlob } from '../../../lib/api-client';
import { ticketKeys } from './ticket-keys';

export const attachmentPath = (ticketId: number, attachmentId: number) => `/tickets/${ticketId}/attachments/${attachmentId}`;

export const getAttachments = (ticketId: number, signal?: AbortSignal) => api.get<AttachmentView[]>(`/tickets/${ticketId}/attachments`, undefined, signal);

export function uploadAttachment(ticketId: number, file: File, commentId?: number): Promise<AttachmentView> {
  const form = new FormData();
  // The API reads fields in order: commentId before the file.
  if (commentId !== undefined) form.append('commentId', String(commentId));
  form.append('file', file, file.name);
  return api.post<AttachmentView>(`/tickets/${ticketId}/attachments`, form);
}

export const attachmentsQueryOptions = (ticketId: number) =>
  queryOptions({ queryKey: ticketKeys.attachments(ticketId), queryFn: ({ signal }) => getAttachments(ticketId, signal) });

export function useAttachments(ticketId: number) {
  return useQuery(attachmentsQueryOptions(ticketId));
}

/** An image's bytes (inline), for thumbnails and the preview: behind the token, so not a plain <img src>. */
export function useAttachmentImage(attachment: AttachmentView) {
  return useQuery({
    queryKey: ticketKeys.attachmentFile(attachment.ticketId, attachment.id),
    queryFn: () => apiBlob(attachmentPath(attachment.ticketId, attachment.id), { inline: 1 }),
    enabled: attachment.isImage,
    staleTime: Infinity,
  });
}

/** The list, the comments (which list their files) and the history change; the image bytes do not. */
function refreshTicket(queryClient: ReturnType<typeof useQueryClient>, ticketId: number) {
  return queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketId), predicate: (query) => query.queryKey[5] !== 'file' });
}

export function useUploadAttachment(ticketId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, commentId }: { file: File; commentId?: number }) => uploadAttachment(ticketId, file, commentId),
    onSettled: () => refreshTicket(queryClient, ticketId),
    // Refusals are shown beside the file they concern.
    meta: { silentError: true },
  });
}

export function useDeleteAttachment(ticketId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: number) => api.delete(attachmentPath(ticketId, attachmentId)),
    onSuccess: () => refreshTicket(queryClient, ticketId),
    meta: { errorTitle: 'The attachment was not deleted' },
  });
}
