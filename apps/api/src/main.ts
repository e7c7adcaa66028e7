import 'reflect-metadata';
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger as PinoLogger } from 'pino';
import { createApp } from './app.factory';
import { installGracefulShutdown } from './cluster/graceful-shutdown';
import { WORKER_LISTENING, type WorkerListening } from './cluster/messages';
import { runClusterPrimary } from './cluster/primary';
import { AppConfig, ConfigError, redactUrl } from './config/app-config';
import { createRootLogger, prettyDestination } from './observability/logging';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/demo-data';
import { prepareDatabase, prepareOptionsFor } from './seed/prepare-database';
import { SWAGGER_UI_PATH } from './common/swagger';

type Prepared = Awaited<ReturnType<typeof prepareDatabase>>;

/**
 * One process (WORKERS=1, always on SQLite): migrate, seed, serve. Several (WORKERS=N): this process
 * becomes the cluster primary, migrates and seeds once, then forks N workers that serve the port
 * (cluster/primary.ts). Either way the human summary below is printed once, on stdout; everything
 * else is JSON log lines.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createRootLogger(config.operations.logLevel, config.operations.logFormat === 'pretty' ? prettyDestination() : undefined);
  if (cluster.isWorker) return runWorker(config, log);

  if (config.jwtSecretSource === 'generated') {
    log.warn('JWT_SECRET is not set: using a generated secret kept beside the database (set JWT_SECRET in production)');
  }
  if (config.isProduction && config.seedDemo === 'auto') {
    // Only reachable with an explicit SEED_DEMO=auto: the demo accounts have a published password.
    log.warn(
      '!!! SEED_DEMO=auto in production: an empty database gets the demo accounts (admin/demo and others with the password "demo"). ' +
        'Anyone can sign in as administrator. Use this only for a throwaway demo, never with real data. !!!',
    );
  }
  if (config.operations.workersRequested !== null) {
    log.warn(`WORKERS=${config.operations.workersRequested} ignored: the embedded SQLite database is served by one process (use MariaDB/MySQL for several)`);
  }
  console.log(`Database ${redactUrl(config.dbUrl)}: connecting and applying migrations…`);
  if (config.operations.workers === 1) return runSingleProcess(config, log);
  return runPrimary(config, log);
}

function loadConfig(): AppConfig {
  try {
    return AppConfig.fromEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n${error.message}\n\nSee README.md → Configuration.\n`);
      process.exit(2);
    }
    throw error;
  }
}

async function runSingleProcess(config: AppConfig, log: PinoLogger): Promise<void> {
  const app = await createApp({ config });
  const prepared = await prepareDatabase(app, prepareOptionsFor(config));
  installGracefulShutdown(app, config, log);
  await app.listen({ port: config.port, host: config.host });
  console.log(banner(config, listeningPort(app, config), prepared, 1));
}

/**
 * Migrations (run by the DataSource as it connects) and seeding happen here, once, before any
 * worker exists: N workers racing to create the same tables or demo users would fail or duplicate.
 * This short-lived application sends no email, so nothing is claimed and left behind.
 */
async function runPrimary(config: AppConfig, log: PinoLogger): Promise<void> {
  const preparing = AppConfig.fromEnv(process.env, { jwtSecret: config.jwtSecret, notifications: { ...config.notifications, workerEnabled: false } });
  const app = await createApp({ config: preparing, swagger: false });
  const prepared = await prepareDatabase(app, prepareOptionsFor(config));
  await app.close();
  const workers = config.operations.workers;
  runClusterPrimary({
    workers,
    // A secret generated beside the database (no JWT_SECRET) is read once, here, and handed to every
    // worker: should the data dir be read-only, each would otherwise invent its own and reject the others' tokens.
    env: { JWT_SECRET: config.jwtSecret },
    log,
    stopDeadlineMs: config.operations.shutdownDrainMs + 45_000,
    onFirstListening: (port) => console.log(banner(config, port, prepared, workers)),
  });
}

async function runWorker(config: AppConfig, log: PinoLogger): Promise<void> {
  const app = await createApp({ config, swagger: true });
  installGracefulShutdown(app, config, log);
  await app.listen({ port: config.port, host: config.host });
  process.send?.({ type: WORKER_LISTENING, port: listeningPort(app, config) } satisfies WorkerListening);
}

function listeningPort(app: Awaited<ReturnType<typeof createApp>>, config: AppConfig): number {
  const address = app.getHttpServer().address();
  return typeof address === 'object' && address ? address.port : config.port;
}

function banner(config: AppConfig, port: number, prepared: Prepared, workers: number): string {
  const { demoSeeded, demoUsersPresent, initialAdminCreated } = prepared;
  const base = `http://localhost:${port}`;
  const lines = [
    '',
    '  BDC IMS Change Tickets is running',
    '',
    `  App:      ${base}`,
    `  API docs: ${base}/${SWAGGER_UI_PATH}`,
    `  Health:   ${base}/api/health`,
    `  Database: ${redactUrl(config.dbUrl)}${demoSeeded ? ' (demo data seeded)' : ''}`,
  ];
  if (workers > 1) lines.push(`  Workers:  ${workers} processes (WORKERS)`);
  lines.push('');
  if (!existsSync(join(config.webDistDir, 'index.html'))) {
    lines.push(`  Note: no web build at ${config.webDistDir}; run \`pnpm build\` to serve the app UI.`, '');
  }
  if (initialAdminCreated && config.initialAdmin) {
    lines.push(`  Created the first administrator "${config.initialAdmin.username}" (password from INITIAL_ADMIN_PASSWORD).`, '');
  }
  if (demoUsersPresent) {
    lines.push(`  Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const user of DEMO_USERS) lines.push(`    ${user.username.padEnd(10)} ${user.role}`);
    lines.push('');
  }
  return lines.join('\n');
}

main().catch((error: unknown) => {
  console.error('Failed to start:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
