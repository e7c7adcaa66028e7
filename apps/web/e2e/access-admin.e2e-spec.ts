import { expect, test } from '@playwright/test';
import { apiCreateAdditionTicket, apiLogin, dialog, login, logout, nav, skipWithoutChromium } from './support';

skipWithoutChromium();

test('an admin creates a role and a user with it; the user sees exactly what the grant allows', async ({ page, request }) => {
  const stamp = Date.now().toString(36);
  const roleName = `auditors_${stamp}`;
  const username = `auditor.${stamp}`;
  const password = 'amber-lantern-river';
  // Someone else's ticket: the auditor must see it (ticket.view_all) and may comment on it.
  const ticket = await apiCreateAdditionTicket(request, await apiLogin(request, 'requester'), `Audited change ${stamp}`);

  await login(page, 'admin');
  await nav(page).getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByRole('heading', { name: 'Roles', level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Roles' }).getByRole('row').filter({ hasText: 'Full control over ticketing' })).toContainText('Built-in');

  await page.getByRole('button', { name: 'New role' }).click();
  const roleDialog = dialog(page, 'New role');
  await roleDialog.getByRole('textbox', { name: 'Name', exact: true }).fill(roleName);
  await roleDialog.getByRole('textbox', { name: 'Display name' }).fill('Auditors');
  await roleDialog.getByRole('textbox', { name: 'Description' }).fill('Read every ticket and comment on it');
  const tickets = roleDialog.getByRole('group', { name: 'Change tickets' });
  await tickets.getByRole('checkbox', { name: 'View All Tickets (ticket.view_all)' }).check();
  await tickets.getByRole('checkbox', { name: 'Comment on Tickets (ticket.comment)' }).check();
  await page.screenshot({ path: 'test-results/access-admin-new-role.png' });
  await roleDialog.getByRole('button', { name: 'Create role' }).click();
  await expect(roleDialog).toHaveCount(0);
  const roleRow = page.getByRole('table', { name: 'Roles' }).getByRole('row').filter({ hasText: roleName });
  await expect(roleRow).toContainText('ticket.comment, ticket.view_all');

  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'New user' }).click();
  const userDialog = dialog(page, 'New user');
  await userDialog.getByRole('textbox', { name: 'Username', exact: true }).fill(username);
  await userDialog.getByRole('textbox', { name: 'First name' }).fill('Audra');
  await userDialog.getByRole('textbox', { name: 'Last name' }).fill('Auditor');
  await userDialog.getByRole('textbox', { name: 'Email' }).fill(`${username}@example.test`);
  await userDialog.getByLabel('Initial password').fill(password);
  await userDialog.getByRole('combobox', { name: 'Roles' }).click();
  await page.getByRole('option', { name: `Auditors (${roleName})` }).click();
  await page.keyboard.press('Escape');
  await userDialog.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('heading', { name: `Audra Auditor (${username})`, level: 1 })).toBeVisible();
  await expect(page.getByText(`Roles: ${roleName}`)).toBeVisible();
  await page.screenshot({ path: 'test-results/access-admin-new-user.png', fullPage: true });
  await logout(page);

  await login(page, username, password);
  await nav(page).getByRole('link', { name: 'Tickets', exact: true }).click();
  // Every ticket, as for an administrator; no New ticket, no inventory or administration.
  const adminTotal = ((await (await request.get('/api/tickets', { headers: { authorization: `Bearer ${await apiLogin(request, 'admin')}` } })).json()) as { total: number }).total;
  await expect(page.getByText(new RegExp(`^${adminTotal} tickets? · page 1`))).toBeVisible();
  await expect(page.getByRole('link', { name: 'New ticket' })).toHaveCount(0);
  for (const name of ['New ticket', 'Servers', 'Catalog', 'Stock', 'Administration']) await expect(nav(page).getByRole('link', { name })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/access-admin-auditor.png', fullPage: true });

  await page.getByRole('textbox', { name: 'Search' }).fill(ticket.title);
  // Once the search has applied (one row left), the list no longer re-renders under the click.
  const rows = page.getByRole('table', { name: 'Tickets' }).getByRole('row');
  await expect(rows).toHaveCount(2);
  await rows.filter({ hasText: ticket.title }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: ticket.title, level: 1 })).toBeVisible();
  const comments = page.getByRole('region', { name: 'Comments' });
  await comments.getByRole('textbox', { name: 'Add a comment' }).fill('Checked for the quarterly audit.');
  await comments.getByRole('button', { name: 'Post comment' }).click();
  await expect(comments.getByRole('article', { name: /^Comment by / })).toContainText('Checked for the quarterly audit.');

  // What the SPA does not offer, the API refuses.
  const auditorToken = await apiLogin(request, username, password);
  const create = await request.post('/api/tickets', { headers: { authorization: `Bearer ${auditorToken}` }, data: { title: 'Not allowed' } });
  expect(create.status()).toBe(403);
  expect((await request.get('/api/roles', { headers: { authorization: `Bearer ${auditorToken}` } })).status()).toBe(403);
});
