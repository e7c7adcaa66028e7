import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { AppConfig, ConfigError, redactUrl } from './config/app-config';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/demo-data';
import { prepareDatabase, prepareOptionsFor } from './seed/prepare-database';
import { SWAGGER_UI_PATH } from './common/swagger';

async function main(): Promise<void> {
  const logger = new Logger('Main');
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n${error.message}\n\nSee README.md → Configuration.\n`);
      process.exit(2);
    }
    throw error;
  }
  if (config.jwtSecretSource === 'generated') {
    logger.warn('JWT_SECRET is not set: using a generated secret kept beside the database (set JWT_SECRET in production)');
  }
  if (config.isProduction && config.seedDemo === 'auto') {
    // Only reachable with an explicit SEED_DEMO=auto: the demo accounts have a published password.
    logger.warn(
      '!!! SEED_DEMO=auto in production: an empty database gets the demo accounts (admin/demo and others with the password "demo"). ' +
        'Anyone can sign in as administrator. Use this only for a throwaway demo, never with real data. !!!',
    );
  }
  console.log(`Database ${redactUrl(config.dbUrl)}: connecting and applying migrations…`);

  // Nest's per-module and per-route boot lines drown the summary printed below; warnings stay.
  const app = await createApp({ config, logger: ['warn', 'error'] });
  app.enableShutdownHooks();
  const { demoSeeded, demoUsersPresent, initialAdminCreated } = await prepareDatabase(app, prepareOptionsFor(config));
  await app.listen({ port: config.port, host: config.host });

  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = `http://localhost:${port}`;
  const lines = [
    '',
    '  BDC IMS Change Tickets is running',
    '',
    `  App:      ${base}`,
    `  API docs: ${base}/${SWAGGER_UI_PATH}`,
    `  Health:   ${base}/api/health`,
    `  Database: ${redactUrl(config.dbUrl)}${demoSeeded ? ' (demo data seeded)' : ''}`,
    '',
  ];
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
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error('Failed to start:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
