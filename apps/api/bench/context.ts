/**
 * What every scenario group of `pnpm bench` receives (run-bench.ts builds it once per run): the API
 * under test in its own process, a keep-alive HTTP client to it, sign-in, a mysql2 pool on the same
 * database for seeding and raw baselines, and `loadApi`, which times a load and charges it the CPU the
 * API process (and its cluster workers) spent. Scenario modules (create-scenarios.ts,
 * workflow-scenarios.ts, list-scenarios.ts, …) take a BenchContext and return BenchResults, so a group
 * is added without touching how the API is started or measured.
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Pool } from 'mysql2/promise';
import type { LoginResponse } from '@bdc/contracts';
import { HttpClient, load, type Sample } from './load';
import { deployedNodeOptions } from './results';

export const BENCH_TIME_ZONE = 'UTC';

export interface BenchContext {
  http: HttpClient;
  /** Signs a demo user in (password `demo`) and returns the access token. */
  login(username: string): Promise<string>;
  /** On the API's database (migrated and seeded with the demo data). */
  pool: Pool;
  dbUrl: string;
  /** The MariaDB server without a database (for groups that create their own databases). */
  serverUrl: string;
  /** e.g. `MariaDB 10.11.6`. */
  database: string;
  apiPid: number;
  /** Runs `total` calls of `task` with `concurrency` in flight against the API and records the API's CPU. */
  loadApi(name: string, total: number, concurrency: number, task: (i: number) => Promise<void>): Promise<Sample>;
  /** Starts another API process on the same database (the workers group: WORKERS=1 vs 2). */
  startApi(env: Record<string, string>): Promise<RunningApi>;
}

export interface RunningApi {
  base: string;
  pid: number;
  http: HttpClient;
  login(username: string): Promise<string>;
  loadApi: BenchContext['loadApi'];
  stop(): Promise<void>;
}

/** Spawns dist/src/main.js on `dbUrl` (migrating and seeding an empty database) and waits for /api/health. */
export async function startApi(dbUrl: string, env: Record<string, string> = {}, maxSockets = 64): Promise<RunningApi> {
  const port = 3400 + Math.floor(Math.random() * 2000);
  // BENCH_API_NODE_ARGS: flags NODE_OPTIONS refuses, for working on a figure (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
  const nodeArgs = process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, resolve(__dirname, '../src/main.js')], {
    env: {
      ...process.env,
      NODE_OPTIONS: deployedNodeOptions(),
      DB_URL: dbUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'auto',
      JWT_SECRET: process.env.BENCH_JWT_SECRET ?? randomBytes(32).toString('hex'),
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      TZ_TICKETS: BENCH_TIME_ZONE,
      NODE_ENV: 'production',
      WEB_DIST_DIR: '/nonexistent',
      // One process unless a group asks for more (the workers group): figures per process, CPU of one pid tree.
      WORKERS: '1',
      // Production drains for 5 s after SIGTERM so a load balancer can stop sending; nothing sends here.
      SHUTDOWN_DRAIN_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitForHealth(base, child);
  } catch (error) {
    await stop();
    throw error;
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('the API process has no pid');
  const http = new HttpClient(base, maxSockets);
  const login = async (username: string) => {
    const res = await http.send('POST', '/api/auth/login', { json: { username, password: 'demo' } });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.body}`);
    return (JSON.parse(res.body) as LoginResponse).accessToken;
  };
  const loadApi: BenchContext['loadApi'] = async (name, total, concurrency, task) => {
    const before = processTreeCpuMs(pid);
    const sample = await load(name, total, concurrency, task);
    const after = processTreeCpuMs(pid);
    return before !== null && after !== null ? { ...sample, apiCpuMs: after - before } : sample;
  };
  return {
    base,
    pid,
    http,
    login,
    loadApi,
    stop: async () => {
      http.close();
      await stop();
    },
  };
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

/** The process and its descendants (cluster workers), from /proc/<pid>/task/<tid>/children. */
export function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    const current = pids[i];
    try {
      for (const tid of readdirSync(`/proc/${current}/task`)) {
        const children = readFileSync(`/proc/${current}/task/${tid}/children`, 'utf8').trim();
        if (children) pids.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // exited meanwhile, or not Linux
    }
  }
  return pids;
}

/** User + system CPU of a process in ms (Linux /proc), or null where that is not available. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), 12 and 13 after the command; in clock ticks (100/s).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** CPU of the process and its workers (a worker that exited during the load is not counted). */
export function processTreeCpuMs(pid: number): number | null {
  const own = processCpuMs(pid);
  if (own === null) return null;
  return processTree(pid)
    .slice(1)
    .reduce((sum, child) => sum + (processCpuMs(child) ?? 0), own);
}

/** VmRSS of one process in MB, or null. */
export function rssMb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Samples the RSS of a process (each process of its tree on its own: the target is per API process)
 * every `everyMs` while the bench runs, and remembers the maximum per label (the group running).
 */
export class RssSampler {
  private readonly timer: NodeJS.Timeout;
  private label = 'start-up';
  readonly maxByLabel = new Map<string, number>();
  max = 0;
  samples = 0;

  private readonly pids: number[];

  constructor(pid: number, everyMs = 200) {
    this.pids = [pid];
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
    this.sample();
  }

  /** Samples another API process too (the 1M-ticket groups' own); the largest process counts. */
  watch(pid: number): void {
    this.pids.push(pid);
  }

  during(label: string): void {
    this.sample();
    this.label = label;
  }

  sample(): void {
    const values = this.pids
      .flatMap(processTree)
      .map(rssMb)
      .filter((v): v is number => v !== null);
    if (values.length === 0) return;
    const biggest = Math.max(...values);
    this.samples++;
    this.max = Math.max(this.max, biggest);
    this.maxByLabel.set(this.label, Math.max(this.maxByLabel.get(this.label) ?? 0, biggest));
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
}
