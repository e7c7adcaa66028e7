import { Injectable } from '@nestjs/common';
import type { TicketConflict, TicketItemInput } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { installTarget, removalTarget } from '../ticket-items/item-validation';
import { TicketConflictsRepository, type ClaimRow } from './ticket-conflicts.repository';

/** The serials a list of items names: pinned units to install, units to remove or replace. */
export function claimsOfItems(items: readonly TicketItemInput[]): Set<string> {
  const claims = new Set<string>();
  for (const item of items) {
    if (item.action === 'modify') continue;
    const install = installTarget(item);
    const removal = removalTarget(item);
    for (const claim of [install.serial, removal.serial, removal.either]) if (claim) claims.add(claim);
  }
  return claims;
}

/** Groups the other tickets' claims that collide with `mine`, one conflict per other ticket. */
export function conflictsOf(mine: ReadonlySet<string>, claims: readonly ClaimRow[], ticketId: number | null): TicketConflict[] {
  const byTicket = new Map<number, TicketConflict>();
  for (const row of claims) {
    if (row.ticketId === ticketId || !mine.has(row.claim)) continue;
    const conflict = byTicket.get(row.ticketId) ?? { ticketId: row.ticketId, ticketNumber: row.ticketNumber, claims: [], reserved: false };
    if (!conflict.claims.includes(row.claim)) conflict.claims.push(row.claim);
    conflict.reserved ||= row.reserved;
    byTicket.set(row.ticketId, conflict);
  }
  return [...byTicket.values()].sort((a, b) => a.ticketId - b.ticketId);
}

export function conflictWarning(conflict: TicketConflict): string {
  return `${conflict.claims.join(', ')} ${conflict.claims.length === 1 ? 'is' : 'are'} also claimed by ${conflict.ticketNumber}${conflict.reserved ? ', which holds the reservation' : ''}`;
}

/**
 * Two open tickets on one server that name the same unit: flagged on both (a warning and the
 * `conflicts` list), and refused at approval (409) when the other ticket already holds the unit.
 */
@Injectable()
export class TicketConflictsService {
  constructor(private readonly repository: TicketConflictsRepository) {}

  async find(serverUuid: string, items: readonly TicketItemInput[], ticketId: number | null, manager?: EntityManager): Promise<TicketConflict[]> {
    const own = await this.repository.claimsOnServer(serverUuid, manager);
    // A ticket's own reservations are claims too: what it holds, another may not name.
    const mine = claimsOfItems(items);
    for (const row of own) if (row.ticketId === ticketId) mine.add(row.claim);
    if (mine.size === 0) return [];
    return conflictsOf(mine, own, ticketId);
  }

  /** 409 CONFLICT when another open ticket holds the reservation of a unit this one claims. */
  async requireNoHeldConflict(manager: EntityManager, ticket: { id: number; ticketNumber: string; targetServerUuid: string }, items: readonly TicketItemInput[]): Promise<void> {
    const held = (await this.find(ticket.targetServerUuid, items, ticket.id, manager)).filter((c) => c.reserved);
    if (held.length === 0) return;
    throw new DomainError('CONFLICT', `Cannot approve ${ticket.ticketNumber}: ${held.map(conflictWarning).join('; ')}`, { conflicts: held });
  }
}
