import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppConfig, ConfigError, DEFAULT_METRICS_ALLOW, redactUrl, sqliteFileOf } from './app-config';
import { MetricsAccess } from '../observability/metrics-access';

describe('AppConfig', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdc-config-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('has the documented defaults', () => {
    const dir = tempDir();
    const config = AppConfig.fromEnv({ UPLOAD_DIR: dir, DB_URL: `sqlite:${dir}/db.sqlite` });
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 14 * 24 * 3600,
      timeZone: 'UTC',
      seedDemo: 'auto',
      redisUrl: null,
      bodyLimitBytes: 1024 * 1024,
      trustProxy: false,
    });
    expect(config.webDistDir).toBe(resolve(__dirname, '../../../web/dist'));
    expect(AppConfig.fromEnv({ JWT_SECRET: 'x'.repeat(32) }).dbUrl).toBe('sqlite:./data/ims.sqlite');
  });

  it('reads the operations settings: one worker per core on MariaDB, always one on SQLite, and refuses bad values by name', () => {
    const secret = { JWT_SECRET: 'x'.repeat(32) };
    const mysql = { ...secret, DB_URL: 'mysql://root@127.0.0.1:3306/ims' };
    expect(AppConfig.fromEnv(mysql).operations).toEqual({
      logLevel: 'info',
      logFormat: 'json',
      workers: availableParallelism(),
      workersRequested: null,
      metricsToken: null,
      metricsAllow: [...DEFAULT_METRICS_ALLOW],
      shutdownDrainMs: 0,
      workerIdHeader: false,
    });
    expect(AppConfig.fromEnv({ ...mysql, NODE_ENV: 'production' }).operations.shutdownDrainMs).toBe(5000);
    expect(AppConfig.fromEnv({ ...mysql, WORKERS: '3', LOG_LEVEL: 'DEBUG', METRICS_ALLOW: '10.0.0.0/8, 192.168.1.7,fd00::/8', METRICS_TOKEN: 't'.repeat(20) }).operations).toMatchObject({
      workers: 3,
      logLevel: 'debug',
      metricsAllow: ['10.0.0.0/8', '192.168.1.7', 'fd00::/8'],
      metricsToken: 't'.repeat(20),
    });
    expect(AppConfig.fromEnv({ ...mysql, METRICS_ALLOW: 'none' }).operations.metricsAllow).toEqual([]);
    // SQLite: one process whatever WORKERS says, and main.ts is told what was asked for (it warns).
    const dir = tempDir();
    expect(AppConfig.fromEnv({ ...secret, DB_URL: `sqlite:${dir}/db.sqlite`, WORKERS: '4' }).operations).toMatchObject({ workers: 1, workersRequested: 4 });
    expect(AppConfig.fromEnv({ ...secret, DB_URL: `sqlite:${dir}/db.sqlite` }).operations).toMatchObject({ workers: 1, workersRequested: null });
    const problems = (env: Record<string, string>) => {
      try {
        AppConfig.fromEnv({ ...mysql, ...env });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ WORKERS: '0' })).toEqual([expect.stringContaining('WORKERS')]);
    expect(problems({ WORKERS: 'many' })).toEqual([expect.stringContaining('WORKERS')]);
    expect(problems({ LOG_LEVEL: 'loud' })).toEqual([expect.stringContaining('LOG_LEVEL')]);
    expect(problems({ LOG_FORMAT: 'xml' })).toEqual([expect.stringContaining('LOG_FORMAT')]);
    expect(AppConfig.fromEnv({ ...mysql, LOG_FORMAT: 'Pretty' }).operations.logFormat).toBe('pretty');
    expect(problems({ METRICS_TOKEN: 'short' })).toEqual([expect.stringContaining('METRICS_TOKEN')]);
    for (const bad of ['10.0.0.0/33', 'example.com', '10.0.0.1/8/2', '::1/129']) expect([bad, problems({ METRICS_ALLOW: bad })]).toEqual([bad, [expect.stringContaining('METRICS_ALLOW')]]);
    expect(problems({ SHUTDOWN_DRAIN_MS: '-1' })).toEqual([expect.stringContaining('SHUTDOWN_DRAIN_MS')]);
  });

  it('metrics access: the token (exactly) or an address in a listed range', () => {
    const access = new MetricsAccess({ metricsToken: 'k'.repeat(24), metricsAllow: ['10.0.0.0/8', '192.168.1.7', 'fd00::/8'] });
    expect(access.permits('10.200.3.4', undefined)).toBe(true);
    expect(access.permits('::ffff:10.1.1.1', undefined)).toBe(true);
    expect(access.permits('192.168.1.7', undefined)).toBe(true);
    expect(access.permits('192.168.1.8', undefined)).toBe(false);
    expect(access.permits('fd12::1', undefined)).toBe(true);
    expect(access.permits('127.0.0.1', undefined)).toBe(false);
    expect(access.permits('8.8.8.8', `Bearer ${'k'.repeat(24)}`)).toBe(true);
    expect(access.permits('8.8.8.8', `bearer ${'k'.repeat(24)}`)).toBe(true);
    expect(access.permits('8.8.8.8', `Bearer ${'k'.repeat(23)}`)).toBe(false);
    expect(access.permits('8.8.8.8', `Basic ${'k'.repeat(24)}`)).toBe(false);
    expect(access.permits(undefined, undefined)).toBe(false);
    const loopbackOnly = new MetricsAccess({ metricsToken: null, metricsAllow: DEFAULT_METRICS_ALLOW });
    expect([loopbackOnly.permits('127.0.0.1', undefined), loopbackOnly.permits('::1', undefined), loopbackOnly.permits('10.0.0.1', 'Bearer anything')]).toEqual([true, true, false]);
  });

  it('reads the notification settings and refuses bad ones by name', () => {
    const secret = { JWT_SECRET: 'x'.repeat(32) };
    expect(AppConfig.fromEnv(secret).notifications).toMatchObject({ smtpUrl: null, publicUrl: 'http://localhost:3000', workerEnabled: true, pollIntervalMs: 5000, maxAttempts: 8, backoffBaseMs: 30_000 });
    const config = AppConfig.fromEnv({ ...secret, SMTP_URL: 'smtp://mail:secret@mx:587', PUBLIC_URL: 'https://ims.example.com/', NOTIFY_WORKER: 'off', NOTIFY_POLL_MS: '1000' });
    expect(config.notifications).toMatchObject({ smtpUrl: 'smtp://mail:secret@mx:587', publicUrl: 'https://ims.example.com', workerEnabled: false, pollIntervalMs: 1000 });
    const problems = (() => {
      try {
        AppConfig.fromEnv({ ...secret, SMTP_URL: 'http://mail:secret@mx', PUBLIC_URL: 'ims', NOTIFY_WORKER: 'maybe', NOTIFY_MAX_ATTEMPTS: '0' });
        return [];
      } catch (error) {
        return error instanceof ConfigError ? error.problems : [];
      }
    })();
    expect(problems.join('\n')).toMatch(/SMTP_URL must be/);
    expect(problems.join('\n')).not.toContain('secret');
    expect(problems.join('\n')).toMatch(/PUBLIC_URL must be/);
    expect(problems.join('\n')).toMatch(/NOTIFY_WORKER must be on or off/);
    expect(problems.join('\n')).toMatch(/NOTIFY_MAX_ATTEMPTS must be an integer/);
  });

  it('reads the environment, with overrides on top', () => {
    const config = AppConfig.fromEnv(
      { DB_URL: 'mysql://u:p@db:3306/ims', PORT: '8080', JWT_SECRET: 's'.repeat(32), TZ_TICKETS: 'Europe/Berlin', TZ: 'UTC', SEED_DEMO: 'never' },
      { port: 9000 },
    );
    expect(config).toMatchObject({ dbUrl: 'mysql://u:p@db:3306/ims', port: 9000, timeZone: 'Europe/Berlin', seedDemo: 'never', engine: 'mysql' });
    expect(config.jwtSecretSource).toBe('env');
  });

  it('rejects bad values with one readable error listing each problem', () => {
    const attempt = () => AppConfig.fromEnv({ DB_URL: 'postgres://x', PORT: 'eighty', TZ: 'Mars/Olympus', SEED_DEMO: 'sometimes', JWT_SECRET: 'short' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['DB_URL', 'PORT', 'TZ', 'SEED_DEMO', 'JWT_SECRET']) expect(problems).toContain(name);
    }
  });

  it('reads the first administrator, and refuses a short password', () => {
    const secret = { JWT_SECRET: 's'.repeat(32) };
    expect(AppConfig.fromEnv(secret).initialAdmin).toBeNull();
    expect(AppConfig.fromEnv({ ...secret, INITIAL_ADMIN_PASSWORD: 'long enough' }).initialAdmin).toEqual({ username: 'admin', password: 'long enough' });
    expect(AppConfig.fromEnv({ ...secret, INITIAL_ADMIN_PASSWORD: 'long enough', INITIAL_ADMIN_USERNAME: 'ops' }).initialAdmin?.username).toBe('ops');
    expect(() => AppConfig.fromEnv({ ...secret, INITIAL_ADMIN_PASSWORD: 'short' })).toThrow(/INITIAL_ADMIN_PASSWORD/);
  });

  it('seeds demo data by default only outside production; SEED_DEMO=auto still asks for it explicitly', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 's'.repeat(32) };
    expect(AppConfig.fromEnv(production).seedDemo).toBe('never');
    expect(AppConfig.fromEnv({ ...production, SEED_DEMO: 'auto' }).seedDemo).toBe('auto');
    expect(AppConfig.fromEnv({ NODE_ENV: 'development', JWT_SECRET: 's'.repeat(32) }).seedDemo).toBe('auto');
    expect(AppConfig.fromEnv({ NODE_ENV: 'test', JWT_SECRET: 's'.repeat(32), SEED_DEMO: 'never' }).seedDemo).toBe('never');
  });

  it('reads the login throttle limits, with sane defaults, and refuses inconsistent ones', () => {
    const secret = { JWT_SECRET: 's'.repeat(32) };
    expect(AppConfig.fromEnv(secret).loginThrottle).toEqual({
      delayAfter: 5,
      maxFailures: 10,
      ipDelayAfter: 20,
      ipMaxFailures: 100,
      baseDelaySeconds: 1,
      maxDelaySeconds: 60,
      lockoutSeconds: 900,
    });
    const custom = AppConfig.fromEnv({ ...secret, LOGIN_MAX_FAILURES: '6', LOGIN_DELAY_AFTER: '3', LOGIN_LOCKOUT_SECONDS: '60', LOGIN_IP_MAX_FAILURES: '40' });
    expect(custom.loginThrottle).toMatchObject({ maxFailures: 6, delayAfter: 3, lockoutSeconds: 60, ipMaxFailures: 40 });
    expect(() => AppConfig.fromEnv({ ...secret, LOGIN_DELAY_AFTER: '12', LOGIN_MAX_FAILURES: '10' })).toThrow(/LOGIN_DELAY_AFTER/);
    expect(() => AppConfig.fromEnv({ ...secret, LOGIN_MAX_FAILURES: 'many' })).toThrow(/LOGIN_MAX_FAILURES/);
  });

  it('keeps CORS off unless CORS_ORIGINS lists exact origins', () => {
    const secret = { JWT_SECRET: 's'.repeat(32) };
    expect(AppConfig.fromEnv(secret).corsOrigins).toEqual([]);
    expect(AppConfig.fromEnv({ ...secret, CORS_ORIGINS: 'https://ims.example.com, http://localhost:5173/' }).corsOrigins).toEqual([
      'https://ims.example.com',
      'http://localhost:5173',
    ]);
    for (const bad of ['*', 'https://ims.example.com/app', 'ims.example.com', 'ftp://x.example']) {
      expect(() => AppConfig.fromEnv({ ...secret, CORS_ORIGINS: bad }), bad).toThrow(/CORS_ORIGINS/);
    }
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => AppConfig.fromEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
  });

  it('outside production, generates a secret once and keeps it beside the SQLite file', () => {
    const dir = tempDir();
    const env = { DB_URL: `sqlite:${dir}/ims.sqlite` };
    const first = AppConfig.fromEnv(env);
    expect(first.jwtSecretSource).toBe('generated');
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(existsSync(join(dir, '.jwt-secret'))).toBe(true);
    expect(readFileSync(join(dir, '.jwt-secret'), 'utf8').trim()).toBe(first.jwtSecret);
    expect(AppConfig.fromEnv(env).jwtSecret).toBe(first.jwtSecret);
  });

  it('create() ignores process.env', () => {
    expect(AppConfig.create({ jwtSecret: 'k'.repeat(32), port: 1234 }).port).toBe(1234);
    expect(AppConfig.create({ jwtSecret: 'k'.repeat(32) }).port).toBe(3000);
  });

  it('resolves sqlite paths against the working directory and redacts passwords', () => {
    expect(sqliteFileOf('sqlite:./data/x.sqlite')).toBe(resolve(process.cwd(), 'data/x.sqlite'));
    expect(sqliteFileOf('sqlite:/abs/x.sqlite')).toBe('/abs/x.sqlite');
    expect(sqliteFileOf('mysql://h/db')).toBeNull();
    expect(redactUrl('mysql://root:secret@db:3306/ims')).toBe('mysql://root:***@db:3306/ims');
  });
});
