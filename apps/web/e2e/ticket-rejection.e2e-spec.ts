import { expect, test } from '@playwright/test';
import { createAdditionTicket, dialog, expectStatus, historyRegion, login, logout, openTicketFromList, skipWithoutChromium } from './support';

skipWithoutChromium();

test('a rejected ticket tells the requester why (the reason is required); they change it and resubmit it for review', async ({ page }) => {
  const title = `Rejected request ${Date.now()}`;
  const reason = 'Budget frozen until next quarter; please resubmit in April.';

  await login(page, 'requester');
  await createAdditionTicket(page, title);
  await logout(page);

  await login(page, 'manager');
  await openTicketFromList(page, title);
  await page.getByRole('button', { name: 'Reject' }).click();
  const reject = dialog(page, 'Reject ticket');
  await reject.getByRole('button', { name: 'Reject ticket' }).click();
  await expect(reject.getByText('Reason is required')).toBeVisible();
  await reject.getByRole('textbox', { name: 'Reason' }).fill(reason);
  await reject.getByRole('button', { name: 'Reject ticket' }).click();
  await expect(reject).toHaveCount(0);
  await expectStatus(page, 'Rejected');
  await logout(page);

  await login(page, 'requester');
  await openTicketFromList(page, title);
  await expectStatus(page, 'Rejected');
  await expect(page.getByText(`Reason: ${reason}`)).toBeVisible();
  // The owner may change and resubmit; the button leads to the edit form.
  await page.getByRole('button', { name: 'Edit and resubmit' }).click();
  await expect(page.getByRole('heading', { name: 'Edit ticket', level: 1 })).toBeVisible();
  await expect(page.getByText(reason)).toBeVisible();

  // They change what the reviewer asked for and resubmit: back to the approvers, reason cleared.
  const revised = `${title} (April)`;
  await page.getByRole('textbox', { name: 'Title' }).fill(revised);
  await page.getByRole('button', { name: 'Resubmit with these changes' }).click();
  await expect(page.getByText(/resubmitted for approval/)).toBeVisible();
  await expect(page).toHaveURL(/\/tickets\/\d+$/);
  await expect(page.getByRole('heading', { name: revised, level: 1 })).toBeVisible();
  await expectStatus(page, 'Pending');
  await expect(page.getByText(`Reason: ${reason}`)).toHaveCount(0);
  await expect(page.getByRole('button', { name: /resubmit/i })).toHaveCount(0);
  await expect(historyRegion(page).getByText('Changed status from Rejected to Pending')).toBeVisible();
  await logout(page);

  // The manager sees it pending again and may review it once more.
  await login(page, 'manager');
  await openTicketFromList(page, revised);
  await expectStatus(page, 'Pending');
  await expect(page.getByRole('button', { name: 'Approve' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reject' })).toBeVisible();
});
