import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt } from '../database/columns';
import { PermissionEntity } from './permission.entity';
import { UserEntity } from './user.entity';

/** A per-user grant on top of the user's roles, or a denial of one of theirs (`granted` false). */
@Entity('user_permissions')
@Index('uq_user_permissions_user_permission', ['userId', 'permissionId'], { unique: true })
@Index('idx_user_permissions_permission', ['permissionId'])
export class UserPermissionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_permissions_user' })
  user?: Relation<UserEntity>;

  @Column({ name: 'permission_id', type: 'integer' })
  permissionId: number;

  @ManyToOne(() => PermissionEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'permission_id', foreignKeyConstraintName: 'fk_user_permissions_permission' })
  permission?: Relation<PermissionEntity>;

  /** False: a denial, which removes the permission even where a role of the user grants it. */
  @Column({ type: 'boolean', width: 1, default: true })
  granted: boolean;

  @CreatedAt()
  createdAt: Date;
}
