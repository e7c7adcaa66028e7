import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Per-day ticket number sequence. Incremented with a single UPDATE inside the create transaction, so
 * concurrent creators (in any number of API processes) serialise on this row: no duplicates, no gaps.
 */
@Entity('ticket_counters')
export class TicketCounterEntity {
  /** YYYYMMDD in the configured time zone. */
  @PrimaryColumn({ type: 'varchar', length: 8 })
  day: string;

  @Column({ type: 'integer', default: 0 })
  seq: number;
}
