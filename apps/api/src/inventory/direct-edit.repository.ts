import { Injectable } from '@nestjs/common';
import { TERMINAL_STATUSES } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import { TicketItemAllocationEntity } from '../ticket-items/ticket-item-allocation.entity';
import { TicketItemEntity } from '../ticket-items/ticket-item.entity';
import { TicketEntity } from '../tickets/ticket.entity';

/** An open ticket that holds stock on a server or a unit, so that a direct edit must wait for it. */
export interface TicketHold {
  ticketId: number;
  ticketNumber: string;
  /** The ticket holds the unit itself, not only (or not) its server. */
  onUnit: boolean;
  state: 'reserved' | 'applied';
}

@Injectable()
export class DirectEditRepository {
  /**
   * The first open ticket with allocations on this server or this unit: reserved (approved, in
   * progress) or applied and not yet completed (deployed, which a rollback must be able to undo).
   */
  async firstHold(manager: EntityManager, serverUuid: string, unitId: number): Promise<TicketHold | null> {
    const rows = await manager
      .createQueryBuilder(TicketItemAllocationEntity, 'a')
      .innerJoin(TicketItemEntity, 'i', 'i.id = a.ticketItemId')
      .innerJoin(TicketEntity, 't', 't.id = i.ticketId')
      .select('t.id', 'ticketId')
      .addSelect('t.ticketNumber', 'ticketNumber')
      .addSelect('a.componentId', 'componentId')
      .addSelect('a.state', 'state')
      .where('a.state IN (:...states) AND t.status NOT IN (:...closed)', { states: ['reserved', 'applied'], closed: [...TERMINAL_STATUSES] })
      .andWhere('(t.targetServerUuid = :serverUuid OR a.componentId = :unitId)', { serverUuid, unitId })
      .orderBy('t.id', 'ASC')
      .getRawMany<{ ticketId: number | string; ticketNumber: string; componentId: number | string; state: string }>();
    // The unit's own holder first: it is the more telling name in the refusal.
    const row = rows.find((r) => Number(r.componentId) === unitId) ?? rows[0];
    if (!row) return null;
    return { ticketId: Number(row.ticketId), ticketNumber: row.ticketNumber, onUnit: Number(row.componentId) === unitId, state: row.state === 'applied' ? 'applied' : 'reserved' };
  }
}
