import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not, type EntityManager } from 'typeorm';
import { AuthSessionEntity } from './auth-session.entity';

/** The only place with queries on auth_sessions (the guard reads them inside UsersRepository.subjectOf). */
@Injectable()
export class AuthSessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(id: string, userId: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.insert(AuthSessionEntity, { id, userId, revokedAt: null });
  }

  async isLive(id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return (await manager.count(AuthSessionEntity, { where: { id, revokedAt: IsNull() } })) > 0;
  }

  async revoke(id: string, at: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(AuthSessionEntity, { id, revokedAt: IsNull() }, { revokedAt: at });
  }

  /** Every live session of the user but `keepId` (a password change keeps the session that made it). */
  async revokeAllOfUserExcept(userId: number, keepId: string, at: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(AuthSessionEntity, { userId, id: Not(keepId), revokedAt: IsNull() }, { revokedAt: at });
  }

  async revokeAllOfUser(userId: number, at: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(AuthSessionEntity, { userId, revokedAt: IsNull() }, { revokedAt: at });
  }
}
