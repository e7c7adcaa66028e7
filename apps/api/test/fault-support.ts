/**
 * Support for the fault tests (faults-*.int-spec.ts): they need what the harness deliberately does
 * not offer — an application on a database that outlives it (reopened after a "restart") or on a
 * server the test starts and kills itself — plus small process and port helpers.
 */
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { expect } from 'vitest';
import { createApp } from '../src/app.factory';
import { seedDemoBase } from '../src/seed/demo-data';
import { seedReferenceData } from '../src/seed/reference-data';

export interface FaultResponse<T = unknown> {
  status: number;
  body: T;
}

export interface FaultApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  request<T = unknown>(method: 'GET' | 'POST', url: string, opts?: { token?: string; body?: unknown }): Promise<FaultResponse<T>>;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** The real application on `dbUrl`, which the caller owns: close() leaves the database in place. */
export async function openApp(dbUrl: string, dir: string, opts: { seed: boolean }): Promise<FaultApp> {
  const app = await createApp({
    env: {},
    configOverrides: {
      dbUrl,
      jwtSecret: 'test-secret-that-is-long-enough-for-hs256',
      uploadDir: `${dir}/uploads`,
      webDistDir: `${dir}/no-web-dist`,
      seedDemo: 'never',
    },
    logger: ['error', 'warn'],
    swagger: false,
  });
  try {
    const fastify = app.getHttpAdapter().getInstance();
    await fastify.ready();
    const dataSource = app.get(DataSource);
    if (opts.seed) {
      await seedReferenceData(dataSource);
      await seedDemoBase(dataSource);
    }
    const request: FaultApp['request'] = async <T,>(method: 'GET' | 'POST', url: string, o: { token?: string; body?: unknown } = {}) => {
      const headers: Record<string, string> = {};
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      if (o.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fastify.inject({ method, url, headers, ...(o.body !== undefined ? { payload: JSON.stringify(o.body) } : {}) });
      const text = res.body;
      const body = (String(res.headers['content-type'] ?? '').includes('json') && text ? JSON.parse(text) : text) as T;
      return { status: res.statusCode, body };
    };
    return {
      app,
      dataSource,
      request,
      async login(username: string, password = 'demo'): Promise<string> {
        const res = await request<{ accessToken?: string }>('POST', '/api/auth/login', { body: { username, password } });
        if (res.status !== 200 || !res.body.accessToken) throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body.accessToken;
      },
      close: () => app.close(),
    };
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}

/** Absolute path of an executable on PATH (or in the usual sbin directories), or null. */
export function findExecutable(name: string): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin', '/sbin']) {
    if (!dir) continue;
    try {
      accessSync(`${dir}/${name}`, constants.X_OK);
      return `${dir}/${name}`;
    } catch {
      // not here
    }
  }
  return null;
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it returns true; throws with `what` after `timeoutMs` (a bound, not an assertion). */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Ticket numbers `TKT-YYYYMMDD-NNNN` are unique and, per day, exactly 0001..N: no duplicate, no hole. */
export function expectGapFree(ticketNumbers: string[]): void {
  const byDay = new Map<string, number[]>();
  for (const number of ticketNumbers) {
    const match = /^TKT-(\d{8})-(\d{4,})$/.exec(number);
    expect(match, `ticket number ${number}`).not.toBeNull();
    if (!match) continue;
    const [, day = '', seq = ''] = match;
    byDay.set(day, [...(byDay.get(day) ?? []), Number(seq)]);
  }
  for (const [day, seqs] of byDay) {
    const sorted = [...seqs].sort((a, b) => a - b);
    expect({ day, seqs: sorted }).toEqual({ day, seqs: Array.from({ length: sorted.length }, (_, i) => i + 1) });
  }
}
