import { request, type ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LiveEvent } from '@bdc/contracts';

/**
 * A client of GET /api/events over a real socket (Fastify's inject waits for the end of a body,
 * and a stream has none): the events received, parsed, and a way to wait for one.
 */
export interface LiveStream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  events: { id: string | null; event: LiveEvent }[];
  /** The raw text received, comments included. */
  text(): string;
  waitFor(match: (event: LiveEvent) => boolean, timeoutMs?: number): Promise<LiveEvent>;
  close(): void;
}

/** Listens on a free local port (once per app) and returns its base URL. */
export async function listening(app: NestFastifyApplication): Promise<string> {
  const server = app.getHttpServer();
  if (!server.listening) await app.listen(0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export function openLiveStream(baseUrl: string, token: string, headers: Record<string, string> = {}): Promise<LiveStream> {
  return new Promise((resolve, reject) => {
    let req: ClientRequest | null = null;
    req = request(`${baseUrl}/api/events`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}`, ...headers } }, (res) => {
      let buffer = '';
      let all = '';
      const events: LiveStream['events'] = [];
      const waiters: (() => void)[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        all += chunk;
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6));
          if (data.length === 0) continue;
          const id = lines.find((l) => l.startsWith('id: '))?.slice(4) ?? null;
          events.push({ id, event: JSON.parse(data.join('\n')) as LiveEvent });
          for (const wake of waiters.splice(0)) wake();
        }
      });
      res.on('error', () => undefined);
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        text: () => all,
        waitFor(match, timeoutMs = 5000) {
          return new Promise((done, fail) => {
            const timer = setTimeout(() => fail(new Error(`no matching live event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.event))}`)), timeoutMs);
            const check = () => {
              const found = events.find((e) => match(e.event));
              if (found) {
                clearTimeout(timer);
                done(found.event);
              } else {
                waiters.push(check);
              }
            };
            check();
          });
        },
        close: () => req?.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

