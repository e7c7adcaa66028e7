/**
 * `pnpm bench`: throughput and latency of the ticket API on MariaDB, beside a raw mysql2 baseline
 * measured in the same run (commit latency varies ~3x between runs on this machine kind, so only a
 * same-run ratio means anything). Writes docs/performance.md at the repo root.
 *
 *   BENCH_MYSQL_URL (or TEST_MYSQL_URL)=mysql://root@127.0.0.1:3306/test pnpm bench
 *
 * Scenarios:
 *   create — POST /api/tickets with 3 items (validated against stock and the server's configuration),
 *            vs. a raw transaction doing the same inserts with the same number allocation.
 *   list   — GET /api/tickets, 50 per page, over 100k generated tickets (manager: view_all; requester:
 *            view_own; a status filter; a search).
 * Targets (issue #2): create >= 0.5x the raw rate, list p95 < 50 ms.
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createConnection, createPool, type Pool, type RowDataPacket, type ResultSetHeader } from 'mysql2/promise';
import { dayInTimeZone, formatTicketNumber, type CreateTicketRequest, type LoginResponse, type ValidationReport } from '@bdc/contracts';
import { spawn, type ChildProcess } from 'node:child_process';
import { SERVER } from '../src/seed/demo-data';
import { MODEL } from '../src/seed/demo-catalog';

const CREATE_REQUESTS = Number(process.env.BENCH_CREATES ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const LIST_TICKETS = Number(process.env.BENCH_LIST_TICKETS ?? 100_000);
const LIST_REQUESTS = Number(process.env.BENCH_LIST_REQUESTS ?? 400);
const LIST_CONCURRENCY = Number(process.env.BENCH_LIST_CONCURRENCY ?? 4);

interface Sample {
  name: string;
  count: number;
  seconds: number;
  latenciesMs: number[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] ?? NaN;
}

function summarise(s: Sample) {
  const sorted = [...s.latenciesMs].sort((a, b) => a - b);
  return {
    name: s.name,
    count: s.count,
    rate: s.count / s.seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

/** Runs `total` calls of `task` with `concurrency` in flight; every call is timed. */
async function load(name: string, total: number, concurrency: number, task: (i: number) => Promise<void>): Promise<Sample> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      const t0 = performance.now();
      await task(i);
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { name, count: total, seconds: (performance.now() - started) / 1000, latenciesMs: latencies };
}

async function main() {
  const serverUrl = process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL;
  if (!serverUrl) {
    console.error('pnpm bench needs MariaDB: set BENCH_MYSQL_URL or TEST_MYSQL_URL, e.g. mysql://root@127.0.0.1:3306/test');
    process.exit(2);
  }
  const dbName = `bdc_bench_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection({ uri: serverUrl.replace(/^mariadb:/, 'mysql:') });
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const [[versionRow]] = await admin.query<RowDataPacket[]>('SELECT VERSION() AS v');
  const dbUrl = Object.assign(new URL(serverUrl.replace(/^mariadb:/, 'mysql:')), { pathname: `/${dbName}` }).toString();
  console.log(`database ${dbName} on ${String(versionRow?.v)}`);

  // The API runs in its own process, as in production: the load generator here must not share its
  // event loop. It migrates and seeds the empty database itself (SEED_DEMO=auto).
  const port = 3400 + Math.floor(Math.random() * 500);
  const apiProcess = spawn(process.execPath, [resolve(__dirname, '../src/main.js')], {
    env: { ...process.env, DB_URL: dbUrl, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'auto', JWT_SECRET: randomBytes(32).toString('hex'), ACCESS_TOKEN_TTL_SECONDS: '3600', NODE_ENV: 'production', WEB_DIST_DIR: '/nonexistent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  let pool: Pool | null = null;
  try {
    await waitForHealth(base, apiProcess);
    const login = async (username: string) => {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });
      if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as LoginResponse).accessToken;
    };
    const requesterToken = await login('requester');
    const managerToken = await login('manager');

    const ticketBody: CreateTicketRequest = {
      title: 'Benchmark: memory upgrade and BIOS profile',
      description: 'Generated by pnpm bench',
      ticketType: 'component_addition',
      priority: 'normal',
      targetServerUuid: SERVER.webProd01,
      items: [
        { action: 'add', componentType: 'ram', componentUuid: MODEL.ramSamsung32, quantity: 2 },
        { action: 'add', componentType: 'storage', componentUuid: MODEL.ssdPm9a3U2, quantity: 1 },
        { action: 'modify', componentType: 'motherboard', quantity: 1, specifications: { setting: 'bios_profile' }, currentValue: 'performance', requestedValue: 'balanced' },
      ],
    };
    const check = await fetch(`${base}/api/tickets/validate-items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${requesterToken}` },
      body: JSON.stringify({ targetServerUuid: ticketBody.targetServerUuid, items: ticketBody.items }),
    });
    const report = (await check.json()) as ValidationReport;
    if (!check.ok || !report.valid) throw new Error(`benchmark items are not valid: ${JSON.stringify(report)}`);

    const postTicket = async () => {
      const res = await fetch(`${base}/api/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${requesterToken}` },
        body: JSON.stringify(ticketBody),
      });
      if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };

    // ---- create: API vs raw transaction, interleaved warm-up, then measured back to back ----------
    await load('warm-up', 100, CONCURRENCY, postTicket);
    pool = createPool({ uri: dbUrl, connectionLimit: CONCURRENCY, timezone: 'Z' });
    const rawPool = pool;
    const requesterId = await userId(rawPool, 'requester');
    const timeZone = 'UTC';
    const rawCreate = async () => {
      const conn = await rawPool.getConnection();
      try {
        await conn.beginTransaction();
        const day = dayInTimeZone(new Date(), timeZone);
        let [upd] = await conn.query<ResultSetHeader>('UPDATE ticket_counters SET seq = seq + 1 WHERE day = ?', [day]);
        if (upd.affectedRows === 0) {
          await conn.query('INSERT IGNORE INTO ticket_counters (day, seq) VALUES (?, 0)', [day]);
          [upd] = await conn.query<ResultSetHeader>('UPDATE ticket_counters SET seq = seq + 1 WHERE day = ?', [day]);
        }
        const [[row]] = await conn.query<RowDataPacket[]>('SELECT seq FROM ticket_counters WHERE day = ?', [day]);
        const number = formatTicketNumber(day, Number(row?.seq));
        const [ins] = await conn.query<ResultSetHeader>(
          `INSERT INTO tickets (ticket_number, title, description, ticket_type, priority, target_server_uuid, target_server_name, status, created_by, submitted_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, NOW())`,
          [number, ticketBody.title, ticketBody.description, ticketBody.ticketType, ticketBody.priority, ticketBody.targetServerUuid, 'web-prod-01', requesterId],
        );
        for (const [position, item] of ticketBody.items.entries()) {
          await conn.query(
            `INSERT INTO ticket_items (ticket_id, position, item_type, action, component_type, component_uuid, quantity, specifications, current_value, requested_value, validation_status, compatibility_checked)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'valid', 1)`,
            [ins.insertId, position, item.action === 'modify' ? 'configuration' : 'component', item.action, item.componentType, item.componentUuid ?? null, item.quantity, item.specifications ? JSON.stringify(item.specifications) : null, item.currentValue ?? null, item.requestedValue ?? null],
          );
        }
        await conn.query(`INSERT INTO ticket_history (ticket_id, action, user_id, user_name, ip_address) VALUES (?, 'ticket_created', ?, 'requester', '127.0.0.1')`, [ins.insertId, requesterId]);
        await conn.commit();
      } catch (error) {
        await conn.rollback();
        throw error;
      } finally {
        conn.release();
      }
    };
    await load('raw warm-up', 100, CONCURRENCY, rawCreate);
    const raw = await load('raw mysql2 transaction', CREATE_REQUESTS, CONCURRENCY, rawCreate);
    const api = await load('POST /api/tickets', CREATE_REQUESTS, CONCURRENCY, postTicket);
    const raw2 = await load('raw mysql2 transaction (again)', CREATE_REQUESTS, CONCURRENCY, rawCreate);
    const rawBest = raw.count / raw.seconds >= raw2.count / raw2.seconds ? raw : raw2;

    // ---- list: 100k tickets --------------------------------------------------------------------------
    const existing = await countTickets(rawPool);
    await generateTickets(rawPool, Math.max(0, LIST_TICKETS - existing));
    const total = await countTickets(rawPool);
    console.log(`${total} tickets in the database`);
    const get = (token: string, query: string) => async () => {
      const res = await fetch(`${base}/api/tickets?${query}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`list ${query}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    const page = (i: number) => 1 + (i % 20);
    await load('list warm-up', 50, LIST_CONCURRENCY, (i) => get(managerToken, `pageSize=50&page=${page(i)}`)());
    const lists = [
      await load('list all (manager), 50/page, pages 1-20', LIST_REQUESTS, LIST_CONCURRENCY, (i) => get(managerToken, `pageSize=50&page=${page(i)}&sort=-createdAt`)()),
      await load('list status=pending (manager)', LIST_REQUESTS, LIST_CONCURRENCY, (i) => get(managerToken, `pageSize=50&page=${page(i)}&status=pending`)()),
      await load('list own (requester)', LIST_REQUESTS, LIST_CONCURRENCY, (i) => get(requesterToken, `pageSize=50&page=${page(i)}`)()),
      await load('search q=memory (manager)', LIST_REQUESTS / 4, LIST_CONCURRENCY, (i) => get(managerToken, `pageSize=50&page=${page(i)}&q=memory`)()),
    ];

    // ---- report --------------------------------------------------------------------------------------
    const createRows = [summarise(raw), summarise(api), summarise(raw2)];
    const ratio = api.count / api.seconds / (rawBest.count / rawBest.seconds);
    const listRows = lists.map(summarise);
    const listP95 = Math.max(...listRows.map((r) => r.p95));
    const fmt = (n: number, d = 1) => n.toFixed(d);
    const table = (rows: ReturnType<typeof summarise>[]) =>
      ['| scenario | requests | req/s | p50 ms | p95 ms | p99 ms |', '|---|---:|---:|---:|---:|---:|', ...rows.map((r) => `| ${r.name} | ${r.count} | ${fmt(r.rate)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} |`)].join('\n');
    const md = `# Performance

Measured by \`pnpm bench\` (apps/api/bench/run-bench.ts) on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores, Node ${process.version},
MariaDB ${String(versionRow?.v)}, API (its own process, NODE_ENV=production) and database on the same machine, load generated from a third process over loopback HTTP with keep-alive.
Commit latency dominates writes and varies between runs, so the API is compared with a raw \`mysql2\`
transaction doing the same inserts with the same ticket-number allocation, measured in the same run
(before and after the API; the faster of the two is the baseline).

## Create a ticket (3 items), ${CONCURRENCY} concurrent clients

${table(createRows)}

**API / raw = ${fmt(ratio, 2)}×** (target ≥ 0.5×). The API does more than the raw transaction: it authenticates
the token, validates the body, checks each item against the catalog, stock and the server's configuration,
and writes typed history — all inside the transaction.

## List tickets, 50 per page, over ${total.toLocaleString('en')} tickets, ${LIST_CONCURRENCY} concurrent clients

${table(listRows)}

**Worst p95 = ${fmt(listP95)} ms** (target < 50 ms).

Reproduce: \`BENCH_MYSQL_URL=mysql://root@127.0.0.1:3306/test pnpm bench\` (knobs: BENCH_CREATES, BENCH_CONCURRENCY,
BENCH_LIST_TICKETS, BENCH_LIST_REQUESTS, BENCH_LIST_CONCURRENCY).
`;
    const out = process.env.BENCH_OUT ?? join(workspaceRoot(__dirname), 'docs/performance.md');
    writeFileSync(out, md);
    console.log(md);
    console.log(`wrote ${out}`);
    console.log(`create ratio ${fmt(ratio, 2)}x (target >= 0.5x); list p95 ${fmt(listP95)} ms (target < 50 ms)`);
  } finally {
    await pool?.end();
    apiProcess.kill('SIGTERM');
    await new Promise((r) => apiProcess.once('exit', r));
    await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin.end();
  }
}

/** The pnpm workspace root (where docs/ lives), wherever this file was compiled to. */
function workspaceRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
  }
  throw new Error(`no pnpm-workspace.yaml above ${from}`);
}

async function waitForHealth(base: string, api: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error(`the API exited with code ${api.exitCode}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the API did not become healthy within 120 s');
}

async function userId(pool: Pool, username: string): Promise<number> {
  const [[row]] = await pool.query<RowDataPacket[]>('SELECT id FROM users WHERE username = ?', [username]);
  if (!row) throw new Error(`no user ${username}`);
  return Number(row.id);
}

async function countTickets(pool: Pool): Promise<number> {
  const [[row]] = await pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM tickets');
  return Number(row?.n ?? 0);
}

/** Bulk-inserts tickets spread over past days (their own numbers), statuses, users and servers. */
async function generateTickets(pool: Pool, count: number): Promise<void> {
  if (count <= 0) return;
  const [users] = await pool.query<RowDataPacket[]>('SELECT id FROM users ORDER BY id');
  const [servers] = await pool.query<RowDataPacket[]>('SELECT config_uuid, server_name FROM server_configurations');
  const statuses = ['draft', 'pending', 'approved', 'rejected', 'in_progress', 'deployed', 'completed', 'cancelled'];
  const priorities = ['low', 'normal', 'high', 'critical'];
  const types = ['component_addition', 'component_removal', 'component_replacement', 'configuration_change'];
  const words = ['memory', 'storage', 'network', 'cpu', 'firmware', 'disk', 'hba', 'gpu'];
  const perDay = 500;
  const start = Date.UTC(2020, 0, 1);
  const batch = 1000;
  const t0 = performance.now();
  for (let offset = 0; offset < count; offset += batch) {
    const rows: unknown[][] = [];
    const itemRows: unknown[][] = [];
    for (let k = offset; k < Math.min(count, offset + batch); k++) {
      const created = new Date(start + Math.floor(k / perDay) * 86_400_000 + (k % perDay) * 60_000);
      const day = created.toISOString().slice(0, 10).replace(/-/g, '');
      const server = servers[k % servers.length];
      const user = users[k % users.length];
      rows.push([
        formatTicketNumber(day, (k % perDay) + 1),
        `Generated ${words[k % words.length]} change ${k}`,
        `Bench ticket ${k}: ${words[(k * 7) % words.length]} work`,
        types[k % types.length],
        priorities[k % priorities.length],
        server?.config_uuid,
        server?.server_name,
        statuses[k % statuses.length],
        user?.id,
        created,
        created,
      ]);
    }
    const [res] = await pool.query<ResultSetHeader>(
      'INSERT INTO tickets (ticket_number, title, description, ticket_type, priority, target_server_uuid, target_server_name, status, created_by, created_at, updated_at) VALUES ?',
      [rows],
    );
    for (let j = 0; j < rows.length; j++) {
      const id = res.insertId + j;
      for (let p = 0; p < 1 + (j % 3); p++) itemRows.push([id, p, 'component', 'add', 'ram', MODEL.ramSamsung32, 1, 'valid']);
    }
    await pool.query('INSERT INTO ticket_items (ticket_id, position, item_type, action, component_type, component_uuid, quantity, validation_status) VALUES ?', [itemRows]);
  }
  await pool.query('ANALYZE TABLE tickets, ticket_items');
  console.log(`generated ${count} tickets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
