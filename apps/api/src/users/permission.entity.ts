import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';

@Entity('permissions')
@Index('uq_permissions_name', ['name'], { unique: true })
export class PermissionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'display_name', type: 'varchar', length: 150 })
  displayName: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 50, default: 'general' })
  category: string;

  @Column({ name: 'is_basic', type: 'boolean', width: 1, default: false })
  isBasic: boolean;

  @CreatedAt()
  createdAt: Date;
}
