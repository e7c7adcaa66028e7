import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not, type EntityManager } from 'typeorm';
import { RefreshTokenEntity } from './refresh-token.entity';

/** The only place with queries on refresh_tokens. */
@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByHash(tokenHash: string, manager: EntityManager = this.dataSource.manager): Promise<RefreshTokenEntity | null> {
    return manager.findOne(RefreshTokenEntity, { where: { tokenHash } });
  }

  async insert(
    row: Pick<RefreshTokenEntity, 'userId' | 'tokenHash' | 'familyId' | 'expiresAt'>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.insert(RefreshTokenEntity, { ...row, revokedAt: null });
  }

  /**
   * Revokes one token only if it is still live; false means somebody else used it first. This
   * conditional UPDATE is what makes two concurrent refreshes with one token yield one winner.
   */
  async revokeIfActive(id: number, at: Date, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(RefreshTokenEntity)
      .set({ revokedAt: at })
      .where('id = :id AND revoked_at IS NULL', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async revokeFamily(familyId: string, at: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(RefreshTokenEntity, { familyId, revokedAt: IsNull() }, { revokedAt: at });
  }

  async revokeAllOfUserExceptFamily(userId: number, keepFamilyId: string, at: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(RefreshTokenEntity, { userId, familyId: Not(keepFamilyId), revokedAt: IsNull() }, { revokedAt: at });
  }

  async revokeAllOfUser(userId: number, at: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(RefreshTokenEntity, { userId, revokedAt: IsNull() }, { revokedAt: at });
  }
}
