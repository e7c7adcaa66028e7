/**
 * Counts the SQL statements (and round trips) an HTTP request makes, for statement budgets in tests.
 *
 *   const counter = countStatements(t);
 *   const { res, statements, roundTrips, sql } = await counter.measure(() => act(t, manager, id, 'approve'));
 *
 * Every TypeORM query runner the application gets is wrapped (the query method that START
 * TRANSACTION, COMMIT and every query builder go through), and so is SqlBatchService.transaction,
 * whose multi-statement round trip bypasses TypeORM: it counts as its statements plus START
 * TRANSACTION and COMMIT, in one round trip (SqlBatchService.read: its statements, in one). A
 * statement belongs to the request whose async context issued it (AsyncLocalStorage), so work
 * the request leaves running after its answer (the live event's read after COMMIT) is counted
 * for it, and waited for, but never for the next request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { QueryRunner } from 'typeorm';
import { SqlBatchService } from '../src/database/sql-batch.service';
import type { TestApp } from './harness';

export interface Measured<T> {
  res: T;
  statements: number;
  roundTrips: number;
  /** The statements in the order they were sent (a batch as one line per statement). */
  sql: string[];
}

interface Tally {
  statements: number;
  roundTrips: number;
  sql: string[];
  pending: Set<Promise<unknown>>;
}

export interface StatementCounter {
  measure<T>(request: () => Promise<T>): Promise<Measured<T>>;
}

const WRAPPED = Symbol('statement-counted');

/** One counter per app: the wrapping is done once (a second wrap would see runners already marked). */
const counters = new WeakMap<TestApp, StatementCounter>();

export function countStatements(t: TestApp): StatementCounter {
  const known = counters.get(t);
  if (known) return known;
  const counter = newCounter(t);
  counters.set(t, counter);
  return counter;
}

function newCounter(t: TestApp): StatementCounter {
  const tallies = new AsyncLocalStorage<Tally>();
  const track = <R>(tally: Tally | undefined, sql: string[], run: () => Promise<R>): Promise<R> => {
    if (!tally) return run();
    tally.statements += sql.length;
    tally.roundTrips += 1;
    tally.sql.push(...sql.map((s) => s.replace(/\s+/g, ' ').trim()));
    const promise = run();
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    tally.pending.add(settled);
    void settled.then(() => tally.pending.delete(settled));
    return promise;
  };

  const wrapRunner = (runner: QueryRunner): QueryRunner => {
    const marked = runner as QueryRunner & { [WRAPPED]?: true };
    if (marked[WRAPPED]) return runner;
    const original = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    // Instance property: the runner's own START TRANSACTION / COMMIT / ROLLBACK call this.query too.
    (runner as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (...args: unknown[]) =>
      track(tallies.getStore(), [String(args[0])], () => original(...args));
    marked[WRAPPED] = true;
    return runner;
  };

  const driver = t.dataSource.driver as { createQueryRunner: (mode: 'master' | 'slave') => QueryRunner };
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => wrapRunner(createQueryRunner(mode));

  const batch = t.app.get(SqlBatchService);
  const transaction = batch.transaction.bind(batch);
  batch.transaction = (statements) => track(tallies.getStore(), ['START TRANSACTION', ...statements.map((s) => s.sql), 'COMMIT'], () => transaction(statements));
  const read = batch.read.bind(batch);
  batch.read = (statements) => track(tallies.getStore(), statements.map((s) => s.sql), () => read(statements));

  return {
    async measure<T>(request: () => Promise<T>): Promise<Measured<T>> {
      const tally: Tally = { statements: 0, roundTrips: 0, sql: [], pending: new Set() };
      const res = await tallies.run(tally, request);
      // What the request left running (after-commit announcements) finishes before it is counted.
      while (tally.pending.size > 0) await Promise.all([...tally.pending]);
      return { res, statements: tally.statements, roundTrips: tally.roundTrips, sql: tally.sql };
    },
  };
}
