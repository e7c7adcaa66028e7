import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiTokenEntity } from './api-token.entity';

export type NewApiToken = Pick<ApiTokenEntity, 'userId' | 'name' | 'secretHash' | 'permissions' | 'expiresAt'>;

/** The only place with queries on api_tokens (the guard reads them inside UsersRepository.subjectOfApiToken). */
@Injectable()
export class ApiTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the token and sets its display prefix, which contains the id the database generates.
   * Returns the stored row.
   */
  async insert(row: NewApiToken, displayPrefix: (id: number) => string, manager: EntityManager): Promise<ApiTokenEntity> {
    const result = await manager.insert(ApiTokenEntity, { ...row, tokenPrefix: '', lastUsedAt: null, lastUsedIp: null, revokedAt: null, revokedBy: null });
    const id = Number(result.identifiers[0]?.['id']);
    if (!Number.isInteger(id) || id <= 0) throw new Error('api_tokens insert returned no id');
    await manager.update(ApiTokenEntity, { id }, { tokenPrefix: displayPrefix(id) });
    return manager.findOneOrFail(ApiTokenEntity, { where: { id } });
  }

  findById(id: number, manager: EntityManager = this.dataSource.manager): Promise<ApiTokenEntity | null> {
    return manager.findOne(ApiTokenEntity, { where: { id } });
  }

  /** Newest first. */
  listOfUser(userId: number): Promise<ApiTokenEntity[]> {
    return this.dataSource.manager.find(ApiTokenEntity, { where: { userId }, order: { id: 'DESC' } });
  }

  /** Tokens of the user that could still be used. */
  countLive(userId: number, now: Date, manager: EntityManager): Promise<number> {
    return manager
      .createQueryBuilder(ApiTokenEntity, 't')
      .where('t.userId = :userId AND t.revokedAt IS NULL AND t.expiresAt > :now', { userId, now })
      .getCount();
  }

  /** Revokes a live token; false when it was already revoked (the first revocation is kept). */
  async revoke(id: number, by: number, at: Date, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ApiTokenEntity)
      .set({ revokedAt: at, revokedBy: by })
      .where('id = :id AND revoked_at IS NULL', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * Records a use unless one was recorded since `notBefore`. Conditional, so that concurrent
   * requests on any number of API processes write it once per interval between them.
   */
  async recordUse(id: number, at: Date, ip: string | null, notBefore: Date, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(ApiTokenEntity)
      .set({ lastUsedAt: at, lastUsedIp: ip })
      .where('id = :id AND (last_used_at IS NULL OR last_used_at < :notBefore)', { id, notBefore })
      .execute();
  }
}
