/**
 * Counts what the API sends to the database while a block runs: every TypeORM query (through the
 * DataSource's logger, which every query runner calls before it runs a query) and every
 * SqlBatchService batch (one round trip however many statements it carries). Also counts the
 * statements inside each batch, for the report. Queries of anything else running at the same time
 * are counted too: measure with nothing else in flight.
 */
import { SqlBatchService, type BatchStatement } from '../src/database/sql-batch.service';
import type { TestApp } from './harness';

export interface Counted {
  /** Round trips: TypeORM queries plus one per batch. */
  roundTrips: number;
  /** The SQL of each round trip (a batch: its statements joined by `;`). */
  sql: string[];
}

export async function countStatements(t: Pick<TestApp, 'app' | 'dataSource'>, run: () => Promise<unknown>): Promise<Counted> {
  const sql: string[] = [];
  const logger = t.dataSource.logger;
  const logQuery = logger.logQuery.bind(logger);
  const batch = t.app.get(SqlBatchService);
  const transaction = batch.transaction.bind(batch);
  logger.logQuery = (query, parameters, runner) => {
    sql.push(query);
    return logQuery(query, parameters, runner);
  };
  batch.transaction = (statements: readonly BatchStatement[]) => {
    sql.push(statements.map((s) => s.sql.split('\n')[0]).join('; '));
    return transaction(statements);
  };
  try {
    await run();
    // Work queued after the answer (live events after COMMIT) runs on the next turns of the loop.
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    logger.logQuery = logQuery;
    batch.transaction = transaction;
  }
  return { roundTrips: sql.length, sql };
}
