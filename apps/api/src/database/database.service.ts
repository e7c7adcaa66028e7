import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder, type ObjectLiteral } from 'typeorm';

export type DatabaseEngine = 'sqlite' | 'mysql';

/**
 * The one way services open transactions and take row locks, so that the same code is correct on
 * SQLite (one connection, writers serialised) and on MariaDB (many connections, row locks).
 */
@Injectable()
export class DatabaseService {
  /** SQLite has a single connection: overlapping TypeORM transactions on it would interleave. */
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataSource: DataSource) {}

  get engine(): DatabaseEngine {
    return this.dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
  }

  /** Runs `work` in a transaction; on MariaDB retries a deadlock or lock wait timeout a few times. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.engine === 'sqlite') {
      const run = this.sqliteQueue.then(() => this.dataSource.transaction(work));
      this.sqliteQueue = run.catch(() => undefined);
      return run;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        if (attempt >= 4 || !isRetryableMysqlError(error)) throw error;
        await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
      }
    }
  }

  /** SELECT … FOR UPDATE on MariaDB; a no-op on SQLite, whose writers are already serialised. */
  lockForUpdate<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    return this.engine === 'mysql' ? qb.setLock('pessimistic_write') : qb;
  }
}

function isRetryableMysqlError(error: unknown): boolean {
  const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}
