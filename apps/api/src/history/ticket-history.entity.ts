import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt } from '../database/columns';
import { TicketEntity } from '../tickets/ticket.entity';
import { UserEntity } from '../users/user.entity';

/** The guide's `ticket_history` (§2.3). Append-only: rows are inserted, never updated or deleted. */
@Entity('ticket_history')
@Index('idx_ticket_history_ticket_id', ['ticketId'])
@Index('idx_ticket_history_user_id', ['userId'])
@Index('idx_ticket_history_action', ['action'])
@Index('idx_ticket_history_created_at', ['createdAt'])
@Index('idx_ticket_history_ticket_created', ['ticketId', 'createdAt'])
export class TicketHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'ticket_id', type: 'integer' })
  ticketId: number;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_ticket_history_ticket' })
  ticket?: Relation<TicketEntity>;

  /** One of HISTORY_ACTIONS. */
  @Column({ type: 'varchar', length: 50 })
  action: string;

  @Column({ name: 'field_changed', type: 'varchar', length: 100, nullable: true })
  fieldChanged: string | null;

  @Column({ name: 'old_value', type: 'text', nullable: true })
  oldValue: string | null;

  @Column({ name: 'new_value', type: 'text', nullable: true })
  newValue: string | null;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_ticket_history_user' })
  user?: Relation<UserEntity>;

  /** Cached for display. */
  @Column({ name: 'user_name', type: 'varchar', length: 100, nullable: true })
  userName: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /** JSON (LONGTEXT on MariaDB): an item change is recorded here structured, whatever the items weigh. */
  @Column({ type: 'json', nullable: true })
  metadata: Record<string, unknown> | null;

  @Column({ name: 'ip_address', type: 'varchar', length: 45, nullable: true })
  ipAddress: string | null;

  @CreatedAt()
  createdAt: Date;
}
