/**
 * A transaction refused at COMMIT (how Galera reports a certification conflict: ER_LOCK_DEADLOCK from
 * the COMMIT statement, the transaction rolled back) is run again as a whole, on a single MariaDB
 * server too: the COMMIT is made to fail the way Galera's does, so this runs wherever MariaDB does.
 * galera.int-spec.ts shows the same with real conflicts between nodes.
 */
import type { LoggerService } from '@nestjs/common';
import { dayInTimeZone, formatTicketNumber, type TicketDetail } from '@bdc/contracts';
import { QueryFailedError, type QueryRunner, type ReplicationMode } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toErrorResponse } from '../src/common/error-response';
import type { PoolConnection } from 'mysql2/promise';
import { AppConfig } from '../src/config/app-config';
import { SqlBatchService } from '../src/database/sql-batch.service';
import { testMysqlUrl } from './engines';
import { createTestApp, type TestApp } from './harness';
import { ticketBody } from './ticket-helpers';

const silent: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined };

/** Makes the next `count` COMMITs fail as a Galera certification failure does; returns how many were refused. */
function failCommits(t: TestApp, count: number): { refused: () => number } {
  let left = count;
  let refused = 0;
  const dataSource = t.dataSource;
  const original = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (mode?: ReplicationMode): QueryRunner => {
    const runner = original(mode);
    const query = runner.query.bind(runner);
    runner.query = (async (sql: string, parameters?: unknown[], structured?: boolean) => {
      if (sql === 'COMMIT' && left > 0) {
        left--;
        refused++;
        await query('ROLLBACK');
        const driverError = Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 });
        throw new QueryFailedError(sql, [], driverError);
      }
      return query(sql, parameters, structured as never);
    }) as QueryRunner['query'];
    return runner;
  };
  return { refused: () => refused };
}

/**
 * The same for SqlBatchService (the create's one-round-trip transaction on MariaDB): the batch runs up to
 * its COMMIT, which is then refused as Galera refuses it (the work rolled back, ER_LOCK_DEADLOCK).
 */
function failBatchCommits(t: TestApp, count: number): { refused: () => number; restore: () => void } {
  let left = count;
  let refused = 0;
  const batch = t.app.get(SqlBatchService) as unknown as { connection: () => Promise<PoolConnection> };
  const original = batch.connection.bind(batch);
  batch.connection = async () => {
    const connection = await original();
    const query = connection.query.bind(connection) as (sql: string, values?: unknown) => Promise<unknown>;
    const patched = Object.create(connection) as PoolConnection;
    patched.query = (async (sql: string, values?: unknown) => {
      if (typeof sql === 'string' && sql.endsWith(';\nCOMMIT') && left > 0) {
        left--;
        refused++;
        await query(sql.slice(0, -';\nCOMMIT'.length), values);
        await query('ROLLBACK');
        throw Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 });
      }
      return query(sql, values);
    }) as PoolConnection['query'];
    return patched;
  };
  return { refused: () => refused, restore: () => void (batch.connection = original) };
}

const suite = testMysqlUrl() ? describe : describe.skip;
const title = testMysqlUrl() ? 'transactions refused at COMMIT [mariadb]' : 'transactions refused at COMMIT [mariadb] (skipped: TEST_MYSQL_URL not set)';

suite(title, () => {
  let t: TestApp;
  let restore: () => void = () => undefined;

  beforeAll(async () => {
    t = await createTestApp('mysql');
    const original = t.dataSource.createQueryRunner;
    restore = () => {
      t.dataSource.createQueryRunner = original;
    };
  });
  afterAll(async () => {
    restore();
    await t?.close();
  });

  it('runs the whole transaction again; nothing of the refused attempt stays, and only the committed one announces', async () => {
    const commits = failCommits(t, 2);
    let attempts = 0;
    let announced = 0;
    try {
      await t.db.transaction(async (manager) => {
        attempts++;
        await manager.query("INSERT INTO ticket_counters (day, seq) VALUES ('R0000001', 0) ON DUPLICATE KEY UPDATE seq = seq");
        await manager.query("UPDATE ticket_counters SET seq = seq + 1 WHERE day = 'R0000001'");
        t.db.afterCommit(() => announced++);
      });
    } finally {
      restore();
    }
    expect(commits.refused()).toBe(2);
    expect(attempts).toBe(3);
    expect(announced).toBe(1);
    expect(await t.dataSource.query("SELECT seq FROM ticket_counters WHERE day = 'R0000001'")).toEqual([{ seq: 1 }]);
  });

  it('answers 503 DATABASE_UNAVAILABLE, never 500, once the attempts are used up, having committed nothing', async () => {
    const commits = failCommits(t, 1000);
    let attempts = 0;
    let failure: unknown = null;
    try {
      await t.db.transaction(async (manager) => {
        attempts++;
        await manager.query("INSERT INTO ticket_counters (day, seq) VALUES ('R0000002', 1)");
      });
    } catch (error) {
      failure = error;
    } finally {
      restore();
    }
    expect(attempts).toBe(8);
    expect(commits.refused()).toBe(8);
    expect(toErrorResponse(failure, silent)).toMatchObject({ status: 503, body: { code: 'DATABASE_UNAVAILABLE' } });
    expect(await t.dataSource.query("SELECT seq FROM ticket_counters WHERE day = 'R0000002'")).toEqual([]);
  });

  it('creates a ticket whose first COMMIT is refused: 201, and the number the refused attempt took is not skipped', async () => {
    const token = await t.login('requester');
    const day = dayInTimeZone(new Date(), t.app.get(AppConfig).timeZone);
    const first = await t.http.post<TicketDetail>('/api/tickets', { token, body: ticketBody({ title: 'Before' }) });
    expect(first.status).toBe(201);
    // On MariaDB the create is one batch (SqlBatchService); elsewhere it is a TypeORM transaction.
    const commits = t.app.get(SqlBatchService).available ? failBatchCommits(t, 1) : { ...failCommits(t, 1), restore };
    let second;
    try {
      second = await t.http.post<TicketDetail>('/api/tickets', { token, body: ticketBody({ title: 'Refused once at COMMIT' }) });
    } finally {
      commits.restore();
    }
    expect(commits.refused()).toBe(1);
    expect(second.status).toBe(201);
    const sequence = Number(first.body.ticketNumber.split('-').pop());
    expect(second.body.ticketNumber).toBe(formatTicketNumber(day, sequence + 1));
    const titles: { title: string }[] = await t.dataSource.query('SELECT title FROM tickets WHERE id = ?', [second.body.id]);
    expect(titles).toEqual([{ title: 'Refused once at COMMIT' }]);
  });
});
