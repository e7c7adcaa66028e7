import { expect, test } from '@playwright/test';
import { apiAct, apiCreateAdditionTicket, apiLogin, dialog, historyRegion, login, nav, pick, skipWithoutChromium } from './support';

skipWithoutChromium();

test("a manager queues a ticket for the technicians; one of them finds it in their queue and claims it", async ({ page, request }) => {
  const title = `Queued change ${Date.now()}`;
  const ticket = await apiCreateAdditionTicket(request, await apiLogin(request, 'requester'), title);
  await apiAct(request, await apiLogin(request, 'manager'), ticket.id, 'approve');

  // The manager puts it in the technician queue from the assign dialog.
  await login(page, 'manager');
  await page.goto(`/tickets/${ticket.id}`);
  await page.getByRole('button', { name: 'Assign', exact: true }).click();
  const assign = dialog(page, 'Assign technician');
  await pick(page, assign.getByRole('combobox', { name: 'Technician or queue' }), 'Technician queue');
  await assign.getByRole('button', { name: 'Assign' }).click();
  await expect(assign).toHaveCount(0);
  await expect(page.getByText('Queue: technician')).toBeVisible();
  await page.getByRole('button', { name: /^User menu for/ }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();

  // A technician sees it under "My queues" and claims it.
  await login(page, 'tech2');
  await nav(page).getByRole('link', { name: 'Tickets', exact: true }).click();
  await pick(page, page.getByRole('combobox', { name: 'Queue' }), 'My queues');
  const table = page.getByRole('table', { name: 'Tickets' });
  await table.getByRole('row').filter({ hasText: title }).getByRole('link').click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start work' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Claim from technician queue' }).click();
  await dialog(page, 'Claim ticket').getByRole('button', { name: 'Claim' }).click();
  await expect(page.getByRole('button', { name: 'Start work' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Claim/ })).toHaveCount(0);
  await expect(historyRegion(page).getByText('Claimed from the technician queue')).toBeVisible();
});
