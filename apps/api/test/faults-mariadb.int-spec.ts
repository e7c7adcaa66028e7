/**
 * MariaDB killed (`kill -9`) and restarted under a bounded load: clients must see 503
 * DATABASE_UNAVAILABLE (never 500) while it is down and successes again once it is back, without
 * the API being restarted; every ticket answered 201 must exist afterwards and the numbering must
 * stay unique and gap-free. The shared server on 3306 is never touched: the test installs and runs
 * its own throwaway instance (own datadir, socket and port) and removes it afterwards.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { ErrorBody, HealthResponse, TicketDetail } from '@bdc/contracts';
import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGapFree, findExecutable, freePort, openApp, sleep, waitFor, type FaultApp } from './fault-support';
import { ticketBody } from './ticket-helpers';

const mariadbd = findExecutable('mariadbd') ?? findExecutable('mysqld');
const installDb = findExecutable('mariadb-install-db') ?? findExecutable('mysql_install_db');

/** A MariaDB server of the test's own on a scratch datadir; the datadir survives restarts. */
class ThrowawayMariaDb {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    private readonly server: string,
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `mysql://root@127.0.0.1:${this.port}`;
  }

  install(installer: string): void {
    const args = ['--no-defaults', `--datadir=${this.dir}/data`, '--auth-root-authentication-method=normal', '--skip-test-db', '--skip-name-resolve'];
    execFileSync(installer, [...args, `--user=${userInfo().username}`], { stdio: 'pipe', timeout: 60_000 });
  }

  start(): void {
    const args = [
      '--no-defaults',
      `--datadir=${this.dir}/data`,
      `--port=${this.port}`,
      `--socket=${this.dir}/mariadb.sock`,
      `--pid-file=${this.dir}/mariadb.pid`,
      `--log-error=${this.dir}/error.log`,
      '--bind-address=127.0.0.1',
      '--skip-name-resolve',
      '--innodb-buffer-pool-size=32M',
      // The default, stated because the test depends on it: a COMMIT is on disk before it returns.
      '--innodb-flush-log-at-trx-commit=1',
    ];
    if (process.getuid?.() === 0) args.push('--user=root');
    const child = spawn(this.server, args, { stdio: 'ignore' });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  async waitReady(timeoutMs: number): Promise<void> {
    await waitFor(`MariaDB on port ${this.port}`, async () => {
      if (this.child?.exitCode !== null) throw new Error(`mariadbd exited (code ${this.child?.exitCode}):\n${this.errorLogTail()}`);
      try {
        const conn = await createConnection({ uri: this.url, connectTimeout: 1000 });
        await conn.end();
        return true;
      } catch {
        return false;
      }
    }, timeoutMs, 100);
  }

  errorLogTail(): string {
    try {
      return readFileSync(`${this.dir}/error.log`, 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      return '(no error log)';
    }
  }

  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null;
  }

  /** A crash, not a shutdown: no connection is closed politely, InnoDB recovers at the next start. */
  async kill(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([this.exited.then(() => true), sleep(10_000).then(() => false)]);
    if (!stopped) await this.kill();
  }
}

interface Outcome {
  phase: 'up' | 'down' | 'back';
  status: number;
  code?: string;
  ticketNumber?: string;
}

const missing = !mariadbd ? 'mariadbd not installed (Debian package mariadb-server)' : !installDb ? 'mariadb-install-db not installed' : null;

if (missing || !mariadbd || !installDb) {
  describe.skip(`MariaDB restart under load (skipped: ${missing})`, () => {
    it('answers 503 while MariaDB is down, recovers without an API restart, loses nothing confirmed', () => undefined);
  });
} else {
  describe('MariaDB restart under load', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdc-mariadb-fault-'));
    let db: ThrowawayMariaDb | null = null;
    let app: FaultApp | null = null;

    beforeAll(async () => {
      db = new ThrowawayMariaDb(mariadbd, dir, await freePort());
      db.install(installDb);
      db.start();
      await db.waitReady(30_000);
      const admin = await createConnection({ uri: db.url });
      try {
        await admin.query('CREATE DATABASE ims CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
      } finally {
        await admin.end();
      }
      app = await openApp(`${db.url}/ims`, dir, { seed: true });
    });

    afterAll(async () => {
      // Always: the app's pool, the server process, the datadir, even when the test failed midway.
      await app?.close().catch(() => undefined);
      await db?.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    });

    it('answers 503 (never 500) while it is down, succeeds again without an API restart, loses no confirmed ticket, numbers stay gap-free', { timeout: 240_000 }, async () => {
      if (!app || !db) throw new Error('setup failed');
      const api = app;
      const server = db;
      const token = await api.login('requester');
      // 'up' before the first outage, then per outage: 'down' from the crash until the server answers
      // again, 'back' after that. A request that straddles a change counts as 'down'.
      let phase: Outcome['phase'] = 'up';
      let cycle = 0;
      let stop = false;
      const outcomes: (Outcome & { cycle: number })[] = [];
      const count = (p: Outcome['phase'], c: number, ok: boolean) => outcomes.filter((o) => o.phase === p && o.cycle === c && (o.status === 201) === ok).length;

      // Six clients creating tickets back to back; after a failure they pause briefly, as a client would.
      const client = async (n: number) => {
        for (let i = 0; !stop; i++) {
          const [at, atCycle] = [phase, cycle];
          const res = await api.request<TicketDetail & ErrorBody>('POST', '/api/tickets', { token, body: ticketBody({ title: `client ${n} #${i}` }) });
          const same = at === phase && atCycle === cycle;
          outcomes.push({ phase: same ? at : 'down', cycle, status: res.status, code: res.body.code, ticketNumber: res.status === 201 ? res.body.ticketNumber : undefined });
          if (res.status !== 201) await sleep(100);
        }
      };
      const clients = Array.from({ length: 6 }, (_, n) => client(n));
      const healthDown: number[] = [];
      try {
        await waitFor('12 tickets created before the first outage', () => count('up', 0, true) >= 12, 20_000);
        // A crash (kill -9: connections vanish mid-statement), then a clean shutdown (SIGTERM: the
        // server kills its connections with ER_SERVER_SHUTDOWN / ER_CONNECTION_KILLED).
        for (const outage of ['crash', 'shutdown'] as const) {
          cycle++;
          phase = 'down';
          await (outage === 'crash' ? server.kill() : server.stop());
          const downSince = Date.now();
          await waitFor(`failed requests during the ${outage}, for a second`, () => count('down', cycle, false) >= 6 && Date.now() - downSince >= 1000, 15_000);
          healthDown.push((await api.request<HealthResponse>('GET', '/api/health')).status);

          server.start();
          await server.waitReady(60_000);
          phase = 'back';
          // Generous: InnoDB's crash recovery and the pool's fresh connections compete for two busy CPUs
          // in CI. Should it still time out, say what the clients got and what the server logged.
          await waitFor(`12 tickets created after the ${outage}`, () => count('back', cycle, true) >= 12, 60_000).catch((error: unknown) => {
            const recent = outcomes.filter((o) => o.cycle === cycle).slice(-12).map((o) => `${o.phase} ${o.status} ${o.code ?? ''}`);
            throw new Error(`${(error as Error).message}; server alive: ${server.alive}; last answers: ${recent.join(' | ')}\n${server.errorLogTail()}`);
          });
        }
      } finally {
        stop = true;
        await Promise.all(clients);
      }

      // Only 201 or 503 DATABASE_UNAVAILABLE, never 500. A request in flight at the crash may still
      // be answered 201 (its COMMIT was acknowledged first); none may be answered 201 and be lost.
      expect(outcomes.filter((o) => o.status !== 201 && o.status !== 503)).toEqual([]);
      expect(outcomes.filter((o) => o.status === 503 && o.code !== 'DATABASE_UNAVAILABLE')).toEqual([]);
      for (const c of [1, 2]) {
        expect(count('down', c, false), `503s during outage ${c}`).toBeGreaterThan(0);
        expect(count('back', c, true), `201s after outage ${c}`).toBeGreaterThanOrEqual(12);
      }
      expect(healthDown).toEqual([503, 503]);
      expect((await api.request<HealthResponse>('GET', '/api/health')).status).toBe(200);

      const confirmed = outcomes.flatMap((o) => (o.ticketNumber ? [o.ticketNumber] : []));
      expect(new Set(confirmed).size).toBe(confirmed.length);
      const rows: { ticket_number: string }[] = await api.dataSource.query('SELECT ticket_number FROM tickets');
      const stored = rows.map((r) => r.ticket_number);
      // Every 201 is in the database (a 503 whose COMMIT had in fact happened may be there too).
      expect(confirmed.filter((n) => !stored.includes(n))).toEqual([]);
      expectGapFree(stored);
    });

    it('health answers 503 while the server is read-only (a replica, or a primary fenced during a failover)', { timeout: 120_000 }, async () => {
      if (!app || !db) throw new Error('setup failed');
      // Independent of the test before: whatever state it left the server in, start from a running one.
      if (!db.alive) {
        db.start();
        await db.waitReady(60_000);
      }
      const admin = await createConnection({ uri: db.url });
      try {
        await admin.query('SET GLOBAL read_only = 1');
        const readOnly = await app.request<HealthResponse>('GET', '/api/health');
        await admin.query('SET GLOBAL read_only = 0');
        expect(readOnly.status).toBe(503);
        expect(readOnly.body).toMatchObject({ status: 'unavailable', database: 'down', engine: 'mysql' });
        expect((await app.request<HealthResponse>('GET', '/api/health')).status).toBe(200);
      } finally {
        await admin.query('SET GLOBAL read_only = 0').catch(() => undefined);
        await admin.end();
      }
    });
  });
}
