import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';

/**
 * BDC IMS `server_configurations`, reduced to what tickets need. Installed components are the stock
 * units whose `server_uuid` points here (component_stock), not JSON columns as in BDC IMS.
 */
@Entity('server_configurations')
@Index('uq_server_configurations_uuid', ['uuid'], { unique: true })
@Index('idx_server_configurations_name', ['name'])
export class ServerEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'config_uuid', type: 'varchar', length: 50 })
  uuid: string;

  @Column({ name: 'server_name', type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** One of SERVER_STATUSES. */
  @Column({ name: 'configuration_status', type: 'varchar', length: 20, default: 'validated' })
  status: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  location: string | null;

  /** `rack-Uunit` when both are set (written with them); BDC IMS's own column, kept for its readers. */
  @Column({ name: 'rack_position', type: 'varchar', length: 20, nullable: true })
  rackPosition: string | null;

  @Column({ type: 'varchar', length: 15, nullable: true })
  rack: string | null;

  @Column({ name: 'rack_unit', type: 'integer', nullable: true })
  rackUnit: number | null;

  /** Set by decommissioning: the server then holds no units and takes no tickets. */
  @Column({ name: 'decommissioned_at', type: 'datetime', nullable: true })
  decommissionedAt: Date | null;

  /** What the chassis power supplies can deliver; null when unknown. */
  @Column({ name: 'power_budget_watts', type: 'integer', nullable: true })
  powerBudgetWatts: number | null;

  /** Configuration values set by `modify` items (key → value). */
  @Column({ type: 'simple-json', nullable: true })
  settings: Record<string, string> | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'created_by', type: 'integer', nullable: true })
  createdBy: number | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
