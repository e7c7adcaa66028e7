import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LiveEvent } from '@bdc/contracts';
import type { AuthContext } from '../../access/auth-context';
import { CurrentAuth } from '../../access/decorators';
import { fieldError } from '../../common/domain-error';
import { AppConfig } from '../../config/app-config';
import { LiveEventsService } from './live-events.service';

/** Proxies drop idle connections after 30–60 s; a comment line every 25 s keeps the stream open. */
export const HEARTBEAT_MS = 25_000;
/** What EventSource-style clients wait before reconnecting. */
const RETRY_MS = 3_000;

@ApiTags('live')
@Controller('events')
export class LiveEventsController {
  constructor(
    private readonly live: LiveEventsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Authenticated like every route (Authorization: Bearer): the SPA reads the stream with fetch, so
   * the access token never appears in a URL (EventSource could only send it there). The stream ends
   * when the access token it was opened with expires; the client reconnects with its renewed token,
   * so a logout, a disabled account or a changed grant reaches an open stream within one token
   * lifetime.
   */
  @Get()
  @ApiOperation({ summary: 'Server-sent events: ticket.changed for tickets the caller may see, notification.created for the caller (send Accept: text/event-stream)' })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Replay what was missed since this id (best effort, same API process)' })
  @ApiOkResponse({ description: 'An endless text/event-stream; `event:` is the type, `data:` its JSON' })
  stream(@CurrentAuth() auth: AuthContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    // A plain request (a script, a probe) would hang on an endless body; say what the route is instead.
    if (!String(request.headers.accept ?? '').includes('text/event-stream')) {
      throw fieldError('accept', 'this route is a server-sent event stream: send Accept: text/event-stream');
    }
    const lastEventId = request.headers['last-event-id'];
    reply.hijack();
    const raw = reply.raw;
    // The security headers the onRequest hooks already set (nosniff, CSP, …), then the stream's own.
    const headers: Record<string, string | number | string[]> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value;
    raw.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: ${RETRY_MS}\n: connected\n\n`);

    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      clearTimeout(expiry);
      disconnect();
      raw.end();
    };
    const disconnect = this.live.connect(
      {
        auth,
        send: (id: string, event: LiveEvent) => {
          if (!closed) raw.write(`id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        },
        close,
      },
      typeof lastEventId === 'string' ? lastEventId : undefined,
    );
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const expiry = setTimeout(close, this.config.accessTokenTtlSeconds * 1000);
    request.raw.on('close', close);
    raw.on('error', close);
  }
}
