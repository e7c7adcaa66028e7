import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';

/** One imported row: `source` names the BDC IMS database, `source_table`/`source_id` the row there. */
@Entity('import_id_map')
@Index('uq_import_id_map_source_row', ['source', 'sourceTable', 'sourceId'], { unique: true })
export class ImportIdMapEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 100 })
  source: string;

  @Column({ name: 'source_table', type: 'varchar', length: 64 })
  sourceTable: string;

  @Column({ name: 'source_id', type: 'varchar', length: 64 })
  sourceId: string;

  @Column({ name: 'target_id', type: 'integer' })
  targetId: number;

  @CreatedAt()
  createdAt: Date;
}
