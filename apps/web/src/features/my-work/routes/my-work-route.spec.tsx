import type { MyWork, MyWorkSection } from '@bdc/contracts';
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, setSessionFromLogin } from '../../../lib/auth-session';
import { mockFetch } from '../../../test/fetch-mock';
import { loginResponse, requesterUser, ticketSummary } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { waitingCount } from '../my-work-sections';
import { MyWorkRoute } from './my-work-route';

const empty: MyWorkSection = { count: 0, items: [] };

function work(overrides: Partial<MyWork['sections']> = {}, extra: Partial<MyWork> = {}): MyWork {
  return {
    sections: { toApprove: empty, assignedToMe: empty, roleQueues: empty, myRequests: empty, scheduledToday: empty, overdue: empty, ...overrides },
    changedSinceLastVisit: 0,
    changedTicketIds: [],
    lastVisitAt: null,
    ...extra,
  };
}

describe('MyWorkRoute', () => {
  afterEach(() => clearSession());

  it('shows the sections the user works with, their counts, marked changes, and records the visit', async () => {
    setSessionFromLogin(loginResponse({ user: { ...requesterUser, permissions: ['ticket.create', 'ticket.view_own'] } }));
    const mine = ticketSummary({ id: 11, ticketNumber: 'TKT-20260310-0001', title: 'More memory', status: 'pending' });
    const other = ticketSummary({ id: 12, ticketNumber: 'TKT-20260310-0002', title: 'New disk', status: 'approved' });
    const { calls } = mockFetch({
      'GET /api/my-work': { body: work({ myRequests: { count: 7, items: [mine, other] } }, { changedSinceLastVisit: 1, changedTicketIds: [12], lastVisitAt: '2026-03-10T08:00:00Z' }) },
      'POST /api/my-work/seen': { body: { lastVisitAt: '2026-03-10T09:00:00Z' } },
    });
    renderWithProviders(<MyWorkRoute />);
    expect(await screen.findByRole('heading', { name: 'My work', level: 1 })).toBeInTheDocument();
    const requests = screen.getByRole('region', { name: 'My open requests' });
    expect(within(requests).getByLabelText('7 tickets')).toBeInTheDocument();
    expect(within(requests).getByRole('link', { name: /TKT-20260310-0001 · More memory/ })).toHaveAttribute('href', '/tickets/11');
    const changedRow = within(requests).getByRole('link', { name: /New disk/ }).closest('li');
    expect(changedRow && within(changedRow as HTMLElement).getByText('Changed')).toBeTruthy();
    expect(within(requests).getByRole('link', { name: 'All: My open requests' })).toHaveAttribute('href', '/tickets?createdBy=me&sort=-updatedAt');
    expect(screen.getByText(/1 of your requests changed since your last visit/)).toBeInTheDocument();
    // A requester approves nothing: no approval section.
    expect(screen.queryByRole('region', { name: 'To approve' })).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Overdue' })).toHaveTextContent('Nothing is overdue.');
    await screen.findByText(/changed since/);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.filter((c) => c.method === 'POST' && c.path === '/api/my-work/seen')).toHaveLength(1);
  });

  it('counts for the navigation what asks the user to act', () => {
    const two: MyWorkSection = { count: 2, items: [] };
    expect(waitingCount(work({ toApprove: two, overdue: two, scheduledToday: two }, { changedSinceLastVisit: 1 }))).toBe(5);
    expect(waitingCount(undefined)).toBe(0);
  });
});
