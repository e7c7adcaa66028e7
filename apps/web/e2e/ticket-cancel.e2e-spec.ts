import { expect, test } from '@playwright/test';
import { apiCreateAdditionTicket, apiLogin, dialog, expectStatus, historyRegion, login, skipWithoutChromium } from './support';

skipWithoutChromium();

test('a requester cancels their own pending ticket', async ({ page, request }) => {
  const title = `Cancelled request ${Date.now()}`;
  const why = 'Ordered the part through the vendor instead.';
  const ticket = await apiCreateAdditionTicket(request, await apiLogin(request, 'requester'), title);

  await login(page, 'requester');
  await page.goto(`/tickets/${ticket.id}`);
  await expectStatus(page, 'Pending');
  await page.getByRole('button', { name: 'Cancel ticket' }).click();
  const cancel = dialog(page, 'Cancel ticket');
  await expect(cancel.getByText(/cannot be reopened/)).toBeVisible();
  await cancel.getByRole('textbox', { name: 'Comment' }).fill(why);
  await cancel.getByRole('button', { name: 'Cancel ticket' }).click();
  await expect(cancel).toHaveCount(0);

  await expectStatus(page, 'Cancelled');
  // Nothing is left to do with a cancelled ticket but comment on it.
  await expect(page.getByRole('toolbar', { name: 'Ticket actions' })).toHaveCount(0);
  await expect(historyRegion(page).getByText('Changed status from Pending to Cancelled')).toBeVisible();
  await expect(historyRegion(page).getByText(why)).toBeVisible();

  // It stays cancelled after a reload, and the list shows it so.
  await page.reload();
  await expectStatus(page, 'Cancelled');
});
