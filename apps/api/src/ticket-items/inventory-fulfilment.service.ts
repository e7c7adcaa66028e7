import { Injectable } from '@nestjs/common';
import { type DeployRequest, type ItemProblem, type RemovalDestination, type TicketItemInput } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../access/auth-context';
import { DomainError } from '../common/domain-error';
import { HistoryService, type HistoryEntryInput } from '../history/history.service';
import type { ComponentStockEntity } from '../inventory/component-stock.entity';
import { UnitLogService, type UnitLogContext } from '../inventory/unit-log.service';
import type { HeldUnit } from '../tickets/ticket-claims';
import type { TicketEntity } from '../tickets/ticket.entity';
import { installTarget, matchInstalled, removalTarget, settingKeyOf } from './item-validation';
import { asComponentType, itemsInvalidError, requireLiveServer, toItemInput, toUnitFact } from './item-validation.service';
import { nextSlot, slotFamily, slotKind, slotLabels } from './slots';
import { ItemStockRepository } from './item-stock.repository';
import type { TicketItemAllocationEntity } from './ticket-item-allocation.entity';
import type { TicketItemEntity } from './ticket-item.entity';
import { TicketItemsRepository, type AllocationPatch, type ItemPatch } from './ticket-items.repository';
import { DESTINATION_WORDS, slotsOf, UnitMovesService, type UsedSlots } from './unit-moves.service';

/** What deploy changed besides the allocation rows, kept on the item so rollback restores exactly that. */
interface AppliedChange {
  /** allocation id → the unit's installation date before deploy */
  installationDates: Record<string, string | null>;
  /** `value`: what deploy set (absent in rows written before it was recorded: then the item's requested value). */
  setting: { key: string; previous: string | null; value?: string } | null;
}

function readAppliedChange(value: Record<string, unknown> | null): AppliedChange {
  const dates = value?.['installationDates'];
  const setting = value?.['setting'] as { key?: unknown; previous?: unknown; value?: unknown } | null | undefined;
  return {
    installationDates: dates && typeof dates === 'object' ? (dates as Record<string, string | null>) : {},
    setting:
      setting && typeof setting.key === 'string'
        ? {
            key: setting.key,
            previous: typeof setting.previous === 'string' ? setting.previous : null,
            ...(typeof setting.value === 'string' ? { value: setting.value } : {}),
          }
        : null,
  };
}

const label = (unit: ComponentStockEntity) => unit.serialNumber ?? `#${unit.id}`;

const byTicket = (ticket: TicketEntity, note?: string): UnitLogContext => ({ source: 'ticket', ticket: { id: ticket.id, ticketNumber: ticket.ticketNumber }, note: note ?? null });

/**
 * Moves stock for a ticket: reserve at approval, apply at deploy, revert at rollback, release at
 * cancel/delete. Every method runs inside the caller's transaction and throws on the first problem,
 * so a failure leaves the inventory exactly as it was.
 */
@Injectable()
export class InventoryFulfilmentService {
  constructor(
    private readonly stock: ItemStockRepository,
    private readonly items: TicketItemsRepository,
    private readonly history: HistoryService,
    private readonly unitLog: UnitLogService,
    private readonly moves: UnitMovesService,
  ) {}

  async reserve(manager: EntityManager, auth: AuthContext, ticket: TicketEntity, items: TicketItemEntity[]): Promise<void> {
    const { entries } = await this.reserveUnits(manager, auth, ticket, items);
    await this.history.recordMany(manager, auth, entries);
  }

  /**
   * reserve, leaving its history entries to the caller (approval writes them with its own in one
   * INSERT), and telling which units the ticket now holds for it, in allocation order (what
   * TicketConflictsRepository.heldBy would read). `server`: the ticket's server as the caller's
   * transaction already read it (approval's validation), instead of reading it again.
   */
  async reserveUnits(
    manager: EntityManager,
    auth: AuthContext,
    ticket: TicketEntity,
    items: TicketItemEntity[],
    server?: { name: string; decommissionedAt?: Date | null } | null,
  ): Promise<{ entries: HistoryEntryInput[]; held: HeldUnit[] }> {
    const entries: HistoryEntryInput[] = [];
    const held: HeldUnit[] = [];
    // A decommissioned server takes no new work, the same rule as for creating a ticket.
    const target = server === undefined ? await this.stock.findServer(ticket.targetServerUuid, manager) : server;
    if (target) requireLiveServer(target);
    for (const [index, item] of items.entries()) {
      const input = toItemInput(item);
      const fail = (message: string) => itemsInvalidError([{ index, itemId: item.id, status: 'invalid', message } satisfies ItemProblem], 'Cannot reserve stock');
      const rows: AllocationPatch[] = [];
      const removed: string[] = [];
      const reserved: string[] = [];
      if (input.action === 'remove' || input.action === 'replace') {
        const claimed = await this.pickRemovals(manager, ticket.targetServerUuid, input, fail);
        for (const unit of claimed) {
          rows.push({ ticketItemId: item.id, componentId: unit.id, direction: 'remove', state: 'reserved' });
          removed.push(label(unit));
          // Installed in the ticket's server (pickRemovals reads those): the removal claims its slot too.
          held.push({ serialNumber: unit.serialNumber, slot: unit.slotPosition });
        }
        // The unit stays in_use in its slot until deploy; the claim is logged all the same.
        await this.unitLog.record(manager, auth, claimed, 'reserved', byTicket(ticket, 'claimed for removal'));
      }
      if (input.action === 'add' || input.action === 'replace') {
        const target = installTarget(input);
        if (!target.uuid || !input.componentType) throw fail('No component model to install');
        const units = await this.stock.pickAvailable(manager, { componentType: input.componentType, uuid: target.uuid }, target.serial, input.quantity);
        if (units.length < input.quantity) throw fail(`Only ${units.length} unit(s) of ${target.uuid} are available, ${input.quantity} needed`);
        if (target.serial && units[0]?.serialNumber !== target.serial) throw fail(`Unit ${target.serial} is not available`);
        for (const unit of units) {
          await this.unitLog.change(manager, auth, unit, { status: 'reserved' }, 'reserved', byTicket(ticket, 'reserved to install'));
          rows.push({ ticketItemId: item.id, componentId: unit.id, direction: 'install', state: 'reserved', previousStatus: unit.status });
          reserved.push(label(unit));
          held.push({ serialNumber: unit.serialNumber, slot: null });
        }
      }
      if (rows.length === 0) continue;
      await this.items.insertAllocations(manager, rows);
      entries.push({
        ticketId: ticket.id,
        action: 'stock_reserved',
        comment: describeUnits(reserved, removed, 'reserved to install', 'to remove'),
        metadata: { itemId: item.id, install: reserved, remove: removed },
      });
    }
    return { entries, held };
  }

  private async pickRemovals(manager: EntityManager, serverUuid: string, input: TicketItemInput, fail: (m: string) => DomainError): Promise<ComponentStockEntity[]> {
    const installed = await this.stock.installedUnits(serverUuid, manager, true);
    // Without an exception, this ticket's earlier items count as claims too: no unit is taken twice.
    const claimed = await this.stock.claimedForRemoval(serverUuid, null, manager);
    const target = removalTarget(input);
    const matches = matchInstalled(installed.map(toUnitFact), input.componentType ?? '', target);
    const pinned = target.serial ?? (matches[0]?.serialNumber === target.either ? target.either : null);
    const free = matches.filter((u) => !claimed.has(u.id));
    if (pinned && free[0]?.serialNumber !== pinned) throw fail(`Unit ${pinned} is not installed or already being removed`);
    if (free.length < input.quantity) throw fail(`Only ${free.length} matching unit(s) can be removed, ${input.quantity} needed`);
    const ids = new Set(free.slice(0, input.quantity).map((u) => u.id));
    return installed.filter((u) => ids.has(u.id));
  }

  /** Gives reserved units back to stock; returns how many allocations were released. */
  async release(manager: EntityManager, auth: AuthContext, ticket: TicketEntity): Promise<number> {
    const allocations = await this.items.allocationsByTicket(manager, ticket.id, ['reserved']);
    const units = await this.lockUnitsOf(manager, allocations);
    const released = new Map<number, string[]>();
    for (const allocation of allocations) {
      const unit = units.get(allocation.componentId);
      if (allocation.direction === 'install' && unit?.status === 'reserved') await this.unitLog.change(manager, auth, unit, { status: 'available' }, 'released', byTicket(ticket));
      else if (unit) await this.unitLog.record(manager, auth, [unit], 'released', byTicket(ticket, allocation.direction === 'remove' ? 'no longer to be removed' : undefined));
      await this.items.updateAllocation(manager, allocation.id, { state: 'released' });
      released.set(allocation.ticketItemId, [...(released.get(allocation.ticketItemId) ?? []), unit ? label(unit) : `#${allocation.componentId}`]);
    }
    await this.history.recordMany(
      manager,
      auth,
      [...released].map(([itemId, serials]) => ({ ticketId: ticket.id, action: 'stock_released', comment: `Released ${serials.join(', ')}`, metadata: { itemId, units: serials } })),
    );
    return allocations.length;
  }

  /**
   * Applies every item to the inventory; 409 DEPLOY_FAILED on the first thing that cannot be applied.
   * Removals go first, across all items, so a chosen slot may be one this ticket frees. `request`
   * carries the technician's choices: where each removed unit goes (default back to stock) and the
   * slot of installed units (default the next free one of their kind).
   * Returns the history entries for the caller to write with its own (one INSERT per action), and
   * updates `items` in place to what it wrote (fulfilled at `at`), so the caller can answer from them.
   */
  async deploy(manager: EntityManager, auth: AuthContext, ticket: TicketEntity, items: TicketItemEntity[], request: Pick<DeployRequest, 'removals' | 'placements'>, at: Date): Promise<HistoryEntryInput[]> {
    const fail = (message: string) => new DomainError('DEPLOY_FAILED', `Deploy failed, nothing was changed: ${message}`);
    const allocations = await this.items.allocationsByTicket(manager, ticket.id, ['reserved']);
    const units = await this.lockUnitsOf(manager, allocations);
    const server = await this.stock.lockServer(manager, ticket.targetServerUuid);
    if (!server) throw fail(`server ${ticket.targetServerUuid} no longer exists`);
    if (server.decommissionedAt) throw fail(`server ${server.name} was decommissioned`);
    const { destinations, placements } = this.readChoices(items, request);
    const settings: Record<string, string> = { ...(server.settings ?? {}) };
    // Only installs read the slots in use (a deploy that installs nothing, a setting change, needs no read).
    const usedSlots: UsedSlots = allocations.some((a) => a.direction === 'install') ? await this.moves.usedSlots(manager, server.uuid) : new Map();
    const specs = new Map((await this.stock.catalogByUuids([...units.values()].map((u) => u.uuid), manager)).map((m) => [m.uuid, m.specifications ?? {}]));
    const today = this.moves.today();
    // The labels of a kind are listed once per deploy, and only for a kind a placement is chosen for.
    const labelsByKind = new Map<string, Set<string>>();
    const labelsOf = (type: ReturnType<typeof asComponentType>, unitSpecs: Record<string, unknown>) => {
      const kind = `${slotFamily(type) ?? type}\u0000${slotKind(type, unitSpecs)}`;
      let labels = labelsByKind.get(kind);
      if (!labels) labelsByKind.set(kind, (labels = slotLabels(type, unitSpecs)));
      return labels;
    };
    const entries: HistoryEntryInput[] = [];
    const done = new Map<number, { applied: AppliedChange; installed: string[]; removed: string[] }>();
    const resultOf = (itemId: number) => {
      let result = done.get(itemId);
      if (!result) done.set(itemId, (result = { applied: { installationDates: {}, setting: null }, installed: [], removed: [] }));
      return result;
    };

    for (const [index, item] of items.entries()) {
      const input = toItemInput(item);
      const own = allocations.filter((a) => a.ticketItemId === item.id);
      const expected = { remove: input.action === 'remove' || input.action === 'replace', install: input.action === 'add' || input.action === 'replace' };
      for (const direction of ['remove', 'install'] as const) {
        const mine = own.filter((a) => a.direction === direction);
        if (expected[direction] && mine.length !== input.quantity) throw fail(`item #${index + 1} has ${mine.length} of ${input.quantity} unit(s) reserved to ${direction}`);
      }
    }

    for (const [index, item] of items.entries()) {
      const destination = destinations.get(item.id) ?? 'available';
      for (const allocation of allocations.filter((a) => a.ticketItemId === item.id && a.direction === 'remove')) {
        const unit = units.get(allocation.componentId);
        if (!unit || unit.status !== 'in_use' || unit.serverUuid !== server.uuid) {
          throw fail(`unit ${unit ? label(unit) : allocation.componentId} of item #${index + 1} is no longer installed in ${server.name}${unit ? ` (now ${unit.status})` : ''}`);
        }
        await this.moves.remove(manager, auth, unit, server, destination, byTicket(ticket));
        await this.items.updateAllocation(manager, allocation.id, { state: 'applied', previousStatus: unit.status, previousServerUuid: unit.serverUuid, previousSlot: unit.slotPosition, destination });
        if (unit.slotPosition) slotsOf(usedSlots, unit).delete(unit.slotPosition);
        resultOf(item.id).removed.push(destination === 'available' ? label(unit) : `${label(unit)} (${DESTINATION_WORDS[destination]})`);
      }
    }

    // Caddies last: one left on automatic goes into the bay of a drive this ticket installs, whichever item comes first.
    const caddiesLast = [...items.entries()].sort(([, a], [, b]) => Number(a.componentType === 'caddy') - Number(b.componentType === 'caddy'));
    for (const [index, item] of caddiesLast) {
      const input = toItemInput(item);
      const result = resultOf(item.id);
      const chosen = [...(placements.get(item.id) ?? [])];
      for (const allocation of allocations.filter((a) => a.ticketItemId === item.id && a.direction === 'install')) {
        const unit = units.get(allocation.componentId);
        if (!unit || unit.status !== 'reserved' || unit.serverUuid !== null) {
          throw fail(`unit ${unit ? label(unit) : allocation.componentId} reserved for item #${index + 1} is ${unit ? unit.status : 'gone'}`);
        }
        const type = asComponentType(unit.componentType);
        const unitSpecs = specs.get(unit.uuid) ?? {};
        const used = slotsOf(usedSlots, unit);
        const wanted = chosen.shift();
        let slot: string | null;
        if (wanted !== undefined) {
          if (!labelsOf(type, unitSpecs).has(wanted)) {
            throw itemsInvalidError([{ index, itemId: item.id, status: 'invalid', message: `${wanted} is not a slot for ${label(unit)} (${type})` }], 'Cannot deploy');
          }
          if (used.has(wanted)) throw fail(`slot ${wanted} of ${server.name}, chosen for ${label(unit)} (item #${index + 1}), is not free`);
          used.add(wanted);
          slot = wanted;
        } else {
          slot = (type === 'caddy' ? claimBayOfDriveWithoutCaddy(usedSlots) : null) ?? nextSlot(type, unitSpecs, used);
        }
        await this.moves.install(manager, auth, unit, server, slot, today, byTicket(ticket));
        await this.items.updateAllocation(manager, allocation.id, { state: 'applied', previousStatus: unit.status, previousServerUuid: unit.serverUuid, previousSlot: unit.slotPosition });
        result.applied.installationDates[String(allocation.id)] = unit.installationDate;
        result.installed.push(slot ? `${label(unit)} in ${slot}` : label(unit));
      }
      if (chosen.length > 0) {
        throw itemsInvalidError([{ index, itemId: item.id, status: 'invalid', message: `${chosen.length} slot(s) chosen beyond the unit(s) this item installs` }], 'Cannot deploy');
      }

      let notes = describeUnits(result.installed, result.removed, 'installed', 'removed');
      if (input.action === 'modify') {
        const key = settingKeyOf(input);
        const value = input.requestedValue ?? '';
        result.applied.setting = { key, previous: settings[key] ?? null, value };
        settings[key] = value;
        notes = `${key}: ${result.applied.setting.previous ?? '(unset)'} → ${value}`;
      }
      const own = allocations.filter((a) => a.ticketItemId === item.id);
      const fulfilledUuid = input.action === 'remove' ? (own[0] ? (units.get(own[0].componentId)?.uuid ?? null) : null) : installTarget(input).uuid;
      const fulfilment = { fulfilled: true, fulfilledAt: at, fulfilledComponentUuid: fulfilledUuid, fulfillmentNotes: notes };
      await this.items.update(manager, item.id, {
        ...fulfilment,
        // A JSON column: TypeORM's deep-partial type rejects the nulls inside, the driver does not.
        appliedChange: result.applied as unknown as ItemPatch['appliedChange'],
      });
      Object.assign(item, fulfilment, { appliedChange: result.applied as unknown as Record<string, unknown> });
      entries.push({ ticketId: ticket.id, action: 'item_fulfilled', comment: notes, metadata: { itemId: item.id, installed: result.installed, removed: result.removed, setting: result.applied.setting } });
    }
    // Written even when no setting changed: the UPDATE moves the server's updatedAt, and its build did change.
    await this.moves.touchServer(manager, server.uuid, settings);
    return entries;
  }

  /** The technician's choices by item; 422 naming an item that is not this ticket's or cannot take the choice. */
  private readChoices(items: TicketItemEntity[], request: Pick<DeployRequest, 'removals' | 'placements'>): { destinations: Map<number, RemovalDestination>; placements: Map<number, string[]> } {
    const byId = new Map(items.map((item, index) => [item.id, { item, index }]));
    const refuse = (field: string, reason: string) => new DomainError('ITEMS_INVALID', `Cannot deploy: ${field} ${reason}`, { fields: [{ field, reason }] });
    const destinations = new Map<number, RemovalDestination>();
    for (const [n, removal] of (request.removals ?? []).entries()) {
      const found = byId.get(removal.itemId);
      if (!found) throw refuse(`removals.${n}.itemId`, `names item ${removal.itemId}, which is not an item of this ticket`);
      if (found.item.action !== 'remove' && found.item.action !== 'replace') throw refuse(`removals.${n}.itemId`, `names item #${found.index + 1}, which removes nothing`);
      if (destinations.has(removal.itemId)) throw refuse(`removals.${n}.itemId`, `names item #${found.index + 1} twice`);
      destinations.set(removal.itemId, removal.destination);
    }
    const placements = new Map<number, string[]>();
    for (const [n, placement] of (request.placements ?? []).entries()) {
      const found = byId.get(placement.itemId);
      if (!found) throw refuse(`placements.${n}.itemId`, `names item ${placement.itemId}, which is not an item of this ticket`);
      if (found.item.action !== 'add' && found.item.action !== 'replace') throw refuse(`placements.${n}.itemId`, `names item #${found.index + 1}, which installs nothing`);
      placements.set(placement.itemId, [...(placements.get(placement.itemId) ?? []), placement.slot]);
    }
    return { destinations, placements };
  }

  /** Reverts exactly what deploy applied; 409 CONFLICT when the inventory has moved on since. */
  async rollback(manager: EntityManager, auth: AuthContext, ticket: TicketEntity, items: TicketItemEntity[]): Promise<void> {
    const fail = (message: string) => new DomainError('CONFLICT', `Cannot roll back, nothing was changed: ${message}`);
    const allocations = await this.items.allocationsByTicket(manager, ticket.id, ['applied']);
    const units = await this.lockUnitsOf(manager, allocations);
    const server = await this.stock.lockServer(manager, ticket.targetServerUuid);
    if (!server) throw fail(`server ${ticket.targetServerUuid} no longer exists`);
    const settings: Record<string, string> = { ...(server.settings ?? {}) };
    const entries: HistoryEntryInput[] = [];

    for (const item of [...items].reverse()) {
      const applied = readAppliedChange(item.appliedChange);
      const own = allocations.filter((a) => a.ticketItemId === item.id).reverse();
      const reverted: string[] = [];
      for (const allocation of own) {
        const unit = units.get(allocation.componentId);
        const installing = allocation.direction === 'install';
        // A removed unit went where the deploy sent it (rows from before destinations: back to stock).
        const removedTo = allocation.destination ?? 'available';
        const asDeployLeftIt = installing ? unit?.status === 'in_use' && unit.serverUuid === server.uuid : unit?.status === removedTo && unit.serverUuid === null;
        if (!unit || !asDeployLeftIt) throw fail(`unit ${unit ? label(unit) : allocation.componentId} has changed since the deploy${unit ? ` (now ${unit.status})` : ''}`);
        await this.unitLog.change(
          manager,
          auth,
          unit,
          {
            status: allocation.previousStatus ?? (installing ? 'reserved' : 'in_use'),
            serverUuid: allocation.previousServerUuid,
            slotPosition: allocation.previousSlot,
            ...(installing ? { installationDate: applied.installationDates[String(allocation.id)] ?? null } : {}),
          },
          'rolled_back',
          byTicket(ticket, installing ? `taken out of ${server.name} by the rollback` : `put back into ${server.name} by the rollback`),
        );
        await this.items.updateAllocation(manager, allocation.id, { state: 'reserved', destination: null });
        reverted.push(`${installing ? 'uninstalled' : 'reinstalled'} ${label(unit)}`);
      }
      if (applied.setting) {
        // Like a unit, a setting changed again since the deploy is not ours to overwrite.
        const deployed = applied.setting.value ?? item.requestedValue ?? '';
        const now = settings[applied.setting.key];
        if (now !== deployed) {
          throw fail(`server setting ${applied.setting.key} has changed since the deploy (now ${now ?? '(unset)'}, deployed ${deployed})`);
        }
        if (applied.setting.previous === null) delete settings[applied.setting.key];
        else settings[applied.setting.key] = applied.setting.previous;
        reverted.push(`${applied.setting.key} restored to ${applied.setting.previous ?? '(unset)'}`);
      }
      if (!item.fulfilled && reverted.length === 0) continue;
      await this.items.update(manager, item.id, { fulfilled: false, fulfilledAt: null, fulfilledComponentUuid: null, fulfillmentNotes: null, appliedChange: null });
      entries.unshift({ ticketId: ticket.id, action: 'item_reverted', comment: reverted.join(', '), metadata: { itemId: item.id } });
    }
    // As at deploy: the build changed back, so the server's updatedAt moves too.
    await this.stock.updateServerSettings(manager, server.uuid, settings);
    await this.history.recordMany(manager, auth, entries);
  }

  private async lockUnitsOf(manager: EntityManager, allocations: TicketItemAllocationEntity[]): Promise<Map<number, ComponentStockEntity>> {
    const units = await this.stock.lockUnits(manager, [...new Set(allocations.map((a) => a.componentId))]);
    return new Map(units.map((u) => [u.id, u]));
  }
}

/**
 * The lowest bay holding a drive but no caddy, marked as used by a caddy: drives and caddies have their
 * own label spaces, so the next free caddy label ("Bay 0") could put a caddy where no drive is.
 */
function claimBayOfDriveWithoutCaddy(used: UsedSlots): string | null {
  const caddies = used.get('caddy') ?? new Set<string>();
  const bays = [...(used.get('storage') ?? [])].filter((slot) => /^Bay \d+$/.test(slot) && !caddies.has(slot));
  const bay = bays.sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)))[0];
  if (bay === undefined) return null;
  if (!used.has('caddy')) used.set('caddy', caddies);
  caddies.add(bay);
  return bay;
}

function describeUnits(installed: string[], removed: string[], installVerb: string, removeVerb: string): string {
  const parts: string[] = [];
  if (installed.length) parts.push(`${installVerb} ${installed.join(', ')}`);
  if (removed.length) parts.push(`${removeVerb} ${removed.join(', ')}`);
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
