import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { AuthEventKind, AuthEventReason } from '@bdc/contracts';
import { CreatedAt } from '../database/columns';
import { UserEntity } from '../users/user.entity';

/** Audit of sign-in attempts, readable by `user.manage` at GET /api/auth/events. Append-only. */
@Entity('auth_events')
@Index('idx_auth_events_username', ['username'])
@Index('idx_auth_events_event', ['event'])
@Index('idx_auth_events_user', ['userId'])
export class AuthEventEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 20 })
  event: AuthEventKind;

  /** As typed (trimmed, at most 100 characters): also for names that match no account. */
  @Column({ type: 'varchar', length: 100 })
  username: string;

  @Column({ name: 'user_id', type: 'integer', nullable: true })
  userId: number | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_auth_events_user' })
  user?: Relation<UserEntity>;

  @Column({ type: 'varchar', length: 30, nullable: true })
  reason: AuthEventReason | null;

  @Column({ name: 'ip_address', type: 'varchar', length: 45, nullable: true })
  ipAddress: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 255, nullable: true })
  userAgent: string | null;

  @CreatedAt()
  createdAt: Date;
}
