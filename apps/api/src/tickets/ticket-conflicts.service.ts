import { Injectable } from '@nestjs/common';
import type { TicketConflict, TicketItemInput } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { blankToNull } from '../ticket-items/item-validation-targets';
import { claimsOf, conflictingTickets, conflictsOf, conflictWarning, type HeldUnit, type NamedUnit, type TicketClaims } from './ticket-claims';
import { TicketConflictsRepository, type ClaimSource } from './ticket-conflicts.repository';

export { conflictWarning };

/** What find reads, kept by a caller that looks twice in one transaction (findWith). */
export interface ConflictFacts {
  named?: NamedUnit[];
  held?: HeldUnit[];
  sources?: ClaimSource[];
}

const claimsOfSource = (source: ClaimSource): TicketClaims => ({ ticketId: source.ticketId, ticketNumber: source.ticketNumber, claims: claimsOf(source.items, source.held) });

/**
 * Two open tickets on one server that claim the same unit or slot (ticket-claims.ts): flagged on both
 * (a warning and the `conflicts` list), and refused at approval (409) when the other ticket already
 * holds it.
 */
@Injectable()
export class TicketConflictsService {
  constructor(private readonly repository: TicketConflictsRepository) {}

  /**
   * The conflicts of `items` on a server, as ticket `ticketId` (null: a ticket not saved yet). The
   * items are the caller's (an edit or a new ticket may not be stored yet); the reservations are the
   * ticket's own. Only an open ticket has conflicts: pass none for one that is not.
   */
  async find(serverUuid: string, items: readonly TicketItemInput[], ticketId: number | null, manager?: EntityManager): Promise<TicketConflict[]> {
    return this.findWith(serverUuid, items, ticketId, manager, {});
  }

  /**
   * find, with the facts a caller read earlier in the same transaction (`known`, filled in by this
   * call with what it reads): approval checks the held conflicts before it reserves and shows the
   * conflicts after, and the second look then reads only what the first did not (the other tickets,
   * when the reservation gave the ticket its first claims). `known.held` must be the ticket's
   * reservations as they are now (approval adds the ones it made).
   */
  async findWith(serverUuid: string, items: readonly TicketItemInput[], ticketId: number | null, manager: EntityManager | undefined, known: ConflictFacts): Promise<TicketConflict[]> {
    // A setting change's current value is a setting, not a serial (claimsOf skips those items).
    const serials = items
      .filter((i) => i.action !== 'modify')
      .flatMap((i) => [blankToNull(i.componentSerial), blankToNull(i.currentValue)])
      .filter((s): s is string => s !== null);
    // The ticket's own claims first, from its items and reservations alone: most tickets claim
    // nothing (a unit added by model names no unit and no slot), and then the other open tickets of
    // the server are not read at all. Read anyway, they cost every creation on a busy server a scan
    // of all its open tickets' items (measured: CPU per creation grew with every pending ticket).
    const [named, held] = await Promise.all([
      known.named ?? this.repository.namedUnits(serverUuid, serials, manager),
      known.held ?? (ticketId === null ? [] : this.repository.heldBy(ticketId, manager)),
    ]);
    known.named = named;
    known.held = held;
    const mine = claimsOf(
      items.map((item) => ({ item, named })),
      held,
    );
    if (mine.size === 0) return [];
    // The ticket's own entry is skipped by conflictsOf, so sources read before its reservation still serve.
    const sources = known.sources ?? (await this.repository.sources(serverUuid, manager));
    known.sources = sources;
    return conflictsOf(mine, sources.map(claimsOfSource), ticketId);
  }

  /** The open tickets (on one server, or on any) that share a claim with another open ticket of their server. */
  async conflictingTicketIds(serverUuid: string | null): Promise<number[]> {
    const byServer = new Map<string, TicketClaims[]>();
    for (const source of await this.repository.sources(serverUuid)) {
      byServer.set(source.serverUuid, [...(byServer.get(source.serverUuid) ?? []), claimsOfSource(source)]);
    }
    return [...byServer.values()].flatMap(conflictingTickets).sort((a, b) => a - b);
  }

  /** 409 CONFLICT when another open ticket holds the reservation of a unit or slot this one claims. */
  async requireNoHeldConflict(manager: EntityManager, ticket: { id: number; ticketNumber: string; targetServerUuid: string }, items: readonly TicketItemInput[], known: ConflictFacts = {}): Promise<void> {
    const held = (await this.findWith(ticket.targetServerUuid, items, ticket.id, manager, known)).filter((c) => c.reserved);
    if (held.length === 0) return;
    throw new DomainError('CONFLICT', `Cannot approve ${ticket.ticketNumber}: ${held.map(conflictWarning).join('; ')}`, { conflicts: held });
  }
}
