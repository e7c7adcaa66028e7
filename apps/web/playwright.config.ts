import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser journeys against the built API (which serves the built SPA): run `pnpm build` first.
 * Debian's Chromium is used as installed; nothing downloads a browser.
 */
const CHROMIUM_PATH = '/usr/bin/chromium';
const PORT = Number(process.env.E2E_PORT ?? 3199);
// A fresh database per run so the journey starts from the demo seed every time. The config is also
// evaluated in worker processes; only the main process starts the web server, so its value is the one used.
const suppliedDbFile = process.env.E2E_DB_FILE;
const dbFile = suppliedDbFile ?? join(tmpdir(), `bdc-e2e-${Date.now()}-${process.pid}.sqlite`);
if (!suppliedDbFile) {
  // Workers and the global teardown inherit these; the teardown deletes only a file generated here.
  process.env.E2E_DB_FILE = dbFile;
  process.env.E2E_DB_GENERATED = '1';
}

// E2E_BASE_URL points the specs at a server that is already running (e.g. while developing); otherwise
// the built API is started here with its own database.
const externalBaseUrl = process.env.E2E_BASE_URL;

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.e2e-spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  globalTeardown: './e2e/global-teardown.ts',
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    baseURL: externalBaseUrl ?? `http://127.0.0.1:${PORT}`,
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1366, height: 900 },
    launchOptions: {
      executablePath: existsSync(CHROMIUM_PATH) ? CHROMIUM_PATH : undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: externalBaseUrl
    ? undefined
    : {
        command: 'node ../api/dist/src/main.js',
        url: `http://127.0.0.1:${PORT}/api/health`,
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: 'ignore',
        stderr: 'pipe',
        env: {
          DB_URL: `sqlite:${dbFile}`,
          PORT: String(PORT),
          SEED_DEMO: 'auto',
          // The API refuses secrets shorter than 16 characters.
          JWT_SECRET: 'e2e-only-jwt-secret-not-for-production',
          // e2e/notifications starts a capture server there; until it does, mails wait and retry.
          SMTP_URL: `smtp://127.0.0.1:${PORT + 1000}`,
          PUBLIC_URL: `http://127.0.0.1:${PORT}`,
          NOTIFY_POLL_MS: '500',
          NOTIFY_BACKOFF_MS: '500',
        },
      },
});
