import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { TicketCommentEntity } from '../comments/ticket-comment.entity';
import { DatabaseService } from '../database/database.service';
import { TicketAttachmentEntity } from './ticket-attachment.entity';

/** The only place with query builders for ticket attachments. */
@Injectable()
export class AttachmentsRepository {
  constructor(private readonly db: DatabaseService) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.db.dataSource.manager;
  }

  /**
   * The attachments of a ticket, oldest first; those of internal notes only when `includeInternal`
   * (an attachment of a note is as internal as its text).
   */
  listByTicket(ticketId: number, includeInternal: boolean): Promise<TicketAttachmentEntity[]> {
    const qb = this.manager()
      .createQueryBuilder(TicketAttachmentEntity, 'a')
      .leftJoin(TicketCommentEntity, 'c', 'c.id = a.commentId')
      .where('a.ticketId = :ticketId', { ticketId })
      .orderBy('a.uploadedAt', 'ASC')
      .addOrderBy('a.id', 'ASC');
    if (!includeInternal) qb.andWhere('(c.id IS NULL OR c.isInternal = :no)', { no: false });
    return qb.getMany();
  }

  listByComments(commentIds: number[]): Promise<TicketAttachmentEntity[]> {
    if (commentIds.length === 0) return Promise.resolve([]);
    return this.manager()
      .createQueryBuilder(TicketAttachmentEntity, 'a')
      .where('a.commentId IN (:...commentIds)', { commentIds })
      .orderBy('a.uploadedAt', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
  }

  findInTicket(ticketId: number, id: number, manager?: EntityManager): Promise<TicketAttachmentEntity | null> {
    return this.manager(manager).createQueryBuilder(TicketAttachmentEntity, 'a').where('a.id = :id AND a.ticketId = :ticketId', { id, ticketId }).getOne();
  }

  findComment(ticketId: number, commentId: number, manager?: EntityManager): Promise<TicketCommentEntity | null> {
    return this.manager(manager).createQueryBuilder(TicketCommentEntity, 'c').where('c.id = :commentId AND c.ticketId = :ticketId', { commentId, ticketId }).getOne();
  }

  /** Rows other than `exceptId` that point at the same stored file (same ticket, same content). */
  async countByPath(filePath: string, exceptId?: number, manager?: EntityManager): Promise<number> {
    const qb = this.manager(manager).createQueryBuilder(TicketAttachmentEntity, 'a').where('a.filePath = :filePath', { filePath });
    if (exceptId !== undefined) qb.andWhere('a.id <> :exceptId', { exceptId });
    return qb.getCount();
  }

  async countByComment(commentId: number, manager: EntityManager): Promise<number> {
    return manager.createQueryBuilder(TicketAttachmentEntity, 'a').where('a.commentId = :commentId', { commentId }).getCount();
  }

  async insert(manager: EntityManager, values: QueryDeepPartialEntity<TicketAttachmentEntity>): Promise<number> {
    const result = await manager.createQueryBuilder().insert().into(TicketAttachmentEntity).values(values).execute();
    const id = result.identifiers[0]?.['id'];
    if (typeof id !== 'number') throw new Error('Attachment insert returned no id');
    return id;
  }

  async delete(manager: EntityManager, id: number): Promise<void> {
    await manager.createQueryBuilder().delete().from(TicketAttachmentEntity).where('id = :id', { id }).execute();
  }

  /** The flag only: the comment itself was not edited, so its updated_at stays. */
  async setCommentHasAttachments(manager: EntityManager, commentId: number, hasAttachments: boolean): Promise<void> {
    await manager.createQueryBuilder().update(TicketCommentEntity).set({ hasAttachments, updatedAt: () => 'updated_at' }).where('id = :commentId', { commentId }).execute();
  }
}
