import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';

/**
 * One physical unit of stock. BDC IMS keeps one table per type (cpuinventory, raminventory, …) with the
 * same columns; here they are one table keyed by `component_type`, which an importer maps 1:1.
 * `uuid` is the catalog model (many units share it); the serial number identifies the unit.
 */
@Entity('component_stock')
@Index('uq_component_stock_type_serial', ['componentType', 'serialNumber'], { unique: true })
@Index('idx_component_stock_type_uuid_status', ['componentType', 'uuid', 'status'])
@Index('idx_component_stock_server_status', ['serverUuid', 'status'])
@Index('idx_component_stock_status', ['status'])
export class ComponentStockEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** One of COMPONENT_TYPES. */
  @Column({ name: 'component_type', type: 'varchar', length: 20 })
  componentType: string;

  @Column({ type: 'varchar', length: 50 })
  uuid: string;

  @Column({ name: 'serial_number', type: 'varchar', length: 100, nullable: true })
  serialNumber: string | null;

  /** One of STOCK_STATUSES. */
  @Column({ type: 'varchar', length: 20, default: 'available' })
  status: string;

  /** The server it is installed in (server_configurations.config_uuid), if any. */
  @Column({ name: 'server_uuid', type: 'varchar', length: 50, nullable: true })
  serverUuid: string | null;

  @Column({ name: 'slot_position', type: 'varchar', length: 50, nullable: true })
  slotPosition: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  location: string | null;

  @Column({ name: 'rack_position', type: 'varchar', length: 20, nullable: true })
  rackPosition: string | null;

  @Column({ name: 'purchase_date', type: 'date', nullable: true })
  purchaseDate: string | null;

  @Column({ name: 'installation_date', type: 'date', nullable: true })
  installationDate: string | null;

  @Column({ name: 'warranty_end_date', type: 'date', nullable: true })
  warrantyEndDate: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  flag: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
