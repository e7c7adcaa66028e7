import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ATTACHMENT_TYPES, isOneOf, type AttachmentType } from '@bdc/contracts';

export type SeedDemoMode = 'auto' | 'never';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** Where /metrics may be scraped from when METRICS_ALLOW is not set: this machine only. */
export const DEFAULT_METRICS_ALLOW: readonly string[] = Object.freeze(['127.0.0.0/8', '::1/128']);

/**
 * Login throttling, per key (`user:<name>` and `ip:<address>`): from the `delayAfter`-th consecutive
 * failure on, each further attempt waits `baseDelaySeconds`, doubling up to `maxDelaySeconds`; at
 * `maxFailures` the key is locked for `lockoutSeconds`. A key with no failure for `lockoutSeconds`
 * starts over. Client addresses get their own, higher limits: many people may share one (NAT, proxy).
 */
export interface LoginThrottlePolicy {
  delayAfter: number;
  maxFailures: number;
  ipDelayAfter: number;
  ipMaxFailures: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  lockoutSeconds: number;
}

export const DEFAULT_LOGIN_THROTTLE: Readonly<LoginThrottlePolicy> = Object.freeze({
  delayAfter: 5,
  maxFailures: 10,
  ipDelayAfter: 20,
  ipMaxFailures: 100,
  baseDelaySeconds: 1,
  maxDelaySeconds: 60,
  lockoutSeconds: 15 * 60,
});

/** Everything the process reads from its environment, typed and validated once at boot. */
export interface AppConfigValues {
  nodeEnv: string;
  /** `sqlite:<file>` (relative to the process cwd) or `mysql://…` / `mariadb://…`. */
  dbUrl: string;
  port: number;
  host: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** IANA zone whose calendar day goes into ticket numbers. */
  timeZone: string;
  /** Attachments live under it (UPLOAD_DIR, default: `uploads` in the data dir, beside the SQLite file). */
  uploadDir: string;
  /** Bytes of one attachment (UPLOAD_MAX_BYTES, default 10 MiB). */
  uploadMaxBytes: number;
  /** Extensions an attachment may have (UPLOAD_ALLOWED_TYPES, comma-separated; default all of ATTACHMENT_TYPES). */
  uploadAllowedTypes: readonly AttachmentType[];
  seedDemo: SeedDemoMode;
  webDistDir: string;
  redisUrl: string | null;
  /** JSON body limit in bytes. */
  bodyLimitBytes: number;
  /** First administrator to create in an empty database (INITIAL_ADMIN_USERNAME / INITIAL_ADMIN_PASSWORD). */
  initialAdmin: { username: string; password: string } | null;
  /** Take the client address from X-Forwarded-For (only behind a proxy you control). */
  trustProxy: boolean;
  loginThrottle: LoginThrottlePolicy;
  /** Origins allowed to call the API from a browser (CORS_ORIGINS); empty: CORS stays off. */
  corsOrigins: string[];
  /** Catalog import uploads (POST /api/catalog/import): see CatalogImportLimits. */
  catalogImport: CatalogImportLimits;
  notifications: NotificationSettings;
  operations: OperationsSettings;
}

/** Logs, metrics, process count and shutdown (issue 9, "Operable"). */
export interface OperationsSettings {
  /** LOG_LEVEL: the lowest pino level written (default info). */
  logLevel: LogLevelName;
  /** LOG_FORMAT: `json` lines (default, what log collectors read) or `pretty` (one human line per entry, for a terminal). */
  logFormat: 'json' | 'pretty';
  /** WORKERS: API processes on this machine (node:cluster); always 1 on SQLite. */
  workers: number;
  /** What WORKERS asked for, when it had to be lowered (SQLite): main.ts warns. */
  workersRequested: number | null;
  /** METRICS_TOKEN: a Bearer token that may read /metrics from anywhere (null: none). */
  metricsToken: string | null;
  /** METRICS_ALLOW: addresses or CIDR ranges that may read /metrics without the token (default loopback; `none`: nobody). */
  metricsAllow: readonly string[];
  /** SHUTDOWN_DRAIN_MS: after SIGTERM, readiness answers 503 for this long before the server closes. */
  shutdownDrainMs: number;
  /** WORKER_ID_HEADER=on: every response says which process served it (X-Worker: <pid>), for debugging a cluster. */
  workerIdHeader: boolean;
}

/** Email delivery of the notification outbox (issue 8). */
export interface NotificationSettings {
  /** SMTP_URL (`smtp://user:pass@host:port`, `smtps://…`); null: no email is sent, in-app only. */
  smtpUrl: string | null;
  /** MAIL_FROM, the sender address (default `BDC IMS <no-reply@localhost>`). */
  mailFrom: string;
  /** PUBLIC_URL, the SPA's address for the links in the mails (default `http://localhost:<PORT>`). */
  publicUrl: string;
  /** NOTIFY_WORKER=off: this process sends nothing (another one does); default on when SMTP_URL is set. */
  workerEnabled: boolean;
  /** NOTIFY_POLL_MS: how often the worker looks for due rows (default 5000). */
  pollIntervalMs: number;
  /** NOTIFY_MAX_ATTEMPTS: after this many failed sends a row is `failed` (default 8). */
  maxAttempts: number;
  /** NOTIFY_BACKOFF_MS: the wait after the first failure, doubled after each further one (default 30 s, at most 1 h). */
  backoffBaseMs: number;
  /** NOTIFY_BATCH_SIZE: rows one worker claims at a time (default 20). */
  batchSize: number;
  /** How long a claim holds: a worker that dies mid-batch releases its rows after this (NOTIFY_LEASE_MS, default 120 s). */
  leaseMs: number;
}

/** Bounds of one catalog upload: what arrives, and what a zip in it may expand to. */
export interface CatalogImportLimits {
  /** Bytes of one uploaded file (CATALOG_IMPORT_MAX_FILE_BYTES, default 10 MiB). */
  maxFileBytes: number;
  /** JSON files per upload, inside zips included (CATALOG_IMPORT_MAX_FILES, default 200). */
  maxFiles: number;
  /** Bytes all files together may hold once unzipped (CATALOG_IMPORT_MAX_TOTAL_BYTES, default 50 MiB). */
  maxTotalBytes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const DEV_SECRET_FILE = '.jwt-secret';

/**
 * Injectable, immutable configuration. Build it with `AppConfig.fromEnv()` at boot or with
 * `AppConfig.create(overrides)` in tests, which never touch `process.env`.
 */
export class AppConfig implements Readonly<AppConfigValues> {
  readonly nodeEnv: string;
  readonly dbUrl: string;
  readonly port: number;
  readonly host: string;
  readonly jwtSecret: string;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly timeZone: string;
  readonly uploadDir: string;
  readonly uploadMaxBytes: number;
  readonly uploadAllowedTypes: readonly AttachmentType[];
  readonly seedDemo: SeedDemoMode;
  readonly webDistDir: string;
  readonly redisUrl: string | null;
  readonly bodyLimitBytes: number;
  readonly initialAdmin: { username: string; password: string } | null;
  readonly trustProxy: boolean;
  readonly loginThrottle: Readonly<LoginThrottlePolicy>;
  readonly corsOrigins: string[];
  readonly catalogImport: Readonly<CatalogImportLimits>;
  readonly notifications: Readonly<NotificationSettings>;
  readonly operations: Readonly<OperationsSettings>;
  /** Set when no JWT_SECRET was configured and a generated one is in use. */
  readonly jwtSecretSource: 'env' | 'override' | 'generated';

  private constructor(values: AppConfigValues, jwtSecretSource: AppConfig['jwtSecretSource']) {
    this.nodeEnv = values.nodeEnv;
    this.dbUrl = values.dbUrl;
    this.port = values.port;
    this.host = values.host;
    this.jwtSecret = values.jwtSecret;
    this.accessTokenTtlSeconds = values.accessTokenTtlSeconds;
    this.refreshTokenTtlSeconds = values.refreshTokenTtlSeconds;
    this.timeZone = values.timeZone;
    this.uploadDir = values.uploadDir;
    this.uploadMaxBytes = values.uploadMaxBytes;
    this.uploadAllowedTypes = Object.freeze([...values.uploadAllowedTypes]);
    this.seedDemo = values.seedDemo;
    this.webDistDir = values.webDistDir;
    this.redisUrl = values.redisUrl;
    this.bodyLimitBytes = values.bodyLimitBytes;
    this.initialAdmin = values.initialAdmin;
    this.trustProxy = values.trustProxy;
    this.loginThrottle = Object.freeze({ ...values.loginThrottle });
    this.corsOrigins = [...values.corsOrigins];
    this.catalogImport = Object.freeze({ ...values.catalogImport });
    this.notifications = Object.freeze({ ...values.notifications });
    this.operations = Object.freeze({ ...values.operations, metricsAllow: Object.freeze([...values.operations.metricsAllow]) });
    this.jwtSecretSource = jwtSecretSource;
    Object.freeze(this);
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  get engine(): 'sqlite' | 'mysql' {
    return this.dbUrl.startsWith('sqlite:') ? 'sqlite' : 'mysql';
  }

  /** The SQLite file (absolute), or null on MariaDB/MySQL. */
  get sqliteFile(): string | null {
    return sqliteFileOf(this.dbUrl);
  }

  /** From the process environment, with optional overrides on top (overrides win). */
  static fromEnv(env: Env = process.env, overrides: Partial<AppConfigValues> = {}): AppConfig {
    const problems: string[] = [];
    const nodeEnv = overrides.nodeEnv ?? env.NODE_ENV ?? 'development';
    const dbUrl = overrides.dbUrl ?? nonEmpty(env.DB_URL) ?? 'sqlite:./data/ims.sqlite';
    if (!/^(sqlite:.+|mysql:\/\/.+|mariadb:\/\/.+)$/.test(dbUrl)) {
      problems.push(`DB_URL must be sqlite:<file>, mysql://… or mariadb://… (got "${redactUrl(dbUrl)}")`);
    }
    const port = overrides.port ?? intFrom(env.PORT, 3000, 'PORT', problems, 0, 65535);
    const host = overrides.host ?? nonEmpty(env.HOST) ?? '0.0.0.0';
    const accessTokenTtlSeconds =
      overrides.accessTokenTtlSeconds ?? intFrom(env.ACCESS_TOKEN_TTL_SECONDS, 900, 'ACCESS_TOKEN_TTL_SECONDS', problems, 10);
    const refreshTokenTtlSeconds =
      overrides.refreshTokenTtlSeconds ??
      intFrom(env.REFRESH_TOKEN_TTL_SECONDS, 14 * 24 * 3600, 'REFRESH_TOKEN_TTL_SECONDS', problems, 60);
    const timeZone = overrides.timeZone ?? nonEmpty(env.TZ_TICKETS) ?? nonEmpty(env.TZ) ?? 'UTC';
    if (!isValidTimeZone(timeZone)) problems.push(`TZ_TICKETS/TZ must be an IANA time zone such as Europe/Berlin (got "${timeZone}")`);
    const uploadDir = resolve(overrides.uploadDir ?? nonEmpty(env.UPLOAD_DIR) ?? join(dataDirOf(dbUrl), 'uploads'));
    const uploadMaxBytes = overrides.uploadMaxBytes ?? intFrom(env.UPLOAD_MAX_BYTES, 10 * 1024 * 1024, 'UPLOAD_MAX_BYTES', problems, 1, 1024 * 1024 * 1024);
    const uploadAllowedTypes = overrides.uploadAllowedTypes ?? allowedTypesFrom(env.UPLOAD_ALLOWED_TYPES, problems);
    // Production never seeds the demo accounts (admin/demo) unless SEED_DEMO=auto asks for it.
    const seedDemoRaw = overrides.seedDemo ?? nonEmpty(env.SEED_DEMO) ?? (nodeEnv === 'production' ? 'never' : 'auto');
    if (seedDemoRaw !== 'auto' && seedDemoRaw !== 'never') problems.push(`SEED_DEMO must be auto or never (got "${seedDemoRaw}")`);
    const seedDemo: SeedDemoMode = seedDemoRaw === 'never' ? 'never' : 'auto';
    const webDistDir = resolve(overrides.webDistDir ?? nonEmpty(env.WEB_DIST_DIR) ?? defaultWebDistDir());
    const redisUrl = overrides.redisUrl !== undefined ? overrides.redisUrl : (nonEmpty(env.REDIS_URL) ?? null);
    if (redisUrl !== null && !/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must start with redis:// or rediss://');
    const bodyLimitBytes = overrides.bodyLimitBytes ?? intFrom(env.BODY_LIMIT_BYTES, 1024 * 1024, 'BODY_LIMIT_BYTES', problems, 1024);
    const trustProxyRaw = nonEmpty(env.TRUST_PROXY)?.toLowerCase();
    if (trustProxyRaw !== undefined && !['true', 'false', '1', '0'].includes(trustProxyRaw)) problems.push('TRUST_PROXY must be true or false');
    const trustProxy = overrides.trustProxy ?? (trustProxyRaw === 'true' || trustProxyRaw === '1');

    const loginThrottle = overrides.loginThrottle ?? loginThrottleFrom(env, problems);
    const corsOrigins = overrides.corsOrigins ?? corsOriginsFrom(env.CORS_ORIGINS, problems);
    const catalogImport = overrides.catalogImport ?? {
      maxFileBytes: intFrom(env.CATALOG_IMPORT_MAX_FILE_BYTES, 10 * 1024 * 1024, 'CATALOG_IMPORT_MAX_FILE_BYTES', problems, 1024),
      maxFiles: intFrom(env.CATALOG_IMPORT_MAX_FILES, 200, 'CATALOG_IMPORT_MAX_FILES', problems, 1, 10_000),
      maxTotalBytes: intFrom(env.CATALOG_IMPORT_MAX_TOTAL_BYTES, 50 * 1024 * 1024, 'CATALOG_IMPORT_MAX_TOTAL_BYTES', problems, 1024),
    };

    const notifications = { ...notificationSettingsFrom(env, port, problems), ...overrides.notifications };
    const operations = { ...operationsSettingsFrom(env, dbUrl, nodeEnv, problems), ...overrides.operations };

    const adminPassword = nonEmpty(env.INITIAL_ADMIN_PASSWORD);
    const adminUsername = nonEmpty(env.INITIAL_ADMIN_USERNAME) ?? 'admin';
    if (adminPassword !== undefined && adminPassword.length < 8) problems.push('INITIAL_ADMIN_PASSWORD must be at least 8 characters');
    if (!/^[A-Za-z0-9._-]{1,30}$/.test(adminUsername)) problems.push('INITIAL_ADMIN_USERNAME must be 1-30 letters, digits, dots, dashes or underscores');
    const initialAdmin =
      overrides.initialAdmin !== undefined ? overrides.initialAdmin : adminPassword !== undefined ? { username: adminUsername, password: adminPassword } : null;

    let jwtSecret = overrides.jwtSecret ?? nonEmpty(env.JWT_SECRET) ?? null;
    let jwtSecretSource: AppConfig['jwtSecretSource'] = overrides.jwtSecret !== undefined ? 'override' : 'env';
    if (jwtSecret !== null && jwtSecret.length < 16) problems.push('JWT_SECRET must be at least 16 characters');
    if (jwtSecret === null && nodeEnv === 'production') {
      problems.push('JWT_SECRET is required when NODE_ENV=production');
    }
    if (problems.length > 0) throw new ConfigError(problems);
    if (jwtSecret === null) {
      jwtSecret = persistedDevSecret(dbUrl);
      jwtSecretSource = 'generated';
    }

    return new AppConfig(
      {
        nodeEnv,
        dbUrl,
        port,
        host,
        jwtSecret,
        accessTokenTtlSeconds,
        refreshTokenTtlSeconds,
        timeZone,
        uploadDir,
        uploadMaxBytes,
        uploadAllowedTypes,
        seedDemo,
        webDistDir,
        redisUrl,
        bodyLimitBytes,
        trustProxy,
        initialAdmin,
        loginThrottle,
        corsOrigins,
        catalogImport,
        notifications,
        operations,
      },
      jwtSecretSource,
    );
  }

  /** Tests: defaults plus overrides, ignoring the process environment entirely. */
  static create(overrides: Partial<AppConfigValues> = {}): AppConfig {
    return AppConfig.fromEnv({}, overrides);
  }
}

/** apps/web/dist, found from apps/api/package.json so it works from src/ (tests) and dist/src/ (build) alike. */
function defaultWebDistDir(): string {
  const apiRoot = findUp(__dirname, 'package.json') ?? process.cwd();
  return resolve(apiRoot, '..', 'web', 'dist');
}

function findUp(start: string, file: string): string | null {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, file))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export function sqliteFileOf(dbUrl: string): string | null {
  if (!dbUrl.startsWith('sqlite:')) return null;
  const path = dbUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
  if (path === ':memory:') return path;
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}

/**
 * Without JWT_SECRET outside production we generate a random secret once and keep it in the data
 * dir (beside the SQLite file; ./data for MariaDB): a fixed default would be a known key anyone could
 * forge tokens with, and a fresh one per boot would log everybody out on every restart.
 */
function persistedDevSecret(dbUrl: string): string {
  const dir = dataDirOf(dbUrl);
  const file = join(dir, DEV_SECRET_FILE);
  try {
    if (existsSync(file)) {
      const stored = readFileSync(file, 'utf8').trim();
      if (stored.length >= 32) return stored;
    }
    mkdirSync(dir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  } catch {
    // Read-only disk: an in-memory secret still works, sessions just do not survive a restart.
    return randomBytes(48).toString('base64url');
  }
}

/** The directory of the SQLite file, or ./data (MariaDB, in-memory SQLite): the dev secret and uploads go there. */
function dataDirOf(dbUrl: string): string {
  const sqliteFile = sqliteFileOf(dbUrl);
  return sqliteFile && sqliteFile !== ':memory:' ? dirname(sqliteFile) : resolve('./data');
}

/** `pdf,png,jpg`: each one of ATTACHMENT_TYPES; jpg and jpeg name the same type, so one brings the other. */
function allowedTypesFrom(raw: string | undefined, problems: string[]): AttachmentType[] {
  const value = nonEmpty(raw);
  if (value === undefined) return [...ATTACHMENT_TYPES];
  const types = new Set<AttachmentType>();
  for (const entry of value.split(',').map((e) => e.trim().toLowerCase().replace(/^\./, '')).filter((e) => e !== '')) {
    if (!isOneOf(ATTACHMENT_TYPES, entry)) {
      problems.push(`UPLOAD_ALLOWED_TYPES must list types out of ${ATTACHMENT_TYPES.join(', ')} (got "${entry}")`);
      continue;
    }
    types.add(entry);
    if (entry === 'jpg' || entry === 'jpeg') types.add('jpg').add('jpeg');
  }
  if (types.size === 0) problems.push('UPLOAD_ALLOWED_TYPES must name at least one type');
  return ATTACHMENT_TYPES.filter((type) => types.has(type));
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function intFrom(raw: string | undefined, fallback: number, name: string, problems: string[], min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const value = nonEmpty(raw);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be an integer between ${min} and ${max} (got "${value}")`);
    return fallback;
  }
  return n;
}

function loginThrottleFrom(env: Env, problems: string[]): LoginThrottlePolicy {
  const d = DEFAULT_LOGIN_THROTTLE;
  const policy: LoginThrottlePolicy = {
    delayAfter: intFrom(env.LOGIN_DELAY_AFTER, d.delayAfter, 'LOGIN_DELAY_AFTER', problems, 1, 1000),
    maxFailures: intFrom(env.LOGIN_MAX_FAILURES, d.maxFailures, 'LOGIN_MAX_FAILURES', problems, 1, 1000),
    ipDelayAfter: intFrom(env.LOGIN_IP_DELAY_AFTER, d.ipDelayAfter, 'LOGIN_IP_DELAY_AFTER', problems, 1, 100_000),
    ipMaxFailures: intFrom(env.LOGIN_IP_MAX_FAILURES, d.ipMaxFailures, 'LOGIN_IP_MAX_FAILURES', problems, 1, 100_000),
    baseDelaySeconds: d.baseDelaySeconds,
    maxDelaySeconds: intFrom(env.LOGIN_MAX_DELAY_SECONDS, d.maxDelaySeconds, 'LOGIN_MAX_DELAY_SECONDS', problems, 1, 3600),
    lockoutSeconds: intFrom(env.LOGIN_LOCKOUT_SECONDS, d.lockoutSeconds, 'LOGIN_LOCKOUT_SECONDS', problems, 1, 7 * 24 * 3600),
  };
  if (policy.delayAfter > policy.maxFailures) problems.push('LOGIN_DELAY_AFTER must not exceed LOGIN_MAX_FAILURES');
  if (policy.ipDelayAfter > policy.ipMaxFailures) problems.push('LOGIN_IP_DELAY_AFTER must not exceed LOGIN_IP_MAX_FAILURES');
  return policy;
}

function notificationSettingsFrom(env: Env, port: number, problems: string[]): NotificationSettings {
  const smtpUrl = nonEmpty(env.SMTP_URL) ?? null;
  if (smtpUrl !== null && !/^smtps?:\/\/[^/]+/.test(smtpUrl)) problems.push(`SMTP_URL must be smtp://host:port or smtps://host:port (got "${redactUrl(smtpUrl)}")`);
  const publicUrl = (nonEmpty(env.PUBLIC_URL) ?? `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(publicUrl)) problems.push(`PUBLIC_URL must be an http(s) address such as https://ims.example.com (got "${publicUrl}")`);
  const worker = nonEmpty(env.NOTIFY_WORKER)?.toLowerCase();
  if (worker !== undefined && !['on', 'off', 'true', 'false', '1', '0'].includes(worker)) problems.push('NOTIFY_WORKER must be on or off');
  return {
    smtpUrl,
    mailFrom: nonEmpty(env.MAIL_FROM) ?? 'BDC IMS <no-reply@localhost>',
    publicUrl,
    workerEnabled: worker === undefined || worker === 'on' || worker === 'true' || worker === '1',
    pollIntervalMs: intFrom(env.NOTIFY_POLL_MS, 5000, 'NOTIFY_POLL_MS', problems, 100, 3_600_000),
    maxAttempts: intFrom(env.NOTIFY_MAX_ATTEMPTS, 8, 'NOTIFY_MAX_ATTEMPTS', problems, 1, 100),
    backoffBaseMs: intFrom(env.NOTIFY_BACKOFF_MS, 30_000, 'NOTIFY_BACKOFF_MS', problems, 10, 3_600_000),
    batchSize: intFrom(env.NOTIFY_BATCH_SIZE, 20, 'NOTIFY_BATCH_SIZE', problems, 1, 500),
    leaseMs: intFrom(env.NOTIFY_LEASE_MS, 120_000, 'NOTIFY_LEASE_MS', problems, 1000, 3_600_000),
  };
}

function operationsSettingsFrom(env: Env, dbUrl: string, nodeEnv: string, problems: string[]): OperationsSettings {
  const logLevelRaw = (nonEmpty(env.LOG_LEVEL) ?? 'info').toLowerCase();
  const logLevel = LOG_LEVELS.find((level) => level === logLevelRaw);
  if (logLevel === undefined) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevelRaw}")`);
  const logFormatRaw = (nonEmpty(env.LOG_FORMAT) ?? 'json').toLowerCase();
  if (logFormatRaw !== 'json' && logFormatRaw !== 'pretty') problems.push(`LOG_FORMAT must be json or pretty (got "${logFormatRaw}")`);
  const cores = availableParallelism();
  const requested = nonEmpty(env.WORKERS) === undefined ? null : intFrom(env.WORKERS, cores, 'WORKERS', problems, 1, 256);
  // SQLite serialises writers on one connection per process: several processes would only fight
  // over the file lock (SQLITE_BUSY), so the embedded database always gets one.
  const sqlite = dbUrl.startsWith('sqlite:');
  const workers = sqlite ? 1 : (requested ?? cores);
  const metricsToken = nonEmpty(env.METRICS_TOKEN) ?? null;
  if (metricsToken !== null && metricsToken.length < 16) problems.push('METRICS_TOKEN must be at least 16 characters');
  const metricsAllow = metricsAllowFrom(env.METRICS_ALLOW, problems);
  const header = nonEmpty(env.WORKER_ID_HEADER)?.toLowerCase();
  if (header !== undefined && !['on', 'off', 'true', 'false', '1', '0'].includes(header)) problems.push('WORKER_ID_HEADER must be on or off');
  return {
    logLevel: logLevel ?? 'info',
    logFormat: logFormatRaw === 'pretty' ? 'pretty' : 'json',
    workers,
    workersRequested: sqlite && requested !== null && requested > 1 ? requested : null,
    metricsToken,
    metricsAllow,
    // A load balancer needs a health-check interval or two to notice; a developer's Ctrl-C should not wait.
    shutdownDrainMs: intFrom(env.SHUTDOWN_DRAIN_MS, nodeEnv === 'production' ? 5000 : 0, 'SHUTDOWN_DRAIN_MS', problems, 0, 600_000),
    workerIdHeader: header === 'on' || header === 'true' || header === '1',
  };
}

/** `10.0.0.0/8, 192.168.1.7, ::1`: addresses or CIDR ranges; `none` lets nobody in without the token. */
function metricsAllowFrom(raw: string | undefined, problems: string[]): string[] {
  const value = nonEmpty(raw);
  if (value === undefined) return [...DEFAULT_METRICS_ALLOW];
  if (value.toLowerCase() === 'none') return [];
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    const [address = '', bits, extra] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !bitsOk || extra !== undefined) problems.push(`METRICS_ALLOW must list IP addresses or CIDR ranges such as 10.0.0.0/8, separated by commas, or none (got "${entry}")`);
  }
  return entries;
}

/** `https://a.example, http://localhost:5173`: each entry must be exactly an origin (no path, no `*`). */
function corsOriginsFrom(raw: string | undefined, problems: string[]): string[] {
  const list = (nonEmpty(raw) ?? '')
    .split(',')
    .map((entry) => entry.trim().replace(/\/$/, ''))
    .filter((entry) => entry.length > 0);
  for (const entry of list) {
    let origin: string | null;
    try {
      origin = new URL(entry).origin;
    } catch {
      origin = null;
    }
    if (origin === null || origin !== entry || !/^https?:/.test(entry)) {
      problems.push(`CORS_ORIGINS must list origins such as https://ims.example.com, separated by commas (got "${entry}")`);
    }
  }
  return list;
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** For messages and logs: never print a password from a URL. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]*)@/, '//$1:***@');
}
