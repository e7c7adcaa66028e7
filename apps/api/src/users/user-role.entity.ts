import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt } from '../database/columns';
import { RoleEntity } from './role.entity';
import { UserEntity } from './user.entity';

@Entity('user_roles')
@Index('uq_user_roles_user_role', ['userId', 'roleId'], { unique: true })
@Index('idx_user_roles_role', ['roleId'])
export class UserRoleEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_roles_user' })
  user?: Relation<UserEntity>;

  @Column({ name: 'role_id', type: 'integer' })
  roleId: number;

  @ManyToOne(() => RoleEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'role_id', foreignKeyConstraintName: 'fk_user_roles_role' })
  role?: Relation<RoleEntity>;

  @Column({ name: 'assigned_by', type: 'integer', nullable: true })
  assignedBy: number | null;

  @CreatedAt('assigned_at')
  assignedAt: Date;
}
