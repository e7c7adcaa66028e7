import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockFetch, type Handler } from '../../../test/fetch-mock';
import { ticketDetail } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { TicketCreateRoute } from './ticket-create-route';

const server = {
  uuid: 'srv-1', name: 'web-01', description: null, location: 'DC1', rackPosition: 'R1', status: 'deployed', componentCount: 0,
};

function stubs(create: Handler, validate?: Handler) {
  return mockFetch({
    ...(validate ? { 'POST /api/tickets/validate-items': validate } : {}),
    'GET /api/servers': { body: { items: [server], total: 1 } },
    'GET /api/servers/srv-1': { body: { ...server, settings: {}, powerBudgetWatts: null, components: [], updatedAt: '2025-01-01T00:00:00Z' } },
    'GET /api/catalog': {
      body: { items: [{ uuid: 'ram-a', componentType: 'ram', brand: 'Samsung', model: 'M393', name: 'Samsung 32GB', specifications: {}, availableUnits: 2 }], total: 1 },
    },
    'GET /api/components': { body: { items: [], total: 0 } },
    'POST /api/tickets': create,
  });
}

async function pickOption(scope: HTMLElement, label: RegExp, option: string | RegExp) {
  await userEvent.click(within(scope).getByLabelText(label, { selector: 'input' }));
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

async function fillValidTicket() {
  await userEvent.type(screen.getByLabelText(/^title/i), 'More RAM');
  await userEvent.type(screen.getByLabelText(/^description/i), 'Cache is too small');
  await pickOption(document.body, /^server/i, /web-01/);
  const item = screen.getByRole('group', { name: 'Item 1' });
  await pickOption(item, /^component type/i, 'Memory');
  await pickOption(item, /^model/i, /Samsung 32GB — 2 available/);
}

describe('TicketCreateRoute', () => {
  it('checks the form with the shared limits before calling the API', async () => {
    const { calls } = stubs(() => ({ status: 201, body: ticketDetail() }));
    renderWithProviders(<TicketCreateRoute />);
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    expect(await screen.findByText('Enter a title')).toBeInTheDocument();
    expect(screen.getByText('Choose the server')).toBeInTheDocument();
    expect(screen.getByText('Choose the component type')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('maps a 422 per-item refusal onto the row and keeps the form', async () => {
    stubs(() => ({
      status: 422,
      body: { code: 'ITEMS_INVALID', message: 'Some items are invalid', details: { items: [{ index: 0, status: 'invalid', message: 'Only 2 units in stock' }] } },
    }));
    renderWithProviders(<TicketCreateRoute />);
    await fillValidTicket();
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    const item = screen.getByRole('group', { name: 'Item 1' });
    expect(await within(item).findByRole('alert')).toHaveTextContent('Item 1 was refused: Only 2 units in stock');
    expect(screen.getByText('The ticket was not saved')).toBeInTheDocument();
    expect(screen.getByLabelText(/^title/i)).toHaveValue('More RAM');
  });

  it('shows a build-wide error of the check once, apart from the items', async () => {
    stubs(
      () => ({ status: 201, body: ticketDetail() }),
      () => ({
        status: 200,
        body: {
          itemsValidated: true, compatibilityChecked: true, valid: false, warnings: [],
          items: [{ index: 0, status: 'valid', message: null, rules: [] }],
          build: [{ rule: 'memory_slots', severity: 'error', message: '33 memory modules but Board X has 32 DIMM slot(s)', items: [0] }],
        },
      }),
    );
    renderWithProviders(<TicketCreateRoute />);
    await fillValidTicket();
    await userEvent.click(screen.getByRole('button', { name: 'Check items' }));
    expect(await screen.findByText('The server after this change')).toBeInTheDocument();
    expect(screen.getByText('33 memory modules but Board X has 32 DIMM slot(s)')).toBeInTheDocument();
    expect(screen.getByText('Some items are not valid.')).toBeInTheDocument();
  });

  it('checks the items live once editing pauses: the verdict on the row and the projected build beside the form', async () => {
    const { calls } = stubs(
      () => ({ status: 201, body: ticketDetail() }),
      () => ({
        status: 200,
        body: {
          itemsValidated: true, compatibilityChecked: true, valid: true, warnings: [],
          items: [{ index: 0, status: 'warning', message: 'Memory will run at 4400 MT/s', rules: ['memory_downclock'] }],
          build: [],
          projectedBuild: {
            serverUuid: 'srv-1', serverName: 'web-01',
            slots: [{ kind: 'ram', slot: 'DIMM A1', state: 'added', componentType: 'ram', uuid: 'ram-a', model: 'Samsung 32GB', serialNumber: null, itemIndex: 0 }],
          },
        },
      }),
    );
    renderWithProviders(<TicketCreateRoute />);
    await fillValidTicket();
    // No "Check items" click: the form asks by itself.
    const panel = await screen.findByRole('region', { name: 'The server after this change' }, { timeout: 3000 });
    expect(within(panel).getByRole('row', { name: /DIMM A1/ })).toHaveTextContent('Added');
    expect(within(screen.getByRole('group', { name: 'Item 1' })).getByText(/Memory will run at 4400 MT\/s/)).toBeInTheDocument();
    const check = calls.filter((c) => c.path === '/api/tickets/validate-items').at(-1);
    expect(check?.body).toMatchObject({ targetServerUuid: 'srv-1', items: [{ action: 'add', componentType: 'ram', componentUuid: 'ram-a' }] });
  });

  it("shows the API's field reasons when it disagrees with the client checks", async () => {
    stubs(() => ({
      status: 400,
      body: { code: 'VALIDATION_FAILED', message: 'Invalid input in title', details: { fields: [{ field: 'title', reason: 'title is already used today' }] } },
    }));
    renderWithProviders(<TicketCreateRoute />);
    await fillValidTicket();
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    expect(await screen.findAllByText('title is already used today')).not.toHaveLength(0);
    expect(screen.getByLabelText(/^title/i)).toHaveAttribute('aria-invalid', 'true');
  });

  it('saves a draft with draft: true and opens the new ticket', async () => {
    const { calls } = stubs(() => ({ status: 201, body: ticketDetail({ id: 42, status: 'draft' }) }));
    const { router } = renderWithProviders(<TicketCreateRoute />, {
      path: '/tickets/new',
      route: '/tickets/new',
      extraRoutes: [{ path: '/tickets/:id', element: <p>detail page</p> }],
    });
    await userEvent.type(screen.getByLabelText(/^title/i), 'Draft only');
    await pickOption(document.body, /^server/i, /web-01/);
    await pickOption(screen.getByRole('group', { name: 'Item 1' }), /^component type/i, 'Memory');
    await userEvent.click(screen.getByRole('button', { name: 'Save as draft' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/tickets/42'));
    const body = calls.find((c) => c.method === 'POST' && c.path === '/api/tickets')?.body as Record<string, unknown>;
    expect(body).toMatchObject({ title: 'Draft only', draft: true, targetServerUuid: 'srv-1', items: [{ action: 'add', componentType: 'ram', componentUuid: null, quantity: 1 }] });
  });
});
