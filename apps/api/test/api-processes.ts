import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** The built API (`pnpm build`; scripts/run-tests.mjs builds before Vitest runs). */
export const API_MAIN_JS = resolve(__dirname, '../dist/src/main.js');

export interface ApiProcessOptions {
  dbUrl: string;
  redisUrl: string | null;
  /** Default: a free port. */
  port?: number;
  /** More environment (JWT_SECRET, SEED_DEMO, TRUST_PROXY, UPLOAD_DIR, …); wins over the defaults. */
  env?: Record<string, string>;
}

export interface ApiProcess {
  baseUrl: string;
  pid: number;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process is gone. */
  stop(): Promise<void>;
}

/** A port nothing listens on right now (other agents and suites run servers on this machine). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/**
 * One real API process (`node dist/src/main.js`) on loopback, resolved once GET /api/health answers 200.
 * It migrates at boot: start the first process on an empty database alone, the others once it is up.
 */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  if (!existsSync(API_MAIN_JS)) throw new Error(`No API build at ${API_MAIN_JS}: run \`pnpm build\` first (pnpm test does)`);
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [API_MAIN_JS], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DB_URL: options.dbUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      // One process per upstream; a cluster of workers would hide which process answered.
      WORKERS: '1',
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let exitCode: number | null = null;
  child.once('exit', (code) => {
    exitCode = code ?? -1;
  });

  const pid = child.pid;
  if (pid === undefined) throw new Error('the API process did not start');
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exitCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exitCode !== null) throw new Error(`the API process on port ${port} exited (${exitCode}) while starting:\n${output}`);
    if ((await healthStatus(baseUrl)) === 200) return { baseUrl, pid, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the API process on port ${port} did not answer /api/health within 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function healthStatus(baseUrl: string): Promise<number> {
  return new Promise((done) => {
    const req = get(`${baseUrl}/api/health`, { timeout: 2000 }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => done(0));
  });
}
