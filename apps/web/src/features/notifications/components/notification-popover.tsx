import type { NotificationView } from '@bdc/contracts';
import { Badge, Button, Group, Popover, ScrollArea, SegmentedControl, Stack, Text, UnstyledButton } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useMarkAllRead, useMarkRead, useNotifications } from '../api/notifications';

function NotificationItem({ notification, onOpen }: { notification: NotificationView; onOpen: () => void }) {
  const markRead = useMarkRead();
  const unread = notification.readAt === null;
  return (
    <Group component="li" gap="xs" wrap="nowrap" align="flex-start" py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <UnstyledButton
        component={Link}
        to={paths.ticket.href(notification.ticketId)}
        onClick={() => {
          if (unread) markRead.mutate(notification.id);
          onOpen();
        }}
        style={{ flex: 1, minWidth: 0 }}
      >
        <Text size="sm" fw={unread ? 700 : 400} lineClamp={2}>
          {notification.subject}
        </Text>
        <Text size="xs" c="dimmed">
          {notification.actorName ? `${notification.actorName} · ` : ''}
          {formatDateTime(notification.createdAt)}
        </Text>
      </UnstyledButton>
      {unread && (
        <Button variant="subtle" size="compact-xs" onClick={() => markRead.mutate(notification.id)} aria-label={`Mark read: ${notification.subject}`}>
          Mark read
        </Button>
      )}
    </Group>
  );
}

/**
 * The bell's list of recent notifications, each linking to its ticket. Loaded on demand (notification-bell.tsx):
 * the popover, its positioning and the list are not needed before the user opens it.
 */
export function NotificationPopover({
  target,
  opened,
  onChange,
  unread,
}: {
  /** The bell, rendered by notification-bell.tsx so that it and its count show before this module arrives. */
  target: ReactElement;
  opened: boolean;
  onChange: (opened: boolean) => void;
  unread: number;
}) {
  const [filter, setFilter] = useState<'unread' | 'all'>('unread');
  const list = useNotifications(filter === 'unread', opened);
  const markAll = useMarkAllRead();
  return (
    <Popover opened={opened} onChange={onChange} position="bottom-end" width={360} withinPortal trapFocus>
      <Popover.Target>{target}</Popover.Target>
      <Popover.Dropdown aria-label="Notifications" role="dialog">
        <Stack gap="xs">
          <Group justify="space-between">
            <Text fw={600}>Notifications</Text>
            <Button size="compact-xs" variant="light" disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
              Mark all read
            </Button>
          </Group>
          <SegmentedControl
            size="xs"
            value={filter}
            onChange={(v) => setFilter(v === 'all' ? 'all' : 'unread')}
            data={[
              { value: 'unread', label: 'Unread' },
              { value: 'all', label: 'All' },
            ]}
            aria-label="Show"
          />
          {list.isPending && <Text size="sm">Loading…</Text>}
          {list.isError && <Text size="sm" c="var(--bdc-text-danger)">The notifications could not be loaded.</Text>}
          {list.data && list.data.items.length === 0 && <Text size="sm">{filter === 'unread' ? 'Nothing unread.' : 'No notifications yet.'}</Text>}
          {list.data && list.data.items.length > 0 && (
            <ScrollArea.Autosize mah={380}>
              <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Recent notifications">
                {list.data.items.map((n) => (
                  <NotificationItem key={n.id} notification={n} onOpen={() => onChange(false)} />
                ))}
              </Stack>
            </ScrollArea.Autosize>
          )}
          {list.data && list.data.total > list.data.items.length && (
            <Badge variant="light" color="gray">
              {list.data.total - list.data.items.length} older not shown
            </Badge>
          )}
          <Button component={Link} to={paths.notificationPreferences.href()} variant="subtle" size="compact-xs" onClick={() => onChange(false)}>
            Email preferences
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
