import { Injectable } from '@nestjs/common';
import type { UnitLogEvent, UnitLogSource } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { AuthContext } from '../access/auth-context';
import { ComponentStockEntity } from './component-stock.entity';
import type { ComponentUnitLogEntity } from './unit-log.entity';
import { UnitLogRepository, type NewUnitLogRow } from './unit-log.repository';

/** Who and what a unit change is done for: a ticket (with its number), a direct edit, a stock edit or an import. */
export interface UnitLogContext {
  source: UnitLogSource;
  ticket?: { id: number; ticketNumber: string } | null;
  note?: string | null;
}

/** The columns a change may set. Status, server, slot and location are what the log records. */
export type UnitPatch = Partial<
  Pick<ComponentStockEntity, 'status' | 'serverUuid' | 'slotPosition' | 'location' | 'installationDate' | 'purchaseDate' | 'warrantyEndDate' | 'notes' | 'flag'>
>;

/**
 * The only writer of a stock unit's status, server, slot and location: every change goes through
 * `change`, which updates the unit and appends its log row in the caller's transaction, so no path
 * (ticket reserve, release, deploy, rollback; stock edits; imports) can move a unit unrecorded.
 */
@Injectable()
export class UnitLogService {
  constructor(private readonly log: UnitLogRepository) {}

  /** Applies `patch` to the unit and logs it; returns the unit as it now is. */
  async change(manager: EntityManager, auth: AuthContext, unit: ComponentStockEntity, patch: UnitPatch, event: UnitLogEvent, context: UnitLogContext): Promise<ComponentStockEntity> {
    const after: ComponentStockEntity = { ...unit, ...patch };
    if (Object.keys(patch).length > 0) {
      await manager.createQueryBuilder().update(ComponentStockEntity).set(patch as QueryDeepPartialEntity<ComponentStockEntity>).where('id = :id', { id: unit.id }).execute();
    }
    await this.log.insertMany(manager, [row(auth, unit, after, event, context)]);
    return after;
  }

  /** Logs units as they are, without changing them: receipts (before = nothing) and ticket claims. */
  async record(manager: EntityManager, auth: AuthContext, units: ComponentStockEntity[], event: UnitLogEvent, context: UnitLogContext, fromNothing = false): Promise<void> {
    await this.log.insertMany(
      manager,
      units.map((unit) => row(auth, fromNothing ? null : unit, unit, event, context)),
    );
  }

  byUnit(unitId: number): Promise<ComponentUnitLogEntity[]> {
    return this.log.byUnit(unitId);
  }

  byServer(serverUuid: string, page: number, pageSize: number): Promise<{ rows: ComponentUnitLogEntity[]; total: number }> {
    return this.log.byServer(serverUuid, page, pageSize);
  }
}

function row(auth: AuthContext, before: ComponentStockEntity | null, after: ComponentStockEntity, event: UnitLogEvent, context: UnitLogContext): NewUnitLogRow {
  return {
    componentId: after.id,
    componentType: after.componentType,
    modelUuid: after.uuid,
    serialNumber: after.serialNumber,
    event,
    source: context.source,
    statusBefore: before?.status ?? null,
    statusAfter: after.status,
    serverBefore: before?.serverUuid ?? null,
    serverAfter: after.serverUuid,
    slotBefore: before?.slotPosition ?? null,
    slotAfter: after.slotPosition,
    locationBefore: before?.location ?? null,
    locationAfter: after.location,
    ticketId: context.ticket?.id ?? null,
    ticketNumber: context.ticket?.ticketNumber ?? null,
    userId: auth.id,
    note: context.note ?? null,
  };
}
