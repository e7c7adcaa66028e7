import { expect, test } from '@playwright/test';
import { createAdditionTicket, dialog, expectStatus, login, logout, openTicketFromList, skipWithoutChromium } from './support';

skipWithoutChromium();

test('a rejected ticket tells the requester why, and the reason is required', async ({ page }) => {
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
  await page.getByRole('button', { name: 'Resubmit' }).click();
  await expect(page.getByRole('heading', { name: 'Edit ticket', level: 1 })).toBeVisible();
  await expect(page.getByText(reason)).toBeVisible();
});
