import { Injectable } from '@nestjs/common';
import type { TicketItemInput, UpdateTicketRequest } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../access/auth-context';
import { DomainError } from '../common/domain-error';
import { withInserted } from '../common/inserted-row';
import { isoOrNull, requireStrictDateTime, wholeSeconds } from '../common/strict-date-time';
import { HistoryService, type HistoryEntryInput } from '../history/history.service';
import { diffItems, itemCountText } from '../history/item-changes';
import { InventoryFulfilmentService } from '../ticket-items/inventory-fulfilment.service';
import { itemTypeOf, verdictProblems, type ItemVerdict } from '../ticket-items/item-validation';
import { ItemValidationService, requirePassing, toItemInput } from '../ticket-items/item-validation.service';
import type { TicketItemEntity } from '../ticket-items/ticket-item.entity';
import { TicketItemsRepository, type NewItemRow } from '../ticket-items/ticket-items.repository';
import type { TicketEntity } from './ticket.entity';
import type { ValidatedItems } from './ticket-views.service';
import { TicketsRepository, type TicketPatch } from './tickets.repository';

/** Statuses whose stock is reserved: changing their items gives the reservation back and takes a new one. */
const RESERVED_STATUSES = ['approved', 'in_progress'];

export function itemRows(ticketId: number, items: readonly TicketItemInput[], verdicts: readonly ItemVerdict[]): NewItemRow[] {
  return items.map((item, position) => {
    const verdict = verdicts[position];
    return {
      ticketId,
      position,
      itemType: verdict?.itemType ?? itemTypeOf(item.action),
      action: item.action,
      // The column is NOT NULL: a configuration change without a component type is stored as ''.
      componentType: item.componentType ?? '',
      componentUuid: item.componentUuid ?? null,
      componentSerial: item.componentSerial ?? null,
      specifications: item.specifications ?? null,
      quantity: item.quantity,
      currentValue: item.currentValue ?? null,
      requestedValue: item.requestedValue ?? null,
      validationStatus: verdict?.status ?? 'pending',
      validationMessage: verdict?.message ?? null,
      compatibilityChecked: verdict?.compatibilityChecked ?? false,
      fulfilled: false,
      fulfilledAt: null,
      fulfilledComponentUuid: null,
      fulfillmentNotes: null,
      appliedChange: null,
    };
  });
}

/**
 * Datetimes other than created/updated keep whole seconds on MariaDB: compare and store them that way,
 * so that re-sending the date a ticket already has is no change on either engine.
 */
const wholeSecondsIso = (value: Date | string | null | undefined): string | null => (value ? isoOrNull(wholeSeconds(new Date(value))) : null);

/**
 * Statuses whose items hold stock (reserved, or applied by a deploy): an identical item list sent
 * again (the SPA's form sends every field) must leave them alone rather than release and re-reserve,
 * or, once deployed, be refused.
 */
const holdsStock = (status: string) => RESERVED_STATUSES.includes(status) || status === 'deployed';

/** What an edit changes, worked out before anything is written (see TicketChangesService.plan). */
export interface TicketEdit {
  /** The request's fields whose value actually changes (`items` only when the list differs). */
  changed: (keyof UpdateTicketRequest)[];
  patch: TicketPatch;
  /** One `updated` row per changed field. */
  entries: HistoryEntryInput[];
  serverUuid: string;
  /** The list to store when the items must be replaced (changed, server changed, or a draft's revalidation). */
  items: TicketItemInput[] | null;
}

/**
 * Applies an edit (PATCH, or the modifications a resubmit carries) inside the caller's transaction:
 * one `updated` history row per changed field, items replaced wholesale and revalidated, stock
 * reservations moved along when the ticket still holds some. `plan` only reads, so the caller can
 * decide from `changed` what the edit means for the ticket's approval (changesNeedReview) first.
 */
@Injectable()
export class TicketChangesService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly items: TicketItemsRepository,
    private readonly validation: ItemValidationService,
    private readonly fulfilment: InventoryFulfilmentService,
    private readonly history: HistoryService,
  ) {}

  async plan(manager: EntityManager, ticket: TicketEntity, changes: UpdateTicketRequest): Promise<TicketEdit> {
    const changed: (keyof UpdateTicketRequest)[] = [];
    const patch: TicketPatch = {};
    const entries: HistoryEntryInput[] = [];
    const note = (field: keyof UpdateTicketRequest, oldValue: string | number | null, newValue: string | number | null, metadata?: Record<string, unknown>) => {
      changed.push(field);
      entries.push({ ticketId: ticket.id, action: 'updated', fieldChanged: field, oldValue, newValue, ...(metadata ? { metadata } : {}) });
    };

    for (const field of ['title', 'description', 'ticketType', 'priority'] as const) {
      const value = changes[field];
      if (value === undefined || value === ticket[field]) continue;
      patch[field] = value;
      note(field, ticket[field], value);
    }
    if (changes.estimatedDuration !== undefined && changes.estimatedDuration !== ticket.estimatedDuration) {
      patch.estimatedDuration = changes.estimatedDuration;
      note('estimatedDuration', ticket.estimatedDuration, changes.estimatedDuration);
    }
    // Strict ISO 8601 (the DTO checks it too): an Invalid Date must never reach the database.
    const scheduled =
      changes.scheduledDate === undefined ? undefined : changes.scheduledDate === null ? null : wholeSecondsIso(requireStrictDateTime(changes.scheduledDate, 'scheduledDate'));
    if (scheduled !== undefined && scheduled !== wholeSecondsIso(ticket.scheduledDate)) {
      patch.scheduledDate = scheduled ? new Date(scheduled) : null;
      note('scheduledDate', wholeSecondsIso(ticket.scheduledDate), scheduled);
    }
    let serverUuid = ticket.targetServerUuid;
    if (changes.targetServerUuid !== undefined && changes.targetServerUuid !== ticket.targetServerUuid) {
      const server = await this.validation.findLiveServer(changes.targetServerUuid, manager);
      serverUuid = server.uuid;
      patch.targetServerUuid = server.uuid;
      patch.targetServerName = server.name;
      note('targetServerUuid', ticket.targetServerUuid, server.uuid);
    }
    const serverChanged = serverUuid !== ticket.targetServerUuid;
    let items: TicketItemInput[] | null = null;
    if (changes.items !== undefined || serverChanged) {
      const old = (await this.items.listByTicket(ticket.id, manager)).map(toItemInput);
      const next = changes.items ?? old;
      // Structured, item by item, in metadata (a JSON column wide enough for any admitted list); the
      // value columns get a short summary. Identical lists record nothing.
      const diff = diffItems(old, next);
      const itemsChanged = diff !== null;
      if (diff) note('items', itemCountText(old.length), itemCountText(next.length), { items: diff });
      // An identical list is revalidated (a draft's flags refresh), except where it holds stock.
      if (itemsChanged || serverChanged || !holdsStock(ticket.status)) items = next;
    }
    return { changed, patch, entries, serverUuid, items };
  }

  /**
   * `requireValid`: refuse (422, nothing saved) when an item of the new list is invalid. Returns the
   * new items and their evaluation when the items were replaced, else null.
   */
  async apply(manager: EntityManager, auth: AuthContext, ticket: TicketEntity, edit: TicketEdit, requireValid: boolean): Promise<ValidatedItems | null> {
    if (Object.keys(edit.patch).length > 0) await this.tickets.update(manager, ticket.id, edit.patch);
    const validated = edit.items ? await this.replaceItems(manager, auth, { ...ticket, targetServerUuid: edit.serverUuid }, edit.items, requireValid) : null;
    await this.history.recordMany(manager, auth, edit.entries);
    return validated;
  }

  private async replaceItems(manager: EntityManager, auth: AuthContext, ticket: TicketEntity, inputs: TicketItemInput[], requireValid: boolean): Promise<ValidatedItems> {
    if (ticket.status === 'deployed') {
      throw new DomainError('CONFLICT', 'The items of a deployed ticket are applied to the inventory: roll the deploy back before changing them');
    }
    const reserved = RESERVED_STATUSES.includes(ticket.status);
    // Release first: the units this ticket held count as available for its new items.
    if (reserved) await this.fulfilment.release(manager, auth, ticket);
    await this.items.deleteByTicket(manager, ticket.id);
    const outcome = await this.validation.validate(manager, ticket.targetServerUuid, inputs, ticket.id);
    const rows = itemRows(ticket.id, inputs, outcome.verdicts);
    if (requireValid) requirePassing(inputs.length, verdictProblems(outcome.verdicts), outcome.build, 'Cannot save the items');
    const items: TicketItemEntity[] = withInserted(rows, await this.items.insertMany(manager, rows));
    if (reserved) await this.fulfilment.reserve(manager, auth, ticket, items);
    return { items, outcome };
  }
}
