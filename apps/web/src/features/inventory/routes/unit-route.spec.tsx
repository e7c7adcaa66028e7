import type { ComponentUnitDetail } from '@bdc/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSessionCache, setSessionFromLogin } from '../../../lib/auth-session';
import { mockFetch } from '../../../test/fetch-mock';
import { loginResponse, requesterUser } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { inventoryEditor, receivedLogEntry, stockUnit } from '../inventory-fixtures';
import { UnitRoute } from './unit-route';

const detail = (overrides: Partial<ComponentUnitDetail> = {}): ComponentUnitDetail => ({
  ...stockUnit(),
  serverName: null,
  claim: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  ...overrides,
});

beforeEach(() => {
  resetSessionCache();
  setSessionFromLogin(loginResponse({ user: inventoryEditor }));
});

describe('UnitRoute', () => {
  it('shows the unit, its log, and marks it failed with a reason', async () => {
    const { calls } = mockFetch({
      'GET /api/components/41': { body: detail() },
      'GET /api/components/41/log': { body: [receivedLogEntry()] },
      'POST /api/components/41/fail': { body: detail({ status: 'failed' }) },
    });
    renderWithProviders(<UnitRoute />, { path: '/stock/:id', route: '/stock/41' });
    expect(await screen.findByRole('heading', { name: 'CPU-0001', level: 1 })).toBeInTheDocument();
    expect(await screen.findByText('— → available, Store A')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Mark failed' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/^reason/i), 'DOA');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Mark failed' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ reason: 'DOA' }));
  });

  it('edits location and notes', async () => {
    const { calls } = mockFetch({
      'GET /api/components/41': { body: detail() },
      'GET /api/components/41/log': { body: [] },
      'PATCH /api/components/41': { body: detail({ location: 'Store B' }) },
    });
    renderWithProviders(<UnitRoute />, { path: '/stock/:id', route: '/stock/41' });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog');
    const location = within(dialog).getByLabelText(/^location/i);
    await userEvent.clear(location);
    await userEvent.type(location, 'Store B');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ location: 'Store B', purchaseDate: '2026-01-10', warrantyEndDate: '2029-01-10', notes: null }),
    );
  });

  it('names the ticket that holds a reserved unit and offers no write actions without inventory.edit', async () => {
    setSessionFromLogin(loginResponse({ user: requesterUser }));
    mockFetch({
      'GET /api/components/41': { body: detail({ status: 'reserved', claim: { ticketId: 7, ticketNumber: 'TKT-2026-0007', direction: 'install' } }) },
      'GET /api/components/41/log': { body: [] },
    });
    renderWithProviders(<UnitRoute />, { path: '/stock/:id', route: '/stock/41' });
    expect(await screen.findByRole('link', { name: 'TKT-2026-0007' })).toHaveAttribute('href', '/tickets/7');
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mark failed' })).not.toBeInTheDocument();
  });
});
