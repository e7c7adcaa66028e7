import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppConfig, ConfigError, redactUrl, sqliteFileOf } from './app-config';

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
