import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearSession, setSessionFromLogin } from './auth-session';
import { parseSse, reconnectDelay, runLiveStream, toLiveEvent } from './live-events';
import { invalidateFor } from './use-live-events';
import { loginResponse } from '../test/fixtures';
import { notificationKeys } from '../features/notifications/api/notification-keys';
import { ticketKeys } from '../features/tickets/api/ticket-keys';

describe('parseSse', () => {
  it('splits complete messages, skips comments and keeps the unfinished rest', () => {
    const { messages, rest } = parseSse('retry: 3000\n: connected\n\nid: ab-1\nevent: ticket.changed\ndata: {"a":1}\n\nid: ab-2\nevent: ticket.ch');
    expect(messages).toEqual([{ id: 'ab-1', event: 'ticket.changed', data: '{"a":1}' }]);
    expect(rest).toBe('id: ab-2\nevent: ticket.ch');
    expect(parseSse(`${rest}anged\ndata: {}\n\n`).messages).toEqual([{ id: 'ab-2', event: 'ticket.changed', data: '{}' }]);
  });

  it('joins multi-line data and accepts CRLF line ends', () => {
    expect(parseSse('event: x\r\ndata: one\r\ndata: two\r\n\r\n').messages).toEqual([{ id: null, event: 'x', data: 'one\ntwo' }]);
  });

  it('turns only known event types with a matching body into live events', () => {
    const body = { type: 'ticket.changed', ticketId: 4, status: 'pending', action: 'ticket_created' };
    expect(toLiveEvent({ id: null, event: 'ticket.changed', data: JSON.stringify(body) })).toEqual(body);
    expect(toLiveEvent({ id: null, event: 'something.else', data: '{}' })).toBeNull();
    expect(toLiveEvent({ id: null, event: 'ticket.changed', data: 'not json' })).toBeNull();
    expect(toLiveEvent({ id: null, event: 'notification.created', data: JSON.stringify(body) })).toBeNull();
  });
});

describe('reconnectDelay', () => {
  it('doubles up to 30 s, with jitter around the base', () => {
    expect(reconnectDelay(1, () => 0.5)).toBe(2000);
    expect(reconnectDelay(3, () => 0.5)).toBe(8000);
    expect(reconnectDelay(20, () => 0.5)).toBe(30000);
    expect(reconnectDelay(1, () => 0)).toBe(1500);
  });
});

describe('invalidateFor', () => {
  it('marks ticket lists, the ticket and My work stale on a ticket change, and the bell on a notification', () => {
    const client = new QueryClient();
    const spy = vi.spyOn(client, 'invalidateQueries');
    invalidateFor(client, { type: 'ticket.changed', ticketId: 7, status: 'approved', action: 'status_change' });
    expect(spy.mock.calls.map((c) => c[0]?.queryKey)).toEqual([['tickets', 'list'], ['tickets', 'detail', 7], ['my-work']]);
    spy.mockClear();
    invalidateFor(client, { type: 'notification.created', notificationId: 1, ticketId: 7 });
    expect(spy.mock.calls.map((c) => c[0]?.queryKey)).toEqual([['notifications'], ['my-work']]);
  });

  // lib/ spells the keys out; this holds them to the features' own keys (a renamed key would go stale silently).
  it("reaches the features' keys: the open ticket's comments, history and attachments (not their bytes), and the bell", () => {
    const client = new QueryClient();
    const keys = {
      detail: ticketKeys.detail(7),
      comments: ticketKeys.comments(7),
      history: ticketKeys.history(7),
      attachments: ticketKeys.attachments(7),
      file: ticketKeys.attachmentFile(7, 3),
      list: ticketKeys.list({}),
      otherTicket: ticketKeys.comments(8),
      unread: notificationKeys.unreadCount(),
      inbox: notificationKeys.list(false),
    };
    for (const queryKey of Object.values(keys)) client.setQueryData(queryKey, {});
    const stale = () =>
      Object.entries(keys)
        .filter(([, queryKey]) => client.getQueryState(queryKey)?.isInvalidated)
        .map(([name]) => name);
    invalidateFor(client, { type: 'ticket.changed', ticketId: 7, status: 'approved', action: 'comment_added' });
    expect(stale()).toEqual(['detail', 'comments', 'history', 'attachments', 'list']);
    client.clear();
    for (const queryKey of Object.values(keys)) client.setQueryData(queryKey, {});
    invalidateFor(client, { type: 'notification.created', notificationId: 1, ticketId: 7 });
    expect(stale()).toEqual(['unread', 'inbox']);
  });
});

function streamResponse(chunks: string[]): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

describe('runLiveStream', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    clearSession();
  });

  it('sends the token in the Authorization header (never the URL), delivers events and reconnects with Last-Event-ID', async () => {
    setSessionFromLogin(loginResponse({ accessToken: 'access-1' }));
    const controller = new AbortController();
    const calls: { url: string; headers: Headers }[] = [];
    const events: unknown[] = [];
    const connects: boolean[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        calls.push({ url: String(input), headers: new Headers(init?.headers) });
        if (calls.length === 1) return streamResponse(['retry: 3000\n\n', 'id: aa-1\nevent: ticket.changed\ndata: {"type":"ticket.changed","ticketId":3,"status":"pending","action":"ticket_created"}\n\n']);
        controller.abort();
        throw new DOMException('aborted', 'AbortError');
      }),
    );
    await runLiveStream({ onEvent: (e) => events.push(e), onConnected: (again) => connects.push(again) }, controller.signal);
    expect(calls[0]?.url).toBe('/api/events');
    expect(calls[0]?.headers.get('authorization')).toBe('Bearer access-1');
    expect(calls[0]?.headers.get('accept')).toBe('text/event-stream');
    expect(events).toEqual([{ type: 'ticket.changed', ticketId: 3, status: 'pending', action: 'ticket_created' }]);
    expect(calls[1]?.headers.get('last-event-id')).toBe('aa-1');
    expect(connects).toEqual([false]);
  });

  it('renews the access token after a 401 and connects with the new one', async () => {
    setSessionFromLogin(loginResponse({ accessToken: 'old', refreshToken: 'refresh-1' }));
    const controller = new AbortController();
    const seen: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        if (url === '/api/auth/refresh') return new Response(JSON.stringify(loginResponse({ accessToken: 'new' })), { status: 200, headers: { 'Content-Type': 'application/json' } });
        seen.push(new Headers(init?.headers).get('authorization') ?? '');
        if (seen.length === 1) return new Response(JSON.stringify({ code: 'TOKEN_INVALID', message: 'expired' }), { status: 401 });
        controller.abort();
        throw new DOMException('aborted', 'AbortError');
      }),
    );
    await runLiveStream({ onEvent: () => undefined, onConnected: () => undefined }, controller.signal);
    expect(seen).toEqual(['Bearer old', 'Bearer new']);
  });
});
