import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';
import { TicketEntity } from '../tickets/ticket.entity';

/** The guide's `ticket_items` (§2.2): one requested change. */
@Entity('ticket_items')
@Index('idx_ticket_items_ticket_id', ['ticketId'])
@Index('idx_component_type', ['componentType'])
@Index('idx_component_uuid', ['componentUuid'])
@Index('idx_validation_status', ['validationStatus'])
@Index('idx_ticket_items_serial', ['componentSerial'])
export class TicketItemEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'ticket_id', type: 'integer' })
  ticketId: number;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_ticket_items_ticket' })
  ticket?: Relation<TicketEntity>;

  /** Position in the ticket, so items keep the order the requester gave them. */
  @Column({ type: 'integer', default: 0 })
  position: number;

  /** One of ITEM_TYPES. */
  @Column({ name: 'item_type', type: 'varchar', length: 20, default: 'component' })
  itemType: string;

  /** One of ITEM_ACTIONS. */
  @Column({ type: 'varchar', length: 10 })
  action: string;

  /** One of COMPONENT_TYPES. */
  @Column({ name: 'component_type', type: 'varchar', length: 50 })
  componentType: string;

  @Column({ name: 'component_uuid', type: 'varchar', length: 255, nullable: true })
  componentUuid: string | null;

  @Column({ name: 'component_serial', type: 'varchar', length: 255, nullable: true })
  componentSerial: string | null;

  @Column({ type: 'simple-json', nullable: true })
  specifications: Record<string, unknown> | null;

  @Column({ type: 'integer', default: 1 })
  quantity: number;

  @Column({ name: 'current_value', type: 'text', nullable: true })
  currentValue: string | null;

  @Column({ name: 'requested_value', type: 'text', nullable: true })
  requestedValue: string | null;

  /** One of VALIDATION_STATUSES. */
  @Column({ name: 'validation_status', type: 'varchar', length: 10, default: 'pending' })
  validationStatus: string;

  @Column({ name: 'validation_message', type: 'text', nullable: true })
  validationMessage: string | null;

  @Column({ name: 'compatibility_checked', type: 'boolean', width: 1, default: false })
  compatibilityChecked: boolean;

  @Column({ type: 'boolean', width: 1, default: false })
  fulfilled: boolean;

  @Column({ name: 'fulfilled_at', type: 'datetime', nullable: true })
  fulfilledAt: Date | null;

  @Column({ name: 'fulfilled_component_uuid', type: 'varchar', length: 255, nullable: true })
  fulfilledComponentUuid: string | null;

  @Column({ name: 'fulfillment_notes', type: 'text', nullable: true })
  fulfillmentNotes: string | null;

  /**
   * What deploy changed outside component_stock (for `modify`: the setting key and its previous
   * value), so that rollback can restore exactly that.
   */
  @Column({ name: 'applied_change', type: 'simple-json', nullable: true })
  appliedChange: Record<string, unknown> | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
