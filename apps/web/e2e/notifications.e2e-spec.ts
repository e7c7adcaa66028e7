import { expect, test } from '@playwright/test';
import { SMTP_CAPTURE_PORT, SmtpCapture } from './smtp-capture';
import { apiCreateAdditionTicket, apiLogin, expectStatus, login, logout, openTicketFromList, skipWithoutChromium } from './support';

skipWithoutChromium();

const smtp = new SmtpCapture();
test.beforeAll(async () => smtp.start(SMTP_CAPTURE_PORT));
test.afterAll(async () => smtp.stop());

test('the manager approves, and the requester gets an email with the link and a bell notification', async ({ page, request }) => {
  const title = `Notified request ${Date.now()}`;
  const ticket = await apiCreateAdditionTicket(request, await apiLogin(request, 'requester'), title);

  await login(page, 'manager');
  await openTicketFromList(page, title);
  await page.getByRole('button', { name: 'Approve' }).click();
  const approve = page.getByRole('dialog', { name: 'Approve ticket' });
  await approve.getByRole('button', { name: 'Approve ticket' }).click();
  await expect(approve).toHaveCount(0);
  await expectStatus(page, 'Approved');
  await logout(page);

  // The worker polls every half second in this setup (NOTIFY_POLL_MS in playwright.config.ts).
  await expect.poll(() => smtp.mails.find((m) => m.to.includes('rita.jensen@bdc.example') && m.data.includes(title))?.data ?? '', { timeout: 20_000 }).toContain('Approved');
  const mail = smtp.mails.find((m) => m.to.includes('rita.jensen@bdc.example') && m.data.includes(title));
  expect(mail?.data).toContain(`/tickets/${ticket.id}`);
  expect(mail?.data).toContain('Content-Type: text/html');

  await login(page, 'requester');
  const bell = page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
  await expect(bell).toBeVisible();
  await bell.click();
  const item = page.getByRole('link', { name: new RegExp(`Approved: ${title}`) });
  await expect(item).toBeVisible();
  await page.screenshot({ path: 'test-results/notification-bell.png' });
  await item.click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
});
