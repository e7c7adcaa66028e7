import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';

/**
 * One change an administrator made to access (a user, their roles, grants or password, a role):
 * who, when, what, and the state before and after as JSON (never a password or its hash). Append-only;
 * the actor's name is copied so a row still reads after the actor is gone.
 */
@Entity('access_audit')
@Index('idx_access_audit_target', ['targetType', 'targetId'])
@Index('idx_access_audit_actor', ['actorId'])
@Index('idx_access_audit_action', ['action'])
export class AccessAuditEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'actor_id', type: 'integer', nullable: true })
  actorId: number | null;

  @Column({ name: 'actor_username', type: 'varchar', length: 100 })
  actorUsername: string;

  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ name: 'target_type', type: 'varchar', length: 20 })
  targetType: string;

  @Column({ name: 'target_id', type: 'integer', nullable: true })
  targetId: number | null;

  @Column({ name: 'target_label', type: 'varchar', length: 100 })
  targetLabel: string;

  @Column({ name: 'before_value', type: 'simple-json', nullable: true })
  before: object | null;

  @Column({ name: 'after_value', type: 'simple-json', nullable: true })
  after: object | null;

  @CreatedAt()
  createdAt: Date;
}
