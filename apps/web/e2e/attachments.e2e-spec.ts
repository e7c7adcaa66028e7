import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { apiCreateAdditionTicket, apiLogin, historyRegion, login, logout, skipWithoutChromium } from './support';

skipWithoutChromium();

/** A real 1×1 PNG: small, and the browser can render it. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

test("the requester attaches a PNG to a comment; the manager sees it with a preview on the ticket and downloads it", async ({ page, request }) => {
  const title = `Attachments ${Date.now()}`;
  const text = 'Photo of the rack label, for the right slot.';
  const ticket = await apiCreateAdditionTicket(request, await apiLogin(request, 'requester'), title);

  await login(page, 'requester');
  await page.goto(`/tickets/${ticket.id}`);
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  const comments = page.getByRole('region', { name: 'Comments' });
  await comments.getByRole('textbox', { name: 'Add a comment' }).fill(text);
  await expect(comments.getByRole('button', { name: 'Attach files to the comment' })).toBeVisible();
  await comments.locator('input[type="file"]').setInputFiles({ name: 'rack-label.png', mimeType: 'image/png', buffer: PNG });
  await expect(comments.getByLabel('Files to attach')).toContainText('rack-label.png');
  await comments.getByRole('button', { name: 'Post comment' }).click();
  const card = comments.getByRole('article', { name: /^Comment by / });
  await expect(card).toContainText(text);
  await expect(card.getByRole('button', { name: 'Download rack-label.png' })).toBeVisible();
  await logout(page);

  // Another user's page, after a reload (the live update is the events work's).
  await login(page, 'manager');
  await page.goto(`/tickets/${ticket.id}`);
  const seen = page.getByRole('region', { name: 'Comments' }).getByRole('article', { name: /^Comment by / });
  await expect(seen).toContainText(text);
  const preview = seen.getByRole('img', { name: 'Preview of rack-label.png' });
  await expect(preview).toBeVisible();
  expect(await preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  await expect(page.getByRole('region', { name: 'Attachments' }).getByRole('list', { name: 'Attached files' })).toContainText('rack-label.png');
  await expect(historyRegion(page).getByText('Attached rack-label.png')).toBeVisible();
  await page.screenshot({ path: 'test-results/attachments-manager.png', fullPage: true });

  await seen.getByRole('button', { name: 'Preview rack-label.png' }).click();
  const modal = page.getByRole('dialog', { name: 'rack-label.png' });
  await expect(modal.getByRole('img', { name: 'rack-label.png' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(modal).toHaveCount(0);

  const [download] = await Promise.all([page.waitForEvent('download'), seen.getByRole('button', { name: 'Download rack-label.png' }).click()]);
  expect(download.suggestedFilename()).toBe('rack-label.png');
  const path = await download.path();
  expect((await readFile(path)).equals(PNG)).toBe(true);
});
