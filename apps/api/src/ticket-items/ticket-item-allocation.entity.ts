import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';
import { ComponentStockEntity } from '../inventory/component-stock.entity';
import { TicketItemEntity } from './ticket-item.entity';

/**
 * Which physical unit an item uses, and what happened to it. Approval reserves units to `install`
 * (state `reserved`); deploy applies installs and removals (`applied`, remembering the unit's previous
 * status and slot); rollback reverts them (`reverted`); cancel releases reservations (`released`).
 */
@Entity('ticket_item_allocations')
@Index('idx_allocations_item', ['ticketItemId'])
@Index('idx_allocations_component_state', ['componentId', 'state'])
export class TicketItemAllocationEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'ticket_item_id', type: 'integer' })
  ticketItemId: number;

  @ManyToOne(() => TicketItemEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'ticket_item_id', foreignKeyConstraintName: 'fk_allocations_item' })
  item?: Relation<TicketItemEntity>;

  @Column({ name: 'component_id', type: 'integer' })
  componentId: number;

  @ManyToOne(() => ComponentStockEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'component_id', foreignKeyConstraintName: 'fk_allocations_component' })
  component?: Relation<ComponentStockEntity>;

  /** `install` or `remove`. */
  @Column({ type: 'varchar', length: 10 })
  direction: string;

  /** `reserved`, `applied`, `reverted` or `released`. */
  @Column({ type: 'varchar', length: 10 })
  state: string;

  @Column({ name: 'previous_status', type: 'varchar', length: 20, nullable: true })
  previousStatus: string | null;

  @Column({ name: 'previous_server_uuid', type: 'varchar', length: 50, nullable: true })
  previousServerUuid: string | null;

  @Column({ name: 'previous_slot', type: 'varchar', length: 50, nullable: true })
  previousSlot: string | null;

  /** A removal applied by deploy: the status the unit was given (available, failed or retired). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  destination: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
