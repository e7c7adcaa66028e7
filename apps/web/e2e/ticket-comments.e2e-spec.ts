import { expect, test } from '@playwright/test';
import { apiCreateAdditionTicket, apiLogin, historyRegion, login, logout, skipWithoutChromium } from './support';

skipWithoutChromium();

test('a manager writes an internal note and a public comment; the requester sees only the comment', async ({ page, request }) => {
  const title = `Comments and notes ${Date.now()}`;
  const note = 'Internal: vendor RMA still open on the previous unit, do not tell the customer yet.';
  const comment = 'We will install the part in the Thursday maintenance window.';
  const ticket = await apiCreateAdditionTicket(request, await apiLogin(request, 'requester'), title);

  await login(page, 'manager');
  await page.goto(`/tickets/${ticket.id}`);
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  const comments = page.getByRole('region', { name: 'Comments' });

  await comments.getByRole('textbox', { name: 'Add a comment' }).fill(note);
  await comments.getByRole('switch', { name: 'Internal note (visible to staff only)' }).check();
  await comments.getByRole('button', { name: 'Post internal note' }).click();
  const noteCard = comments.getByRole('article', { name: /^Internal note by / });
  await expect(noteCard).toContainText(note);
  await expect(noteCard.getByText('Internal note', { exact: true })).toBeVisible();

  // The form resets to a public comment after posting.
  await expect(comments.getByRole('switch', { name: 'Internal note (visible to staff only)' })).not.toBeChecked();
  await comments.getByRole('textbox', { name: 'Add a comment' }).fill(comment);
  await comments.getByRole('button', { name: 'Post comment' }).click();
  await expect(comments.getByRole('article', { name: /^Comment by / })).toContainText(comment);
  await expect(comments.getByRole('article')).toHaveCount(2);
  await logout(page);

  await login(page, 'requester');
  await page.goto(`/tickets/${ticket.id}`);
  const mine = page.getByRole('region', { name: 'Comments' });
  await expect(mine.getByRole('article', { name: /^Comment by / })).toContainText(comment);
  await expect(historyRegion(page).getByText('Added a comment').first()).toBeVisible();
  // Once the comments and history are shown, the note is nowhere on the page, and cannot be written.
  await expect(mine.getByRole('article')).toHaveCount(1);
  await expect(page.getByText(note)).toHaveCount(0);
  await expect(mine.getByRole('switch', { name: /Internal note/ })).toHaveCount(0);
});
