import type { TicketConflict, TicketItemInput } from '@bdc/contracts';
import { blankToNull, installTarget, removalTarget } from '../ticket-items/item-validation-targets';

/**
 * What a ticket claims on its server: the one definition behind the conflict flags (detail,
 * validate-items, create's warning), the list's `conflicts` filter and approval's 409
 * (docs/decisions.md, "What a ticket claims").
 *
 * - Only an open ticket claims anything (OPEN_TICKET_STATUSES): a rejected, cancelled, deployed or
 *   completed ticket neither flags nor is flagged, so a flag always shows on both tickets.
 * - Units, by serial: a unit pinned to install (`componentSerial` of add/replace); a unit taken out,
 *   named by serial (`componentSerial` of remove, or a `currentValue` that is the serial of a unit
 *   installed in the server); every unit the ticket holds reserved (to install or to remove).
 *   A model UUID names no unit: which unit of the model goes is decided at approval, and from then
 *   on the reservation is the claim.
 * - Slots, by label ("DIMM A1", "Bay 1"): the slot of every installed unit the ticket takes out
 *   (named or held for removal), which a replace fills again. Added units claim no slot: items name
 *   none, deploy places them (the technician's placements or the next free slot) against the server
 *   as it is then, so two additions compete for capacity, not for a slot. Labels are one space per
 *   server, so a drive and its caddy (both in "Bay 1") claim the same bay.
 */
export const OPEN_TICKET_STATUSES = ['draft', 'pending', 'approved', 'in_progress'] as const;

export function isOpenTicketStatus(status: string): boolean {
  return (OPEN_TICKET_STATUSES as readonly string[]).includes(status);
}

/** A unit installed in the ticket's server whose serial an item mentions (its serial or current value). */
export interface NamedUnit {
  componentType: string;
  serialNumber: string;
  slot: string | null;
}

/** An item with the installed units it mentions by serial (the facts its claims depend on). */
export interface ClaimItem {
  item: TicketItemInput;
  named: readonly NamedUnit[];
}

/** A unit the ticket holds reserved; `slot` only when it is installed in the ticket's server (a removal). */
export interface HeldUnit {
  serialNumber: string | null;
  slot: string | null;
}

export interface Claim {
  /** What the conflict shows: the serial or the slot label. */
  label: string;
  /** Held as a stock reservation, not only named by an item. */
  held: boolean;
}

/** Claims by key (`unit:<serial>` or `slot:<label>`), in the order the ticket makes them. */
export type Claims = ReadonlyMap<string, Claim>;

export interface TicketClaims {
  ticketId: number;
  ticketNumber: string;
  claims: Claims;
}

export function claimsOf(items: readonly ClaimItem[], held: readonly HeldUnit[]): Claims {
  const claims = new Map<string, Claim>();
  const add = (kind: 'unit' | 'slot', label: string | null, isHeld: boolean) => {
    if (!label) return;
    const key = `${kind}:${label}`;
    const known = claims.get(key);
    if (known) known.held ||= isHeld;
    else claims.set(key, { label, held: isHeld });
  };
  for (const { item, named } of items) {
    if (item.action === 'modify') continue;
    add('unit', installTarget(item).serial, false);
    const removal = removalTarget(item);
    const installedNamed = (serial: string | null) => (serial ? named.find((u) => u.serialNumber === serial && (!item.componentType || u.componentType === item.componentType)) : undefined);
    if (removal.serial) {
      add('unit', removal.serial, false);
      add('slot', installedNamed(removal.serial)?.slot ?? null, false);
    }
    const either = installedNamed(removal.either);
    if (either) {
      add('unit', either.serialNumber, false);
      add('slot', either.slot, false);
    }
  }
  for (const unit of held) {
    add('unit', blankToNull(unit.serialNumber), true);
    add('slot', blankToNull(unit.slot), true);
  }
  return claims;
}

/** The other tickets that claim something `mine` claims, one conflict per ticket, by ticket id. */
export function conflictsOf(mine: Claims, others: readonly TicketClaims[], ticketId: number | null): TicketConflict[] {
  const conflicts: TicketConflict[] = [];
  for (const other of others) {
    if (other.ticketId === ticketId) continue;
    const shared = [...mine.keys()].flatMap((key) => {
      const theirs = other.claims.get(key);
      return theirs ? [theirs] : [];
    });
    if (shared.length === 0) continue;
    conflicts.push({ ticketId: other.ticketId, ticketNumber: other.ticketNumber, claims: shared.map((c) => c.label), reserved: shared.some((c) => c.held) });
  }
  return conflicts.sort((a, b) => a.ticketId - b.ticketId);
}

/** The tickets among `tickets` (all on one server) that share a claim with another of them. */
export function conflictingTickets(tickets: readonly TicketClaims[]): number[] {
  const claimants = new Map<string, Set<number>>();
  for (const ticket of tickets) {
    for (const key of ticket.claims.keys()) {
      let ids = claimants.get(key);
      if (!ids) claimants.set(key, (ids = new Set()));
      ids.add(ticket.ticketId);
    }
  }
  const flagged = new Set<number>();
  for (const ids of claimants.values()) if (ids.size > 1) for (const id of ids) flagged.add(id);
  return [...flagged].sort((a, b) => a - b);
}

export function conflictWarning(conflict: TicketConflict): string {
  return `${conflict.claims.join(', ')} ${conflict.claims.length === 1 ? 'is' : 'are'} also claimed by ${conflict.ticketNumber}${conflict.reserved ? ', which holds the reservation' : ''}`;
}
