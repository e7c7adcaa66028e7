import type { CandidatesResponse, ServerDetail } from '@bdc/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockFetch } from '../../../test/fetch-mock';
import { renderWithProviders } from '../../../test/render';
import { AddComponentDialog, RemoveComponentDialog } from './direct-edit-dialogs';

const cpu = { id: 5, componentType: 'cpu' as const, uuid: 'xeon', serialNumber: 'CPU-1', slot: 'CPU1', model: 'Intel Xeon Gold 6430' };
const server: ServerDetail = {
  uuid: 'srv-1',
  name: 'web-01',
  description: null,
  location: 'DC1',
  rackPosition: null,
  status: 'deployed',
  componentCount: 1,
  powerBudgetWatts: null,
  settings: {},
  updatedAt: '2025-01-01T00:00:00Z',
  createdAt: '2025-01-01T00:00:00Z',
  decommissionedAt: null,
  rack: null,
  rackUnit: null,
  notes: null,
  build: [{ slot: 'CPU1', componentType: 'cpu', units: [cpu] }],
  historyUrl: '/api/servers/srv-1/history',
  components: [cpu],
};

const ram: CandidatesResponse = {
  serverUuid: 'srv-1',
  componentType: 'ram',
  candidates: [
    { uuid: 'ddr5', componentType: 'ram', name: 'Samsung 32GB DDR5', brand: 'Samsung', model: 'M321', availableUnits: 1, units: [{ id: 71, serialNumber: 'R-71', location: 'Shelf 2' }], status: 'valid', compatible: true, reasons: [], rules: [] },
    { uuid: 'ddr5b', componentType: 'ram', name: 'Micron 64GB DDR5', brand: 'Micron', model: 'MTC', availableUnits: 0, units: [], status: 'valid', compatible: true, reasons: [], rules: [] },
    {
      uuid: 'ddr4',
      componentType: 'ram',
      name: 'Samsung 32GB DDR4',
      brand: 'Samsung',
      model: 'M393',
      availableUnits: 3,
      units: [{ id: 80, serialNumber: 'D4-80', location: null }],
      status: 'invalid',
      compatible: false,
      reasons: ['DDR4 does not fit a DDR5 board.'],
      rules: ['memory_type'],
    },
  ],
};

describe('direct edit dialogs', () => {
  it('offers units with their verdict against the current build, compatible first, the rest disabled with the reason; installs the chosen one', async () => {
    const { calls } = mockFetch({ 'POST /api/servers/srv-1/candidates': { body: ram }, 'POST /api/servers/srv-1/components': { body: server } });
    const onClose = vi.fn();
    renderWithProviders(<AddComponentDialog server={server} onClose={onClose} />);
    const dialog = await screen.findByRole('dialog', { name: 'Add a component to web-01' });
    await userEvent.click(within(dialog).getByLabelText(/component type/i, { selector: 'input' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Memory' }));
    await waitFor(() => expect(calls.find((c) => c.path === '/api/servers/srv-1/candidates')?.body).toEqual({ componentType: 'ram', items: [] }));

    await userEvent.click(within(dialog).getByLabelText(/^unit/i, { selector: 'input' }));
    const options = await screen.findAllByRole('option');
    await waitFor(() => expect(options.length).toBeGreaterThan(1));
    const texts = (await screen.findAllByRole('option')).map((o) => o.textContent);
    expect(texts).toEqual(['Samsung 32GB DDR5 · R-71 · Shelf 2', 'Micron 64GB DDR5 — none in stock', 'Samsung 32GB DDR4 — not compatible: DDR4 does not fit a DDR5 board.']);
    expect(screen.getByRole('option', { name: /not compatible/ })).toHaveAttribute('data-combobox-disabled');
    await userEvent.click(screen.getByRole('option', { name: 'Samsung 32GB DDR5 · R-71 · Shelf 2' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^slot/i }), 'DIMM B1');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add component' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls.find((c) => c.path === '/api/servers/srv-1/components')?.body).toEqual({ unitId: 71, slot: 'DIMM B1' });
  });

  it('shows why an edit was refused and stays open', async () => {
    mockFetch({
      'POST /api/servers/srv-1/candidates': { body: ram },
      'POST /api/servers/srv-1/components': { status: 409, body: { code: 'CONFLICT', message: 'Cannot install unit R-71 into web-01: ticket TKT-20260101-0001 holds stock for web-01 (reserved)' } },
    });
    const onClose = vi.fn();
    renderWithProviders(<AddComponentDialog server={server} onClose={onClose} />);
    const dialog = await screen.findByRole('dialog', { name: 'Add a component to web-01' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add component' }));
    expect(within(dialog).getByText('Choose a unit')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByLabelText(/component type/i, { selector: 'input' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Memory' }));
    await userEvent.click(within(dialog).getByLabelText(/^unit/i, { selector: 'input' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Samsung 32GB DDR5 · R-71 · Shelf 2' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add component' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('TKT-20260101-0001');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('removes a unit to the chosen destination, and shows a rule refusal with its rule codes', async () => {
    const { calls } = mockFetch({
      'DELETE /api/servers/srv-1/components/5': {
        status: 422,
        body: { code: 'ITEMS_INVALID', message: 'Cannot remove unit CPU-1 from web-01: removing it would strand memory', details: { items: [{ index: 0, status: 'invalid', message: 'strands memory', rule: 'removal_dependency' }], rules: ['removal_dependency'] } },
      },
    });
    const onClose = vi.fn();
    renderWithProviders(<RemoveComponentDialog server={server} unit={cpu} onClose={onClose} />);
    const dialog = await screen.findByRole('dialog', { name: 'Remove from web-01' });
    expect(dialog).toHaveTextContent('Intel Xeon Gold 6430 · CPU-1 in CPU1');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Failed (for RMA)' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^note/i }), 'fan noise');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('would strand memory');
    expect(alert).toHaveTextContent('Rules: removal_dependency');
    const call = calls.find((c) => c.method === 'DELETE');
    expect([call?.query.get('destination'), call?.query.get('note')]).toEqual(['failed', 'fan noise']);
    expect(onClose).not.toHaveBeenCalled();
  });
});
