import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { catalogFiles, MODELS } from './empty-database-catalog';
import { dialog, expectStatus, login, logout, nav, pick, skipWithoutChromium } from './support';

skipWithoutChromium();

/*
 * Issue 6: a new install starts without demo data. The shared server of playwright.config.ts is seeded
 * with the demo, so this story starts its own API on a fresh SQLite file with SEED_DEMO=never and the
 * first administrator from INITIAL_ADMIN_PASSWORD, on E2E_PORT + 100 (clear of the ports parallel runs use).
 */
const API_DIR = fileURLToPath(new URL('../../api', import.meta.url));
const PORT = Number(process.env.E2E_EMPTY_DB_PORT ?? Number(process.env.E2E_PORT ?? 3199) + 100);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const DB_FILE = join(tmpdir(), `bdc-e2e-empty-${Date.now()}-${process.pid}.sqlite`);
const ADMIN = { username: 'admin', password: 'first-admin-password' };

test.use({ baseURL: BASE_URL });
test.describe.configure({ mode: 'serial' });

let api: ChildProcess | undefined;
let apiErrors = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  api = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: API_DIR,
    env: {
      ...process.env,
      DB_URL: `sqlite:${DB_FILE}`,
      PORT: String(PORT),
      SEED_DEMO: 'never',
      INITIAL_ADMIN_USERNAME: ADMIN.username,
      INITIAL_ADMIN_PASSWORD: ADMIN.password,
      JWT_SECRET: 'e2e-only-jwt-secret-not-for-production',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  api.stderr?.on('data', (chunk: Buffer) => (apiErrors += chunk.toString()));
  const deadline = Date.now() + 100_000;
  for (;;) {
    if (api.exitCode !== null) throw new Error(`The API exited (${api.exitCode}): ${apiErrors}`);
    const up = await fetch(`${BASE_URL}/api/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) throw new Error(`The API did not start on ${BASE_URL}: ${apiErrors}`);
    await new Promise((r) => setTimeout(r, 500));
  }
});

test.afterAll(async () => {
  if (api && api.exitCode === null) {
    const exited = new Promise((r) => api?.once('exit', r));
    api.kill('SIGTERM');
    await exited;
  }
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(DB_FILE + suffix, { force: true });
});

interface Person {
  username: string;
  password: string;
  firstName: string;
  lastName: string;
  /** The role's option in the "Roles" picker: display name and name. */
  role: string;
}

// Nobody approves their own ticket and technicians see only what they are assigned: the story needs
// a requester, a manager and a technician besides the first administrator, who creates them.
const REQUESTER: Person = { username: 'rita', password: 'requester-password-1', firstName: 'Rita', lastName: 'Requester', role: 'Viewer (viewer)' };
const MANAGER: Person = { username: 'mara', password: 'manager-password-1', firstName: 'Mara', lastName: 'Manager', role: 'Manager (manager)' };
const TECHNICIAN: Person = { username: 'theo', password: 'technician-password-1', firstName: 'Theo', lastName: 'Technician', role: 'Technician (technician)' };

/** Administration → Users → New user, as the first administrator. */
async function createUser(page: Page, person: Person): Promise<void> {
  await nav(page).getByRole('link', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'New user' }).click();
  const form = dialog(page, 'New user');
  await form.getByRole('textbox', { name: 'Username', exact: true }).fill(person.username);
  await form.getByRole('textbox', { name: 'First name' }).fill(person.firstName);
  await form.getByRole('textbox', { name: 'Last name' }).fill(person.lastName);
  await form.getByRole('textbox', { name: 'Email' }).fill(`${person.username}@example.test`);
  await form.getByLabel('Initial password').fill(person.password);
  await form.getByRole('combobox', { name: 'Roles' }).click();
  await page.getByRole('option', { name: person.role }).click();
  await page.keyboard.press('Escape');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('heading', { name: `${person.firstName} ${person.lastName} (${person.username})`, level: 1 })).toBeVisible();
  await expect(page.getByText(`Roles: ${person.role.replace(/^.*\((.+)\)$/, '$1')}`)).toBeVisible();
}

async function receive(page: Page, type: string, model: string, serials: string[]): Promise<void> {
  await nav(page).getByRole('link', { name: 'Stock', exact: true }).click();
  await page.getByRole('button', { name: 'Receive units' }).click();
  const form = page.getByRole('form', { name: 'Receive units' });
  await pick(page, form.getByRole('combobox', { name: 'Component type' }), type);
  await pick(page, form.getByRole('combobox', { name: 'Model' }), model);
  await form.getByRole('textbox', { name: 'Serial numbers' }).fill(serials.join('\n'));
  await form.getByRole('button', { name: `Receive ${serials.length} unit${serials.length === 1 ? '' : 's'}` }).click();
  await expect(form).toHaveCount(0);
}

/**
 * Picks an option of a Mantine select, retrying: the build-aware lists are re-asked of the API whenever
 * another row changes, so a list may still be loading, or be re-rendered while it opens.
 */
async function choose(page: Page, combobox: Locator, option: RegExp): Promise<void> {
  await expect(async () => {
    await combobox.click();
    await page.getByRole('option', { name: option }).first().click({ timeout: 3_000 });
    await expect(combobox).toHaveValue(option, { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
}

const startsWith = (text: string) => new RegExp(`^${text.replace(/[.+()]/g, '\\$&')}`);

async function addItem(page: Page, index: number, type: string, model: string, serial?: string): Promise<void> {
  if (index > 0) await page.getByRole('button', { name: 'Add item' }).click();
  const item = page.getByRole('group', { name: `Item ${index + 1}` });
  await choose(page, item.getByRole('combobox', { name: 'Component type' }), startsWith(type));
  await choose(page, item.getByRole('combobox', { name: 'Model' }), startsWith(`${model} — `));
  if (serial) await choose(page, item.getByRole('combobox', { name: 'Serial number (optional)' }), startsWith(serial));
}

test('from an empty database: first admin, catalog import, stock, a new server built through a ticket', async ({ page }) => {
  // Long: the whole install, from an empty catalog to a deployed build, on one worker.
  test.setTimeout(480_000);
  await login(page, ADMIN.username, ADMIN.password);
  await nav(page).getByRole('link', { name: 'Tickets', exact: true }).click();
  await expect(page.getByText('No tickets found')).toBeVisible();

  // The catalog is empty until a BDC IMS catalog is imported: dry run first, then the import.
  await nav(page).getByRole('link', { name: 'Catalog', exact: true }).click();
  await expect(page.getByText('No models found')).toBeVisible();
  await page.getByRole('link', { name: 'Import' }).or(page.getByRole('button', { name: 'Import' })).first().click();
  await page.getByRole('button', { name: 'Choose files' }).or(page.getByLabel('Catalog files')).first().waitFor();
  await page.locator('input[type=file]').setInputFiles(catalogFiles());
  await page.getByRole('button', { name: 'Dry run' }).click();
  await expect(page.getByText(/Dry run: nothing was written\. 6 files read; 6 to import/)).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/6 imported, 0 updated/)).toBeVisible();

  // Stock: units received by serial.
  await receive(page, 'Chassis', MODELS.chassis.label, ['E2E-CH-1']);
  await receive(page, 'Motherboard', MODELS.motherboard.label, ['E2E-MB-1']);
  await receive(page, 'CPU', MODELS.cpu.label, ['E2E-CPU-1', 'E2E-CPU-2']);
  await receive(page, 'Memory', MODELS.ram.label, ['E2E-RAM-1', 'E2E-RAM-2', 'E2E-RAM-3', 'E2E-RAM-4']);
  await receive(page, 'Storage', MODELS.storage.label, ['E2E-SSD-1', 'E2E-SSD-2']);
  await receive(page, 'Caddy', MODELS.caddy.label, ['E2E-CAD-1', 'E2E-CAD-2']);
  await expect(page.getByText('12 units')).toBeVisible();

  // A new, empty server.
  const serverName = 'e2e-empty-db-01';
  await nav(page).getByRole('link', { name: 'Servers', exact: true }).click();
  await page.getByRole('button', { name: 'New server' }).click();
  await page.getByRole('dialog').getByRole('textbox', { name: 'Name' }).fill(serverName);
  await page.getByRole('dialog').getByRole('button', { name: /Create|Save/ }).click();
  await expect(page.getByRole('heading', { name: serverName, level: 1 })).toBeVisible();

  // The people who request, approve and carry out changes: created by the first administrator.
  for (const person of [REQUESTER, MANAGER, TECHNICIAN]) await createUser(page, person);
  await page.screenshot({ path: 'test-results/empty-db-users.png', fullPage: true });
  await logout(page);

  // The requester asks for the build, as one ticket: every part picked from the build-aware pickers.
  const title = 'Build e2e-empty-db-01';
  await login(page, REQUESTER.username, REQUESTER.password);
  await nav(page).getByRole('link', { name: 'New ticket' }).click();
  await page.getByRole('textbox', { name: 'Title' }).fill(title);
  await page.getByRole('textbox', { name: 'Description' }).fill('First build of a new server from fresh stock.');
  await pick(page, page.getByRole('combobox', { name: 'Server' }), new RegExp(`^${serverName}`));
  await addItem(page, 0, 'Chassis', MODELS.chassis.label, 'E2E-CH-1');
  await addItem(page, 1, 'Motherboard', MODELS.motherboard.label, 'E2E-MB-1');
  await addItem(page, 2, 'CPU', MODELS.cpu.label);
  await addItem(page, 3, 'Memory', MODELS.ram.label);
  await addItem(page, 4, 'Storage', MODELS.storage.label, 'E2E-SSD-1');
  await addItem(page, 5, 'Caddy', MODELS.caddy.label);
  await page.getByRole('button', { name: 'Check items' }).click();
  await expect(page.getByText('All items are valid.')).toBeVisible();
  // The item rows with the projected build beside them (wide) and stacked (a phone).
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/empty-db-form-${width}.png`, fullPage: true });
    await page.getByRole('group', { name: 'Item 2' }).screenshot({ path: `test-results/empty-db-item-${width}.png` });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  await expectStatus(page, 'Pending');
  const ticketUrl = page.url();
  // A requester neither approves nor assigns.
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await logout(page);

  // The manager approves and assigns the technician.
  await login(page, MANAGER.username, MANAGER.password);
  await page.goto(ticketUrl);
  await page.getByRole('button', { name: 'Approve' }).click();
  await dialog(page, 'Approve ticket').getByRole('button', { name: 'Approve ticket' }).click();
  await expectStatus(page, 'Approved');
  await page.getByRole('button', { name: 'Assign', exact: true }).click();
  const assign = dialog(page, 'Assign technician');
  await pick(page, assign.getByRole('combobox', { name: 'Technician' }), `${TECHNICIAN.firstName} ${TECHNICIAN.lastName} (${TECHNICIAN.username})`);
  await assign.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(assign).toHaveCount(0);
  await logout(page);

  // The technician carries the build out: start, deploy with the slot choice, complete.
  await login(page, TECHNICIAN.username, TECHNICIAN.password);
  await page.goto(ticketUrl);
  await page.screenshot({ path: 'test-results/empty-db-approved.png', fullPage: true });
  await page.getByRole('button', { name: 'Start work' }).click();
  await dialog(page, 'Start work').getByRole('button', { name: 'Start work' }).click();
  await expectStatus(page, 'In progress');
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  const deploy = dialog(page, 'Deploy changes');
  // The technician puts the drive in a bay of their choice; the rest go to the next free slot.
  await choose(page, deploy.getByRole('combobox', { name: `Item 5: ${MODELS.storage.label}: slot` }), /^Bay 2\b/);
  await page.screenshot({ path: 'test-results/empty-db-deploy.png', fullPage: true });
  await deploy.getByRole('button', { name: 'Deploy to inventory' }).click();
  await expectStatus(page, 'Deployed');
  await page.getByRole('button', { name: 'Complete', exact: true }).click();
  await dialog(page, 'Complete ticket').getByRole('button', { name: 'Mark completed' }).click();
  await expectStatus(page, 'Completed');
  const ticketNumber = (await page.getByText(/^TKT-\d{8}-\d+$/).first().textContent())?.trim() ?? '';
  expect(ticketNumber).not.toBe('');

  // The server page shows the build, the drive in the bay chosen at deploy, and the change in its history.
  await page.getByRole('link', { name: serverName }).first().click();
  await expect(page.getByRole('heading', { name: serverName, level: 1 })).toBeVisible();
  const installed = page.getByRole('table', { name: 'Installed components' });
  for (const serial of ['E2E-CH-1', 'E2E-MB-1', 'E2E-SSD-1']) await expect(installed.getByRole('row').filter({ hasText: serial })).toHaveCount(1);
  await expect(installed.getByRole('row').filter({ hasText: 'E2E-SSD-1' })).toContainText('Bay 2');
  // The caddy, left on automatic, sits with its drive.
  await expect(installed.getByRole('row').filter({ hasText: 'E2E-CAD-1' })).toContainText('Bay 2');
  await expect(installed).toContainText(MODELS.cpu.label);
  const bySlot = page.getByRole('table', { name: 'Build by slot' });
  const slotRow = (slot: string) => bySlot.getByRole('row').filter({ has: page.getByRole('rowheader', { name: slot, exact: true }) });
  await expect(slotRow('Bay 2')).toContainText('E2E-SSD-1');
  await expect(slotRow('Caddy in bay 2')).toContainText('E2E-CAD-1');
  const history = page.getByRole('table', { name: 'Server history' });
  const driveCame = history.getByRole('row').filter({ hasText: 'E2E-SSD-1' });
  await expect(driveCame).toContainText('Came in');
  await expect(driveCame).toContainText('Bay 2');
  await expect(driveCame.getByRole('link', { name: ticketNumber })).toBeVisible();
  await expect(driveCame).toContainText(`${TECHNICIAN.firstName} ${TECHNICIAN.lastName}`);
  // Deploying a build does not change the server's own status: the page says how to.
  await expect(page.getByText(/still a draft/)).toBeVisible();
  await page.screenshot({ path: 'test-results/empty-db-server.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/empty-db-server-390.png', fullPage: true });
});
