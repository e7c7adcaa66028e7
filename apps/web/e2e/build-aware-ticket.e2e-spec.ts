import { expect, test } from '@playwright/test';
import { dialog, expectStatus, login, logout, nav, openTicketFromList, pick, skipWithoutChromium } from './support';

skipWithoutChromium();

/**
 * k8s-node-05 (demo seed) is a chassis and an AMD SP5 board (H13SSL-N, one socket) and no CPU: an Intel
 * LGA4677 CPU cannot go in, an AMD EPYC can.
 */
test('a build-aware ticket: incompatible CPU disabled with its reason, projected build, deploy into a chosen slot, server history', async ({ page }) => {
  const title = `Build-aware CPU ${Date.now()}`;

  await login(page, 'requester');
  await nav(page).getByRole('link', { name: 'New ticket' }).click();
  await page.getByRole('textbox', { name: 'Title' }).fill(title);
  await page.getByRole('textbox', { name: 'Description' }).fill('First CPU for the new Kubernetes worker.');
  await pick(page, page.getByRole('combobox', { name: 'Server' }), /^k8s-node-05/);

  const item = page.getByRole('group', { name: 'Item 1' });
  await pick(page, item.getByRole('combobox', { name: 'Component type' }), 'CPU');
  await item.getByRole('combobox', { name: 'Model' }).click();
  // The Intel CPU is offered, disabled, with the reason; the EPYC fits.
  const xeon = page.getByRole('option', { name: /Xeon Gold 6430 — not compatible: .+/ });
  await expect(xeon).toBeVisible();
  await expect(xeon).toHaveAttribute('data-combobox-disabled', 'true');
  await expect(xeon).toContainText(/socket/i);
  const epyc = page.getByRole('option', { name: /EPYC 9124 — [1-9]\d* available/ });
  await expect(epyc).toBeVisible();
  await epyc.click();

  // The live check shows the server after the change: the CPU added in its socket.
  const projected = page.getByRole('region', { name: 'The server after this change' });
  await expect(projected).toBeVisible();
  const added = projected.getByRole('row').filter({ hasText: 'EPYC 9124' });
  await expect(added).toContainText('Added');
  await expect(added).toContainText('CPU1');

  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  await expectStatus(page, 'Pending');
  await logout(page);

  await login(page, 'manager');
  await openTicketFromList(page, title);
  await page.getByRole('button', { name: 'Approve' }).click();
  await dialog(page, 'Approve ticket').getByRole('button', { name: 'Approve ticket' }).click();
  await expect(dialog(page, 'Approve ticket')).toHaveCount(0);
  await expectStatus(page, 'Approved');
  await page.getByRole('button', { name: 'Assign', exact: true }).click();
  const assign = dialog(page, 'Assign technician');
  await pick(page, assign.getByRole('combobox', { name: 'Technician' }), /\(tech\)$/);
  await assign.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(assign).toHaveCount(0);
  await logout(page);

  await login(page, 'tech');
  await openTicketFromList(page, title);
  await page.getByRole('button', { name: 'Start work' }).click();
  await dialog(page, 'Start work').getByRole('button', { name: 'Start work' }).click();
  await expectStatus(page, 'In progress');
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  const deploy = dialog(page, 'Deploy changes');
  await pick(page, deploy.getByRole('combobox', { name: /Item 1: .*EPYC 9124.*: slot/ }), 'CPU1');
  await deploy.getByRole('button', { name: 'Deploy to inventory' }).click();
  await expectStatus(page, 'Deployed');

  // The server page: the unit in that slot, and the change in its history with the ticket.
  const ticketNumber = (await page.getByText(/^TKT-\d{8}-\d{4}$/).first().textContent())?.trim() ?? '';
  await nav(page).getByRole('link', { name: 'Servers' }).click();
  await page.getByRole('link', { name: 'k8s-node-05' }).click();
  const build = page.getByRole('table', { name: 'Build by slot' });
  await expect(build.getByRole('row').filter({ hasText: 'CPU1' })).toContainText('EPYC 9124');
  const history = page.getByRole('table', { name: 'Server history' });
  const change = history.getByRole('row').filter({ hasText: 'EPYC 9124' }).first();
  await expect(change).toContainText('Came in');
  await expect(change).toContainText('CPU1');
  expect(ticketNumber).toMatch(/^TKT-/);
  await expect(change.getByRole('link', { name: ticketNumber })).toBeVisible();
});
