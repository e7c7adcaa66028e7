/**
 * Real API processes (the built `dist/src/main.js`, as production runs it) for the scale-out suites:
 * several processes on one database or cluster, each with its own pool, nothing shared in memory.
 *
 *   const api = await startApiProcess({ dbUrl, redisUrl, env: { SEED_DEMO: 'never' } });
 *   await fetch(`${api.baseUrl}/api/health`);
 *   await api.stop();
 *
 * `pnpm test` builds first; a lone vitest run needs `pnpm build` (or `pnpm --filter @bdc/api build`) before.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './fault-support';

export const API_MAIN_JS = resolve(__dirname, '../dist/src/main.js');

/** The same secret in every process: a token signed by one is accepted by the others. */
export const SHARED_JWT_SECRET = 'scale-out-test-secret-that-is-long-enough-for-hs256';

export interface ApiProcessOptions {
  dbUrl: string;
  redisUrl?: string | null;
  /** Default: a free port. */
  port?: number;
  /** Extra environment on top of the defaults below (wins over them). */
  env?: Record<string, string>;
  /** How long to wait for /api/health to answer 200 (default 60 s: a cold start competes for 2 CPUs). */
  startTimeoutMs?: number;
}

export interface ApiProcess {
  baseUrl: string;
  pid: number;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. Idempotent. */
  stop(): Promise<void>;
  /** The last lines the process printed (stdout and stderr), for failure messages. */
  output(): string;
}

export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  if (!existsSync(API_MAIN_JS)) throw new Error(`${API_MAIN_JS} is missing: build the API first (pnpm build, or pnpm --filter @bdc/api build)`);
  const port = options.port ?? (await freePort());
  const scratch = mkdtempSync(join(tmpdir(), 'bdc-api-process-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    // One process per upstream: a cluster of workers would hide which process answered.
    WORKERS: '1',
    DB_URL: options.dbUrl,
    JWT_SECRET: SHARED_JWT_SECRET,
    UPLOAD_DIR: join(scratch, 'uploads'),
    WEB_DIST_DIR: join(scratch, 'no-web-dist'),
    SEED_DEMO: 'never',
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, [API_MAIN_JS], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not spawn ${API_MAIN_JS}`);

  const baseUrl = `http://127.0.0.1:${port}`;
  const output = () => lines.slice(-40).join('\n');
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(scratch, { recursive: true, force: true });
    })();
    return stopping;
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`API process on port ${port} exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return { baseUrl, pid, stop, output };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`API process on port ${port} not healthy within ${options.startTimeoutMs ?? 60_000} ms:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
