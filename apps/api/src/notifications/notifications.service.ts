import { Injectable } from '@nestjs/common';
import {
  canView,
  LIMITS,
  NOTIFICATION_EVENT_LABELS,
  NOTIFICATION_EVENTS,
  type MentionableUser,
  type NotificationEvent,
  type NotificationListQuery,
  type NotificationPreferences,
  type NotificationView,
  type Page,
  type TicketAccessFacts,
  type TicketStatus,
  type UnreadCount,
  type WorkflowAction,
} from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../access/auth-context';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { DatabaseService } from '../database/database.service';
import type { TicketEntity } from '../tickets/ticket.entity';
import { TicketAccessService } from '../tickets/ticket-access.service';
import { TicketsRepository } from '../tickets/tickets.repository';
import { displayNameOf } from '../users/users.dto';
import { UsersRepository, type Grants } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import type { UserEntity } from '../users/user.entity';
import { VersionedCache } from '../users/versioned-cache';
import { LiveEventsService } from './live/live-events.service';
import { NotificationsRepository, type NewNotificationRow } from './notifications.repository';
import type { TicketNotificationEntity } from './ticket-notification.entity';

/** What happened to the ticket: a workflow action, its creation, or a comment (mentions come with comments). */
export type TicketEventKind = WorkflowAction | 'created' | 'comment';

export interface TicketEventDetail {
  /** The action's comment, reason or notes; for a comment its text. */
  text?: string | null;
  /** An internal note: only recipients with ticket.view_internal hear of it. */
  internal?: boolean;
}

/** Which notification a workflow action raises; `start` raises none (the assignee started it). */
const EVENT_OF: Record<TicketEventKind, NotificationEvent | null> = {
  created: 'submitted',
  submit: 'submitted',
  resubmit: 'submitted',
  approve: 'approved',
  reject: 'rejected',
  assign: 'assigned',
  claim: 'assigned',
  start: null,
  deploy: 'deployed',
  complete: 'completed',
  rollback: 'rolled_back',
  cancel: 'cancelled',
  comment: 'comment',
};

/** A notification worked out before the ticket is final (NotificationsService.prepareTicketEvent). */
export interface PreparedTicketEvent {
  /** The outbox rows, in the order `announce` expects their ids. */
  rows(final: TicketEntity): NewNotificationRow[];
  /** The live bell of each written row (after COMMIT, or at once outside a transaction). */
  announce(ids: readonly number[], ticketId: number): void;
  /** rows + INSERT + announce, in the caller's transaction. */
  write(manager: EntityManager, final: TicketEntity): Promise<void>;
}

/** `@username` (the username rules: letters, digits, dots, dashes, underscores), not inside an address. */
const MENTION = /(?<![\w.@])@([A-Za-z0-9._-]{1,30})/g;

export function mentionedUsernames(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    const name = (match[1] ?? '').replace(/[.-]+$/, '');
    if (name) names.add(name.toLowerCase());
  }
  return [...names];
}

const MESSAGE_MAX = 4000;
const SUBJECT_MAX = 255;
const MENTIONABLE_MAX = 10;

interface Candidate {
  user: UserEntity;
  event: NotificationEvent;
}

/** Who may hear of an event, with the grants their visibility is judged by. */
interface Audience {
  candidates: Candidate[];
  grantsByUser: Map<number, Grants>;
}

/** The approvers (holders of ticket.approve) with their grants, as read under one access version. */
interface Approvers {
  users: UserEntity[];
  grants: Map<number, Grants>;
}

/**
 * The outbox of issue 8. `recordTicketEvent` runs inside the transaction of the change it announces
 * (one call where the change writes its history), so a notification exists exactly when the change
 * committed. Recipients follow the ticket visibility policy (canView, with each recipient's own
 * grants); the actor is never told of their own action, and internal notes reach only
 * ticket.view_internal.
 */
@Injectable()
export class NotificationsService {
  /**
   * The approvers every submitted ticket notifies, read under the access version the caller's
   * request was authenticated with (AuthContext.accessVersion), which every change of a user's
   * status, email, roles or grants bumps: two reads fewer per creation. One entry; 60 s at most.
   */
  private readonly approversCache = new VersionedCache<'approvers', Approvers>(1, 60_000);

  constructor(
    private readonly db: DatabaseService,
    private readonly repo: NotificationsRepository,
    private readonly users: UsersService,
    private readonly userRows: UsersRepository,
    private readonly access: TicketAccessService,
    private readonly tickets: TicketsRepository,
    private readonly config: AppConfig,
    private readonly live: LiveEventsService,
  ) {}

  /**
   * Reads the ticket through the transaction's manager, so it sees the change itself (status,
   * assignee and queue are what the recipients' visibility is computed on).
   */
  async recordTicketEvent(manager: EntityManager, auth: AuthContext, ticketId: number, kind: TicketEventKind, detail: TicketEventDetail = {}): Promise<void> {
    if (EVENT_OF[kind] === null) return;
    const ticket = await this.tickets.findById(ticketId, manager);
    if (!ticket) return;
    const prepared = await this.prepareTicketEvent(manager, auth, ticket, kind, detail);
    await prepared.write(manager, ticket);
  }

  /**
   * recordTicketEvent in two halves, for a change that learns part of what the rows say last: the
   * reads (who hears of it, with their grants and preferences) now, on the ticket as it will be
   * seen; the one INSERT when `write` is called with the final ticket. A creation takes its number
   * last, under the day's counter lock, and only the INSERT (whose subject carries the number)
   * needs to wait for it; the reads ran under that lock before and held up every other creator.
   * A hot path with SQL of its own takes `rows` and calls `announce` with their ids after COMMIT.
   */
  async prepareTicketEvent(manager: EntityManager, auth: AuthContext, ticket: TicketEntity, kind: TicketEventKind, detail: TicketEventDetail = {}): Promise<PreparedTicketEvent> {
    const nothing: PreparedTicketEvent = { rows: () => [], announce: () => undefined, write: () => Promise.resolve() };
    const event = EVENT_OF[kind];
    if (event === null || ticket.status === 'draft') return nothing;
    const { candidates, grantsByUser } = await this.audience(manager, auth, ticket, event, detail);
    const facts: TicketAccessFacts = { status: ticket.status as TicketStatus, createdBy: ticket.createdBy, assignedTo: ticket.assignedTo, assignedRole: ticket.assignedRole };
    const recipients = candidates.filter(({ user }) => {
      const grants = grantsByUser.get(user.id);
      if (!grants || !canView(facts, { id: user.id, permissions: grants.permissions, roles: grants.roles })) return false;
      return !detail.internal || grants.permissions.includes('ticket.view_internal');
    });
    if (recipients.length === 0) return nothing;
    const mailing = this.config.notifications.smtpUrl !== null;
    // Without a mail server every row is 'skipped' whatever the preferences say: no need to read them.
    const optOuts = new Map<NotificationEvent, Set<number>>();
    if (mailing) {
      for (const e of new Set(recipients.map((r) => r.event))) {
        optOuts.set(e, await this.repo.emailOptOuts(manager, recipients.filter((r) => r.event === e).map((r) => r.user.id), e));
      }
    }
    const rowsOf = (final: TicketEntity): NewNotificationRow[] =>
      recipients.map(({ user, event: e }) => ({
        ticketId: final.id,
        notificationType: e,
        recipientUserId: user.id,
        recipientEmail: user.email ? user.email.slice(0, 100) : null,
        subject: subjectOf(final, e).slice(0, SUBJECT_MAX),
        message: messageOf(auth, final, e, detail).slice(0, MESSAGE_MAX),
        status: mailing && user.email && !optOuts.get(e)?.has(user.id) ? 'pending' : 'skipped',
        actorUserId: auth.id,
        actorName: auth.displayName.slice(0, 100),
        attempts: 0,
        nextAttemptAt: null,
      }));
    // The bell updates at once instead of at its next poll; after the commit, so a rolled-back change rings nothing.
    const announce = (ids: readonly number[], ticketId: number) =>
      ids.forEach((notificationId, index) => {
        const recipient = recipients[index];
        if (recipient) this.live.publishToUser(recipient.user.id, { type: 'notification.created', notificationId, ticketId });
      });
    return {
      rows: rowsOf,
      announce,
      write: async (m, final) => announce(await this.repo.insertMany(m, rowsOf(final)), final.id),
    };
  }

  /** The candidates but the actor, and their grants. */
  private async audience(manager: EntityManager, auth: AuthContext, ticket: TicketEntity, event: NotificationEvent, detail: TicketEventDetail): Promise<Audience> {
    if (event === 'submitted') {
      const approvers = await this.approvers(manager, auth);
      // The creator cannot review their own ticket (forbidCreator), so approvers other than them.
      const candidates = approvers.users.filter((u) => u.id !== ticket.createdBy && u.id !== auth.id).map((user) => ({ user, event }));
      return { candidates, grantsByUser: approvers.grants };
    }
    const candidates = (await this.candidates(manager, ticket, event, detail)).filter((c) => c.user.id !== auth.id);
    // One query for every candidate's grants, not one per candidate.
    return { candidates, grantsByUser: await this.userRows.grantsOfUsers(candidates.map((c) => c.user.id), manager) };
  }

  /**
   * Active holders of ticket.approve and their grants: from the cache when the caller's access
   * version is the one they were read under. Only outside a transaction: one that changed grants
   * itself must see its own change, and what it reads may still roll back.
   */
  private async approvers(manager: EntityManager, auth: AuthContext): Promise<Approvers> {
    const version = this.db.inTransaction ? null : (auth.accessVersion ?? null);
    const cached = this.approversCache.get('approvers', version);
    if (cached) return cached;
    const users = await this.userRows.activeUsersWithPermission('ticket.approve', manager);
    const approvers = { users, grants: await this.userRows.grantsOfUsers(users.map((u) => u.id), manager) };
    this.approversCache.set('approvers', version, approvers);
    return approvers;
  }

  /**
   * Who should hear of the event before the visibility filter; one entry per user (a mention wins over
   * the comment). Not for `submitted`, whose approvers `audience` takes from `approvers`.
   */
  private async candidates(manager: EntityManager, ticket: TicketEntity, event: NotificationEvent, detail: TicketEventDetail): Promise<Candidate[]> {
    const byId = new Map<number, Candidate>();
    const add = (users: UserEntity[], e: NotificationEvent) => {
      for (const user of users) byId.set(user.id, { user, event: e });
    };
    const ids = async (list: (number | null)[]) => this.repo.activeUsers(manager, { ids: [...new Set(list.filter((id): id is number => id !== null))] });
    switch (event) {
      case 'approved':
      case 'rejected':
        add(await ids([ticket.createdBy]), event);
        break;
      case 'assigned':
        add(await ids(ticket.assignedTo !== null ? [ticket.assignedTo] : ticket.assignedRole ? await this.repo.membersOfRole(manager, ticket.assignedRole) : []), event);
        break;
      case 'comment':
      case 'mention':
        add(await ids([...(await this.participants(manager, ticket))]), 'comment');
        add(await this.repo.activeUsers(manager, { usernames: mentionedUsernames(detail.text ?? '') }), 'mention');
        break;
      default:
        add(await ids([...(await this.participants(manager, ticket))]), event);
    }
    return [...byId.values()];
  }

  /** The requester, the reviewer, the assignee, and everyone who wrote on the ticket. */
  private async participants(manager: EntityManager, ticket: TicketEntity): Promise<(number | null)[]> {
    return [ticket.createdBy, ticket.approvedBy, ticket.reviewedBy, ticket.assignedTo, ...(await this.repo.commenters(manager, ticket.id))];
  }

  async list(auth: AuthContext, query: NotificationListQuery): Promise<Page<NotificationView>> {
    const page = query.page ?? 1;
    const pageSize = Math.min(query.pageSize ?? LIMITS.pageSizeDefault, LIMITS.pageSizeMax);
    const { rows, total } = await this.repo.inbox(auth.id, { unreadOnly: query.unread === true, page, pageSize });
    return { items: rows.map(toView), total, page, pageSize };
  }

  async unreadCount(auth: AuthContext): Promise<UnreadCount> {
    return { unread: await this.repo.unreadCount(auth.id) };
  }

  /** Someone else's notification does not exist for the caller (404). Reading twice keeps the first time. */
  async markRead(auth: AuthContext, id: number): Promise<NotificationView> {
    const row = await this.repo.findOfRecipient(id, auth.id);
    if (!row) throw new DomainError('NOT_FOUND', `Notification ${id} does not exist`);
    if (row.readAt === null) await this.repo.markRead(auth.id, id, new Date());
    const updated = await this.repo.findOfRecipient(id, auth.id);
    return toView(updated ?? row);
  }

  async markAllRead(auth: AuthContext): Promise<UnreadCount> {
    await this.repo.markRead(auth.id, null, new Date());
    return this.unreadCount(auth);
  }

  async preferences(auth: AuthContext): Promise<NotificationPreferences> {
    const off = new Set((await this.repo.preferencesOf(auth.id)).filter((p) => !p.emailEnabled).map((p) => p.notificationType));
    return { items: NOTIFICATION_EVENTS.map((event) => ({ event, email: !off.has(event) })) };
  }

  async setPreferences(auth: AuthContext, request: NotificationPreferences): Promise<NotificationPreferences> {
    const seen = new Set<string>();
    request.items.forEach((item, index) => {
      if (seen.has(item.event)) {
        throw new DomainError('VALIDATION_FAILED', `Event ${item.event} is listed twice`, { fields: [{ field: `items.${index}.event`, reason: 'listed twice' }] });
      }
      seen.add(item.event);
    });
    await this.db.transaction((manager) => this.repo.savePreferences(manager, auth.id, request.items));
    return this.preferences(auth);
  }

  /**
   * Who `@` can reach in a comment on the ticket: active users whose username or name starts with `q`
   * and who can see the ticket (404 when the caller cannot). For an internal note, only those who
   * may read internal notes.
   */
  async mentionable(auth: AuthContext, ticketId: number, q: string, internal: boolean): Promise<MentionableUser[]> {
    const ticket = await this.access.findVisible(auth, ticketId);
    const facts: TicketAccessFacts = { status: ticket.status as TicketStatus, createdBy: ticket.createdBy, assignedTo: ticket.assignedTo, assignedRole: ticket.assignedRole };
    const needle = q.trim().toLowerCase();
    const users = await this.userRows.listAll();
    const found: MentionableUser[] = [];
    for (const user of users) {
      if (found.length >= MENTIONABLE_MAX) break;
      if (user.status !== 'active' || user.id === auth.id) continue;
      const names = [user.username, user.firstName ?? '', user.lastName ?? '', displayNameOf(user)].map((n) => n.toLowerCase());
      if (needle && !names.some((n) => n.startsWith(needle))) continue;
      const grants = await this.users.grantsOf(user.id);
      if (!canView(facts, { id: user.id, permissions: grants.permissions, roles: grants.roles })) continue;
      if (internal && !grants.permissions.includes('ticket.view_internal')) continue;
      found.push({ id: user.id, username: user.username, displayName: displayNameOf(user) });
    }
    return found;
  }
}

function subjectOf(ticket: TicketEntity, event: NotificationEvent): string {
  return `[${ticket.ticketNumber}] ${NOTIFICATION_EVENT_LABELS[event]}: ${ticket.title}`;
}

function messageOf(auth: AuthContext, ticket: TicketEntity, event: NotificationEvent, detail: TicketEventDetail): string {
  const who = auth.displayName || auth.username;
  const text = detail.text?.trim() ? detail.text.trim() : null;
  const head: Record<NotificationEvent, string> = {
    submitted: `${who} submitted ${ticket.ticketNumber} for approval.`,
    approved: `${who} approved ${ticket.ticketNumber}.`,
    rejected: `${who} rejected ${ticket.ticketNumber}.`,
    assigned: ticket.assignedTo !== null ? `${who} assigned ${ticket.ticketNumber} to you.` : `${who} put ${ticket.ticketNumber} in the ${ticket.assignedRole ?? ''} queue.`,
    deployed: `${who} deployed ${ticket.ticketNumber}.`,
    completed: `${who} completed ${ticket.ticketNumber}.`,
    rolled_back: `${who} rolled back ${ticket.ticketNumber}.`,
    cancelled: `${who} cancelled ${ticket.ticketNumber}.`,
    comment: `${who} ${detail.internal ? 'added an internal note to' : 'commented on'} ${ticket.ticketNumber}.`,
    mention: `${who} mentioned you ${detail.internal ? 'in an internal note on' : 'in a comment on'} ${ticket.ticketNumber}.`,
  };
  return text ? `${head[event]}\n\n${text}` : head[event];
}

function toView(row: TicketNotificationEntity & { ticket?: { ticketNumber?: string } | undefined }): NotificationView {
  return {
    id: row.id,
    ticketId: row.ticketId,
    ticketNumber: row.ticket?.ticketNumber ?? null,
    event: row.notificationType as NotificationEvent,
    subject: row.subject,
    message: row.message,
    actorName: row.actorName,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}
