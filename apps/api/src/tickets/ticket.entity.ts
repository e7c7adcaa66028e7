import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';
import { ServerEntity } from '../inventory/server.entity';
import { RoleEntity } from '../users/role.entity';
import { UserEntity } from '../users/user.entity';

/** The guide's `tickets` table (§2.1). Status changes only through the workflow service. */
@Entity('tickets')
@Index('uq_tickets_ticket_number', ['ticketNumber'], { unique: true })
@Index('idx_target_server', ['targetServerUuid'])
@Index('idx_status', ['status'])
// The default order, newest first, is stored forward: created_at DESC, id DESC (migration
// NewestFirstIndexes1765200300000; TypeORM's decorator cannot say DESC, and compares only the columns).
// created_by / assigned_to lead composite indexes with it.
@Index('idx_created_by_created', ['createdBy', 'createdAt', 'id'])
@Index('idx_assigned_to_created', ['assignedTo', 'createdAt', 'id'])
@Index('idx_tickets_assigned_role', ['assignedRole'])
@Index('idx_created_at', ['createdAt', 'id'])
@Index('idx_status_created', ['status', 'createdAt', 'id'])
// The list's filters in its default order (migration ListSearchIndexes1765200100000).
@Index('idx_tickets_priority_created', ['priority', 'createdAt', 'id'])
@Index('idx_tickets_type_created', ['ticketType', 'createdAt', 'id'])
@Index('idx_tickets_server_created', ['targetServerUuid', 'createdAt', 'id'])
@Index('idx_tickets_scheduled_created', ['scheduledDate', 'createdAt'])
@Index('idx_tickets_completed_created', ['completedAt', 'createdAt'])
// MariaDB only (SQLite searches an FTS5 table instead): the migration owns it, synchronize leaves it be.
@Index('ft_tickets_text', { synchronize: false })
export class TicketEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'ticket_number', type: 'varchar', length: 20 })
  ticketNumber: string;

  @Column({ type: 'varchar', length: 255 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  /** One of TICKET_TYPES. */
  @Column({ name: 'ticket_type', type: 'varchar', length: 30, default: 'component_addition' })
  ticketType: string;

  /** One of TICKET_PRIORITIES. */
  @Column({ type: 'varchar', length: 10, default: 'normal' })
  priority: string;

  @Column({ name: 'target_server_uuid', type: 'varchar', length: 50 })
  targetServerUuid: string;

  @ManyToOne(() => ServerEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'target_server_uuid', referencedColumnName: 'uuid', foreignKeyConstraintName: 'fk_tickets_target_server' })
  targetServer?: Relation<ServerEntity>;

  /** Cached for display. */
  @Column({ name: 'target_server_name', type: 'varchar', length: 255, nullable: true })
  targetServerName: string | null;

  /** One of TICKET_STATUSES. */
  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: string;

  @Column({ name: 'created_by', type: 'integer' })
  createdBy: number;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_tickets_created_by' })
  creator?: Relation<UserEntity>;

  @Column({ name: 'assigned_to', type: 'integer', nullable: true })
  assignedTo: number | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'assigned_to', foreignKeyConstraintName: 'fk_tickets_assigned_to' })
  assignee?: Relation<UserEntity> | null;

  /** The role whose queue holds the ticket until a member claims it (then null): migration 1765000400000. */
  @Column({ name: 'assigned_role', type: 'varchar', length: 50, nullable: true })
  assignedRole: string | null;

  @ManyToOne(() => RoleEntity, { onDelete: 'SET NULL', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'assigned_role', referencedColumnName: 'name', foreignKeyConstraintName: 'fk_tickets_assigned_role' })
  queueRole?: Relation<RoleEntity> | null;

  @Column({ name: 'approved_by', type: 'integer', nullable: true })
  approvedBy: number | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'approved_by', foreignKeyConstraintName: 'fk_tickets_approved_by' })
  approver?: Relation<UserEntity> | null;

  @Column({ name: 'reviewed_by', type: 'integer', nullable: true })
  reviewedBy: number | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'reviewed_by', foreignKeyConstraintName: 'fk_tickets_reviewed_by' })
  reviewer?: Relation<UserEntity> | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Column({ name: 'submitted_at', type: 'datetime', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'approved_at', type: 'datetime', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'rejected_at', type: 'datetime', nullable: true })
  rejectedAt: Date | null;

  @Column({ name: 'deployed_at', type: 'datetime', nullable: true })
  deployedAt: Date | null;

  @Column({ name: 'completed_at', type: 'datetime', nullable: true })
  completedAt: Date | null;

  /** Minutes. */
  @Column({ name: 'estimated_duration', type: 'integer', nullable: true })
  estimatedDuration: number | null;

  @Column({ name: 'scheduled_date', type: 'datetime', nullable: true })
  scheduledDate: Date | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ name: 'deployment_notes', type: 'text', nullable: true })
  deploymentNotes: string | null;
}
