import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';
import { UserEntity } from '../users/user.entity';

/** Email on or off for one user and event (NOTIFICATION_EVENTS); without a row, email is on. */
@Entity('notification_preferences')
@Index('uq_notification_preferences_user_type', ['userId', 'notificationType'], { unique: true })
export class NotificationPreferenceEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notification_preferences_user' })
  user?: Relation<UserEntity>;

  @Column({ name: 'notification_type', type: 'varchar', length: 50 })
  notificationType: string;

  @Column({ name: 'email_enabled', type: 'boolean', width: 1, default: true })
  emailEnabled: boolean;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
