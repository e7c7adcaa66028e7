import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ComponentUnitLogEntity } from './unit-log.entity';

export type NewUnitLogRow = Omit<ComponentUnitLogEntity, 'id' | 'createdAt'>;

/** Query builders over component_unit_log. */
@Injectable()
export class UnitLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertMany(manager: EntityManager, rows: NewUnitLogRow[]): Promise<void> {
    // Chunks keep one INSERT's parameters well below SQLite's and MariaDB's limits on a big receipt.
    for (let i = 0; i < rows.length; i += 200) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ComponentUnitLogEntity)
        .values(rows.slice(i, i + 200).map((row) => ({ ...row })) as QueryDeepPartialEntity<ComponentUnitLogEntity>[])
        .execute();
    }
  }

  /** A unit's log, oldest first. */
  byUnit(unitId: number): Promise<ComponentUnitLogEntity[]> {
    return this.dataSource.manager
      .createQueryBuilder(ComponentUnitLogEntity, 'l')
      .where('l.componentId = :unitId', { unitId })
      .orderBy('l.id', 'ASC')
      .getMany();
  }

  /**
   * What came into or went out of a server, or changed slot in it, newest first. Claims and other
   * rows that leave server and slot as they were (a reservation for removal) are not history.
   */
  async byServer(serverUuid: string, page: number, pageSize: number): Promise<{ rows: ComponentUnitLogEntity[]; total: number }> {
    const [rows, total] = await this.dataSource.manager
      .createQueryBuilder(ComponentUnitLogEntity, 'l')
      .where('(l.serverBefore = :uuid OR l.serverAfter = :uuid)', { uuid: serverUuid })
      .andWhere(`(COALESCE(l.serverBefore, '') <> COALESCE(l.serverAfter, '') OR COALESCE(l.slotBefore, '') <> COALESCE(l.slotAfter, ''))`)
      .orderBy('l.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { rows, total };
  }
}
