import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSessionCache, setSessionFromLogin } from '../../../lib/auth-session';
import { mockFetch } from '../../../test/fetch-mock';
import { loginResponse, requesterUser } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { catalogModel, inventoryEditor } from '../inventory-fixtures';
import { CatalogListRoute } from './catalog-list-route';

function stubApi(total = 1) {
  return mockFetch({ 'GET /api/catalog': { body: { items: total ? [catalogModel()] : [], total, page: 1, pageSize: 25 } } });
}

beforeEach(() => {
  resetSessionCache();
  setSessionFromLogin(loginResponse({ user: requesterUser }));
});

describe('CatalogListRoute', () => {
  it('sends the filters found in the URL and lists the models', async () => {
    const { calls } = stubApi();
    renderWithProviders(<CatalogListRoute />, { path: '/catalog', route: '/catalog?type=cpu&q=gold&brand=Intel&status=all&page=2' });
    const table = await screen.findByRole('table', { name: 'Catalog models' });
    expect(Object.fromEntries(calls[0]?.query ?? [])).toEqual({ type: 'cpu', q: 'gold', brand: 'Intel', status: 'all', page: '2', pageSize: '25', sort: 'name' });
    expect(within(table).getByRole('link', { name: 'Intel Xeon Gold 6430' })).toHaveAttribute('href', '/catalog/11111111-2222-4333-8444-555555555555');
    expect(screen.getByLabelText(/^type/i, { selector: 'input' })).toHaveValue('CPU');
    expect(screen.getByLabelText(/^search models/i)).toHaveValue('gold');
  });

  it('writes a chosen type and a search to the URL, back to page 1', async () => {
    stubApi();
    const { router } = renderWithProviders(<CatalogListRoute />, { path: '/catalog', route: '/catalog?page=3' });
    await screen.findByRole('table', { name: 'Catalog models' });
    await userEvent.click(screen.getByLabelText(/^type/i, { selector: 'input' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Memory' }));
    await waitFor(() => expect(router.state.location.search).toBe('?type=ram'));
    await userEvent.type(screen.getByLabelText(/^brand/i), 'Samsung');
    await waitFor(() => expect(router.state.location.search).toBe('?type=ram&brand=Samsung'), { timeout: 2000 });
  });

  it('offers create and import only with inventory.edit', async () => {
    stubApi();
    const { unmount } = renderWithProviders(<CatalogListRoute />, { path: '/catalog', route: '/catalog' });
    await screen.findByRole('table', { name: 'Catalog models' });
    expect(screen.queryByRole('link', { name: 'New model' })).not.toBeInTheDocument();
    unmount();
    setSessionFromLogin(loginResponse({ user: inventoryEditor }));
    renderWithProviders(<CatalogListRoute />, { path: '/catalog', route: '/catalog' });
    expect(await screen.findByRole('link', { name: 'New model' })).toHaveAttribute('href', '/catalog/new');
    expect(screen.getByRole('link', { name: 'Import' })).toHaveAttribute('href', '/catalog/import');
  });
});
