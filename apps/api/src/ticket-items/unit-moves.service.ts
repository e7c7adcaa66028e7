import { Injectable } from '@nestjs/common';
import { dayInTimeZone, type RemovalDestination } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../access/auth-context';
import { AppConfig } from '../config/app-config';
import type { ComponentStockEntity } from '../inventory/component-stock.entity';
import { UnitLogService, type UnitLogContext } from '../inventory/unit-log.service';
import { ItemStockRepository } from './item-stock.repository';
import { asComponentType } from './item-validation.service';
import { slotFamily, slotLabels, type SlotFamily } from './slots';

export const DESTINATION_WORDS: Record<RemovalDestination, string> = { available: 'back to stock', failed: 'marked failed (RMA)', retired: 'retired' };

/** The slot labels taken in a server, by slot family. */
export type UsedSlots = Map<SlotFamily | null, Set<string>>;

/** Whether `slot` is a label the automatic placement could give this kind of unit ("DIMM B1" for memory, not for a CPU). */
export function isSlotOfKind(type: ReturnType<typeof asComponentType>, specs: Record<string, unknown>, slot: string): boolean {
  return slotLabels(type, specs).has(slot);
}

export function slotsOf(used: UsedSlots, unit: Pick<ComponentStockEntity, 'componentType'>): Set<string> {
  const family = slotFamily(asComponentType(unit.componentType));
  let slots = used.get(family);
  if (!slots) used.set(family, (slots = new Set()));
  return slots;
}

/**
 * A unit going into or out of a server: the one code a ticket deploy and a direct edit move stock
 * with, so that both write the same unit columns, the same unit log rows (which are the server's
 * history) and move the server's updatedAt alike. Runs in the caller's transaction, on units and a
 * server the caller locked.
 */
@Injectable()
export class UnitMovesService {
  constructor(
    private readonly stock: ItemStockRepository,
    private readonly unitLog: UnitLogService,
    private readonly config: AppConfig,
  ) {}

  /** Today in the configured zone (`YYYY-MM-DD`), the installation date of what goes in now. */
  today(): string {
    const day = dayInTimeZone(new Date(), this.config.timeZone);
    return `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
  }

  async usedSlots(manager: EntityManager, serverUuid: string): Promise<UsedSlots> {
    const used: UsedSlots = new Map();
    for (const unit of await this.stock.installedUnits(serverUuid, manager)) {
      if (unit.slotPosition) slotsOf(used, unit).add(unit.slotPosition);
    }
    return used;
  }

  install(manager: EntityManager, auth: AuthContext, unit: ComponentStockEntity, server: { uuid: string; name: string }, slot: string | null, today: string, context: UnitLogContext): Promise<ComponentStockEntity> {
    return this.unitLog.change(manager, auth, unit, { status: 'in_use', serverUuid: server.uuid, slotPosition: slot, installationDate: today }, 'installed', { ...context, note: joinNotes(`into ${server.name}`, context.note) });
  }

  remove(manager: EntityManager, auth: AuthContext, unit: ComponentStockEntity, server: { name: string }, destination: RemovalDestination, context: UnitLogContext): Promise<ComponentStockEntity> {
    return this.unitLog.change(manager, auth, unit, { status: destination, serverUuid: null, slotPosition: null }, 'removed', { ...context, note: joinNotes(`from ${server.name}, ${DESTINATION_WORDS[destination]}`, context.note) });
  }

  /** Writes the settings; the UPDATE also moves the server's updatedAt: its build changed. */
  touchServer(manager: EntityManager, serverUuid: string, settings: Record<string, string>): Promise<void> {
    return this.stock.updateServerSettings(manager, serverUuid, settings);
  }
}

function joinNotes(what: string, note: string | null | undefined): string {
  return note ? `${what}: ${note}` : what;
}
