import cluster from 'node:cluster';
import { Logger } from '@nestjs/common';
import type { LiveEvent, TicketAccessFacts, TicketChangedEvent } from '@bdc/contracts';
import Redis from 'ioredis';

/**
 * What travels between API processes: the event and who may receive it. A ticket change carries the
 * ticket's access facts so every process filters its own clients with canView, without a query.
 */
export type LiveMessage = { to: 'ticket-viewers'; facts: TicketAccessFacts; event: TicketChangedEvent } | { to: 'user'; userId: number; event: LiveEvent };

/** Fan-out of live messages to every API process (including the one that publishes). */
export abstract class LiveBus {
  abstract publish(message: LiveMessage): void;
  abstract subscribe(listener: (message: LiveMessage) => void): void;
  abstract close(): Promise<void>;
}

/** One process: the default without REDIS_URL. */
export class InProcessLiveBus extends LiveBus {
  private readonly listeners: ((message: LiveMessage) => void)[] = [];

  publish(message: LiveMessage): void {
    // Not synchronously: a publisher (a request that just committed) never waits for the fan-out.
    queueMicrotask(() => {
      for (const listener of this.listeners) listener(message);
    });
  }

  subscribe(listener: (message: LiveMessage) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.listeners.length = 0;
  }
}

/** The cluster IPC message that carries a live message between workers (through the primary, see cluster/primary.ts). */
export const LIVE_IPC = 'bdc:live';

export interface LiveIpcMessage {
  type: typeof LIVE_IPC;
  message: LiveMessage;
}

export function isLiveIpcMessage(value: unknown): value is LiveIpcMessage {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === LIVE_IPC && typeof (value as { message?: unknown }).message === 'object';
}

/**
 * The workers of one machine without Redis (WORKERS > 1, no REDIS_URL): a worker sends the message
 * to the cluster primary, which relays it to every worker, the sender included, so a change made on
 * one worker reaches the streams open on all of them. Like Redis pub/sub it keeps nothing: a worker
 * that is restarting misses what is sent meanwhile, and its clients refetch when they reconnect.
 * Several machines still need Redis.
 */
export class ClusterLiveBus extends LiveBus {
  private readonly listeners: ((message: LiveMessage) => void)[] = [];
  private readonly onMessage = (value: unknown) => {
    if (!isLiveIpcMessage(value)) return;
    for (const listener of this.listeners) listener(value.message);
  };

  constructor() {
    super();
    if (!cluster.isWorker) throw new Error('ClusterLiveBus runs in a cluster worker only');
    process.on('message', this.onMessage);
  }

  publish(message: LiveMessage): void {
    process.send?.({ type: LIVE_IPC, message } satisfies LiveIpcMessage);
  }

  subscribe(listener: (message: LiveMessage) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.listeners.length = 0;
    process.off('message', this.onMessage);
  }
}

/**
 * One channel per database: the processes that share a database share its events, while other
 * installations (or test runs) on the same Redis stay apart. The database's name, not its whole URL,
 * so that processes reaching one server under different host names still meet (SQLite: the file's path,
 * as every process of one machine names it).
 */
export function liveChannelFor(dbUrl: string): string {
  let name: string;
  try {
    const url = new URL(dbUrl);
    name = url.protocol === 'sqlite:' ? dbUrl.slice('sqlite:'.length) : url.pathname.replace(/^\//, '');
  } catch {
    name = dbUrl;
  }
  return `bdc:live-events:${name || 'default'}`;
}

/**
 * Redis pub/sub (REDIS_URL): every process subscribes to one channel. Pub/sub keeps nothing: a
 * process that is down or reconnecting misses messages, which is why clients refetch on reconnect.
 * A subscribed ioredis connection can do nothing else, hence two connections.
 */
export class RedisLiveBus extends LiveBus {
  private readonly logger = new Logger('LiveEvents');
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly listeners: ((message: LiveMessage) => void)[] = [];
  private readonly ready: Promise<void>;

  constructor(
    url: string,
    private readonly channel: string,
  ) {
    super();
    const options = { lazyConnect: false, maxRetriesPerRequest: 2 };
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, options);
    for (const connection of [this.publisher, this.subscriber]) {
      connection.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
    }
    this.subscriber.on('message', (from: string, payload: string) => {
      if (from !== this.channel) return;
      let message: LiveMessage;
      try {
        message = JSON.parse(payload) as LiveMessage;
      } catch {
        return;
      }
      for (const listener of this.listeners) listener(message);
    });
    this.ready = this.subscriber.subscribe(this.channel).then(
      () => undefined,
      (error: Error) => this.logger.warn(`Redis subscribe failed: ${error.message}`),
    );
  }

  /** Resolves once this process receives what is published (tests wait for it). */
  whenSubscribed(): Promise<void> {
    return this.ready;
  }

  publish(message: LiveMessage): void {
    this.publisher.publish(this.channel, JSON.stringify(message)).catch((error: Error) => this.logger.warn(`Redis publish failed: ${error.message}`));
  }

  subscribe(listener: (message: LiveMessage) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.listeners.length = 0;
    await Promise.all([this.publisher.quit().catch(() => undefined), this.subscriber.quit().catch(() => undefined)]);
  }
}
