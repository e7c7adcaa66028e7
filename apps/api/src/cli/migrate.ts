import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, redactUrl } from '../config/app-config';
import { cliConfig } from './cli-config';
import { buildDataSourceOptions } from '../database/data-source-options';

/**
 * `pnpm db:migrate` applies pending migrations; `pnpm db:migrate -- --undo` reverts the last one.
 * The app also migrates at boot; this is for deploy pipelines that migrate before rolling out.
 */
async function main(): Promise<void> {
  const config = cliConfig();
  const undo = process.argv.includes('--undo');
  const dataSource = await new DataSource(await buildDataSourceOptions({ dbUrl: config.dbUrl, poolSize: 1 })).initialize();
  try {
    if (undo) {
      await dataSource.undoLastMigration({ transaction: 'all' });
      console.log(`Reverted the last migration on ${redactUrl(config.dbUrl)}`);
      return;
    }
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    console.log(
      applied.length === 0
        ? `${redactUrl(config.dbUrl)}: schema is up to date`
        : `${redactUrl(config.dbUrl)}: applied ${applied.map((m) => m.name).join(', ')}`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
