import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt } from '../database/columns';
import { TicketEntity } from '../tickets/ticket.entity';
import { UserEntity } from '../users/user.entity';

/**
 * The guide's `ticket_notifications` (§2.6), used as an outbox: rows are written in the transaction of
 * the change they announce and delivered later by a worker.
 */
@Entity('ticket_notifications')
@Index('idx_ticket_notifications_ticket_id', ['ticketId'])
@Index('idx_ticket_notifications_recipient', ['recipientUserId'])
@Index('idx_ticket_notifications_status', ['status'])
@Index('idx_ticket_notifications_created_at', ['createdAt'])
export class TicketNotificationEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'ticket_id', type: 'integer' })
  ticketId: number;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_ticket_notifications_ticket' })
  ticket?: Relation<TicketEntity>;

  @Column({ name: 'notification_type', type: 'varchar', length: 50 })
  notificationType: string;

  @Column({ name: 'recipient_user_id', type: 'integer' })
  recipientUserId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'recipient_user_id', foreignKeyConstraintName: 'fk_ticket_notifications_recipient' })
  recipient?: Relation<UserEntity>;

  @Column({ name: 'recipient_email', type: 'varchar', length: 100, nullable: true })
  recipientEmail: string | null;

  @Column({ type: 'varchar', length: 255 })
  subject: string;

  @Column({ type: 'text' })
  message: string;

  /** One of NOTIFICATION_STATUSES. */
  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: string;

  @Column({ name: 'sent_at', type: 'datetime', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'read_at', type: 'datetime', nullable: true })
  readAt: Date | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  @CreatedAt()
  createdAt: Date;
}
