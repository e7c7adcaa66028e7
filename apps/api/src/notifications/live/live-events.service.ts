import { randomBytes } from 'node:crypto';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import { canView, type HistoryAction, type LiveEvent, type NotificationCreatedEvent, type TicketAccessFacts } from '@bdc/contracts';
import type { AuthContext } from '../../access/auth-context';
import { DatabaseService } from '../../database/database.service';
import { TicketsRepository } from '../../tickets/tickets.repository';
import { LiveBus, type LiveMessage } from './live-bus';

/** A browser with a few tabs open; more than this from one user on one process closes the oldest. */
export const MAX_STREAMS_PER_USER = 6;
/** Events kept for `Last-Event-ID` replay after a short disconnect (same process only). */
const REPLAY_BUFFER = 200;

export interface LiveClient {
  auth: AuthContext;
  send(id: string, event: LiveEvent): void;
  /** Ends the stream (the client reconnects). */
  close(): void;
}

/** A ticket change to announce; `facts`: the ticket's access facts as it committed, when the caller knows them. */
export interface TicketChange {
  ticketId: number;
  action: HistoryAction;
  facts?: TicketAccessFacts;
}

interface Sent {
  seq: number;
  message: LiveMessage;
}

/** The per-transaction batch of changed tickets (DatabaseService.afterCommitBatch). */
const TICKET_CHANGES = Symbol('ticket changes');

/** A ticket's change waiting for COMMIT: what names it, and its facts when the change knew them. */
interface PendingChange {
  action: HistoryAction;
  facts?: TicketAccessFacts;
}

/**
 * Live updates: ticket changes and new notifications, fanned out through the LiveBus (Redis with
 * REDIS_URL, else this process) to the SSE streams open on every API process. Each process decides
 * for its own clients what they may receive: ticket events by the ticket policy (canView on the
 * facts the message carries, with the permissions the client had when it connected), user events
 * by recipient.
 */
@Injectable()
export class LiveEventsService implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('LiveEvents');
  private readonly clients = new Map<number, LiveClient[]>();
  /** Event ids are `<boot>-<seq>`: a Last-Event-ID from another process (or an earlier run) replays nothing. */
  private readonly boot = randomBytes(4).toString('hex');
  private seq = 0;
  private readonly recent: Sent[] = [];

  constructor(
    private readonly bus: LiveBus,
    private readonly db: DatabaseService,
    private readonly tickets: TicketsRepository,
  ) {
    bus.subscribe((message) => this.deliver(message));
  }

  /**
   * Announces that these tickets changed, once the ambient transaction commits (at once outside
   * one): a change that is rolled back announces nothing. Called where history is written, which
   * every ticket change does. A change that knows the ticket's access facts as they commit (a
   * creation, announced after its COMMIT) passes them and saves the read after the commit.
   */
  ticketsChanged(changes: readonly TicketChange[]): void {
    if (changes.length === 0) return;
    const byTicket = this.pendingChanges();
    for (const { ticketId, action, facts } of changes) {
      const known = byTicket.get(ticketId);
      if (!known) byTicket.set(ticketId, facts ? { action, facts } : { action });
      // A later change in the same transaction (the action API's multi-part requests) may have moved
      // the facts on: the ones it gives, or else a read after COMMIT.
      else if (facts) known.facts = facts;
      else delete known.facts;
    }
  }

  /**
   * The ticket's facts (status, owner, assignee, queue) as the ambient transaction leaves them, from a
   * change that has them at hand (a workflow action, a comment): its ticket.changed event is then
   * filtered on them instead of reading them again after COMMIT. Call it after the change's last
   * history write (a history write after it drops them again).
   */
  ticketFacts(ticketId: number, facts: TicketAccessFacts): void {
    const change = this.pendingChanges().get(ticketId);
    if (change) change.facts = facts;
  }

  /** One event per ticket and transaction, however many history writes it made: the first entry names the change. */
  private pendingChanges(): Map<number, PendingChange> {
    return this.db.afterCommitBatch(
      TICKET_CHANGES,
      () => new Map<number, PendingChange>(),
      (pending) => {
        void this.publishTicketChanges(pending).catch((error: Error) => this.logger.warn(`ticket.changed not published: ${error.message}`));
      },
    );
  }

  /** For the notifications module: an event for one user's streams only (the bell). */
  publishToUser(userId: number, event: NotificationCreatedEvent): void {
    this.db.afterCommit(() => this.bus.publish({ to: 'user', userId, event }));
  }

  /** Registers a stream; returns what unregisters it. Replays what it missed when `lastEventId` is ours. */
  connect(client: LiveClient, lastEventId?: string): () => void {
    const mine = this.clients.get(client.auth.id) ?? [];
    mine.push(client);
    this.clients.set(client.auth.id, mine);
    while (mine.length > MAX_STREAMS_PER_USER) mine.shift()?.close();
    const missedAfter = this.seqOf(lastEventId);
    if (missedAfter !== null) {
      for (const sent of this.recent) if (sent.seq > missedAfter && mayReceive(client.auth, sent.message)) client.send(this.idOf(sent.seq), sent.message.event);
    }
    return () => {
      const current = this.clients.get(client.auth.id);
      if (!current) return;
      const rest = current.filter((c) => c !== client);
      if (rest.length > 0) this.clients.set(client.auth.id, rest);
      else this.clients.delete(client.auth.id);
    };
  }

  /** Open streams on this process (health and tests). */
  get streamCount(): number {
    let count = 0;
    for (const list of this.clients.values()) count += list.length;
    return count;
  }

  /**
   * Before the HTTP server closes: it waits for open connections, and a stream never ends by itself.
   * Clients reconnect (to another process, once this one is out of the load balancer).
   */
  beforeApplicationShutdown(): void {
    for (const list of this.clients.values()) for (const client of [...list]) client.close();
    this.clients.clear();
  }

  onApplicationShutdown(): Promise<void> {
    this.beforeApplicationShutdown();
    return this.bus.close();
  }

  private async publishTicketChanges(changes: Map<number, PendingChange>): Promise<void> {
    for (const [ticketId, { action, facts: known }] of changes) {
      const facts = known ?? (await this.tickets.accessFactsById(ticketId));
      // Deleted meanwhile: nobody can see it any more, and lists drop it on their next refetch.
      if (!facts) continue;
      this.bus.publish({ to: 'ticket-viewers', facts, event: { type: 'ticket.changed', ticketId, status: facts.status, action } });
    }
  }

  private deliver(message: LiveMessage): void {
    const seq = ++this.seq;
    this.recent.push({ seq, message });
    if (this.recent.length > REPLAY_BUFFER) this.recent.shift();
    const id = this.idOf(seq);
    const targets = message.to === 'user' ? (this.clients.get(message.userId) ?? []) : [...this.clients.values()].flat();
    for (const client of targets) if (mayReceive(client.auth, message)) client.send(id, message.event);
  }

  private idOf(seq: number): string {
    return `${this.boot}-${seq}`;
  }

  private seqOf(lastEventId: string | undefined): number | null {
    const match = /^([0-9a-f]{8})-(\d{1,15})$/.exec(lastEventId ?? '');
    return match && match[1] === this.boot ? Number(match[2]) : null;
  }
}

function mayReceive(auth: AuthContext, message: LiveMessage): boolean {
  return message.to === 'user' ? message.userId === auth.id : canView(message.facts, auth);
}
