import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt } from '../database/columns';
import { TicketCommentEntity } from '../comments/ticket-comment.entity';
import { TicketEntity } from '../tickets/ticket.entity';
import { UserEntity } from '../users/user.entity';

/** The guide's `ticket_attachments` (§2.5). Files live under UPLOAD_DIR/tickets/{ticketId}/. */
@Entity('ticket_attachments')
@Index('idx_ticket_attachments_ticket_id', ['ticketId'])
@Index('idx_ticket_attachments_comment_id', ['commentId'])
@Index('idx_ticket_attachments_uploaded_by', ['uploadedBy'])
export class TicketAttachmentEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'ticket_id', type: 'integer' })
  ticketId: number;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_ticket_attachments_ticket' })
  ticket?: Relation<TicketEntity>;

  @Column({ name: 'comment_id', type: 'integer', nullable: true })
  commentId: number | null;

  @ManyToOne(() => TicketCommentEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'comment_id', foreignKeyConstraintName: 'fk_ticket_attachments_comment' })
  commentRef?: Relation<TicketCommentEntity> | null;

  @Column({ type: 'varchar', length: 255 })
  filename: string;

  @Column({ name: 'original_filename', type: 'varchar', length: 255 })
  originalFilename: string;

  @Column({ name: 'file_path', type: 'varchar', length: 500 })
  filePath: string;

  /** Bytes. */
  @Column({ name: 'file_size', type: 'integer' })
  fileSize: number;

  @Column({ name: 'mime_type', type: 'varchar', length: 100 })
  mimeType: string;

  @Column({ name: 'uploaded_by', type: 'integer' })
  uploadedBy: number;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'fk_ticket_attachments_uploader' })
  uploader?: Relation<UserEntity>;

  @CreatedAt('uploaded_at')
  uploadedAt: Date;

  @Column({ type: 'text', nullable: true })
  description: string | null;
}
