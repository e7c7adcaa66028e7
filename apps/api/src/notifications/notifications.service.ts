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
  type UserSummary,
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
import { UsersRepository, type UserSelection, type UserWithGrants } from '../users/users.repository';
import { UsersService } from '../users/users.service';
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
  /** The summaries of the `alsoUsers` the caller asked to have read with the recipients. */
  users: ReadonlyMap<number, UserSummary>;
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
  user: UserWithGrants['user'];
  grants: UserWithGrants['grants'];
  event: NotificationEvent;
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
  private readonly approversCache = new VersionedCache<'approvers', UserWithGrants[]>(1, 60_000);

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
   * `ticket`: as the change leaves it, in the change's transaction (status, assignee and queue are
   * what the recipients' visibility is computed on). `alsoUsers`: users the caller will show (the
   * ticket's people, for its answer), read in the same query as the recipients; their summaries come
   * back whatever their status. Empty when the event notifies nobody (then nothing was read).
   */
  async recordTicketEvent(
    manager: EntityManager,
    auth: AuthContext,
    ticketOrId: TicketEntity | number,
    kind: TicketEventKind,
    detail: TicketEventDetail = {},
    alsoUsers: readonly (number | null)[] = [],
  ): Promise<ReadonlyMap<number, UserSummary>> {
    if (EVENT_OF[kind] === null) return new Map();
    // An id: the ticket is read through the transaction's manager, so it sees the change itself.
    const ticket = typeof ticketOrId === 'number' ? await this.tickets.findById(ticketOrId, manager) : ticketOrId;
    if (!ticket) return new Map();
    const prepared = await this.prepareTicketEvent(manager, auth, ticket, kind, detail, alsoUsers);
    await prepared.write(manager, ticket);
    return prepared.users;
  }

  /**
   * recordTicketEvent in two halves, for a change that learns part of what the rows say last: the
   * reads (who hears of it, with their grants and preferences) now, on the ticket as it will be
   * seen; the one INSERT when `write` is called with the final ticket. A creation takes its number
   * last, under the day's counter lock, and only the INSERT (whose subject carries the number)
   * needs to wait for it; the reads ran under that lock before and held up every other creator.
   * A hot path with SQL of its own takes `rows` and calls `announce` with their ids after COMMIT.
   */
  async prepareTicketEvent(
    manager: EntityManager,
    auth: AuthContext,
    ticket: TicketEntity,
    kind: TicketEventKind,
    detail: TicketEventDetail = {},
    alsoUsers: readonly (number | null)[] = [],
  ): Promise<PreparedTicketEvent> {
    const nothing: PreparedTicketEvent = { rows: () => [], announce: () => undefined, write: () => Promise.resolve(), users: new Map() };
    const event = EVENT_OF[kind];
    if (event === null || ticket.status === 'draft') return nothing;
    const { candidates: all, users } = await this.candidates(manager, auth, ticket, event, detail, alsoUsers);
    const candidates = all.filter((c) => c.user.id !== auth.id);
    const facts: TicketAccessFacts = { status: ticket.status as TicketStatus, createdBy: ticket.createdBy, assignedTo: ticket.assignedTo, assignedRole: ticket.assignedRole };
    const recipients = candidates.filter(({ user, grants }) => {
      if (!canView(facts, { id: user.id, permissions: grants.permissions, roles: grants.roles })) return false;
      return !detail.internal || grants.permissions.includes('ticket.view_internal');
    });
    if (recipients.length === 0) return { ...nothing, users };
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
      users,
    };
  }

  /**
   * The holders of ticket.approve with their grants (what `submitted` reads): from the cache when the
   * caller's access version is the one they were read under. Only outside a transaction: one that
   * changed grants itself must see its own change, and what it reads may still roll back.
   */
  private async approvers(manager: EntityManager, auth: AuthContext): Promise<UserWithGrants[]> {
    const version = this.db.inTransaction ? null : (auth.accessVersion ?? null);
    const cached = this.approversCache.get('approvers', version);
    if (cached) return cached;
    const rows = await this.userRows.usersWithGrants(manager, { permission: 'ticket.approve' });
    this.approversCache.set('approvers', version, rows);
    return rows;
  }

  /**
   * Who should hear of the event before the visibility filter, one entry per active user (a mention
   * wins over the comment), with their grants: one query for the people, the commenters, the
   * mentioned, a queue's members or the approvers, and `alsoUsers` (whose summaries are returned).
   * Approvers come in username order, everyone else by id, the mentioned who are not participants last.
   */
  private async candidates(
    manager: EntityManager,
    auth: AuthContext,
    ticket: TicketEntity,
    event: NotificationEvent,
    detail: TicketEventDetail,
    alsoUsers: readonly (number | null)[],
  ): Promise<{ candidates: Candidate[]; users: Map<number, UserSummary> }> {
    const also = alsoUsers.filter((id): id is number => id !== null);
    const people = [ticket.createdBy, ticket.approvedBy, ticket.reviewedBy, ticket.assignedTo].filter((id): id is number => id !== null);
    const mentioned = event === 'comment' || event === 'mention' ? mentionedUsernames(detail.text ?? '') : [];
    let who: UserSelection;
    // What a user read for `who` hears; null: nothing (read only for `alsoUsers`).
    let heard: (u: UserWithGrants) => NotificationEvent | null;
    switch (event) {
      case 'submitted':
        // The creator cannot review their own ticket (forbidCreator), so approvers other than them.
        who = { permission: 'ticket.approve' };
        heard = (u) => (u.user.id !== ticket.createdBy && u.grants.permissions.includes('ticket.approve') ? event : null);
        break;
      case 'approved':
      case 'rejected':
        who = { ids: [ticket.createdBy] };
        heard = (u) => (u.user.id === ticket.createdBy ? event : null);
        break;
      case 'assigned': {
        const { assignedTo, assignedRole } = ticket;
        who = assignedTo !== null ? { ids: [assignedTo] } : assignedRole ? { roleMembers: assignedRole } : {};
        heard = (u) => ((assignedTo !== null ? u.user.id === assignedTo : assignedRole !== null && u.grants.roles.includes(assignedRole)) ? event : null);
        break;
      }
      default: {
        // The requester, the reviewer, the assignee, and everyone who wrote on the ticket.
        const participants = new Set(people);
        who = { ids: people, commentersOf: ticket.id, usernames: mentioned };
        heard = (u) => (mentioned.includes(u.user.username.toLowerCase()) ? 'mention' : participants.has(u.user.id) || u.commenter ? (event === 'mention' ? 'comment' : event) : null);
      }
    }
    const rows =
      event === 'submitted' && also.length === 0 ? await this.approvers(manager, auth) : await this.userRows.usersWithGrants(manager, { ...who, ids: [...(who.ids ?? []), ...also] });
    const users = new Map(rows.filter((r) => also.includes(r.user.id)).map((r): [number, UserSummary] => [r.user.id, { id: r.user.id, username: r.user.username, displayName: displayNameOf(r.user) }]));
    const candidates = rows.flatMap((r): Candidate[] => {
      const e = r.user.status === 'active' ? heard(r) : null;
      return e ? [{ user: r.user, grants: r.grants, event: e }] : [];
    });
    if (event === 'submitted') candidates.sort((a, b) => (a.user.username < b.user.username ? -1 : a.user.username > b.user.username ? 1 : 0));
    else if (mentioned.length > 0) {
      // The participants in id order (a mentioned one keeps its place), then the others mentioned.
      const commenters = new Set(rows.filter((r) => r.commenter).map((r) => r.user.id));
      const outsider = (c: Candidate) => Number(!people.includes(c.user.id) && !commenters.has(c.user.id));
      candidates.sort((a, b) => outsider(a) - outsider(b));
    }
    return { candidates, users };
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
