import { Logger } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { isSqliteFault } from './database-errors';

/**
 * The process's one SQLite connection: transactions run one at a time on it, and after an I/O-class
 * error (SQLITE_IOERR*, SQLITE_FULL, SQLITE_READONLY*, SQLITE_CANTOPEN*, SQLITE_CORRUPT*, …) it is
 * treated as broken: the request fails with 503 DATABASE_UNAVAILABLE and the connection is closed and
 * reopened before the next write, so SQLite recovers its state from what is really on disk and
 * TypeORM starts from a clean query runner. If reopening fails (the file is gone or unreadable),
 * every later transaction and health probe tries again, and answers 503 until it works; the process
 * keeps running, so it heals without a supervisor once the disk is back.
 *
 * Why reopening and not just retrying: after a failed COMMIT, TypeORM's ROLLBACK fails too ("no
 * transaction is active") and its query runner keeps believing a transaction is open; the next
 * "transaction" then runs as a SAVEPOINT inside a transaction that is never committed, answering 201
 * for rows that are gone after a restart. That was the lost-write bug; the checks after each commit
 * below catch that whole class of desynchronisation, not only the sequence seen.
 */
export class SqliteConnection {
  private readonly logger = new Logger('Database');
  /** Writers are serialised: overlapping TypeORM transactions on the one connection would interleave. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The handle must be closed and reopened before it serves another write. */
  private needsReopen = false;
  /** Between the first fault and the next successful write: logs the outage once, and its end. */
  private faultSince: Date | null = null;
  private reopenLogged = false;
  private disposed = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly dataSource: DataSource,
    subscribe: (listener: (error: unknown) => void) => () => void,
  ) {
    // A fault seen outside a transaction (a read, an autocommit write) reopens the connection as soon
    // as the writers ahead of it are done, instead of waiting for the next transaction.
    this.unsubscribe = subscribe((error) => {
      if (!isSqliteFault(error) || this.needsReopen) return;
      this.markBroken(error);
      void this.exclusive(() => this.reopenIfNeeded()).catch(() => undefined);
    });
  }

  /** Runs `work` in a transaction, alone on the connection. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      await this.ensureUsable();
      let result: T;
      try {
        result = await this.dataSource.transaction(work);
      } catch (error) {
        // A failed ROLLBACK can leave SQLite (or TypeORM's idea of it) inside the transaction.
        if (isSqliteFault(error) || this.inTransaction()) {
          this.markBroken(error);
          await this.reopenIfNeeded().catch(() => undefined);
          if (isSqliteFault(error)) throw unavailable();
        }
        throw error;
      }
      // COMMIT returned: the connection must be out of any transaction, or nothing was committed.
      if (this.inTransaction()) {
        this.markBroken(new Error('the connection was still inside a transaction after COMMIT'));
        await this.reopenIfNeeded().catch(() => undefined);
        throw unavailable();
      }
      this.noteHealthy();
      return result;
    });
  }

  /**
   * Proves the database is readable and writable: a committed write of the header's user_version
   * to the value it already has (the application does not use it). A write that is rolled back
   * never reaches the -wal file, so it would not notice an unwritable one; this commits a page.
   */
  probe(): Promise<void> {
    return this.exclusive(async () => {
      await this.ensureUsable();
      const db = this.handle();
      try {
        db.exec('BEGIN IMMEDIATE');
        const version = Number(db.pragma('user_version', { simple: true }));
        db.pragma(`user_version = ${Number.isSafeInteger(version) ? version : 0}`);
        db.exec('COMMIT');
      } catch (error) {
        if (db.open && db.inTransaction) {
          try {
            db.exec('ROLLBACK');
          } catch {
            // The reopen below discards whatever is left.
          }
        }
        if (isSqliteFault(error) || (db.open && db.inTransaction)) {
          this.markBroken(error);
          await this.reopenIfNeeded().catch(() => undefined);
        }
        throw error;
      }
      this.noteHealthy();
    });
  }

  /** The application is closing: TypeORM closes the connection, and nothing may reopen it after that. */
  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Before any use: reopen a broken connection; if that is impossible, fail with 503. */
  private async ensureUsable(): Promise<void> {
    // Until a write succeeds after a fault, every use starts on a freshly opened connection: one
    // opened while the fault lasted may have opened the -wal file read-only and would keep failing
    // (SQLITE_READONLY) after the disk is writable again.
    if (this.faultSince) this.needsReopen = true;
    if (!this.needsReopen && !this.inTransaction()) return;
    if (!this.needsReopen) this.markBroken(new Error('a transaction was left open on the connection'));
    try {
      await this.reopenIfNeeded();
    } catch {
      throw unavailable();
    }
  }

  private async reopenIfNeeded(): Promise<void> {
    if (!this.needsReopen || this.disposed) return;
    const driver = this.dataSource.driver;
    try {
      // Closing rolls back whatever SQLite still has open; TypeORM drops its query runner with it.
      await driver.disconnect();
    } catch (error) {
      this.logger.warn(`Closing the broken SQLite connection failed (${describe(error)}); opening a new one anyway`);
    }
    try {
      await driver.connect();
    } catch (error) {
      this.logger.error(`Reopening the SQLite database failed: ${describe(error)}; answering 503 and retrying on the next request`);
      throw error;
    }
    this.needsReopen = false;
    if (!this.reopenLogged) this.logger.warn('SQLite connection reopened after a fault');
    this.reopenLogged = true;
  }

  private markBroken(error: unknown): void {
    this.needsReopen = true;
    if (this.faultSince) return;
    this.faultSince = new Date();
    this.logger.error(`SQLite fault, answering 503 and reopening the connection: ${describe(error)}`);
  }

  private noteHealthy(): void {
    if (!this.faultSince) return;
    this.logger.warn(`SQLite writes succeed again (fault since ${this.faultSince.toISOString()})`);
    this.faultSince = null;
    this.reopenLogged = false;
  }

  /** The better-sqlite3 handle TypeORM currently uses. */
  private handle(): Database.Database {
    const handle = currentHandle(this.dataSource);
    if (!handle) throw unavailable();
    return handle;
  }

  /**
   * Outside our own transactions neither SQLite nor TypeORM may think one is open. TypeORM keeps one
   * query runner per SQLite connection (the driver hands out the same instance), so its flag is the
   * one the next transaction will trust.
   */
  private inTransaction(): boolean {
    const handle = currentHandle(this.dataSource);
    if (handle !== null && handle.open && handle.inTransaction) return true;
    return handle !== null && handle.open && this.dataSource.driver.createQueryRunner('master').isTransactionActive;
  }
}

/** TypeORM types the driver's handle as `any`; this checks it is a better-sqlite3 Database. */
function currentHandle(dataSource: DataSource): Database.Database | null {
  const driver = dataSource.driver;
  const handle: unknown = 'databaseConnection' in driver ? driver.databaseConnection : null;
  const candidate = handle as Partial<Database.Database> | null;
  return candidate && typeof candidate.exec === 'function' && typeof candidate.pragma === 'function' && typeof candidate.open === 'boolean'
    ? (handle as Database.Database)
    : null;
}

export function unavailable(): DomainError {
  return new DomainError('DATABASE_UNAVAILABLE', 'The database is unavailable; try again shortly');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
