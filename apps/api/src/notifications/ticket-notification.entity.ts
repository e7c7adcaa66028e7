import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt } from '../database/columns';
import { TicketEntity } from '../tickets/ticket.entity';
import { UserEntity } from '../users/user.entity';

/**
 * The guide's `ticket_notifications` (§2.6), used as an outbox: one row per recipient and event,
 * written in the transaction of the change it announces. `read_at` is the in-app state; `status`
 * the email's, which the worker (NotificationWorker) moves from pending to sent or failed.
 */
@Entity('ticket_notifications')
@Index('idx_ticket_notifications_ticket_id', ['ticketId'])
@Index('idx_ticket_notifications_recipient', ['recipientUserId'])
@Index('idx_ticket_notifications_status', ['status'])
@Index('idx_ticket_notifications_created_at', ['createdAt'])
@Index('idx_ticket_notifications_due', ['status', 'nextAttemptAt'])
@Index('idx_ticket_notifications_inbox', ['recipientUserId', 'readAt'])
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

  @Column({ name: 'actor_user_id', type: 'integer', nullable: true })
  actorUserId: number | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'actor_user_id', foreignKeyConstraintName: 'fk_ticket_notifications_actor' })
  actor?: Relation<UserEntity>;

  @Column({ name: 'actor_name', type: 'varchar', length: 100, nullable: true })
  actorName: string | null;

  /** Delivery attempts made so far (the backoff doubles with each). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Not before this time (null: at once). */
  @Column({ name: 'next_attempt_at', type: 'datetime', nullable: true })
  nextAttemptAt: Date | null;

  /** The worker holding the row, until claimed_until: another one takes it only after the lease ran out. */
  @Column({ name: 'claimed_by', type: 'varchar', length: 64, nullable: true })
  claimedBy: string | null;

  @Column({ name: 'claimed_until', type: 'datetime', nullable: true })
  claimedUntil: Date | null;
}
