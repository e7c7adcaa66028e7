import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/dropzone/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { notificationsStore, useNotifications } from '@mantine/notifications';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { getSession, subscribeSession } from '../lib/auth-session';
import { createQueryClient } from '../lib/query-client';
import { cssVariablesResolver, theme } from './theme';
import { TOAST_LIMIT } from './toast-settings';

const Toasts = lazy(async () => ({ default: (await import('./toasts')).Toasts }));

// The container applies these to the store when it mounts; a toast raised before that must be placed the same way.
notificationsStore.updateState((state) => ({ ...state, limit: TOAST_LIMIT, defaultPosition: 'bottom-right' }));

/**
 * Toasts follow something the user did, never the first render, so their container (its transitions and
 * swipe-to-dismiss) downloads when the first one is raised; `notifications.show()` only writes to the store,
 * which the container reads once it is there.
 */
function DeferredToasts() {
  const { notifications, queue } = useNotifications();
  const [needed, setNeeded] = useState(false);
  if (!needed && notifications.length + queue.length > 0) setNeeded(true);
  if (!needed) return null;
  return (
    <Suspense fallback={null}>
      <Toasts />
    </Suspense>
  );
}

export function AppProviders({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  // When a session ends (logout, or a refresh the API refused) the next user must not see cached data.
  useEffect(
    () =>
      subscribeSession(() => {
        if (!getSession()) client.clear();
      }),
    [client],
  );
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      <DatesProvider settings={{ firstDayOfWeek: 1 }}>
        <DeferredToasts />
        <QueryClientProvider client={client}>{children}</QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
