/**
 * Test harness: the real application (createApp from src/app.factory.ts, the same as production)
 * on a fresh database, driven through HTTP with Fastify's inject (no port is opened).
 *
 *   import { describeEachEngine } from './engines';
 *   import { createTestApp, type TestApp } from './harness';
 *
 *   describeEachEngine('tickets', (engine) => {
 *     let t: TestApp;
 *     beforeAll(async () => { t = await createTestApp(engine); });
 *     afterAll(async () => { await t?.close(); });
 *
 *     it('lists servers', async () => {
 *       const token = await t.login('requester');            // password defaults to 'demo'
 *       const res = await t.http.get<ListResult<ServerSummary>>('/api/servers', { token });
 *       expect(res.status).toBe(200);
 *       expect(res.body.items.length).toBeGreaterThan(0);
 *     });
 *   });
 *
 * - Every createTestApp() call gets its own database: SQLite in a temp file, or on MariaDB a
 *   `bdc_t_<random>` database created on the TEST_MYSQL_URL server and dropped by close().
 *   Use one per test file (beforeAll) unless a test needs a pristine database.
 * - Migrations and reference data (roles, permissions, grants) always run. The demo base data
 *   (users admin, manager, manager2, tech, tech2, requester — ids 1..6 in that order — the catalog,
 *   five servers and their components, spare stock; see src/seed/demo-data.ts for DEMO_USERS,
 *   SERVER, MODEL) is seeded unless `seedDemo: false`; demo tickets only with `demoTickets: true`.
 * - Routes live under /api (global prefix): `@Controller('tickets')` answers at /api/tickets.
 * - `http.*` never throws on an HTTP error status: assert on `status` and `body` ({code, message,
 *   details?} for errors). JSON bodies are parsed; anything else is returned as text.
 * - factories.ts has helpers for users with roles, servers and stock units, and demo look-ups.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp, type CreateAppOptions } from '../src/app.factory';
import { AppConfig, type AppConfigValues } from '../src/config/app-config';
import { DatabaseService } from '../src/database/database.service';
import { seedDemoBase } from '../src/seed/demo-data';
import { seedDemoTickets } from '../src/seed/demo-tickets';
import { seedReferenceData } from '../src/seed/reference-data';
import type { Engine } from './engines';
import { createTestDatabase } from './test-database';

export interface TestAppOptions {
  configOverrides?: Partial<AppConfigValues>;
  /** Demo users, catalog, servers and stock (default true). */
  seedDemo?: boolean;
  /** Demo tickets in every status, through the ticket services (default false; needs seedDemo). */
  demoTickets?: boolean;
  /** Build the OpenAPI document and serve /api/docs (default false: it costs time on every app). */
  swagger?: boolean;
  /** Nest's log levels (default warnings and errors, which also quiets the request lines). */
  logger?: CreateAppOptions['logger'];
  /** Where the JSON log lines go (default stdout). */
  logDestination?: CreateAppOptions['logDestination'];
}

export interface RequestOptions {
  /** Access token, sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Sent as JSON (unless it is a string, which is sent as is). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Query parameters appended to the URL (undefined values are skipped). */
  query?: Record<string, string | number | boolean | undefined>;
}

export interface TestResponse<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  /** The raw body text. */
  text: string;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface TestHttp {
  get<T = unknown>(url: string, opts?: RequestOptions): Promise<TestResponse<T>>;
  post<T = unknown>(url: string, opts?: RequestOptions): Promise<TestResponse<T>>;
  patch<T = unknown>(url: string, opts?: RequestOptions): Promise<TestResponse<T>>;
  put<T = unknown>(url: string, opts?: RequestOptions): Promise<TestResponse<T>>;
  delete<T = unknown>(url: string, opts?: RequestOptions): Promise<TestResponse<T>>;
  request<T = unknown>(method: Method, url: string, opts?: RequestOptions): Promise<TestResponse<T>>;
}

/** TestHttp from its `request`: the verb shortcuts, for inject() here and real sockets (http-client.ts). */
export function httpVerbs(request: TestHttp['request']): TestHttp {
  return {
    request,
    get: (url, opts) => request('GET', url, opts),
    post: (url, opts) => request('POST', url, opts),
    patch: (url, opts) => request('PATCH', url, opts),
    put: (url, opts) => request('PUT', url, opts),
    delete: (url, opts) => request('DELETE', url, opts),
  };
}

export interface TestApp {
  app: NestFastifyApplication;
  engine: Engine;
  dataSource: DataSource;
  db: DatabaseService;
  http: TestHttp;
  /** Signs in through POST /api/auth/login and returns the access token (cached per user/password). */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export async function createTestApp(engine: Engine, opts: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(engine);
  let app: NestFastifyApplication | null = null;
  try {
    app = await createApp({
      env: {},
      configOverrides: {
        dbUrl: database.dbUrl,
        jwtSecret: 'test-secret-that-is-long-enough-for-hs256',
        uploadDir: `${database.dir}/uploads`,
        webDistDir: `${database.dir}/no-web-dist`,
        seedDemo: 'never',
        ...opts.configOverrides,
      },
      logger: opts.logger ?? ['error', 'warn'],
      ...(opts.logDestination ? { logDestination: opts.logDestination } : {}),
      swagger: opts.swagger ?? false,
    });
    await app.getHttpAdapter().getInstance().ready();
    const dataSource = app.get(DataSource);
    await seedReferenceData(dataSource);
    if (opts.seedDemo !== false) {
      await seedDemoBase(dataSource);
      if (opts.demoTickets) await seedDemoTickets(app);
    }
    return buildTestApp(app, engine, dataSource, database.drop);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.drop().catch(() => undefined);
    throw error;
  }
}

function buildTestApp(app: NestFastifyApplication, engine: Engine, dataSource: DataSource, drop: () => Promise<void>): TestApp {
  const http = injectHttp(app);

  const tokens = new Map<string, string>();
  let closed = false;

  return {
    app,
    engine,
    dataSource,
    db: app.get(DatabaseService),
    http,
    async login(username: string, password = 'demo'): Promise<string> {
      const key = `${username}\u0000${password}`;
      const cached = tokens.get(key);
      if (cached) return cached;
      const res = await http.post<{ accessToken?: string }>('/api/auth/login', { body: { username, password } });
      if (res.status !== 200 || !res.body.accessToken) {
        throw new Error(`login as ${username} failed: ${res.status} ${res.text}`);
      }
      tokens.set(key, res.body.accessToken);
      return res.body.accessToken;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      try {
        await app.close();
      } finally {
        await drop();
      }
    },
  };
}

/** The harness's TestHttp over an application's fastify.inject (no socket): a TestApp's, or a second instance's. */
export function injectHttp(app: NestFastifyApplication): TestHttp {
  const fastify = app.getHttpAdapter().getInstance();

  async function request<T>(method: Method, url: string, opts: RequestOptions = {}): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let payload: string | undefined;
    if (opts.body !== undefined) {
      if (typeof opts.body === 'string') {
        payload = opts.body;
      } else {
        payload = JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      }
    }
    const res = await fastify.inject({ method, url: withQuery(url, opts.query), headers, ...(payload !== undefined ? { payload } : {}) });
    const contentType = String(res.headers['content-type'] ?? '');
    const text = res.body;
    const body = (contentType.includes('json') && text.length > 0 ? JSON.parse(text) : text) as T;
    return { status: res.statusCode, body, headers: res.headers, text };
  }

  return httpVerbs(request);
}

function withQuery(url: string, query: RequestOptions['query']): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, String(value));
  const qs = params.toString();
  if (!qs) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${qs}`;
}

/**
 * A second application instance on the same database as `t` (its own connection pool, nothing shared
 * in memory): stands in for a second API process in scale-out tests. The caller closes it.
 */
export async function createSecondInstance(t: TestApp, overrides: Partial<AppConfigValues> = {}): Promise<NestFastifyApplication> {
  const config = t.app.get(AppConfig);
  const second = await createApp({
    env: {},
    configOverrides: { dbUrl: config.dbUrl, jwtSecret: config.jwtSecret, uploadDir: config.uploadDir, webDistDir: config.webDistDir, seedDemo: 'never', notifications: config.notifications, ...overrides },
    logger: ['error'],
    swagger: false,
  });
  await second.getHttpAdapter().getInstance().ready();
  return second;
}
