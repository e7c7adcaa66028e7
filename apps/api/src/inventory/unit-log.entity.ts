import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';

/**
 * The unit log: one row per change of a stock unit's status, server, slot or location (and per
 * receipt, edit or ticket claim), written in the transaction of the change by UnitLogService.
 * Append-only and without foreign keys, so it outlives the ticket (whose number it keeps) and the user.
 */
@Entity('component_unit_log')
@Index('idx_unit_log_component', ['componentId'])
@Index('idx_unit_log_server_before', ['serverBefore'])
@Index('idx_unit_log_server_after', ['serverAfter'])
@Index('idx_unit_log_ticket', ['ticketId'])
export class ComponentUnitLogEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'component_id', type: 'integer' })
  componentId: number;

  @Column({ name: 'component_type', type: 'varchar', length: 20 })
  componentType: string;

  @Column({ name: 'model_uuid', type: 'varchar', length: 50 })
  modelUuid: string;

  @Column({ name: 'serial_number', type: 'varchar', length: 100, nullable: true })
  serialNumber: string | null;

  /** One of UNIT_LOG_EVENTS. */
  @Column({ type: 'varchar', length: 20 })
  event: string;

  /** One of UNIT_LOG_SOURCES. */
  @Column({ type: 'varchar', length: 12 })
  source: string;

  @Column({ name: 'status_before', type: 'varchar', length: 20, nullable: true })
  statusBefore: string | null;

  @Column({ name: 'status_after', type: 'varchar', length: 20, nullable: true })
  statusAfter: string | null;

  @Column({ name: 'server_before', type: 'varchar', length: 50, nullable: true })
  serverBefore: string | null;

  @Column({ name: 'server_after', type: 'varchar', length: 50, nullable: true })
  serverAfter: string | null;

  @Column({ name: 'slot_before', type: 'varchar', length: 50, nullable: true })
  slotBefore: string | null;

  @Column({ name: 'slot_after', type: 'varchar', length: 50, nullable: true })
  slotAfter: string | null;

  @Column({ name: 'location_before', type: 'varchar', length: 100, nullable: true })
  locationBefore: string | null;

  @Column({ name: 'location_after', type: 'varchar', length: 100, nullable: true })
  locationAfter: string | null;

  @Column({ name: 'ticket_id', type: 'integer', nullable: true })
  ticketId: number | null;

  @Column({ name: 'ticket_number', type: 'varchar', length: 20, nullable: true })
  ticketNumber: string | null;

  @Column({ name: 'user_id', type: 'integer', nullable: true })
  userId: number | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreatedAt()
  createdAt: Date;
}
