import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';
import { TicketEntity } from '../tickets/ticket.entity';
import { UserEntity } from '../users/user.entity';

/** The guide's `ticket_comments` (§2.4). Internal notes need `ticket.view_internal` to be seen. */
@Entity('ticket_comments')
@Index('idx_ticket_comments_ticket_id', ['ticketId'])
@Index('idx_ticket_comments_user_id', ['userId'])
@Index('idx_ticket_comments_created_at', ['createdAt'])
@Index('idx_ticket_comments_ticket_created', ['ticketId', 'createdAt'])
// MariaDB only (SQLite searches an FTS5 table instead): the migration owns it, synchronize leaves it be.
@Index('ft_ticket_comments_text', { synchronize: false })
export class TicketCommentEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'ticket_id', type: 'integer' })
  ticketId: number;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_ticket_comments_ticket' })
  ticket?: Relation<TicketEntity>;

  @Column({ type: 'text' })
  comment: string;

  /** One of COMMENT_TYPES. */
  @Column({ name: 'comment_type', type: 'varchar', length: 20, default: 'comment' })
  commentType: string;

  @Column({ name: 'is_internal', type: 'boolean', width: 1, default: false })
  isInternal: boolean;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_ticket_comments_user' })
  user?: Relation<UserEntity>;

  @Column({ name: 'user_name', type: 'varchar', length: 100, nullable: true })
  userName: string | null;

  @Column({ name: 'has_attachments', type: 'boolean', width: 1, default: false })
  hasAttachments: boolean;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Column({ type: 'boolean', width: 1, default: false })
  edited: boolean;
}
