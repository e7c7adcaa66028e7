import 'reflect-metadata';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { SingleBar } from 'cli-progress';
import { AppModule } from '../app.module';
import { ConfigError, redactUrl } from '../config/app-config';
import { cliConfig } from './cli-config';
import { CatalogImportService } from '../inventory/catalog-import/catalog-import.service';
import { readCatalogFolder } from '../inventory/catalog-import/folder';
import { formatImportReport } from '../inventory/catalog-import/report-table';

const USAGE = 'Usage: pnpm catalog:import <folder> [--dry-run]\n  <folder>: a BDC IMS catalog folder (e.g. cpu-jsons/, motherboad-jsons/, … or the folder holding them)';

/**
 * `pnpm catalog:import <folder> [--dry-run]`: imports the BDC IMS JSON catalogs under <folder> into
 * the database of DB_URL (migrated first, like the app at boot), in one transaction, with a
 * progress bar and the report as a table. A second run reports 0 imported, 0 updated.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const dryRun = args.includes('--dry-run');
  const folders = args.filter((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--dry-run');
  if (folders.length !== 1 || unknown.length > 0 || args.includes('--help')) {
    console.error(USAGE);
    process.exit(2);
  }
  // pnpm runs the script in apps/api; a relative folder means where the user typed the command.
  const folder = resolve(process.env.INIT_CWD ?? process.cwd(), folders[0] ?? '.');
  const config = cliConfig();
  const files = await readCatalogFolder(folder);
  console.log(`${files.length} JSON file(s) under ${folder} → ${redactUrl(config.dbUrl)}${dryRun ? ' (dry run)' : ''}`);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  const bar = new SingleBar({ format: 'Importing [{bar}] {value}/{total} models', hideCursor: true, noTTYOutput: true, notTTYSchedule: 1000 });
  let started = false;
  try {
    const report = await app.get(CatalogImportService).run(files, {
      dryRun,
      onProgress: (done, total) => {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else bar.update(done);
      },
    });
    if (started) bar.stop();
    console.log(`\n${formatImportReport(report)}`);
  } finally {
    if (started) bar.stop();
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
});
