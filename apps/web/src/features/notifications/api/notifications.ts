import type { MentionableUser, NotificationPreferences, NotificationView, Page, UnreadCount } from '@bdc/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { notificationKeys, UNREAD_POLL_MS } from './notification-keys';

export const getUnreadCount = (signal?: AbortSignal) => api.get<UnreadCount>('/notifications/unread-count', undefined, signal);
export const getNotifications = (unreadOnly: boolean, signal?: AbortSignal) =>
  api.get<Page<NotificationView>>('/notifications', { pageSize: 20, ...(unreadOnly ? { unread: true } : {}) }, signal);

export function useUnreadCount() {
  return useQuery({ queryKey: notificationKeys.unreadCount(), queryFn: ({ signal }) => getUnreadCount(signal), refetchInterval: UNREAD_POLL_MS });
}

export function useNotifications(unreadOnly: boolean, enabled: boolean) {
  return useQuery({ queryKey: notificationKeys.list(unreadOnly), queryFn: ({ signal }) => getNotifications(unreadOnly, signal), enabled });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<NotificationView>(`/notifications/${id}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
    meta: { errorTitle: 'The notification was not marked read' },
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<UnreadCount>('/notifications/read-all'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
    meta: { errorTitle: 'The notifications were not marked read' },
  });
}

export function useNotificationPreferences() {
  return useQuery({ queryKey: notificationKeys.preferences(), queryFn: ({ signal }) => api.get<NotificationPreferences>('/notifications/preferences', undefined, signal) });
}

export function useSaveNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationPreferences) => api.put<NotificationPreferences>('/notifications/preferences', body),
    onSuccess: (saved) => queryClient.setQueryData(notificationKeys.preferences(), saved),
    meta: { errorTitle: 'The preferences were not saved' },
  });
}

/** Who an `@` in a comment on the ticket can reach (only people who can see it). */
export function useMentionable(ticketId: number, q: string, internal: boolean, enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.mentionable(ticketId, q, internal),
    queryFn: ({ signal }) => api.get<MentionableUser[]>('/users/mentionable', { ticketId, q, ...(internal ? { internal: true } : {}) }, signal),
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}
