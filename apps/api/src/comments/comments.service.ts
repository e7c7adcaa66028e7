import { Injectable } from '@nestjs/common';
import type { CommentView, CreateCommentRequest, UpdateCommentRequest } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { AttachmentsService } from '../attachments/attachments.service';
import { DomainError } from '../common/domain-error';
import { DatabaseService, wholeSeconds } from '../database/database.service';
import { INTERNAL_METADATA_KEY } from '../history/history.dto';
import { HistoryService } from '../history/history.service';
import { LiveEventsService } from '../notifications/live/live-events.service';
import { NotificationsService } from '../notifications/notifications.service';
import { accessFacts, TicketAccessService } from '../tickets/ticket-access.service';
import { UsersService } from '../users/users.service';
import { CommentsRepository } from './comments.repository';
import { toCommentView } from './comments.dto';
import type { TicketCommentEntity } from './ticket-comment.entity';

const seesInternal = (auth: AuthContext) => auth.permissions.includes('ticket.view_internal');

/** Public comments and internal notes; each addition or edit writes its history row in the same transaction. */
@Injectable()
export class CommentsService {
  constructor(
    private readonly db: DatabaseService,
    private readonly comments: CommentsRepository,
    private readonly access: TicketAccessService,
    private readonly history: HistoryService,
    private readonly users: UsersService,
    private readonly attachments: AttachmentsService,
    private readonly notifications: NotificationsService,
    private readonly live: LiveEventsService,
  ) {}

  async list(auth: AuthContext, ticketId: number): Promise<CommentView[]> {
    await this.access.findVisible(auth, ticketId);
    const rows = await this.comments.listByTicket(ticketId, seesInternal(auth));
    return this.toViews(rows);
  }

  /**
   * Answers from what it wrote: every column of the row is given (the timestamps in whole seconds, as
   * the columns' CURRENT_TIMESTAMP default wrote them), the author is the caller, and a new comment has
   * no attachments yet; nothing is read after COMMIT.
   */
  async add(auth: AuthContext, ticketId: number, request: CreateCommentRequest): Promise<CommentView> {
    const internal = request.internal === true;
    const row = await this.db.transaction(async (manager): Promise<TicketCommentEntity> => {
      const ticket = await this.access.findVisible(auth, ticketId, manager);
      if (internal && !seesInternal(auth)) {
        throw new DomainError('FORBIDDEN', 'Internal notes need the ticket.view_internal permission', { fields: [{ field: 'internal', reason: 'requires ticket.view_internal' }] });
      }
      const at = wholeSeconds(new Date());
      const values = {
        ticketId,
        comment: request.comment,
        commentType: internal ? 'internal_note' : 'comment',
        isInternal: internal,
        userId: auth.id,
        userName: auth.username.slice(0, 100),
        hasAttachments: false,
        createdAt: at,
        updatedAt: at,
        edited: false,
      };
      const commentId = await this.comments.insert(manager, values);
      await this.history.record(manager, auth, {
        ticketId,
        action: 'comment_added',
        comment: request.comment,
        metadata: { commentId, [INTERNAL_METADATA_KEY]: internal },
      });
      // The ticket as read above: a comment changes nothing the recipients' visibility depends on.
      await this.notifications.recordTicketEvent(manager, auth, ticket, 'comment', { text: request.comment, internal });
      this.live.ticketFacts(ticket.id, accessFacts(ticket));
      return { ...values, id: commentId };
    });
    return toCommentView(row, new Map([[auth.id, { id: auth.id, username: auth.username, displayName: auth.displayName }]]), []);
  }

  /** Only the author edits; an internal note the caller may not see does not exist for them. */
  async edit(auth: AuthContext, ticketId: number, commentId: number, request: UpdateCommentRequest): Promise<CommentView> {
    await this.db.transaction(async (manager) => {
      await this.access.findVisible(auth, ticketId, manager);
      const row = await this.comments.findInTicket(ticketId, commentId, manager);
      if (!row || (row.isInternal && !seesInternal(auth))) throw new DomainError('COMMENT_NOT_FOUND', `Comment ${commentId} does not exist on this ticket`);
      if (row.userId !== auth.id || row.commentType === 'system') throw new DomainError('FORBIDDEN', 'Only the author may edit a comment');
      if (row.comment === request.comment) return;
      await this.comments.update(manager, row.id, { comment: request.comment, edited: true });
      await this.history.record(manager, auth, {
        ticketId,
        action: 'comment_edited',
        oldValue: row.comment,
        newValue: request.comment,
        metadata: { commentId, [INTERNAL_METADATA_KEY]: row.isInternal },
      });
    });
    return this.one(ticketId, commentId);
  }

  private async one(ticketId: number, id: number): Promise<CommentView> {
    const row = await this.comments.findInTicket(ticketId, id);
    if (!row) throw new DomainError('COMMENT_NOT_FOUND', `Comment ${id} does not exist on this ticket`);
    const [view] = await this.toViews([row]);
    if (!view) throw new DomainError('COMMENT_NOT_FOUND', `Comment ${id} does not exist on this ticket`);
    return view;
  }

  private async toViews(rows: TicketCommentEntity[]): Promise<CommentView[]> {
    const [users, attachments] = await Promise.all([this.users.summaries(rows.map((r) => r.userId)), this.attachments.byComment(rows.filter((r) => r.hasAttachments).map((r) => r.id))]);
    return rows.map((row) => toCommentView(row, users, attachments.get(row.id) ?? []));
  }
}
