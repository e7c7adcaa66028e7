import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';

/**
 * The spec catalog: one row per component model (BDC IMS keeps these in JSON files keyed by UUID).
 * `specifications` holds the canonical keys of libs/contracts SPEC_SCHEMAS (socket, memory_type,
 * form_factor, interface, slots, lanes, tdp_W, …) alongside the vendor's own fields.
 */
@Entity('component_catalog')
@Index('uq_component_catalog_uuid', ['uuid'], { unique: true })
@Index('idx_component_catalog_type', ['componentType'])
@Index('idx_component_catalog_status', ['status', 'componentType'])
export class CatalogModelEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 50 })
  uuid: string;

  @Column({ name: 'component_type', type: 'varchar', length: 20 })
  componentType: string;

  @Column({ type: 'varchar', length: 100 })
  brand: string;

  @Column({ type: 'varchar', length: 150 })
  model: string;

  @Column({ type: 'varchar', length: 150, nullable: true })
  series: string | null;

  @Column({ type: 'varchar', length: 150, nullable: true })
  family: string | null;

  /** CATALOG_STATUSES */
  @Column({ type: 'varchar', length: 20, default: 'active' })
  status: string;

  /** CATALOG_SOURCES */
  @Column({ type: 'varchar', length: 20, default: 'manual' })
  source: string;

  @Column({ type: 'simple-json' })
  specifications: Record<string, unknown>;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
