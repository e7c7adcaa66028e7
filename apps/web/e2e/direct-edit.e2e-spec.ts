import { expect, test } from '@playwright/test';
import type { ServerDetail } from '@bdc/contracts';
import { apiLogin, dialog, login, nav, pick, skipWithoutChromium } from './support';

skipWithoutChromium();

test('an admin adds a chassis to a new server by direct edit, sees it in the build and the history, and takes it out again', async ({ page, request }) => {
  const name = `e2e-direct-${Date.now().toString(36)}`;
  const token = await apiLogin(request, 'admin');
  const created = await request.post('/api/servers', { headers: { Authorization: `Bearer ${token}` }, data: { name } });
  expect(created.status()).toBe(201);
  const server = (await created.json()) as ServerDetail;

  await login(page, 'admin');
  await nav(page).getByRole('link', { name: 'Servers' }).click();
  await page.goto(`/servers/${server.uuid}`);
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Add component' }).click();
  const add = dialog(page, `Add a component to ${name}`);
  await pick(page, add.getByRole('combobox', { name: 'Component type' }), 'Chassis');
  // Models that do not fit are listed but disabled, each with its reason.
  const chosen = await pick(page, add.getByRole('combobox', { name: /^Unit/ }), /Fits|·/);
  await add.getByRole('textbox', { name: /^Note/ }).fill('racked for the e2e journey');
  await page.screenshot({ path: 'test-results/direct-edit-dialog.png' });
  await add.getByRole('button', { name: 'Add component' }).click();
  await expect(add).toBeHidden();

  const model = chosen.split(' · ')[0] ?? chosen;
  const build = page.getByRole('table', { name: 'Build by slot' });
  await expect(build).toContainText(model);
  const historyTable = page.getByRole('table', { name: 'Server history' });
  await expect(historyTable.getByRole('row').nth(1)).toContainText('Came in');
  await expect(historyTable.getByRole('row').nth(1)).toContainText('Direct edit');
  await page.screenshot({ path: 'test-results/direct-edit-server.png', fullPage: true });

  await page.getByRole('table', { name: 'Installed components' }).getByRole('button', { name: /^Remove/ }).click();
  const remove = dialog(page, `Remove from ${name}`);
  await remove.getByRole('radio', { name: 'Back to stock' }).check();
  await remove.getByRole('button', { name: 'Remove' }).click();
  await expect(remove).toBeHidden();
  await expect(page.getByText('Nothing is installed.')).toBeVisible();
  await expect(historyTable.getByRole('row').nth(1)).toContainText('Went out');
});
