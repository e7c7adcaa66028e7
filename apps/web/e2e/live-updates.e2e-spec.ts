import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiCreateAdditionTicket, apiLogin, createAdditionTicket, historyRegion, login, nav, skipWithoutChromium } from './support';

skipWithoutChromium();

/** Set once on a page: still there later means the page was never reloaded. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { liveMarker?: string }).liveMarker = 'not reloaded';
  });
}
const marker = (page: Page) => page.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker ?? null);

/** A real 1×1 PNG: small, and the browser can render it. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

const bellLabel = (unread: number) => (unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`);

/** The manager's unread count as the API has it, once the header bell shows the same. */
async function unreadOnBell(page: Page, request: APIRequestContext, username: string): Promise<number> {
  const token = await apiLogin(request, username);
  const res = await request.get('/api/notifications/unread-count', { headers: { authorization: `Bearer ${token}` } });
  expect(res.ok()).toBe(true);
  const { unread } = (await res.json()) as { unread: number };
  await expect(page.getByRole('button', { name: bellLabel(unread), exact: true })).toBeVisible();
  return unread;
}

test('a requester files a ticket; the manager sees it on My work, in the ticket list and on the bell without a reload', async ({ browser, request }) => {
  const title = `Live update ${Date.now()}`;
  const managerContext = await browser.newContext();
  const requesterContext = await browser.newContext();
  try {
    // The manager: My work (the home page after sign-in) in one tab, the ticket list in another.
    const home = await managerContext.newPage();
    await login(home, 'manager');
    const toApprove = home.getByRole('region', { name: 'To approve' });
    await expect(toApprove).toBeVisible();
    await expect(toApprove.getByText(title)).toHaveCount(0);
    // The section lists the five oldest waiting: after the other journeys the new ticket may be counted
    // without being among them, so the count is what must move.
    const countBadge = toApprove.getByLabel(/^\d+ tickets$/);
    const waitingBefore = Number((await countBadge.getAttribute('aria-label'))?.split(' ')[0]);
    const list = await managerContext.newPage();
    await list.goto('/tickets');
    await expect(list.getByRole('table', { name: 'Tickets' })).toBeVisible();
    const unreadBefore = await unreadOnBell(home, request, 'manager');
    await markPage(home);
    await markPage(list);

    // The requester files and submits a ticket in their own browser.
    const requester = await requesterContext.newPage();
    await login(requester, 'requester');
    await createAdditionTicket(requester, title);

    await expect(toApprove.getByLabel(`${waitingBefore + 1} tickets`, { exact: true })).toBeVisible();
    await expect(list.getByRole('table', { name: 'Tickets' }).getByRole('row').filter({ hasText: title })).toHaveCount(1);
    await expect(nav(home).getByRole('link', { name: /^My work/ }).getByLabel(/waiting for you/)).toBeVisible();
    // The bell polls every 30 s; well before that, the notification's live event has counted it.
    await expect(home.getByRole('button', { name: bellLabel(unreadBefore + 1), exact: true })).toBeVisible({ timeout: 8_000 });
    expect(await marker(home)).toBe('not reloaded');
    expect(await marker(list)).toBe('not reloaded');
    await home.screenshot({ path: 'test-results/live-updates-my-work.png', fullPage: true });
  } finally {
    await managerContext.close();
    await requesterContext.close();
  }
});

test("a comment with an attachment appears live on another user's open ticket page", async ({ browser, request }) => {
  const title = `Live comment ${Date.now()}`;
  const text = 'Live: the label photo, for the right slot.';
  const ticket = await apiCreateAdditionTicket(request, await apiLogin(request, 'requester'), title);
  const managerContext = await browser.newContext();
  const requesterContext = await browser.newContext();
  try {
    const manager = await managerContext.newPage();
    await login(manager, 'manager');
    await manager.goto(`/tickets/${ticket.id}`);
    await expect(manager.getByRole('heading', { name: title, level: 1 })).toBeVisible();
    const seen = manager.getByRole('region', { name: 'Comments' }).getByRole('article', { name: /^Comment by / }).filter({ hasText: text });
    await expect(seen).toHaveCount(0);
    await markPage(manager);

    const requester = await requesterContext.newPage();
    await login(requester, 'requester');
    await requester.goto(`/tickets/${ticket.id}`);
    const comments = requester.getByRole('region', { name: 'Comments' });
    await comments.getByRole('textbox', { name: 'Add a comment' }).fill(text);
    await comments.locator('input[type="file"]').setInputFiles({ name: 'live-label.png', mimeType: 'image/png', buffer: PNG });
    await expect(comments.getByLabel('Files to attach')).toContainText('live-label.png');
    await comments.getByRole('button', { name: 'Post comment' }).click();
    await expect(comments.getByRole('article', { name: /^Comment by / }).filter({ hasText: text }).getByRole('button', { name: 'Download live-label.png' })).toBeVisible();

    // The manager's page, untouched: the comment, its attachment with a preview, the Attachments card and the history.
    await expect(seen).toHaveCount(1);
    await expect(seen.getByRole('button', { name: 'Download live-label.png' })).toBeVisible();
    const preview = seen.getByRole('img', { name: 'Preview of live-label.png' });
    await expect(preview).toBeVisible();
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    await expect(manager.getByRole('region', { name: 'Attachments' }).getByRole('list', { name: 'Attached files' })).toContainText('live-label.png');
    await expect(historyRegion(manager).getByText('Attached live-label.png')).toBeVisible();
    expect(await marker(manager)).toBe('not reloaded');
    await manager.screenshot({ path: 'test-results/live-updates-comment.png', fullPage: true });
  } finally {
    await managerContext.close();
    await requesterContext.close();
  }
});
