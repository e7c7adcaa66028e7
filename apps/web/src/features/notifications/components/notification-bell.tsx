import { ActionIcon, Indicator } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useLoadOnIntent } from '../../../lib/use-load-on-intent';
import { useUnreadCount } from '../api/notifications';

const loadPopover = () => import('./notification-popover');
const NotificationPopover = lazy(async () => ({ default: (await loadPopover()).NotificationPopover }));

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}

/**
 * The header's bell: the unread count (polled) shows at once; the list of recent notifications behind it
 * (notification-popover.tsx) downloads when the user reaches for the bell.
 */
export function NotificationBell() {
  const [opened, setOpened] = useState(false);
  const { wanted, want, intentProps } = useLoadOnIntent(loadPopover);
  const count = useUnreadCount();
  const unread = count.data?.unread ?? 0;
  const label = unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`;

  const bell = (
    <Indicator label={unread > 99 ? '99+' : unread} disabled={unread === 0} size={18} color="red" offset={4}>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={label}
        aria-expanded={opened}
        onClick={() => {
          want();
          setOpened((o) => !o);
        }}
        {...intentProps}
      >
        <BellIcon />
      </ActionIcon>
    </Indicator>
  );
  if (!wanted) return bell;
  return (
    <Suspense fallback={bell}>
      <NotificationPopover target={bell} opened={opened} onChange={setOpened} unread={unread} />
    </Suspense>
  );
}
