import { expect, test } from '@playwright/test';
import { apiAct, apiAssigneeId, apiCreateAdditionTicket, apiLogin, dialog, expectStatus, historyRegion, login, skipWithoutChromium } from './support';

skipWithoutChromium();

test('a technician deploys, then rolls the deployment back with a reason: the unit leaves the server', async ({ page, request }) => {
  const title = `Rolled back change ${Date.now()}`;
  const reason = 'The server does not POST with the new part; reverting until the vendor answers.';
  const ticket = await apiCreateAdditionTicket(request, await apiLogin(request, 'requester'), title);
  const manager = await apiLogin(request, 'manager');
  await apiAct(request, manager, ticket.id, 'approve');
  await apiAct(request, manager, ticket.id, 'assign', { assigneeId: await apiAssigneeId(request, manager, 'tech') });

  await login(page, 'tech');
  await page.goto(`/tickets/${ticket.id}`);
  await page.getByRole('button', { name: 'Start work' }).click();
  await dialog(page, 'Start work').getByRole('button', { name: 'Start work' }).click();
  await expectStatus(page, 'In progress');
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await dialog(page, 'Deploy changes').getByRole('button', { name: 'Deploy to inventory' }).click();
  await expectStatus(page, 'Deployed');

  // The server lists the unit now...
  const serverLink = page.getByRole('link', { name: ticket.serverName }).first();
  await serverLink.click();
  const installed = page.getByRole('table', { name: 'Installed components' });
  await expect(installed.getByRole('row').filter({ hasText: ticket.serial })).toHaveCount(1);
  await page.goBack();

  // ...and the rollback needs a reason before it reverts anything.
  await page.getByRole('button', { name: 'Roll back' }).click();
  const rollback = dialog(page, 'Roll back deployment');
  await rollback.getByRole('button', { name: 'Roll back' }).click();
  await expect(rollback.getByText('Reason is required')).toBeVisible();
  await rollback.getByRole('textbox', { name: 'Reason' }).fill(reason);
  await rollback.getByRole('button', { name: 'Roll back' }).click();
  await expect(rollback).toHaveCount(0);
  await expectStatus(page, 'In progress');

  await expect(historyRegion(page).getByText('Changed status from Deployed to In progress')).toBeVisible();
  await expect(historyRegion(page).getByText(reason)).toBeVisible();

  await page.getByRole('link', { name: ticket.serverName }).first().click();
  await expect(page.getByRole('table', { name: 'Installed components' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Installed components' }).getByRole('row').filter({ hasText: ticket.serial })).toHaveCount(0);
});
