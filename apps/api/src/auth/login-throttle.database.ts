import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { LoginThrottleEntity } from './login-throttle.entity';
import { blockOf, LoginThrottle, longestBlock, nextFailureState, type ThrottleBlock, type ThrottleKey, type ThrottleState } from './login-throttle';

/**
 * Counters in the `login_throttle` table: every API process on the database shares them. A failure
 * is read-modify-written under a row lock (a no-op on SQLite, whose writers are serialised), so two
 * processes counting the same key at once both count.
 */
@Injectable()
export class DatabaseLoginThrottle extends LoginThrottle {
  constructor(private readonly db: DatabaseService) {
    super();
  }

  async check(keys: readonly ThrottleKey[], now: Date): Promise<ThrottleBlock | null> {
    if (keys.length === 0) return null;
    const rows = await this.db.dataSource.manager.find(LoginThrottleEntity, { where: { key: In(keys.map((k) => k.key)) } });
    const byKey = new Map(rows.map((row) => [row.key, row]));
    return longestBlock(keys.map((k) => blockOf(k.key, stateOf(byKey.get(k.key)), now, k.limits)));
  }

  async recordFailure(keys: readonly ThrottleKey[], now: Date): Promise<ThrottleBlock | null> {
    // One lock order for every caller, so two transactions on the same pair cannot deadlock.
    const sorted = [...keys].sort((a, b) => a.key.localeCompare(b.key));
    // Rows are created in a transaction of their own first: an INSERT IGNORE and a locking read in
    // the same transaction deadlock on MariaDB when two requests create the same key at once.
    await this.db.transaction(async (manager) => {
      for (const k of sorted) await this.insertIfMissing(manager, k.key, now);
    });
    return this.db.transaction(async (manager) => {
      const blocks: (ThrottleBlock | null)[] = [];
      for (const k of sorted) {
        const next = nextFailureState(await this.lockedState(manager, k.key, now), now, k.limits);
        await manager.update(LoginThrottleEntity, { key: k.key }, next);
        blocks.push(blockOf(k.key, next, now, k.limits));
      }
      return longestBlock(blocks);
    });
  }

  async reset(key: string): Promise<void> {
    await this.db.transaction((manager) => manager.delete(LoginThrottleEntity, { key }));
  }

  /** The row for `key`, locked until the transaction ends (re-created if a reset removed it meanwhile). */
  private async lockedState(manager: EntityManager, key: string, now: Date): Promise<ThrottleState | null> {
    const read = () => this.db.lockForUpdate(manager.createQueryBuilder(LoginThrottleEntity, 't').where('t.key = :key', { key })).getOne();
    let row = await read();
    if (!row) {
      await this.insertIfMissing(manager, key, now);
      row = await read();
    }
    return stateOf(row ?? undefined);
  }

  private async insertIfMissing(manager: EntityManager, key: string, now: Date): Promise<void> {
    await manager.createQueryBuilder().insert().into(LoginThrottleEntity).values({ key, failures: 0, lastFailureAt: now, blockedUntil: null }).orIgnore().execute();
  }
}

function stateOf(row: LoginThrottleEntity | undefined): ThrottleState | null {
  if (!row || row.failures <= 0) return null;
  return { failures: row.failures, lastFailureAt: row.lastFailureAt, blockedUntil: row.blockedUntil };
}
