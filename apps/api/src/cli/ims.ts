import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { MultiBar, Presets } from 'cli-progress';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import type { ProgressListener } from '../bdc-import/context';
import { importBdcIms } from '../bdc-import/importer';
import { formatReport } from '../bdc-import/report';
import { parseImsArgs } from '../bdc-import/cli-args';
import { BdcImsSource } from '../bdc-import/source';
import { ConfigError, redactUrl } from '../config/app-config';
import { cliConfig } from './cli-config';
import { DatabaseService } from '../database/database.service';
import { seedReferenceData } from '../seed/reference-data';
import { InventoryFulfilmentService } from '../ticket-items/inventory-fulfilment.service';

const USAGE = `Usage: pnpm ims import --from mysql://user:pass@host[:port]/database [--dry-run]

Imports a BDC IMS database (read only, never written) into this product's database (DB_URL):
users with their passwords, roles, permissions and grants, server configurations, the nine
inventory tables and, where present, tickets with their items and history. Running it again
changes nothing that has not changed in BDC IMS. See docs/bdc-ims-import.md.`;

/** One bar per table, on stderr and only on a terminal, so the report on stdout stays clean. */
function progressBars(): { listener: ProgressListener | undefined; stop: () => void } {
  if (!process.stderr.isTTY) return { listener: undefined, stop: () => undefined };
  const multi = new MultiBar({ format: ' {table} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: false, stream: process.stderr }, Presets.shades_classic);
  const bars = new Map<string, ReturnType<MultiBar['create']>>();
  let stopped = false;
  return {
    listener: {
      start: (table, total) => bars.set(table, multi.create(Math.max(total, 1), 0, { table: table.padEnd(32) })),
      tick: (table) => bars.get(table)?.increment(),
      stop: (table) => {
        const bar = bars.get(table);
        bar?.update(bar.getTotal());
      },
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      multi.stop();
    },
  };
}

async function main(): Promise<void> {
  const args = parseImsArgs(process.argv.slice(2));
  if ('error' in args) {
    console.error(`${args.error}\n\n${USAGE}`);
    process.exit(2);
  }
  const config = cliConfig();
  if (config.dbUrl.replace(/^mariadb:/, 'mysql:') === args.from.replace(/^mariadb:/, 'mysql:')) {
    throw new ConfigError(['--from names the target database itself (DB_URL)']);
  }
  const source = await BdcImsSource.open(args.from);
  // Migrations run when the context starts, so an empty target is ready for the import.
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  const bars = progressBars();
  try {
    await seedReferenceData(app.get(DataSource));
    const report = await importBdcIms({ db: app.get(DatabaseService), fulfilment: app.get(InventoryFulfilmentService) }, source, { dryRun: args.dryRun, ...(bars.listener ? { progress: bars.listener } : {}) });
    bars.stop();
    console.log(formatReport(report));
    console.log(args.dryRun ? `\nNothing was written to ${redactUrl(config.dbUrl)}.` : `\nImported into ${redactUrl(config.dbUrl)}.`);
  } finally {
    bars.stop();
    await source.close();
    await app.close();
  }
}

main().catch((error: unknown) => {
  // Nothing was written: the import is one transaction, rolled back on any failure.
  // The message says what failed; a stack trace would only bury it.
  console.error(error instanceof Error ? error.message : error);
  console.error('The import was rolled back: nothing was written.');
  process.exit(1);
});
