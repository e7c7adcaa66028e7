import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt } from '../database/columns';
import { PermissionEntity } from './permission.entity';
import { RoleEntity } from './role.entity';

@Entity('role_permissions')
@Index('uq_role_permissions_role_permission', ['roleId', 'permissionId'], { unique: true })
@Index('idx_role_permissions_permission', ['permissionId'])
export class RolePermissionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'role_id', type: 'integer' })
  roleId: number;

  @ManyToOne(() => RoleEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'role_id', foreignKeyConstraintName: 'fk_role_permissions_role' })
  role?: Relation<RoleEntity>;

  @Column({ name: 'permission_id', type: 'integer' })
  permissionId: number;

  @ManyToOne(() => PermissionEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'permission_id', foreignKeyConstraintName: 'fk_role_permissions_permission' })
  permission?: Relation<PermissionEntity>;

  /** BDC IMS: 1 = granted, 0 = denied. */
  @Column({ type: 'boolean', width: 1, default: true })
  granted: boolean;

  @CreatedAt()
  createdAt: Date;
}
