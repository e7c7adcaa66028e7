/**
 * Importing the whole BDC IMS fixture catalog set (../shared/fixtures/bdc-ims/catalog), timed: a first
 * import into an empty catalog and a second, idempotent run (every model compared, nothing written),
 * on SQLite and, when a MariaDB URL is given, on MariaDB. In process, through the same service the CLI
 * and the upload use. Part of `pnpm bench` (run-bench.ts); on its own, after `nest build -b swc`:
 *
 *   node dist/bench/catalog-import-bench.js        # writes bench/results/catalog-import.json, re-renders docs/performance.md
 *
 * Skipped with a note when ../shared is absent.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { createConnection } from 'mysql2/promise';
import { AppModule } from '../src/app.module';
import { AppConfig } from '../src/config/app-config';
import { CatalogImportService } from '../src/inventory/catalog-import/catalog-import.service';
import { readCatalogFolder } from '../src/inventory/catalog-import/folder';
import { machineInfo, workspaceRoot, writePerformanceMd, writeResult, type BenchResult } from './results';

const ROUNDS = Number(process.env.BENCH_CATALOG_ROUNDS ?? 3);

interface Row {
  engine: string;
  files: number;
  models: number;
  skipped: number;
  firstMs: number[];
  secondMs: number[];
}


export const catalogFixtures = (): string => resolve(workspaceRoot(__dirname), '../shared/fixtures/bdc-ims/catalog');

async function timeOnce(dbUrl: string, files: Awaited<ReturnType<typeof readCatalogFolder>>): Promise<{ first: number; second: number; models: number; skipped: number }> {
  const config = AppConfig.create({ dbUrl, seedDemo: 'never', jwtSecret: randomBytes(32).toString('hex') });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
  try {
    const service = app.get(CatalogImportService);
    let started = performance.now();
    const report = await service.run(files, { dryRun: false });
    const first = performance.now() - started;
    started = performance.now();
    const again = await service.run(files, { dryRun: false });
    const second = performance.now() - started;
    if (again.totals.imported !== 0 || again.totals.updated !== 0) throw new Error('the second import changed something');
    return { first, second, models: report.totals.imported, skipped: report.totals.skipped };
  } finally {
    await app.close();
  }
}

/** Rounds of (fresh database, import, import again) per engine. */
export async function measureCatalogImport(mysqlServerUrl: string | null): Promise<Row[] | null> {
  const folder = catalogFixtures();
  if (!existsSync(folder)) return null;
  const files = await readCatalogFolder(folder);
  const rows: Row[] = [];
  const sqlite: Row = { engine: 'SQLite', files: files.length, models: 0, skipped: 0, firstMs: [], secondMs: [] };
  for (let i = 0; i < ROUNDS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-bench-'));
    try {
      const r = await timeOnce(`sqlite:${join(dir, 'bench.sqlite')}`, files);
      sqlite.models = r.models;
      sqlite.skipped = r.skipped;
      sqlite.firstMs.push(r.first);
      sqlite.secondMs.push(r.second);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  rows.push(sqlite);
  if (mysqlServerUrl) {
    const base = mysqlServerUrl.replace(/^mariadb:/, 'mysql:');
    const admin = await createConnection({ uri: base });
    const [[version]] = await admin.query<import('mysql2').RowDataPacket[]>('SELECT VERSION() AS v');
    const maria: Row = { engine: `MariaDB ${String(version?.v ?? '')}`, files: files.length, models: 0, skipped: 0, firstMs: [], secondMs: [] };
    try {
      for (let i = 0; i < ROUNDS; i++) {
        const name = `bdc_catbench_${randomBytes(4).toString('hex')}`;
        await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
        try {
          const url = Object.assign(new URL(base), { pathname: `/${name}` }).toString();
          const r = await timeOnce(url, files);
          maria.models = r.models;
          maria.skipped = r.skipped;
          maria.firstMs.push(r.first);
          maria.secondMs.push(r.second);
        } finally {
          await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
        }
      }
    } finally {
      await admin.end();
    }
    rows.push(maria);
  }
  return rows;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** The catalog-import group's result: a table of its own in the notes (its figures are seconds per run, not request latencies). */
export function catalogImportResult(rows: Row[] | null, command: string): BenchResult {
  const body =
    rows === null
      ? 'Not measured: `../shared/fixtures/bdc-ims/catalog` is absent on this machine.'
      : [
          `Every file of \`../shared/fixtures/bdc-ims/catalog\` (${rows[0]?.files ?? 0} files, ${rows[0]?.models ?? 0} models imported, ${rows[0]?.skipped ?? 0} skipped), through`,
          'CatalogImportService (what `pnpm catalog:import` and `POST /api/catalog/import` run), in process, on a fresh database,',
          `median of ${ROUNDS} rounds. The first run inserts every model in one transaction; the second compares every model`,
          'with what is stored and writes nothing (idempotency).',
          '',
          '| engine | models | first import (s) | second import, unchanged (s) |',
          '|---|---:|---:|---:|',
          ...rows.map((r) => `| ${r.engine} | ${r.models} | ${(median(r.firstMs) / 1000).toFixed(3)} | ${(median(r.secondMs) / 1000).toFixed(3)} |`),
        ].join('\n');
  return {
    group: 'catalog-import',
    title: 'Import the BDC IMS catalog set',
    command,
    measuredAt: new Date().toISOString(),
    machine: machineInfo(rows?.map((r) => r.engine).join(', ') ?? 'none', null),
    rows: [],
    targets: [],
    notes: body,
  };
}

if (require.main === module) {
  void (async () => {
    const rows = await measureCatalogImport(process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL ?? null);
    const path = writeResult(catalogImportResult(rows, 'node apps/api/dist/bench/catalog-import-bench.js'));
    console.log(`wrote ${path} and ${writePerformanceMd()}`);
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
