import { rmSync } from 'node:fs';

/** Removes the run's SQLite database (and its WAL files) when playwright.config.ts generated it. */
export default function globalTeardown(): void {
  const file = process.env.E2E_DB_FILE;
  if (!file || process.env.E2E_DB_GENERATED !== '1' || process.env.E2E_KEEP_DB) return;
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}
