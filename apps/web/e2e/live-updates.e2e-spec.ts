import { expect, test, type Page } from '@playwright/test';
import { createAdditionTicket, login, nav, skipWithoutChromium } from './support';

skipWithoutChromium();

/** Set once on a page: still there later means the page was never reloaded. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { liveMarker?: string }).liveMarker = 'not reloaded';
  });
}
const marker = (page: Page) => page.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker ?? null);

test('a requester files a ticket; the manager sees it on My work and in the ticket list without a reload', async ({ browser }) => {
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
    const list = await managerContext.newPage();
    await list.goto('/tickets');
    await expect(list.getByRole('table', { name: 'Tickets' })).toBeVisible();
    await markPage(home);
    await markPage(list);

    // The requester files and submits a ticket in their own browser.
    const requester = await requesterContext.newPage();
    await login(requester, 'requester');
    await createAdditionTicket(requester, title);

    await expect(toApprove.getByRole('link', { name: new RegExp(title) })).toBeVisible();
    await expect(list.getByRole('table', { name: 'Tickets' }).getByRole('row').filter({ hasText: title })).toHaveCount(1);
    await expect(nav(home).getByRole('link', { name: /^My work/ }).getByLabel(/waiting for you/)).toBeVisible();
    expect(await marker(home)).toBe('not reloaded');
    expect(await marker(list)).toBe('not reloaded');
    await home.screenshot({ path: 'test-results/live-updates-my-work.png', fullPage: true });
  } finally {
    await managerContext.close();
    await requesterContext.close();
  }
});
