import type { LiveEvent } from '@bdc/contracts';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSession } from './auth-session';

/**
 * The query keys live events make stale. lib/ knows no feature, so the keys are spelled out here;
 * they follow the features' hierarchical keys (`['tickets','list',…]`, `['tickets','detail',id]`).
 */
export const LIVE_KEYS = {
  ticketLists: ['tickets', 'list'],
  /** The ticket and what its page shows under it: comments, history, attachments. */
  ticket: (id: number) => ['tickets', 'detail', id],
  myWork: ['my-work'],
  notifications: ['notifications'],
} as const;

/** `['tickets','detail',id,'attachments',attachmentId,'file']`: an attachment's bytes never change, so no change refetches them. */
const isAttachmentFile = (queryKey: readonly unknown[]) => queryKey[3] === 'attachments' && queryKey[5] === 'file';

export function invalidateFor(client: QueryClient, event: LiveEvent): void {
  if (event.type === 'ticket.changed') {
    void client.invalidateQueries({ queryKey: LIVE_KEYS.ticketLists });
    void client.invalidateQueries({ queryKey: LIVE_KEYS.ticket(event.ticketId), predicate: (query) => !isAttachmentFile(query.queryKey) });
    void client.invalidateQueries({ queryKey: LIVE_KEYS.myWork });
  } else {
    void client.invalidateQueries({ queryKey: LIVE_KEYS.notifications });
    void client.invalidateQueries({ queryKey: LIVE_KEYS.myWork });
  }
}

function invalidateEverythingLive(client: QueryClient): void {
  for (const queryKey of [['tickets'], LIVE_KEYS.myWork, LIVE_KEYS.notifications]) void client.invalidateQueries({ queryKey });
}

/**
 * Opens the live-event stream once per signed-in session (mount it in the layout) and keeps what the
 * user sees current: lists, the open ticket, My work and the bell refetch when something changed.
 * A new sign-in (another user, or the same after a logout) opens a new stream.
 */
export function useLiveEvents(): void {
  const client = useQueryClient();
  const session = useSession();
  const userId = session?.user.id ?? null;
  useEffect(() => {
    if (userId === null) return;
    const controller = new AbortController();
    // The stream opens after the first render anyway: its parser and reconnection loop load then, not with the page.
    void import('./live-events').then(({ runLiveStream }) =>
      runLiveStream(
        {
          onEvent: (event) => invalidateFor(client, event),
          onConnected: (reconnect) => {
            if (reconnect) invalidateEverythingLive(client);
          },
        },
        controller.signal,
      ),
    ).catch((error: unknown) => console.warn('Live updates are off: their code could not be loaded', error));
    return () => controller.abort();
  }, [client, userId]);
}
