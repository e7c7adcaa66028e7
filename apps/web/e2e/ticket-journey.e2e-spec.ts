import { expect, test } from '@playwright/test';
import { createAdditionTicket, dialog, expectStatus, login, logout, openTicketFromList, pick, skipWithoutChromium } from './support';

skipWithoutChromium();

test('a spare component goes from request to the server: create, approve, assign, start, deploy, complete', async ({ page }) => {
  const title = `Add spare part ${Date.now()}`;

  // The requester asks for a unit from stock to be added to a server.
  await login(page, 'requester');
  const ticket = await createAdditionTicket(page, title);
  await expectStatus(page, 'Pending');
  // A requester can neither approve nor assign.
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await logout(page);

  // The manager approves and assigns the technician.
  await login(page, 'manager');
  await openTicketFromList(page, title);
  await page.getByRole('button', { name: 'Approve' }).click();
  await dialog(page, 'Approve ticket').getByRole('textbox', { name: 'Comment' }).fill('Approved for the next window.');
  await dialog(page, 'Approve ticket').getByRole('button', { name: 'Approve ticket' }).click();
  await expect(dialog(page, 'Approve ticket')).toHaveCount(0);
  await expectStatus(page, 'Approved');

  await page.getByRole('button', { name: 'Assign', exact: true }).click();
  const assign = dialog(page, 'Assign technician');
  await pick(page, assign.getByRole('combobox', { name: 'Technician' }), /\(tech\)$/);
  await assign.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(assign).toHaveCount(0);
  await expect(page.getByText('Tom Becker').first()).toBeVisible();
  await logout(page);

  // The technician starts, deploys and completes.
  await login(page, 'tech');
  await openTicketFromList(page, title);
  await page.getByRole('button', { name: 'Start work' }).click();
  await dialog(page, 'Start work').getByRole('button', { name: 'Start work' }).click();
  await expectStatus(page, 'In progress');

  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await dialog(page, 'Deploy changes').getByRole('textbox', { name: 'Deployment notes' }).fill('Installed in the first free slot.');
  await dialog(page, 'Deploy changes').getByRole('button', { name: 'Deploy to inventory' }).click();
  await expectStatus(page, 'Deployed');
  await expect(page.getByRole('table', { name: 'Ticket items' }).getByText('Fulfilled', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Complete', exact: true }).click();
  await dialog(page, 'Complete ticket').getByRole('button', { name: 'Mark completed' }).click();
  await expectStatus(page, 'Completed');
  await expect(page.getByRole('toolbar', { name: 'Ticket actions' }).getByRole('button', { name: /Deploy|Complete|Start/ })).toHaveCount(0);

  // The history records every step.
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByText('Changed status from Deployed to Completed')).toBeVisible();

  // The server now lists the new unit.
  await page.getByRole('link', { name: ticket.serverName.split(' (')[0] ?? ticket.serverName }).first().click();
  const installed = page.getByRole('table', { name: 'Installed components' });
  await expect(installed).toBeVisible();
  const row = installed.getByRole('row').filter({ hasText: ticket.serial });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(ticket.model);
});
