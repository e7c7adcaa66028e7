/**
 * WORKERS=2 (issue 9, "Using the cores of one machine"): the built server (dist/src/main.js, as
 * `pnpm start` runs it) on a MariaDB database of its own, without Redis and without JWT_SECRET.
 * Two worker processes serve one port; a token signed on one is accepted by the other (the primary
 * generated the secret once); a live event raised through one reaches a stream open on the other
 * (cluster IPC fan-out); /metrics sums both; a killed worker is replaced; SIGTERM stops them all.
 * Needs the build: `pnpm --filter @bdc/contracts build && pnpm --filter @bdc/migrations build &&
 * pnpm --filter @bdc/api build` (`pnpm test` builds first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LoginResponse, TicketDetail } from '@bdc/contracts';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testMysqlUrl } from './engines';
import { freePort, sleep, waitFor } from './fault-support';
import { openLiveStream, type LiveStream } from './live-stream';
import { createTestDatabase, type TestDatabase } from './test-database';
import { ticketBody } from './ticket-helpers';

const MAIN = resolve(__dirname, '../dist/src/main.js');

interface Answer<T = unknown> {
  status: number;
  worker: number;
  body: T;
  text: string;
}

/** One request on a connection of its own, so the cluster's round-robin picks a worker for each. */
function call<T = unknown>(base: string, method: 'GET' | 'POST', path: string, opts: { token?: string; body?: unknown } = {}): Promise<Answer<T>> {
  return new Promise((done, fail) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const req = request(`${base}${path}`, { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const json = String(res.headers['content-type'] ?? '').includes('json') && text !== '';
        done({ status: res.statusCode ?? 0, worker: Number(res.headers['x-worker']), body: (json ? JSON.parse(text) : text) as T, text });
      });
    });
    req.on('error', fail);
    // A connection handed to a worker as it is killed would otherwise wait forever.
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path}: no answer within 10 s`)));
    req.end(payload);
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const suite = testMysqlUrl() ? describe : describe.skip;
const title = testMysqlUrl() ? 'WORKERS=2: the built server as a cluster on MariaDB' : 'WORKERS=2: the built server as a cluster on MariaDB (skipped: TEST_MYSQL_URL not set)';

suite(title, () => {
  let database: TestDatabase;
  let dir: string;
  let primary: ChildProcess;
  let exited: Promise<number | null>;
  let output = '';
  let base: string;
  const streams: LiveStream[] = [];
  let workers = new Set<number>();

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (pnpm --filter @bdc/api build, after contracts and migrations)`);
    database = await createTestDatabase('mysql');
    dir = mkdtempSync(join(tmpdir(), 'bdc-cluster-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env: Record<string, string | undefined> = { ...process.env };
    // What the test is about: no shared store but the database, and a secret the primary generates.
    for (const name of ['REDIS_URL', 'JWT_SECRET', 'NODE_ENV', 'SMTP_URL', 'LOG_LEVEL', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID']) delete env[name];
    Object.assign(env, {
      DB_URL: database.dbUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      WORKERS: '2',
      WORKER_ID_HEADER: 'on',
      SHUTDOWN_DRAIN_MS: '300',
      LOG_LEVEL: 'warn',
      // Mail on, its sender off: notification rows stay in the outbox, so the backlog has something to count.
      SMTP_URL: 'smtp://127.0.0.1:9',
      NOTIFY_WORKER: 'off',
      UPLOAD_DIR: join(dir, 'uploads'),
      WEB_DIST_DIR: join(dir, 'no-web'),
    });
    // cwd: the generated JWT secret goes to ./data there.
    primary = spawn(process.execPath, [MAIN], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    exited = new Promise((done) => primary.once('exit', (code) => done(code)));
    primary.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    primary.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor('the start-up banner', () => {
      if (primary.exitCode !== null) throw new Error(`the server exited (${primary.exitCode}):\n${output}`);
      return output.includes('BDC IMS Change Tickets is running');
    }, 120_000, 200);
    // The banner follows the first worker; wait for the second too.
    await waitFor('two workers answering', async () => {
      const pids = new Set<number>();
      for (let i = 0; i < 6; i++) pids.add((await call(base, 'GET', '/api/health/live')).worker);
      return pids.size === 2;
    }, 60_000, 200);
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    if (primary && primary.exitCode === null) {
      for (const pid of workers) if (alive(pid)) process.kill(pid, 'SIGKILL');
      primary.kill('SIGKILL');
      await exited;
    }
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints the banner once, from the primary', () => {
    expect(output.split('BDC IMS Change Tickets is running').length - 1).toBe(1);
    expect(output).toContain('Workers:  2 processes (WORKERS)');
  });

  it('serves requests from two distinct worker processes, neither of them the primary', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => call(base, 'GET', '/api/health/ready')));
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 10 }, () => 200));
    workers = new Set(answers.map((a) => a.worker));
    expect(workers.size).toBe(2);
    expect(workers.has(primary.pid ?? -1)).toBe(false);
    for (const pid of workers) expect(alive(pid)).toBe(true);
  });

  it('a token signed by one worker is accepted by the other, and a live event raised on one reaches a stream on the other', async () => {
    const login = await call<LoginResponse>(base, 'POST', '/api/auth/login', { body: { username: 'requester', password: 'demo' } });
    expect(login.status).toBe(200);
    const token = login.body.accessToken;
    const servedBy = new Set<number>();
    for (let i = 0; i < 8; i++) {
      const me = await call(base, 'GET', '/api/auth/me', { token });
      expect(me.status).toBe(200);
      servedBy.add(me.worker);
    }
    expect(servedBy.size).toBe(2);

    // One stream on each worker (the SSE response carries X-Worker like any other).
    const onWorker = new Map<number, LiveStream>();
    for (let i = 0; i < 12 && onWorker.size < 2; i++) {
      const stream = await openLiveStream(base, token);
      streams.push(stream);
      expect(stream.status).toBe(200);
      const pid = Number(stream.headers['x-worker']);
      if (onWorker.has(pid)) stream.close();
      else onWorker.set(pid, stream);
    }
    expect([...onWorker.keys()].sort()).toEqual([...workers].sort());

    const created = await call<TicketDetail>(base, 'POST', '/api/tickets', { token, body: ticketBody({ title: 'Raised on one worker, seen on both' }) });
    expect(created.status).toBe(201);
    const other = [...onWorker.keys()].find((pid) => pid !== created.worker);
    expect(other).toBeDefined();
    for (const stream of onWorker.values()) {
      await stream.waitFor((event) => event.type === 'ticket.changed' && event.ticketId === created.body.id, 10_000);
    }
  });

  it('/metrics through one port shows the sum over both workers', async () => {
    const before = await call(base, 'GET', '/metrics');
    expect(before.status).toBe(200);
    const series = 'http_requests_total{method="GET",route="/api/health/live",status="2xx"}';
    const start = sample(before.text, series) ?? 0;
    const served = new Map<number, number>();
    for (let i = 0; i < 12; i++) {
      const answer = await call(base, 'GET', '/api/health/live');
      served.set(answer.worker, (served.get(answer.worker) ?? 0) + 1);
    }
    expect(served.size).toBe(2);
    const after = await call(base, 'GET', '/metrics');
    expect(sample(after.text, series)).toBe(start + 12);
    expect(sample(after.text, 'bdc_cluster_workers')).toBe(2);
    // The outbox is one database: its backlog is not multiplied by the worker count.
    const conn = await createConnection({ uri: database.dbUrl });
    try {
      const [rows] = await conn.query<RowDataPacket[]>("SELECT COUNT(*) AS n FROM ticket_notifications WHERE status = 'pending'");
      const pending = Number(rows[0]?.n);
      expect(pending).toBeGreaterThan(0);
      expect(sample(after.text, 'bdc_notification_outbox_backlog')).toBe(pending);
    } finally {
      await conn.end();
    }
  });

  it('replaces a worker that dies', async () => {
    const [victim] = [...workers];
    if (victim === undefined) throw new Error('no worker pids recorded');
    process.kill(victim, 'SIGKILL');
    let current = new Set<number>();
    const seen: string[] = [];
    await waitFor('a replacement worker', async () => {
      const answers = await Promise.all(Array.from({ length: 6 }, () => call(base, 'GET', '/api/health/live').catch((error: Error) => error)));
      seen.push(answers.map((a) => (a instanceof Error ? a.message : `${a.status}@${a.worker}`)).join(' '));
      current = new Set(answers.filter((a): a is Answer => !(a instanceof Error) && a.status === 200).map((a) => a.worker));
      return current.size === 2 && !current.has(victim);
    }, 100_000, 300).catch((error: Error) => {
      throw new Error(`${error.message}\nanswers: ${seen.slice(-5).join('\n')}\nserver output:\n${output.slice(-3000)}`);
    });
    expect(alive(victim)).toBe(false);
    expect(output).toContain('worker died; starting another');
    workers = current;
    const metrics = await call(base, 'GET', '/metrics');
    expect(sample(metrics.text, 'bdc_cluster_worker_restarts_total')).toBe(1);
    // A worker boots the whole application (several seconds on a loaded machine).
  }, 120_000);

  it('SIGTERM stops every worker and then the primary, with exit code 0', async () => {
    primary.kill('SIGTERM');
    const code = await Promise.race([exited, sleep(30_000).then(() => 'timeout' as const)]);
    expect(code).toBe(0);
    for (const pid of workers) expect([pid, alive(pid)]).toEqual([pid, false]);
  });
});
