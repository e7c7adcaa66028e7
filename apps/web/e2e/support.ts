import { existsSync } from 'node:fs';
import { expect, type APIRequestContext, type Locator, type Page, test } from '@playwright/test';
import type { ComponentType, ComponentUnit, ListResult, Page as ResultPage, ServerSummary, TicketDetail, UserSummary, ValidationReport, WorkflowAction } from '@bdc/contracts';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Call at the top of every spec file: without Debian's Chromium there is nothing to drive. */
export function skipWithoutChromium(): void {
  test.skip(!existsSync(CHROMIUM_PATH), `Chromium not installed at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
}

export function nav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Main navigation' });
}

export async function login(page: Page, username: string, password = 'demo'): Promise<void> {
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'User name' }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The home page after sign-in is My work. Exact: the login page's own heading
  // ("BDC IMS Change Tickets") must not count as signed in.
  await expect(page.getByRole('heading', { name: 'My work', level: 1, exact: true })).toBeVisible();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^User menu for/ }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
}

/** Opens a Mantine select and picks the option matching `option`; returns the picked option's text. */
export async function pick(page: Page, combobox: Locator, option: string | RegExp): Promise<string> {
  await combobox.click();
  const choice = page.getByRole('option', { name: option }).first();
  await expect(choice).toBeVisible();
  const text = (await choice.textContent()) ?? '';
  await choice.click();
  return text.trim();
}

/** The open dialog with this title. */
export function dialog(page: Page, name: string): Locator {
  return page.getByRole('dialog', { name });
}

export async function openTicketFromList(page: Page, title: string): Promise<void> {
  await nav(page).getByRole('link', { name: 'Tickets', exact: true }).click();
  await page.getByRole('textbox', { name: 'Search' }).fill(title);
  const table = page.getByRole('table', { name: 'Tickets' });
  // The searched list, not the one shown while the search runs (a live update may have put the
  // ticket on it too, and the re-render would swallow the click).
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByText(/^1 ticket · page 1 of 1$/)).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: title })).toHaveCount(1);
  await table.getByRole('row').filter({ hasText: title }).getByRole('link').click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
}

export interface CreatedTicket {
  title: string;
  serial: string;
  model: string;
  serverName: string;
  url: string;
}

/**
 * Creates and submits an "add a spare component" ticket through the form. The demo inventory has
 * compatibility rules (sockets, slots), so it tries stocked models on the first server, least
 * constrained component types first, until "Check items" accepts one, and pins one unit by serial.
 */
export async function createAdditionTicket(page: Page, title: string): Promise<CreatedTicket> {
  await nav(page).getByRole('link', { name: 'New ticket' }).click();
  await expect(page.getByRole('heading', { name: 'New ticket', level: 1 })).toBeVisible();
  await page.getByRole('textbox', { name: 'Title' }).fill(title);
  await page.getByRole('textbox', { name: 'Description' }).fill('Spare unit from stock, added through the browser journey.');
  const serverName = await pick(page, page.getByRole('combobox', { name: 'Server' }), /.+/);

  const item = page.getByRole('group', { name: 'Item 1' });
  const typeBox = item.getByRole('combobox', { name: 'Component type' });
  const modelBox = item.getByRole('combobox', { name: 'Model' });
  const serialBox = item.getByRole('combobox', { name: 'Serial number (optional)' });
  const inStock = /— [1-9]\d* available$/;
  const verdict = page.getByText(/^(All items are valid|Some items are not valid)\.$/);

  for (const typeName of ['Storage', 'Network card', 'Memory', 'Caddy', 'PCIe card', 'HBA card', 'CPU']) {
    await pick(page, typeBox, typeName);
    await modelBox.click();
    await expect(page.getByRole('option').first()).toBeVisible();
    const models = (await page.getByRole('option', { name: inStock }).allTextContents()).map((t) => t.trim());
    await page.keyboard.press('Escape');
    for (const modelLabel of models) {
      await pick(page, modelBox, modelLabel);
      const serialLabel = await pick(page, serialBox, /.+/);
      await page.getByRole('button', { name: 'Check items' }).click();
      await expect(verdict).toBeVisible();
      if ((await verdict.textContent()) !== 'All items are valid.') continue;

      await page.getByRole('button', { name: 'Submit', exact: true }).click();
      await expect(page).toHaveURL(/\/tickets\/\d+$/);
      await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
      return {
        title,
        serial: serialLabel.split(' · ')[0] ?? serialLabel,
        model: modelLabel.replace(inStock, '').trim(),
        serverName,
        url: page.url(),
      };
    }
  }
  throw new Error(`No stocked component passes validation on ${serverName}`);
}

export async function expectStatus(page: Page, status: string): Promise<void> {
  const header = page.getByRole('heading', { level: 1 }).locator('xpath=..');
  await expect(header.getByText(status, { exact: true })).toBeVisible();
}

// ---- setup through the API -------------------------------------------------------------------
// The journeys drive the browser for the steps they are about; the steps other journeys already
// take through the UI (creating, approving, assigning) are set up through the REST API to keep them fast.

export async function apiLogin(request: APIRequestContext, username: string, password = 'demo'): Promise<string> {
  const res = await request.post('/api/auth/login', { data: { username, password } });
  expect(res.status(), `login as ${username}`).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function apiJson<T>(request: APIRequestContext, token: string, method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> {
  const res = await request.fetch(url, { method, headers: { authorization: `Bearer ${token}` }, data });
  expect(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

export function apiAct(request: APIRequestContext, token: string, id: number, action: WorkflowAction, body: object = {}): Promise<TicketDetail> {
  return apiJson<TicketDetail>(request, token, 'POST', `/api/tickets/${id}/${action}`, body);
}

/** The id of a user the caller may assign tickets to. */
export async function apiAssigneeId(request: APIRequestContext, token: string, username: string): Promise<number> {
  const assignees = await apiJson<ListResult<UserSummary>>(request, token, 'GET', '/api/users/assignees');
  const user = assignees.items.find((u) => u.username === username);
  if (!user) throw new Error(`${username} is not an assignee`);
  return user.id;
}

export interface ApiTicket {
  id: number;
  title: string;
  serial: string;
  serverName: string;
  serverUuid: string;
}

/**
 * Creates a pending ticket that adds one spare unit, pinned by serial, to a server: the first
 * (server, unit) pair the API's own validation accepts, least constrained component types first.
 */
export async function apiCreateAdditionTicket(request: APIRequestContext, token: string, title: string): Promise<ApiTicket> {
  const servers = await apiJson<ListResult<ServerSummary>>(request, token, 'GET', '/api/servers');
  for (const type of ['storage', 'nic', 'ram', 'caddy'] satisfies ComponentType[]) {
    const spares = await apiJson<ResultPage<ComponentUnit>>(request, token, 'GET', `/api/components?type=${type}&status=available&pageSize=100`);
    const byModel = new Map(spares.items.filter((u) => u.serialNumber && u.serverUuid === null).map((u) => [u.uuid, u]));
    for (const server of servers.items) {
      for (const unit of byModel.values()) {
        const item = { action: 'add', componentType: unit.componentType, componentUuid: unit.uuid, componentSerial: unit.serialNumber, quantity: 1 };
        const report = await apiJson<ValidationReport>(request, token, 'POST', '/api/tickets/validate-items', { targetServerUuid: server.uuid, items: [item] });
        if (!report.valid) continue;
        const ticket = await apiJson<TicketDetail>(request, token, 'POST', '/api/tickets', {
          title,
          description: 'Spare unit from stock, set up through the API for a browser journey.',
          ticketType: 'component_addition',
          priority: 'normal',
          targetServerUuid: server.uuid,
          items: [item],
        });
        return { id: ticket.id, title, serial: unit.serialNumber ?? '', serverName: server.name, serverUuid: server.uuid };
      }
    }
  }
  throw new Error('No spare unit passes validation on any server');
}

/** The history timeline of the open ticket. */
export function historyRegion(page: Page): Locator {
  return page.getByRole('region', { name: 'History' });
}
