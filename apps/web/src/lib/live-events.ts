import { LIVE_EVENT_TYPES, type LiveEvent } from '@bdc/contracts';
import { renewAccessToken } from './api-client';
import { getSession } from './auth-session';

/**
 * The client of GET /api/events. fetch with a streamed body rather than EventSource: EventSource
 * cannot send the Authorization header, and the access token must not go into a URL (logs, history).
 */

export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/**
 * Splits what arrived so far into complete messages (the text/event-stream format: fields per line,
 * a blank line ends a message, lines starting with `:` are comments); returns the unfinished rest.
 */
export function parseSse(buffer: string): { messages: SseMessage[]; rest: string } {
  const messages: SseMessage[] = [];
  const normalized = buffer.replace(/\r\n?/g, '\n');
  const blocks = normalized.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) messages.push({ id, event, data: data.join('\n') });
  }
  return { messages, rest };
}

export function toLiveEvent(message: SseMessage): LiveEvent | null {
  if (!(LIVE_EVENT_TYPES as readonly string[]).includes(message.event)) return null;
  try {
    const parsed = JSON.parse(message.data) as LiveEvent;
    return parsed.type === message.event ? parsed : null;
  } catch {
    return null;
  }
}

/** 1 s, 2 s, 4 s … up to 30 s, with jitter so that a restarted server is not hit by every tab at once. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
  return Math.round(base * (0.75 + random() * 0.5));
}

export interface LiveStreamHandlers {
  onEvent(event: LiveEvent): void;
  /** The stream (re)connected: what happened while it was down is unknown, so refetch. */
  onConnected(reconnect: boolean): void;
}

/**
 * Keeps one stream open until `signal` aborts: reconnects with backoff after a drop, and after a
 * 401 renews the access token first (the server also ends a stream when its token expires).
 */
export async function runLiveStream(handlers: LiveStreamHandlers, signal: AbortSignal): Promise<void> {
  let attempt = 0;
  let lastEventId: string | null = null;
  let connectedBefore = false;
  while (!signal.aborted) {
    const token = getSession()?.accessToken;
    if (!token) return;
    let received = false;
    try {
      const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${token}` };
      if (lastEventId) headers['Last-Event-ID'] = lastEventId;
      const response = await fetch('/api/events', { headers, signal, cache: 'no-store' });
      if (response.status === 401) {
        if (!(await renewAccessToken())) return;
        continue;
      }
      if (!response.ok || !response.body) throw new Error(`live events: HTTP ${response.status}`);
      handlers.onConnected(connectedBefore);
      connectedBefore = true;
      received = true;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = parseSse(buffer + value);
        buffer = parsed.rest;
        for (const message of parsed.messages) {
          if (message.id) lastEventId = message.id;
          const event = toLiveEvent(message);
          if (event) handlers.onEvent(event);
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    // A stream that was open (the server ended it at token expiry) reconnects at once; failures back off.
    attempt = received ? 0 : attempt + 1;
    if (attempt > 0) await sleep(reconnectDelay(attempt), signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
