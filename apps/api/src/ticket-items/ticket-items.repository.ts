import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { insertedRow, type InsertedRow } from '../common/inserted-row';
import { DatabaseService } from '../database/database.service';
import { TicketItemAllocationEntity } from './ticket-item-allocation.entity';
import { TicketItemEntity } from './ticket-item.entity';

export type AllocationDirection = 'install' | 'remove';
export type AllocationState = 'reserved' | 'applied' | 'reverted' | 'released';

export type ItemPatch = QueryDeepPartialEntity<TicketItemEntity>;

/** Every column of a new item row but those the database generates. */
export type NewItemRow = Omit<TicketItemEntity, 'id' | 'createdAt' | 'updatedAt' | 'ticket'>;
export type AllocationPatch = QueryDeepPartialEntity<TicketItemAllocationEntity>;

/** The only place with query builders for ticket items and their stock allocations. */
@Injectable()
export class TicketItemsRepository {
  constructor(private readonly db: DatabaseService) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.db.dataSource.manager;
  }

  listByTicket(ticketId: number, manager?: EntityManager): Promise<TicketItemEntity[]> {
    return this.manager(manager)
      .createQueryBuilder(TicketItemEntity, 'i')
      .where('i.ticketId = :ticketId', { ticketId })
      .orderBy('i.position', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .getMany();
  }

  /** One multi-row INSERT; what the database generated for each row, in the order given. */
  async insertMany(manager: EntityManager, rows: NewItemRow[]): Promise<InsertedRow[]> {
    if (rows.length === 0) return [];
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(TicketItemEntity)
      // Copies: TypeORM merges what the database returns (raw: 0/1 for booleans on MariaDB) into
      // the objects it inserts, and the caller's rows must stay as they were. The cast: TypeORM's
      // deep-partial type cannot express a JSON column of `unknown` values.
      .values(rows.map((row) => ({ ...row })) as ItemPatch[])
      .execute();
    return rows.map((_, index) => insertedRow(result.identifiers[index], result.generatedMaps[index], 'Ticket item'));
  }

  async deleteByTicket(manager: EntityManager, ticketId: number): Promise<void> {
    await manager.createQueryBuilder().delete().from(TicketItemEntity).where('ticketId = :ticketId', { ticketId }).execute();
  }

  async update(manager: EntityManager, id: number, patch: ItemPatch): Promise<void> {
    await manager.createQueryBuilder().update(TicketItemEntity).set(patch).where('id = :id', { id }).execute();
  }

  /** Allocations of a ticket's items, optionally in some states, in item then allocation order. */
  allocationsByTicket(manager: EntityManager, ticketId: number, states?: AllocationState[]): Promise<TicketItemAllocationEntity[]> {
    const qb = manager
      .createQueryBuilder(TicketItemAllocationEntity, 'a')
      .innerJoin(TicketItemEntity, 'i', 'i.id = a.ticketItemId')
      .where('i.ticketId = :ticketId', { ticketId })
      .orderBy('i.position', 'ASC')
      .addOrderBy('a.id', 'ASC');
    if (states?.length) qb.andWhere('a.state IN (:...states)', { states });
    return qb.getMany();
  }

  async insertAllocations(manager: EntityManager, rows: AllocationPatch[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.createQueryBuilder().insert().into(TicketItemAllocationEntity).values(rows).execute();
  }

  async updateAllocation(manager: EntityManager, id: number, patch: AllocationPatch): Promise<void> {
    await manager.createQueryBuilder().update(TicketItemAllocationEntity).set(patch).where('id = :id', { id }).execute();
  }
}
