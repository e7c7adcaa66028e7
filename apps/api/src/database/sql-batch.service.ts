import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createPool, type Pool, type PoolConnection } from 'mysql2/promise';
import type { EntityMetadata, ObjectLiteral } from 'typeorm';
import { isTransientConflict } from './database-errors';
import { attemptsFor, DatabaseService, retryDelayMs } from './database.service';

/** A statement of a batch: SQL with `?` placeholders and its values. */
export interface BatchStatement {
  sql: string;
  params: unknown[];
}

/** A column value written as SQL (a session variable, an expression) instead of a bound value. */
export type RawValue = BatchStatement;

/**
 * A hot path's transaction as ONE round trip on MariaDB: START TRANSACTION, the statements and COMMIT
 * sent together as a multi-statement query, so that a row lock taken late in the transaction (the
 * day's ticket counter) is held for the server's own execution and the commit, not for client round
 * trips through a busy event loop. Measured: every statement of the create transaction cost the API
 * a socket write and a reply to parse (on 2 shared cores a write is often preempted), and the counter
 * lock was held across those of the statements after it.
 *
 * A pool of its own: multi-statement queries are off on TypeORM's pool, where a query assembled by
 * mistake from input could otherwise carry a second statement. Here every statement comes from code
 * (placeholders only). MariaDB only (`available`): MySQL and SQLite keep the ordinary transaction.
 */
@Injectable()
export class SqlBatchService implements OnApplicationShutdown {
  private pool: Pool | null = null;

  constructor(private readonly db: DatabaseService) {}

  /** MariaDB, and not inside another transaction (whose work must join it instead: DatabaseService.transaction). */
  get available(): boolean {
    return this.db.dataSource.options.type === 'mariadb' && !this.db.inTransaction;
  }

  /**
   * Runs the statements in one transaction and returns each statement's result (rows or an OK
   * packet), in order. A deadlock or lock wait timeout (Galera: a certification conflict) is retried
   * as DatabaseService.transaction retries them; anything else rolls back and is thrown.
   */
  async transaction(statements: readonly BatchStatement[]): Promise<unknown[]> {
    const sql = ['START TRANSACTION', ...statements.map((s) => s.sql), 'COMMIT'].join(';\n');
    const params = statements.flatMap((s) => s.params);
    for (let attempt = 1; ; attempt++) {
      const connection = await this.connection();
      let release = true;
      try {
        const [results] = await connection.query(sql, params);
        if (!Array.isArray(results)) throw new Error('A batch answered one result');
        // START TRANSACTION's and COMMIT's OK packets are not the caller's.
        return results.slice(1, 1 + statements.length) as unknown[];
      } catch (error) {
        // A statement failed: the server ran none of those after it, COMMIT included.
        try {
          await connection.query('ROLLBACK');
        } catch {
          // The connection is gone (its transaction with it): do not give it back to the pool.
          release = false;
          connection.destroy();
        }
        // The same policy as DatabaseService.transaction: on Galera a create loses at COMMIT whenever
        // another node took the day's counter at the same moment.
        if (!isTransientConflict(error) || attempt >= attemptsFor(error)) throw error;
        await new Promise((r) => setTimeout(r, retryDelayMs(attempt)));
      } finally {
        if (release) connection.release();
      }
    }
  }

  /**
   * Read-only statements in one round trip, outside any transaction: each sees the data as of its
   * own start, as separate queries would. Returns each statement's rows, in order.
   */
  async read(statements: readonly BatchStatement[]): Promise<unknown[][]> {
    const connection = await this.connection();
    try {
      const [results] = await connection.query(statements.map((s) => s.sql).join(';\n'), statements.flatMap((s) => s.params));
      // One statement answers its rows; several, a list of them.
      return (statements.length === 1 ? [results] : results) as unknown[][];
    } finally {
      connection.release();
    }
  }

  onApplicationShutdown(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    return pool ? pool.end() : Promise.resolve();
  }

  private connection(): Promise<PoolConnection> {
    if (!this.pool) {
      const options = this.db.dataSource.options as { url?: string; charset?: string; poolSize?: number };
      if (!options.url) throw new Error('SqlBatchService needs a MariaDB URL');
      this.pool = createPool({
        uri: options.url,
        // As TypeORM's pool (data-source-options.ts): UTC dates, the same collation, fail fast.
        timezone: 'Z',
        charset: options.charset,
        connectTimeout: 5000,
        connectionLimit: options.poolSize ?? 10,
        enableKeepAlive: true,
        multipleStatements: true,
        // mysql2's promise API captures the caller's stack for every query (for its errors' stacks):
        // a stack capture on every creation, ~2 % of its CPU. A failed batch is logged with its SQL
        // error and the request that ran it.
        trace: false,
      });
    }
    return this.pool.getConnection();
  }
}

/**
 * A multi-row INSERT for entity rows, with each value prepared as TypeORM would store it (JSON
 * columns, booleans, dates, transformers): the columns are those the rows set, plus `raw` ones
 * written as SQL. Hand-written SQL for hot paths without a second description of the columns.
 */
export function insertStatement<T extends ObjectLiteral>(metadata: EntityMetadata, rows: readonly T[], raw: Partial<Record<keyof T & string, (index: number) => RawValue>> = {}): BatchStatement {
  const driver = metadata.connection.driver;
  const rawKeys = Object.keys(raw);
  const columns = metadata.columns.filter((c) => rawKeys.includes(c.propertyName) || rows.some((r) => r[c.propertyName] !== undefined));
  const params: unknown[] = [];
  const tuples = rows.map((rowValues, index) => {
    const cells = columns.map((column) => {
      const rawValue = raw[column.propertyName as keyof T & string];
      if (rawValue) {
        const value = rawValue(index);
        params.push(...value.params);
        return value.sql;
      }
      const value: unknown = rowValues[column.propertyName];
      if (value === undefined) return 'DEFAULT';
      params.push(driver.preparePersistentValue(value, column));
      return '?';
    });
    return `(${cells.join(', ')})`;
  });
  const names = columns.map((c) => `\`${c.databaseName}\``).join(', ');
  return { sql: `INSERT INTO \`${metadata.tableName}\` (${names}) VALUES ${tuples.join(', ')}`, params };
}
