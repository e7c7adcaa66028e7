import { expect, test } from '@playwright/test';
import { dialog, login, skipWithoutChromium } from './support';

skipWithoutChromium();

test('a user creates an API token in the browser, a script uses it, and revoking it stops the script', async ({ page, request }) => {
  const name = `inventory script ${Date.now()}`;
  await login(page, 'requester');
  await page.getByRole('button', { name: /^User menu for/ }).click();
  await page.getByRole('menuitem', { name: 'API tokens' }).click();
  await expect(page.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();

  const form = page.getByRole('form', { name: 'Create an API token' });
  await form.getByRole('textbox', { name: 'Name' }).fill(name);
  await form.getByRole('textbox', { name: 'Expires in (days)' }).fill('7');
  await form.getByRole('radio', { name: 'Only the permissions I choose' }).check();
  // Read-only scope: the token may list tickets but not file them, though the requester could.
  await form.getByRole('checkbox', { name: 'ticket.view_own' }).check();
  await form.getByRole('button', { name: 'Create token' }).click();

  await expect(page.getByText(/you will not see it again/i)).toBeVisible();
  const token = await page.getByRole('textbox', { name: 'Your new API token' }).inputValue();
  expect(token).toMatch(/^bdcpat_\d+_[A-Za-z0-9_-]{43}$/);
  const table = page.getByRole('table', { name: 'API tokens' });
  const row = table.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Active');
  await expect(row).toContainText('ticket.view_own');
  await page.getByRole('button', { name: 'I have stored it' }).click();
  await expect(page.getByRole('textbox', { name: 'Your new API token' })).toHaveCount(0);

  // The script: nothing but the token, as a Bearer header.
  const script = { headers: { authorization: `Bearer ${token}` } };
  const list = await request.get('/api/tickets', script);
  expect(list.status(), await list.text()).toBe(200);
  const refused = await request.post('/api/tickets', { ...script, data: { title: 'From a read-only token' } });
  expect(refused.status()).toBe(403);

  // The page shows the use once it is reloaded.
  await page.reload();
  await expect(table.getByRole('row').filter({ hasText: name })).not.toContainText('Never');

  await table.getByRole('row').filter({ hasText: name }).getByRole('button', { name: `Revoke token ${name}` }).click();
  const confirm = dialog(page, 'Revoke API token');
  await expect(confirm.getByText(/refused from now on/)).toBeVisible();
  await confirm.getByRole('button', { name: 'Revoke token' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(table.getByRole('row').filter({ hasText: name })).toContainText('Revoked');

  const after = await request.get('/api/tickets', script);
  expect(after.status()).toBe(401);
  expect(((await after.json()) as { code: string }).code).toBe('TOKEN_INVALID');
});
