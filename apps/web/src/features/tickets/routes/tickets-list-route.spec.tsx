import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSessionCache, setSessionFromLogin } from '../../../lib/auth-session';
import { mockFetch } from '../../../test/fetch-mock';
import { loginResponse, requesterUser, ticketSummary, userSummary } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { TicketsListRoute } from './tickets-list-route';

function stubApi(total = 1, totalIsLowerBound = false) {
  return mockFetch({
    'GET /api/tickets': (call) => ({
      body: {
        items: total === 0 ? [] : [ticketSummary({ title: `Result for ${call.query.toString()}` })],
        total,
        totalIsLowerBound,
        nextCursor: null,
        page: Number(call.query.get('page') ?? 1),
        pageSize: 20,
      },
    }),
    'GET /api/users/assignees': { body: { items: [userSummary(4, 'tech')], total: 1 } },
  });
}

describe('TicketsListRoute', () => {
  afterEach(() => resetSessionCache());

  it('offers New ticket only to those who may create tickets (not to a read-only auditor)', async () => {
    stubApi(1);
    setSessionFromLogin(loginResponse());
    const { unmount } = renderWithProviders(<TicketsListRoute />, { path: '/tickets', route: '/tickets' });
    expect(await screen.findByRole('link', { name: 'New ticket' })).toBeInTheDocument();
    unmount();

    setSessionFromLogin(loginResponse({ user: { ...requesterUser, roles: ['auditors'], permissions: ['ticket.view_all', 'ticket.comment'] } }));
    renderWithProviders(<TicketsListRoute />, { path: '/tickets', route: '/tickets' });
    await screen.findByRole('table', { name: 'Tickets' });
    expect(screen.queryByRole('link', { name: 'New ticket' })).not.toBeInTheDocument();
  });

  it('sends the filters found in the URL to the API and shows them in the inputs', async () => {
    const { calls } = stubApi(45);
    renderWithProviders(<TicketsListRoute />, { path: '/tickets', route: '/tickets?status=pending&assignedTo=me&q=ram&page=2' });
    expect(await screen.findByRole('table', { name: 'Tickets' })).toBeInTheDocument();
    const query = calls.find((c) => c.path === '/api/tickets')?.query;
    expect(Object.fromEntries(query ?? [])).toEqual({ status: 'pending', assignedTo: 'me', q: 'ram', page: '2', pageSize: '20', sort: '-createdAt' });
    expect(screen.getByLabelText(/^status/i, { selector: 'input' })).toHaveValue('Pending');
    expect(screen.getByLabelText(/^assignee/i, { selector: 'input' })).toHaveValue('Assigned to me');
    expect(screen.getByLabelText(/^search/i)).toHaveValue('ram');
    expect(screen.getByText(/45 tickets · page 2 of 3/)).toBeInTheDocument();
  });

  it('says "10,000+" when the API stopped counting, and still pages up to what it counted', async () => {
    stubApi(10_000, true);
    setSessionFromLogin(loginResponse());
    renderWithProviders(<TicketsListRoute />, { path: '/tickets', route: '/tickets' });
    expect(await screen.findByText(/^10,000\+ tickets · page 1 of at least 500$/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Page 500' })).toBeInTheDocument();
  });

  it('shows an exact total as a plain number', async () => {
    stubApi(1234);
    setSessionFromLogin(loginResponse());
    renderWithProviders(<TicketsListRoute />, { path: '/tickets', route: '/tickets' });
    expect(await screen.findByText(/^1,234 tickets · page 1 of 62$/)).toBeInTheDocument();
  });

  it('writes a chosen filter to the URL and returns to page 1', async () => {
    stubApi(45);
    const { router } = renderWithProviders(<TicketsListRoute />, { path: '/tickets', route: '/tickets?page=2' });
    await screen.findByRole('table', { name: 'Tickets' });
    await userEvent.click(screen.getByLabelText(/^priority/i, { selector: 'input' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Critical' }));
    await waitFor(() => expect(router.state.location.search).toBe('?priority=critical'));
    await userEvent.click(screen.getByLabelText(/^assignee/i, { selector: 'input' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Unassigned' }));
    await waitFor(() => expect(router.state.location.search).toBe('?priority=critical&assignedTo=none'));
  });

  it('sorts by a column header and flips the direction on a second click', async () => {
    stubApi();
    const { router } = renderWithProviders(<TicketsListRoute />, { path: '/tickets', route: '/tickets' });
    const table = await screen.findByRole('table', { name: 'Tickets' });
    await userEvent.click(within(table).getByRole('button', { name: 'Sort by title' }));
    await waitFor(() => expect(router.state.location.search).toBe('?sort=title'));
    await userEvent.click(within(screen.getByRole('table', { name: 'Tickets' })).getByRole('button', { name: 'Sort by title' }));
    await waitFor(() => expect(router.state.location.search).toBe('?sort=-title'));
    expect(within(screen.getByRole('table', { name: 'Tickets' })).getByRole('columnheader', { name: /title/i })).toHaveAttribute('aria-sort', 'descending');
  });

  it('debounces the search box into the URL', async () => {
    stubApi();
    const { router } = renderWithProviders(<TicketsListRoute />, { path: '/tickets', route: '/tickets' });
    await screen.findByRole('table', { name: 'Tickets' });
    await userEvent.type(screen.getByLabelText(/^search/i), 'dimm');
    await waitFor(() => expect(router.state.location.search).toBe('?q=dimm'), { timeout: 2000 });
  });

  it('names the filtered server by its name, not its UUID', async () => {
    const uuid = '4a1f0c9e-0000-4000-8000-000000000001';
    mockFetch({
      'GET /api/tickets': { body: { items: [], total: 0, page: 1, pageSize: 20 } },
      'GET /api/users/assignees': { body: { items: [], total: 0 } },
      [`GET /api/servers/${uuid}`]: { body: { uuid, name: 'web-prod-01', components: [], settings: {} } },
    });
    renderWithProviders(<TicketsListRoute />, { path: '/tickets', route: `/tickets?server=${uuid}` });
    expect(await screen.findByText('web-prod-01')).toBeInTheDocument();
    expect(screen.getByText(/Showing tickets for server/)).not.toHaveTextContent(uuid);
  });

  it('shows an empty state when nothing matches', async () => {
    stubApi(0);
    renderWithProviders(<TicketsListRoute />, { path: '/tickets', route: '/tickets?status=cancelled' });
    expect(await screen.findByText('No tickets found')).toBeInTheDocument();
    expect(screen.getByText('No ticket matches these filters.')).toBeInTheDocument();
  });
});
