import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import type { AttachmentView } from '@bdc/contracts';
import type { FastifyRequest } from 'fastify';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../access/auth-context';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { DatabaseService } from '../database/database.service';
import { INTERNAL_METADATA_KEY } from '../history/history.dto';
import { HistoryService } from '../history/history.service';
import { TicketAccessService } from '../tickets/ticket-access.service';
import { UsersService } from '../users/users.service';
import { storageError, storedPath } from './attachment-storage';
import { detectFileType, judgeType } from './attachment-types';
import { readAttachmentUpload, type ReceivedFile } from './attachment-upload';
import { toAttachmentView } from './attachments.dto';
import { AttachmentsRepository } from './attachments.repository';
import type { TicketAttachmentEntity } from './ticket-attachment.entity';

const seesInternal = (auth: AuthContext) => auth.permissions.includes('ticket.view_internal');

export function attachmentNotFound(id: number): DomainError {
  return new DomainError('ATTACHMENT_NOT_FOUND', `Attachment ${id} does not exist on this ticket or you may not see it`);
}

/** An open stored file, ready to stream, with what the download headers need. */
export interface AttachmentDownload {
  file: FileHandle;
  filename: string;
  mimeType: string;
  size: number;
  isImage: boolean;
}

/**
 * Files on tickets and comments. A file reaches its place (UPLOAD_DIR/tickets/{ticketId}/{sha256})
 * only once its size and type were accepted, and its row and history entry commit together; whatever
 * fails on the way, neither a file nor a row is left behind. Identical content on one ticket shares
 * one stored file, removed with the last row that names it.
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger(AttachmentsService.name);

  constructor(
    private readonly db: DatabaseService,
    private readonly attachments: AttachmentsRepository,
    private readonly access: TicketAccessService,
    private readonly history: HistoryService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async list(auth: AuthContext, ticketId: number): Promise<AttachmentView[]> {
    await this.access.findVisible(auth, ticketId);
    return this.toViews(await this.attachments.listByTicket(ticketId, seesInternal(auth)));
  }

  /** The attachments of these comments (already filtered to the ones the caller sees), by comment id. */
  async byComment(commentIds: number[]): Promise<Map<number, AttachmentView[]>> {
    const views = await this.toViews(await this.attachments.listByComments(commentIds));
    const out = new Map<number, AttachmentView[]>();
    for (const view of views) if (view.commentId !== null) out.set(view.commentId, [...(out.get(view.commentId) ?? []), view]);
    return out;
  }

  async upload(auth: AuthContext, ticketId: number, request: FastifyRequest): Promise<AttachmentView> {
    // Before a byte is stored: a ticket the caller may not see is a 404, not a file on disk.
    await this.access.findVisible(auth, ticketId);
    const upload = await readAttachmentUpload(request, join(this.config.uploadDir, 'tmp'), this.config.uploadMaxBytes);
    const { file, commentId } = upload;
    let placed: string | null = null;
    try {
      const verdict = judgeType(file.originalName, await detectFileType(file.tempPath), this.config.uploadAllowedTypes);
      if (!verdict.ok) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `${file.originalName} was refused: ${verdict.reason}`, { fields: [{ field: 'file', reason: verdict.reason }] });
      const relative = storedPath(ticketId, file.sha256);
      const id = await this.db.transaction(async (manager) => {
        await this.access.findVisible(auth, ticketId, manager);
        const internal = commentId === null ? false : await this.checkOwnComment(auth, ticketId, commentId, manager);
        await this.place(file, relative);
        placed = relative;
        const attachmentId = await this.attachments.insert(manager, {
          ticketId,
          commentId,
          filename: file.sha256,
          originalFilename: file.originalName,
          filePath: relative,
          fileSize: file.size,
          mimeType: verdict.mime,
          uploadedBy: auth.id,
          description: null,
        });
        if (commentId !== null) await this.attachments.setCommentHasAttachments(manager, commentId, true);
        await this.history.record(manager, auth, {
          ticketId,
          action: 'attachment_added',
          newValue: file.originalName,
          metadata: { attachmentId, commentId, size: file.size, mimeType: verdict.mime, [INTERNAL_METADATA_KEY]: internal },
        });
        return attachmentId;
      });
      placed = null;
      return await this.one(ticketId, id);
    } catch (error) {
      if (placed !== null) await this.removeUnlessShared(placed);
      throw error;
    } finally {
      await unlink(file.tempPath).catch(() => undefined);
    }
  }

  async open(auth: AuthContext, ticketId: number, attachmentId: number): Promise<AttachmentDownload> {
    const row = await this.findVisible(auth, ticketId, attachmentId);
    let file: FileHandle;
    try {
      file = await open(join(this.config.uploadDir, row.filePath), 'r');
    } catch (error) {
      this.logger.warn(`attachment ${row.id}: its file ${row.filePath} cannot be read (${error instanceof Error ? error.message : String(error)})`);
      throw new DomainError('ATTACHMENT_NOT_FOUND', `The file of attachment ${row.id} is missing from the storage`);
    }
    return { file, filename: row.originalFilename, mimeType: row.mimeType, size: row.fileSize, isImage: toAttachmentView(row, new Map()).isImage };
  }

  /** The uploader, or ticket.manage; the file goes with the last row naming it, after the commit. */
  async remove(auth: AuthContext, ticketId: number, attachmentId: number): Promise<void> {
    const removed = await this.db.transaction(async (manager) => {
      await this.access.findVisible(auth, ticketId, manager);
      const row = await this.findVisible(auth, ticketId, attachmentId, manager);
      const mayDelete = auth.permissions.includes('ticket.manage') || (row.uploadedBy === auth.id && auth.permissions.includes('ticket.comment'));
      if (!mayDelete) throw new DomainError('FORBIDDEN', 'Only the uploader or a ticket manager (ticket.manage) may delete an attachment');
      await this.attachments.delete(manager, row.id);
      let internal = false;
      if (row.commentId !== null) {
        internal = (await this.attachments.findComment(ticketId, row.commentId, manager))?.isInternal ?? false;
        if ((await this.attachments.countByComment(row.commentId, manager)) === 0) await this.attachments.setCommentHasAttachments(manager, row.commentId, false);
      }
      await this.history.record(manager, auth, {
        ticketId,
        action: 'attachment_removed',
        oldValue: row.originalFilename,
        metadata: { attachmentId: row.id, commentId: row.commentId, [INTERNAL_METADATA_KEY]: internal },
      });
      return row;
    });
    await this.removeUnlessShared(removed.filePath);
  }

  /** Attaching to a comment: only to one's own, visible comment. Answers whether it is an internal note. */
  private async checkOwnComment(auth: AuthContext, ticketId: number, commentId: number, manager: EntityManager): Promise<boolean> {
    const comment = await this.attachments.findComment(ticketId, commentId, manager);
    if (!comment || (comment.isInternal && !seesInternal(auth))) throw new DomainError('COMMENT_NOT_FOUND', `Comment ${commentId} does not exist on this ticket`);
    if (comment.userId !== auth.id || comment.commentType === 'system') throw new DomainError('FORBIDDEN', 'Files can be attached only to your own comments', { fields: [{ field: 'commentId', reason: 'not your comment' }] });
    return comment.isInternal;
  }

  private async findVisible(auth: AuthContext, ticketId: number, attachmentId: number, manager?: EntityManager): Promise<TicketAttachmentEntity> {
    if (!manager) await this.access.findVisible(auth, ticketId);
    const row = await this.attachments.findInTicket(ticketId, attachmentId, manager);
    if (!row) throw attachmentNotFound(attachmentId);
    if (row.commentId !== null && !seesInternal(auth)) {
      const comment = await this.attachments.findComment(ticketId, row.commentId, manager);
      if (comment?.isInternal) throw attachmentNotFound(attachmentId);
    }
    return row;
  }

  /** Moves the accepted temporary file into its place (same file system: a rename, never a copy). */
  private async place(file: ReceivedFile, relative: string): Promise<void> {
    const target = join(this.config.uploadDir, relative);
    try {
      await mkdir(dirname(target), { recursive: true });
      await rename(file.tempPath, target);
    } catch (error) {
      throw storageError(error);
    }
  }

  private async removeUnlessShared(relative: string): Promise<void> {
    try {
      if ((await this.attachments.countByPath(relative)) > 0) return;
      await unlink(join(this.config.uploadDir, relative));
    } catch (error) {
      // A file left over is only disk space; the rows are already right.
      this.logger.warn(`could not remove ${relative}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async one(ticketId: number, id: number): Promise<AttachmentView> {
    const row = await this.attachments.findInTicket(ticketId, id);
    if (!row) throw attachmentNotFound(id);
    const [view] = await this.toViews([row]);
    if (!view) throw attachmentNotFound(id);
    return view;
  }

  private async toViews(rows: TicketAttachmentEntity[]): Promise<AttachmentView[]> {
    const users = await this.users.summaries(rows.map((r) => r.uploadedBy));
    return rows.map((row) => toAttachmentView(row, users));
  }
}
