import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder, type ObjectLiteral } from 'typeorm';
import { driverCode, isTransientConflict } from './database-errors';
import { QueryErrorTap } from './query-error-tap';
import { SqliteConnection } from './sqlite-connection';

export type DatabaseEngine = 'sqlite' | 'mysql';

interface AmbientTransaction {
  manager: EntityManager;
  afterCommit: (() => void)[];
  /** What `afterCommitBatch` gathered in this transaction, by the caller's key. */
  batches: Map<symbol, unknown>;
}

/**
 * The one way services open transactions and take row locks, so that the same code is correct on
 * SQLite (one connection, writers serialised, reopened after an I/O fault) and on MariaDB (a pool of
 * connections, row locks; mysql2 drops dead connections and dials new ones by itself).
 */
@Injectable()
export class DatabaseService implements OnApplicationShutdown {
  private readonly sqlite: SqliteConnection | null;
  /** The transaction that `transaction` calls inside another one join (see below), and what runs after its COMMIT. */
  private readonly ambient = new AsyncLocalStorage<AmbientTransaction>();

  constructor(readonly dataSource: DataSource) {
    if (dataSource.options.type === 'better-sqlite3') {
      const tap = dataSource.logger;
      this.sqlite = new SqliteConnection(dataSource, (listener) => (tap instanceof QueryErrorTap ? tap.onQueryError(listener) : () => undefined));
    } else {
      this.sqlite = null;
    }
  }

  get engine(): DatabaseEngine {
    return this.dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
  }

  /**
   * Runs `work` in a transaction; on MariaDB re-runs the whole of it after a deadlock, a lock wait
   * timeout or a Galera certification conflict (see isTransientConflict), up to CONFLICT_ATTEMPTS times.
   * That includes a conflict reported by the COMMIT itself, which is how Galera refuses a transaction
   * that lost to a write committed through another node: TypeORM rolls back and throws the COMMIT's
   * error, nothing of the attempt was committed, so running `work` again is safe.
   * A transaction whose connection is lost is never retried here: its COMMIT may or may not have
   * happened, so the caller gets 503 and decides (the error mapping answers DATABASE_UNAVAILABLE).
   */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    // Inside another transaction (a request made of several service calls that must be all or
    // nothing, e.g. the action API's multi-part ticket-update) the work joins it: one COMMIT at the
    // end of the outer one, and a failure anywhere rolls every part back. Reads that services make
    // without a manager still run outside it (on MariaDB they do not see its uncommitted rows).
    const joined = this.ambient.getStore();
    if (joined) return work(joined.manager);
    // A retried attempt starts with no callbacks: only the attempt that commits announces anything.
    let afterCommit: (() => void)[] = [];
    const inAmbient = (manager: EntityManager) => {
      afterCommit = [];
      return this.ambient.run({ manager, afterCommit, batches: new Map() }, () => work(manager));
    };
    const result = await this.runTransaction(inAmbient);
    for (const callback of afterCommit) {
      try {
        callback();
      } catch {
        // An announcement is best effort: the change is committed and the caller must hear so.
      }
    }
    return result;
  }

  /** Whether the caller runs inside a transaction opened by `transaction` (whose work joins it). */
  get inTransaction(): boolean {
    return this.ambient.getStore() !== undefined;
  }

  /**
   * Runs `callback` once the ambient transaction has committed (never when it rolls back), or at
   * once when there is none. For side effects others may act on (live updates): announcing a change
   * that is then rolled back would send clients to fetch what does not exist.
   */
  afterCommit(callback: () => void): void {
    const current = this.ambient.getStore();
    if (current) current.afterCommit.push(callback);
    else callback();
  }

  /**
   * One value per transaction under `key`, shared by every call made in it and handed to `flush` once,
   * after the COMMIT: several writes of one change (a deploy's item and status entries) announce it once.
   * Outside a transaction the value is flushed once the current synchronous work is done.
   */
  afterCommitBatch<T>(key: symbol, create: () => T, flush: (value: T) => void): T {
    const current = this.ambient.getStore();
    if (!current) {
      const value = create();
      queueMicrotask(() => flush(value));
      return value;
    }
    if (current.batches.has(key)) return current.batches.get(key) as T;
    const value = create();
    current.batches.set(key, value);
    current.afterCommit.push(() => flush(value));
    return value;
  }

  private async runTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.sqlite) return this.sqlite.transaction(work);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        if (!isTransientConflict(error) || attempt >= attemptsFor(error)) throw error;
        await new Promise((r) => setTimeout(r, retryDelayMs(attempt)));
      }
    }
  }

  /**
   * Throws unless the database answers and accepts writes: on SQLite a committed one-page write
   * (see SqliteConnection.probe); on MariaDB a query that also reads whether the server is read-only
   * (a replica, or a primary fenced during a failover, would refuse every write) and, on a Galera
   * node, whether it serves applications (wsrep_ready): a node cut off from the primary component
   * still answers a SELECT without tables, but refuses every statement on a table with 1047.
   */
  async probe(): Promise<void> {
    if (this.sqlite) return this.sqlite.probe();
    if (this.dataSource.options.type !== 'mariadb') {
      const rows: { readOnly: number | string }[] = await this.dataSource.query('SELECT @@global.read_only AS readOnly');
      if (Number(rows[0]?.readOnly ?? 0) !== 0) throw new Error('the server is read-only (@@global.read_only = ON)');
      return;
    }
    // information_schema rather than @@wsrep_on: a MariaDB built without wsrep has no such variable,
    // and wsrep_ready is OFF on every server that is not a Galera node, so it counts only with wsrep_on.
    const rows: { readOnly: number | string; wsrepOn: string | null; wsrepReady: string | null }[] = await this.dataSource.query(
      `SELECT @@global.read_only AS readOnly,
        (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_VARIABLES WHERE VARIABLE_NAME = 'WSREP_ON') AS wsrepOn,
        (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_READY') AS wsrepReady`,
    );
    const row = rows[0];
    if (Number(row?.readOnly ?? 0) !== 0) throw new Error('the server is read-only (@@global.read_only = ON)');
    if (row?.wsrepOn === 'ON' && row.wsrepReady !== 'ON') throw new Error('the Galera node is not ready (wsrep_ready = OFF: not in the primary component, or not synced)');
  }

  /**
   * Now, as a `datetime` column keeps it: whole seconds on MariaDB/MySQL (the columns have no fraction;
   * cut here rather than left to the server, which truncates on MariaDB and rounds on MySQL), to the
   * millisecond on SQLite (TypeORM writes the milliseconds into the text). A change that writes this
   * value can answer with it and say what a read after COMMIT would.
   */
  storedNow(): Date {
    const now = new Date();
    return this.engine === 'mysql' ? wholeSeconds(now) : now;
  }

  /** SELECT … FOR UPDATE on MariaDB; a no-op on SQLite, whose writers are already serialised. */
  lockForUpdate<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    return this.engine === 'mysql' ? qb.setLock('pessimistic_write') : qb;
  }

  onApplicationShutdown(): void {
    this.sqlite?.dispose();
  }
}

/** A time cut to whole seconds: what CURRENT_TIMESTAMP writes into a `datetime` column on both engines. */
export function wholeSeconds(date: Date): Date {
  return new Date(date.getTime() - (date.getTime() % 1000));
}

/**
 * Attempts of one transaction on MariaDB. On a single server a deadlock is rare and the second attempt
 * wins; on Galera every transaction that wrote the same row (the day's ticket counter, a ticket being
 * approved) through another node at the same moment loses at COMMIT, and with several nodes under load
 * one create may lose a few times in a row before it wins.
 */
const CONFLICT_ATTEMPTS = 8;
/** A lock wait timeout has already cost innodb_lock_wait_timeout (50 s by default): few attempts. */
const LOCK_WAIT_ATTEMPTS = 4;

/** How many attempts a transaction gets after this error (shared with SqlBatchService). */
export function attemptsFor(error: unknown): number {
  return driverCode(error) === 'ER_LOCK_WAIT_TIMEOUT' ? LOCK_WAIT_ATTEMPTS : CONFLICT_ATTEMPTS;
}

/**
 * Growing, jittered waits (on average 20, 40, 80, 160, then 200 ms, ±50 %: about 0.9 s in all): the
 * conflicting write has to be applied on this node before a new attempt can see it, and jitter keeps
 * the losers of one conflict from colliding again in step.
 */
export function retryDelayMs(attempt: number): number {
  const base = Math.min(200, 10 * 2 ** attempt);
  return base / 2 + Math.random() * base;
}
