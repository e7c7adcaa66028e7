import { Injectable } from '@nestjs/common';
import { canView, type Permission, type TicketAccessFacts, type TicketStatus } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../access/auth-context';
import { DomainError } from '../common/domain-error';
import type { TicketEntity } from './ticket.entity';
import { TicketsRepository } from './tickets.repository';

/** Any one of these lets a route read tickets; which tickets is then canView's (or the list filter's) answer. */
export const TICKET_VIEW_PERMISSIONS = ['ticket.view_own', 'ticket.view_assigned', 'ticket.view_all'] as const satisfies readonly Permission[];

export function accessFacts(ticket: TicketEntity): TicketAccessFacts {
  return { status: ticket.status as TicketStatus, createdBy: ticket.createdBy, assignedTo: ticket.assignedTo, assignedRole: ticket.assignedRole };
}

export function ticketNotFound(id: number): DomainError {
  return new DomainError('TICKET_NOT_FOUND', `Ticket ${id} does not exist or you may not see it`);
}

/**
 * The resource policy for tickets: a ticket the caller may not see is answered exactly like one that
 * does not exist (404), so ids cannot be probed.
 */
@Injectable()
export class TicketAccessService {
  constructor(private readonly tickets: TicketsRepository) {}

  async findVisible(auth: AuthContext, id: number, manager?: EntityManager): Promise<TicketEntity> {
    return this.visibleOr404(auth, id, await this.tickets.findById(id, manager));
  }

  /** As findVisible, holding the row lock until the caller's transaction ends. */
  async lockVisible(manager: EntityManager, auth: AuthContext, id: number): Promise<TicketEntity> {
    return this.visibleOr404(auth, id, await this.tickets.lockById(manager, id));
  }

  private visibleOr404(auth: AuthContext, id: number, ticket: TicketEntity | null): TicketEntity {
    if (!ticket || !canView(accessFacts(ticket), auth)) throw ticketNotFound(id);
    return ticket;
  }
}
