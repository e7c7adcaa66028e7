/**
 * `pnpm bench`: throughput and latency of the ticket API on MariaDB, in scenario groups, each beside a
 * baseline measured in the same run (commit latency and the machine's other load vary a lot between
 * runs, so only a same-run ratio means anything).
 *
 *   BENCH_MYSQL_URL (or TEST_MYSQL_URL)=mysql://root@127.0.0.1:3306/test pnpm bench
 *   BENCH_ONLY=create,workflow pnpm bench      # only these groups
 *   BENCH_NODE_OPTIONS=…    the API's NODE_OPTIONS (default: the Dockerfile's, as deployed; empty: V8's defaults)
 *   BENCH_API_NODE_ARGS=…   extra node flags for the API, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
 *
 * Every group writes bench/results/<group>.json (its command, rows with the baselines flagged, and
 * which targets it met; results.ts), and docs/performance.md is then rendered from all the JSON files,
 * so re-measuring one group keeps the others' figures. Groups, in the order they run:
 *   guard          GET /api/servers as a viewer, one client: the global guard and a small list
 *   validate       validate-items, 20 items against a full server (validate-scenario.ts)
 *   create         POST /api/tickets vs a raw mysql2 transaction, 8/16/32/64 clients (create-scenarios.ts)
 *   workflow       approve / assign / start / deploy / comment over a pool of tickets (workflow-scenarios.ts)
 *   login          a ticket read while 4 clients sign in (workflow-scenarios.ts)
 *   list-100k      the list over 100k tickets: every filter, view_own, page 1,000, a deep cursor (list-scenarios.ts)
 *   workers        create + list against WORKERS=1 and WORKERS=2 (create-scenarios.ts)
 *   catalog-import importing the catalog fixtures, SQLite and MariaDB, in process
 *   memory         the API process's max RSS over everything above that ran (alone: runs create, workflow and login)
 *   list-1m, get-1m, search-1m   the list, the detail and search over 1M tickets (500k items, 1M history
 *                  rows: generate-tickets.ts), on a database and API process of their own; opt-in, named in
 *                  BENCH_ONLY: they add ~90 s of data generation
 * The default is all of them but the 1M-ticket groups.
 */
import { randomBytes } from 'node:crypto';
import { createConnection, createPool, type Pool, type RowDataPacket } from 'mysql2/promise';
import { catalogImportResult, measureCatalogImport } from './catalog-import-bench';
import { startApi, RssSampler, type BenchContext, type RunningApi } from './context';
import { runCreateGroup, runWorkersGroup } from './create-scenarios';
import { runListGroup, type ListGroup } from './list-scenarios';
import { load, summarise } from './load';
import { machineInfo, p95Target, row, writePerformanceMd, writeResult, type BenchResult } from './results';
import { checkValidation, seedValidationWorld, validateNotes } from './validate-scenario';
import { runLoginGroup, runWorkflowGroup } from './workflow-scenarios';

const GUARD_REQUESTS = Number(process.env.BENCH_GUARD_REQUESTS ?? 500);
const VALIDATE_REQUESTS = Number(process.env.BENCH_VALIDATE_REQUESTS ?? 400);
const RSS_LIMIT_MB = 250;

type GroupRunner = (ctx: BenchContext, command: string) => Promise<BenchResult>;

/**
 * The groups by name, in running order.
 */
const GROUPS: [string, GroupRunner][] = [
  ['guard', runGuardGroup],
  ['validate', runValidateGroup],
  ['create', runCreateGroup],
  ['workflow', runWorkflowGroup],
  ['login', runLoginGroup],
  ['list-100k', listGroup('list-100k')],
  ['workers', runWorkersGroup],
  // After everything else, on a database and an API process of their own (the tickets the groups above
  // filed would otherwise be the newest with the lowest ids): generated up to 1M tickets (about 60–90 s).
  ['list-1m', listGroup('list-1m')],
  ['get-1m', listGroup('get-1m')],
  ['search-1m', listGroup('search-1m')],
];
const IN_PROCESS_GROUPS = ['catalog-import', 'memory'];
const OPT_IN_GROUPS = new Set(['list-1m', 'get-1m', 'search-1m']);
const MEMORY_LOAD = ['create', 'workflow', 'login'];

function selectedGroups(): Set<string> {
  const known = new Set([...GROUPS.map(([name]) => name), ...IN_PROCESS_GROUPS, ...OPT_IN_GROUPS]);
  const only = process.env.BENCH_ONLY?.split(',').map((g) => g.trim()).filter(Boolean);
  if (!only) return new Set([...known].filter((g) => !OPT_IN_GROUPS.has(g)));
  const unknown = only.filter((g) => !known.has(g));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown group(s) ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
  const chosen = new Set(only);
  // Memory alone measures the RSS under the load it is judged under.
  if (chosen.size === 1 && chosen.has('memory')) MEMORY_LOAD.forEach((g) => chosen.add(g));
  return chosen;
}

/** A group of list-scenarios.ts (every filter, view_own, deep pages, search, detail) as a GroupRunner. */
function listGroup(group: ListGroup): GroupRunner {
  return (ctx, command) => runListGroup({ http: ctx.http, pool: ctx.pool, login: ctx.login, loadApi: ctx.loadApi, database: ctx.database, command, ownDatabase: true }, group);
}

function commandOf(group: string): string {
  return `BENCH_ONLY=${group} pnpm bench`;
}

async function main() {
  const serverUrl = process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL;
  if (!serverUrl) {
    console.error('pnpm bench needs MariaDB: set BENCH_MYSQL_URL or TEST_MYSQL_URL, e.g. mysql://root@127.0.0.1:3306/test');
    process.exit(2);
  }
  const groups = selectedGroups();
  const baseUrl = serverUrl.replace(/^mariadb:/, 'mysql:');
  const dbName = `bdc_bench_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection({ uri: baseUrl });
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const [[versionRow]] = await admin.query<RowDataPacket[]>('SELECT VERSION() AS v');
  const database = `MariaDB ${String(versionRow?.v ?? '')}`;
  const dbUrl = Object.assign(new URL(baseUrl), { pathname: `/${dbName}` }).toString();
  console.log(`database ${dbName} on ${database}; groups: ${[...groups].join(', ')}`);

  // The API runs in its own process, as in production: the load generator here must not share its
  // event loop. It migrates and seeds the empty database itself (SEED_DEMO=auto).
  let api: RunningApi | null = null;
  let bigApi: RunningApi | null = null;
  let pool: Pool | null = null;
  let bigPool: Pool | null = null;
  let rss: RssSampler | null = null;
  const written: string[] = [];
  const bigDbName = `${dbName}_1m`;
  const context = (running: RunningApi, url: string, on: Pool): BenchContext => ({
    http: running.http,
    login: running.login,
    pool: on,
    dbUrl: url,
    serverUrl: baseUrl,
    database,
    apiPid: running.pid,
    loadApi: running.loadApi,
    startApi: (env) => startApi(url, env),
  });
  try {
    api = await startApi(dbUrl);
    rss = new RssSampler(api.pid);
    pool = createPool({ uri: dbUrl, connectionLimit: 64, timezone: 'Z' });
    let ctx = context(api, dbUrl, pool);
    const ran: string[] = [];
    for (const [name, run] of GROUPS) {
      if (!groups.has(name)) continue;
      if (OPT_IN_GROUPS.has(name) && !bigApi) {
        // The 1M-ticket groups' own database and API process (its RSS is sampled as well).
        await admin.query(`CREATE DATABASE \`${bigDbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
        const bigUrl = Object.assign(new URL(baseUrl), { pathname: `/${bigDbName}` }).toString();
        bigApi = await startApi(bigUrl);
        rss.watch(bigApi.pid);
        bigPool = createPool({ uri: bigUrl, connectionLimit: 64, timezone: 'Z' });
        ctx = context(bigApi, bigUrl, bigPool);
      }
      console.log(`--- ${name}`);
      rss.during(name);
      const result = await run(ctx, commandOf(name));
      written.push(writeResult(result));
      ran.push(name);
      for (const t of result.targets) console.log(`  ${t.met ? 'met    ' : 'NOT MET'} ${t.name}: ${t.measured} (target ${t.target})`);
    }
    rss.stop();
    if (groups.has('memory')) written.push(writeResult(memoryResult(rss, ran, database)));
    // In process, its own databases: the API's load is over by now.
    if (groups.has('catalog-import')) written.push(writeResult(catalogImportResult(await measureCatalogImport(serverUrl), commandOf('catalog-import'))));
  } finally {
    rss?.stop();
    await pool?.end();
    await bigPool?.end();
    await api?.stop();
    await bigApi?.stop();
    await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin.query(`DROP DATABASE IF EXISTS \`${bigDbName}\``);
    await admin.end();
  }
  console.log(`wrote ${written.join(', ')}`);
  console.log(`wrote ${writePerformanceMd()}`);
}

function memoryResult(rss: RssSampler, ran: string[], database: string): BenchResult {
  const byGroup = [...rss.maxByLabel.entries()].map(([label, mb]) => `${label} ${mb.toFixed(0)} MB`).join(', ');
  return {
    group: 'memory',
    title: 'API process memory (VmRSS) over the run',
    command: commandOf('memory'),
    measuredAt: new Date().toISOString(),
    machine: machineInfo(database),
    rows: [],
    targets: [{ name: 'API process RSS under load', target: `< ${RSS_LIMIT_MB} MB`, measured: `max ${rss.max.toFixed(0)} MB`, met: rss.max > 0 && rss.max < RSS_LIMIT_MB }],
    notes: `VmRSS of the API process (of each of its processes, the largest counted, when it runs workers), sampled every
200 ms while the groups ${ran.join(', ')} ran (${rss.samples} samples). Maximum per group: ${byGroup}.`,
  };
}

async function runGuardGroup(ctx: BenchContext, command: string): Promise<BenchResult> {
  const token = await ctx.login('requester');
  const getServers = async () => {
    const res = await ctx.http.send('GET', '/api/servers', { token });
    if (res.status !== 200) throw new Error(`servers: ${res.status} ${res.body}`);
  };
  const health = async () => {
    const res = await ctx.http.send('GET', '/api/health');
    if (res.status !== 200) throw new Error(`health: ${res.status} ${res.body}`);
  };
  await load('guard warm-up', 50, 1, getServers);
  const baseline = await ctx.loadApi('GET /api/health (public, one probe query)', GUARD_REQUESTS, 1, health);
  const guarded = await ctx.loadApi('GET /api/servers (viewer), one client', GUARD_REQUESTS, 1, getServers);
  return {
    group: 'guard',
    title: 'Guard + small list: GET /api/servers as a viewer, one client, demo data',
    command,
    measuredAt: new Date().toISOString(),
    machine: machineInfo(ctx.database),
    rows: [row(summarise(baseline), 1, true), row(summarise(guarded), 1)],
    targets: [],
    notes: `Every request passes the global guard (HS256 verification and the caller's status and grants) and lists the
five demo servers with their component counts. The public health probe (one query, no guard) is the baseline.`,
  };
}

async function runValidateGroup(ctx: BenchContext, command: string): Promise<BenchResult> {
  const token = await ctx.login('requester');
  const world = await seedValidationWorld(ctx.pool);
  const body = { targetServerUuid: world.serverUuid, items: world.items };
  const report = await checkValidation(ctx.http, token, body);
  const validateOnce = async () => {
    const res = await ctx.http.send('POST', '/api/tickets/validate-items', { token, json: body });
    if (res.status !== 200) throw new Error(`validate-items: ${res.status} ${res.body}`);
  };
  await load('validate warm-up', 50, 4, validateOnce);
  const validated = summarise(await ctx.loadApi('POST /api/tickets/validate-items, 20 items, full server', VALIDATE_REQUESTS, 4, validateOnce));
  return {
    group: 'validate',
    title: 'Validate a 20-item ticket against a full server, 100 servers and 5,000 stock units',
    command,
    measuredAt: new Date().toISOString(),
    machine: machineInfo(ctx.database),
    rows: [row(validated, 4)],
    targets: [p95Target('validate-items, 20 items', validated.p95, 50)],
    notes: validateNotes(report),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
