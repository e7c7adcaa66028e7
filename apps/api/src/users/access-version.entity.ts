import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row (id 1): a counter that database triggers bump in the transaction of every write that can
 * change someone's grants (migration AccessVersion1765300000000). Grants cached in a process are
 * used only while the version they were read with is still the database's (GrantsCache).
 */
@Entity('access_version')
export class AccessVersionEntity {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', default: 0 })
  version: number;
}
