import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { AccessAuditQuery } from '@bdc/contracts';
import { LIMITS } from '@bdc/contracts';
import { AccessAuditEntity } from './access-audit.entity';

/** The only place with queries on access_audit. */
@Injectable()
export class AccessAuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(row: Omit<AccessAuditEntity, 'id' | 'createdAt'>, manager: EntityManager): Promise<void> {
    await manager.insert(AccessAuditEntity, row);
  }

  /** Newest first (id order: rows are only ever appended). */
  async page(query: AccessAuditQuery): Promise<{ rows: AccessAuditEntity[]; total: number; page: number; pageSize: number }> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? LIMITS.pageSizeDefault;
    const where: FindOptionsWhere<AccessAuditEntity> = {
      ...(query.action ? { action: query.action } : {}),
      ...(query.targetType ? { targetType: query.targetType } : {}),
      ...(query.targetId !== undefined ? { targetId: query.targetId } : {}),
      ...(query.actorId !== undefined ? { actorId: query.actorId } : {}),
    };
    const [rows, total] = await this.dataSource.manager.findAndCount(AccessAuditEntity, { where, order: { id: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
    return { rows, total, page, pageSize };
  }
}
