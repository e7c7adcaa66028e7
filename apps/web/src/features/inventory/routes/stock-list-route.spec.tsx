import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSessionCache, setSessionFromLogin } from '../../../lib/auth-session';
import { mockFetch } from '../../../test/fetch-mock';
import { loginResponse, requesterUser } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { inventoryEditor, stockUnit } from '../inventory-fixtures';
import { StockListRoute } from './stock-list-route';

beforeEach(() => {
  resetSessionCache();
  setSessionFromLogin(loginResponse({ user: requesterUser }));
});

const page = { body: { items: [stockUnit()], total: 1, page: 1, pageSize: 50 } };

describe('StockListRoute', () => {
  it('sends every filter found in the URL and lists the units', async () => {
    const { calls } = mockFetch({ 'GET /api/components': page });
    renderWithProviders(<StockListRoute />, {
      path: '/stock',
      route: '/stock?type=cpu&status=available&model=m-1&serverUuid=s-1&location=Store%20A&warrantyWithinDays=30&q=CPU&page=2',
    });
    const table = await screen.findByRole('table', { name: 'Stock units' });
    expect(Object.fromEntries(calls[0]?.query ?? [])).toEqual({
      type: 'cpu',
      status: 'available',
      model: 'm-1',
      serverUuid: 's-1',
      location: 'Store A',
      warrantyWithinDays: '30',
      q: 'CPU',
      page: '2',
      pageSize: '50',
      sort: '-id',
    });
    expect(within(table).getByRole('link', { name: 'CPU-0001' })).toHaveAttribute('href', '/stock/41');
    expect(screen.getByLabelText(/^status/i, { selector: 'input' })).toHaveValue('Available');
    expect(screen.getByLabelText(/^warranty ends within/i)).toHaveValue('30');
  });

  it('writes a chosen status and a location to the URL', async () => {
    mockFetch({ 'GET /api/components': page });
    const { router } = renderWithProviders(<StockListRoute />, { path: '/stock', route: '/stock?page=2' });
    await screen.findByRole('table', { name: 'Stock units' });
    await userEvent.click(screen.getByLabelText(/^status/i, { selector: 'input' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Failed' }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=failed'));
    await userEvent.type(screen.getByLabelText(/^location/i), 'Rack 4');
    await waitFor(() => expect(router.state.location.search).toBe('?status=failed&location=Rack+4'), { timeout: 2000 });
  });

  it('shows the receive and import actions only with inventory.edit', async () => {
    mockFetch({ 'GET /api/components': page });
    const { unmount } = renderWithProviders(<StockListRoute />, { path: '/stock', route: '/stock' });
    await screen.findByRole('table', { name: 'Stock units' });
    expect(screen.queryByRole('button', { name: 'Receive units' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeInTheDocument();
    unmount();
    setSessionFromLogin(loginResponse({ user: inventoryEditor }));
    renderWithProviders(<StockListRoute />, { path: '/stock', route: '/stock' });
    expect(await screen.findByRole('button', { name: 'Receive units' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Import CSV' })).toHaveAttribute('href', '/stock/import');
  });
});
