import type { ServerDetail, ServerHistoryEntry } from '@bdc/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSessionCache, setSessionFromLogin } from '../../../lib/auth-session';
import { mockFetch } from '../../../test/fetch-mock';
import { loginResponse, requesterUser, userSummary } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { ServerDetailRoute } from './server-detail-route';

const server: ServerDetail = {
  uuid: 'srv-1',
  name: 'web-prod-01',
  description: 'Front end',
  location: 'DC1',
  rackPosition: 'A03-U10',
  status: 'deployed',
  componentCount: 1,
  decommissionedAt: null,
  settings: {},
  powerBudgetWatts: 800,
  components: [{ id: 5, componentType: 'cpu', uuid: 'cpu-m', serialNumber: 'CPU-1', slot: 'CPU2', model: 'Xeon Gold 6430' }],
  updatedAt: '2026-01-02T10:00:00.000Z',
  rack: 'A03',
  rackUnit: 10,
  notes: null,
  createdAt: '2026-01-01T10:00:00.000Z',
  build: [{ slot: 'CPU2', componentType: 'cpu', units: [{ id: 5, componentType: 'cpu', uuid: 'cpu-m', serialNumber: 'CPU-1', slot: 'CPU2', model: 'Xeon Gold 6430' }] }],
  historyUrl: '/api/servers/srv-1/history',
};

const history: ServerHistoryEntry[] = [
  {
    id: 9,
    at: '2026-01-02T10:00:00.000Z',
    change: 'installed',
    event: 'installed',
    unit: { id: 5, componentType: 'cpu', uuid: 'cpu-m', serialNumber: 'CPU-1', model: 'Xeon Gold 6430' },
    slotBefore: null,
    slotAfter: 'CPU2',
    source: 'ticket',
    ticket: { id: 42, ticketNumber: 'TKT-20260102-0001' },
    user: userSummary(4, 'tech'),
    note: null,
  },
  {
    id: 8,
    at: '2026-01-01T10:00:00.000Z',
    change: 'removed',
    event: 'removed',
    unit: { id: 3, componentType: 'ram', uuid: 'ram-m', serialNumber: 'R-9', model: 'DDR5 32GB' },
    slotBefore: 'DIMM A1',
    slotAfter: null,
    source: 'direct',
    ticket: null,
    user: userSummary(1, 'admin'),
    note: null,
  },
];

const editor = { ...requesterUser, permissions: [...requesterUser.permissions, 'server.edit' as const] };

function routes(extra: Record<string, { status?: number; body?: unknown }> = {}) {
  return mockFetch({
    'GET /api/servers/srv-1': { body: server },
    'GET /api/servers/srv-1/history': { body: { items: history, total: 2, page: 1, pageSize: 25 } },
    ...extra,
  });
}

const render = () => renderWithProviders(<ServerDetailRoute />, { route: '/servers/srv-1', path: '/servers/:uuid' });

beforeEach(() => {
  resetSessionCache();
  setSessionFromLogin(loginResponse({ user: requesterUser }));
});

describe('ServerDetailRoute', () => {
  it('shows the build by slot and the history: what came and went, the ticket link, who and the slot', async () => {
    routes();
    render();
    const build = await screen.findByRole('table', { name: 'Build by slot' });
    expect(within(build).getAllByRole('row')[1]).toHaveTextContent('CPU2');
    expect(within(build).getAllByRole('row')[1]).toHaveTextContent('Xeon Gold 6430 · CPU-1');

    const table = await screen.findByRole('table', { name: 'Server history' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Came in');
    expect(rows[0]).toHaveTextContent('CPU2');
    expect(within((rows[0] as HTMLElement)).getByRole('link', { name: 'TKT-20260102-0001' })).toHaveAttribute('href', '/tickets/42');
    expect(rows[0]).toHaveTextContent('tech');
    expect(rows[1]).toHaveTextContent('Went out');
    expect(rows[1]).toHaveTextContent('DIMM A1');
    expect(rows[1]).toHaveTextContent('Direct edit');
    expect(screen.queryByText(/still a draft/)).not.toBeInTheDocument();
    // A viewer may not edit.
    expect(screen.queryByRole('button', { name: 'Edit server' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add component' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Remove/ })).not.toBeInTheDocument();
  });

  it('names a caddy after the bay it fills, so the drive and its caddy do not both read "Bay 2"', async () => {
    const drive = { id: 6, componentType: 'storage' as const, uuid: 'ssd-m', serialNumber: 'SSD-1', slot: 'Bay 2', model: 'SATA SSD 1TB' };
    const caddy = { id: 7, componentType: 'caddy' as const, uuid: 'cad-m', serialNumber: 'CAD-1', slot: 'Bay 2', model: '2.5-inch caddy' };
    routes({
      'GET /api/servers/srv-1': {
        body: {
          ...server,
          components: [drive, caddy],
          build: [
            { slot: 'Bay 2', componentType: 'storage', units: [drive] },
            { slot: 'Bay 2', componentType: 'caddy', units: [caddy] },
          ],
        },
      },
    });
    render();
    const build = await screen.findByRole('table', { name: 'Build by slot' });
    expect(within(build).getByRole('rowheader', { name: 'Bay 2' }).closest('tr')).toHaveTextContent('SSD-1');
    expect(within(build).getByRole('rowheader', { name: 'Caddy in bay 2' }).closest('tr')).toHaveTextContent('CAD-1');
  });

  it('on a draft server that has a build, says that deploying leaves the status and how to set it', async () => {
    setSessionFromLogin(loginResponse({ user: editor }));
    routes({ 'GET /api/servers/srv-1': { body: { ...server, status: 'draft' } } });
    render();
    expect(await screen.findByText(/still a draft although it has a component\. Deploying a ticket does not change the status: set it with Edit server/)).toBeInTheDocument();
  });

  it('says nothing of the status of a draft server without components, or of one past draft', async () => {
    routes({ 'GET /api/servers/srv-1': { body: { ...server, status: 'draft', components: [], build: [] } } });
    render();
    await screen.findByText('Nothing is installed.');
    expect(screen.queryByText(/still a draft/)).not.toBeInTheDocument();
  });

  it('with server.edit, offers Add component and a Remove per installed unit (a direct edit)', async () => {
    setSessionFromLogin(loginResponse({ user: editor }));
    routes();
    render();
    await userEvent.click(await screen.findByRole('button', { name: 'Remove Xeon Gold 6430 CPU-1' }));
    expect(await screen.findByRole('dialog', { name: 'Remove from web-prod-01' })).toHaveTextContent('Xeon Gold 6430 · CPU-1 in CPU2');
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add component' }));
    expect(await screen.findByRole('dialog', { name: 'Add a component to web-prod-01' })).toBeInTheDocument();
  });

  it('edits the server and shows the API field error next to the field it names', async () => {
    setSessionFromLogin(loginResponse({ user: editor }));
    const { calls } = routes({
      'PATCH /api/servers/srv-1': {
        status: 400,
        body: { code: 'VALIDATION_FAILED', message: 'The request is not valid', details: { fields: [{ field: 'rackUnit', reason: 'Rack unit 10 in A03 is taken by db-01' }] } },
      },
    });
    render();
    await userEvent.click(await screen.findByRole('button', { name: 'Edit server' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit web-prod-01' });
    const location = within(dialog).getByLabelText('Location');
    await userEvent.clear(location);
    await userEvent.type(location, 'DC2');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save server' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toMatchObject({ name: 'web-prod-01', location: 'DC2', rack: 'A03', rackUnit: 10, powerBudgetWatts: 800 });
    const rackUnit = within(dialog).getByLabelText('Rack unit');
    await waitFor(() => expect(rackUnit).toHaveAccessibleDescription(/Rack unit 10 in A03 is taken by db-01/));
  });

  it('decommission shows the API 409 and keeps the dialog open', async () => {
    setSessionFromLogin(loginResponse({ user: editor }));
    const { calls } = routes({
      'POST /api/servers/srv-1/decommission': { status: 409, body: { code: 'CONFLICT', message: 'web-prod-01 still holds 1 unit: CPU-1' } },
    });
    render();
    await userEvent.click(await screen.findByRole('button', { name: 'Decommission' }));
    const dialog = await screen.findByRole('dialog', { name: 'Decommission server' });
    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'End of life');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Decommission' }));
    expect(await within(dialog).findByText('web-prod-01 still holds 1 unit: CPU-1')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ reason: 'End of life' });
  });
});
