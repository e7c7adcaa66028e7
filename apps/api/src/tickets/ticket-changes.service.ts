import { Injectable } from '@nestjs/common';
import type { TicketItemInput, UpdateTicketRequest } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../access/auth-context';
import { DomainError } from '../common/domain-error';
import { isoOrNull, requireStrictDateTime } from '../common/strict-date-time';
import { HistoryService, type HistoryEntryInput } from '../history/history.service';
import { diffItems, itemCountText } from '../history/item-changes';
import { InventoryFulfilmentService } from '../ticket-items/inventory-fulfilment.service';
import { itemTypeOf, verdictProblems, type ItemVerdict } from '../ticket-items/item-validation';
import { ItemValidationService, itemsInvalidError, toItemInput } from '../ticket-items/item-validation.service';
import type { TicketItemEntity } from '../ticket-items/ticket-item.entity';
import { TicketItemsRepository, type NewItemRow } from '../ticket-items/ticket-items.repository';
import type { TicketEntity } from './ticket.entity';
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
      componentType: item.componentType,
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
 * Applies an edit (PATCH, or the modifications a resubmit carries) inside the caller's transaction:
 * one `updated` history row per changed field, items replaced wholesale and revalidated, stock
 * reservations moved along when the ticket already holds some.
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

  /** `requireValid`: refuse (422, nothing saved) when an item of the new list is invalid. */
  async apply(manager: EntityManager, auth: AuthContext, ticket: TicketEntity, changes: UpdateTicketRequest, requireValid: boolean): Promise<void> {
    const patch: TicketPatch = {};
    const entries: HistoryEntryInput[] = [];
    const note = (field: string, oldValue: string | number | null, newValue: string | number | null) =>
      entries.push({ ticketId: ticket.id, action: 'updated', fieldChanged: field, oldValue, newValue });

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
    if (changes.scheduledDate !== undefined) {
      const scheduled = changes.scheduledDate === null ? null : requireStrictDateTime(changes.scheduledDate, 'scheduledDate');
      if (isoOrNull(scheduled) !== isoOrNull(ticket.scheduledDate)) {
        patch.scheduledDate = scheduled;
        note('scheduledDate', isoOrNull(ticket.scheduledDate), isoOrNull(scheduled));
      }
    }
    let serverUuid = ticket.targetServerUuid;
    if (changes.targetServerUuid !== undefined && changes.targetServerUuid !== ticket.targetServerUuid) {
      const server = await this.validation.findServer(changes.targetServerUuid, manager);
      serverUuid = server.uuid;
      patch.targetServerUuid = server.uuid;
      patch.targetServerName = server.name;
      note('targetServerUuid', ticket.targetServerUuid, server.uuid);
    }
    const itemsChange = changes.items !== undefined || serverUuid !== ticket.targetServerUuid;
    if (Object.keys(patch).length > 0) await this.tickets.update(manager, ticket.id, patch);
    if (itemsChange) {
      const old = await this.items.listByTicket(ticket.id, manager);
      const inputs = changes.items ?? old.map(toItemInput);
      await this.replaceItems(manager, auth, { ...ticket, targetServerUuid: serverUuid }, inputs, requireValid);
      if (changes.items !== undefined) {
        // Structured, item by item, in metadata (a JSON column wide enough for any admitted list);
        // the value columns get a short summary. Identical lists record nothing.
        const before = old.map(toItemInput);
        const diff = diffItems(before, inputs);
        if (diff) entries.push({ ticketId: ticket.id, action: 'updated', fieldChanged: 'items', oldValue: itemCountText(before.length), newValue: itemCountText(inputs.length), metadata: { items: diff } });
      }
    }
    await this.history.recordMany(manager, auth, entries);
  }

  private async replaceItems(manager: EntityManager, auth: AuthContext, ticket: TicketEntity, inputs: TicketItemInput[], requireValid: boolean): Promise<void> {
    if (ticket.status === 'deployed') {
      throw new DomainError('CONFLICT', 'The items of a deployed ticket are applied to the inventory: roll the deploy back before changing them');
    }
    const reserved = RESERVED_STATUSES.includes(ticket.status);
    // Release first: the units this ticket held count as available for its new items.
    if (reserved) await this.fulfilment.release(manager, auth, ticket);
    await this.items.deleteByTicket(manager, ticket.id);
    const { verdicts } = await this.validation.validate(manager, ticket.targetServerUuid, inputs, ticket.id);
    const rows = itemRows(ticket.id, inputs, verdicts);
    if (requireValid) {
      const problems = verdictProblems(verdicts);
      if (inputs.length === 0 || problems.length > 0) throw itemsInvalidError(problems, 'Cannot save the items');
    }
    await this.items.insertMany(manager, rows);
    if (reserved) {
      const stored: TicketItemEntity[] = await this.items.listByTicket(ticket.id, manager);
      await this.fulfilment.reserve(manager, auth, ticket, stored);
    }
  }
}
