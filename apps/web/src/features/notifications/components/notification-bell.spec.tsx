import type { NotificationView } from '@bdc/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSessionCache, setSessionFromLogin } from '../../../lib/auth-session';
import { mockFetch } from '../../../test/fetch-mock';
import { loginResponse, requesterUser } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { mentionAt } from './mention-textarea';
import { NotificationBell } from './notification-bell';

function notification(overrides: Partial<NotificationView> = {}): NotificationView {
  return {
    id: 7,
    ticketId: 42,
    ticketNumber: 'TKT-20261201-0042',
    event: 'approved',
    subject: '[TKT-20261201-0042] Approved: Add memory',
    message: 'Maria Lopez approved TKT-20261201-0042.',
    actorName: 'Maria Lopez',
    createdAt: '2026-12-01T10:00:00.000Z',
    readAt: null,
    ...overrides,
  };
}

beforeEach(() => {
  resetSessionCache();
  setSessionFromLogin(loginResponse({ user: requesterUser }));
});

describe('NotificationBell', () => {
  it('shows the unread count and lists notifications linking to their ticket', async () => {
    mockFetch({
      'GET /api/notifications/unread-count': { body: { unread: 2 } },
      'GET /api/notifications': { body: { items: [notification(), notification({ id: 8, ticketId: 43, subject: '[TKT-2] Rejected: Disk' })], total: 2, page: 1, pageSize: 20 } },
    });
    renderWithProviders(<NotificationBell />, { extraRoutes: [{ path: '/tickets/:id', element: <p>ticket page</p> }] });
    const bell = await screen.findByRole('button', { name: 'Notifications, 2 unread' }, { timeout: 5000 });
    await userEvent.click(bell);
    const list = await screen.findByRole('list', { name: 'Recent notifications' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0] as HTMLElement).getByRole('link', { name: /Approved: Add memory/ })).toHaveAttribute('href', '/tickets/42');
    expect(items[0]).toHaveTextContent('Maria Lopez');
  });

  it('marks one read and all read, then refreshes the count', async () => {
    let unread = 2;
    const { calls } = mockFetch({
      'GET /api/notifications/unread-count': () => ({ body: { unread } }),
      'GET /api/notifications': () => ({ body: { items: unread > 0 ? [notification()] : [], total: unread > 0 ? 1 : 0, page: 1, pageSize: 20 } }),
      'POST /api/notifications/7/read': () => {
        unread = 1;
        return { body: notification({ readAt: '2026-12-01T11:00:00.000Z' }) };
      },
      'POST /api/notifications/read-all': () => {
        unread = 0;
        return { body: { unread: 0 } };
      },
    });
    renderWithProviders(<NotificationBell />);
    await userEvent.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    await userEvent.click(await screen.findByRole('button', { name: /Mark read: .*Add memory/ }));
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect(await screen.findByRole('button', { name: 'Notifications, none unread' })).toBeInTheDocument();
    expect(await screen.findByText('Nothing unread.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/notifications/7/read', '/api/notifications/read-all']);
  });

  it('asks only for unread ones first', async () => {
    const { calls } = mockFetch({
      'GET /api/notifications/unread-count': { body: { unread: 0 } },
      'GET /api/notifications': { body: { items: [], total: 0, page: 1, pageSize: 20 } },
    });
    renderWithProviders(<NotificationBell />);
    await userEvent.click(await screen.findByRole('button', { name: 'Notifications, none unread' }));
    await waitFor(() => expect(calls.some((c) => c.path === '/api/notifications')).toBe(true));
    expect(calls.find((c) => c.path === '/api/notifications')?.query.get('unread')).toBe('true');
  });
});

describe('mentionAt', () => {
  it('finds the @word before the caret, not an address', () => {
    expect(mentionAt('hello @te', 9)).toEqual({ start: 6, query: 'te' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('mail rita@bdc', 13)).toBeNull();
    expect(mentionAt('@tech done', 10)).toBeNull();
  });
});
