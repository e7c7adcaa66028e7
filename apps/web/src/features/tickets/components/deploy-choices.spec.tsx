import type { ProjectedBuild, TicketItemView } from '@bdc/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockFetch } from '../../../test/fetch-mock';
import { ticketDetail } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { TicketActions } from './ticket-actions';

function item(overrides: Partial<TicketItemView>): TicketItemView {
  return {
    id: 1,
    action: 'add',
    itemType: 'component',
    componentType: 'cpu',
    componentUuid: 'cpu-model',
    componentSerial: null,
    quantity: 1,
    specifications: null,
    currentValue: null,
    requestedValue: null,
    componentName: 'Xeon Gold 6430',
    validationStatus: 'valid',
    validationMessage: null,
    compatibilityChecked: true,
    fulfilled: false,
    fulfilledAt: null,
    fulfilledComponentUuid: null,
    fulfillmentNotes: null,
    ...overrides,
  };
}

const build: ProjectedBuild = {
  serverUuid: 's-1',
  serverName: 'web-prod-01',
  slots: [
    { kind: 'ram', slot: 'DIMM A1', state: 'removed', componentType: 'ram', uuid: 'r', model: 'DDR5 32GB', serialNumber: 'R-1', itemIndex: 1 },
    { kind: 'cpu', slot: 'CPU1', state: 'kept', componentType: 'cpu', uuid: 'x', model: 'Xeon', serialNumber: 'C-1', itemIndex: null },
    { kind: 'cpu', slot: 'CPU2', state: 'added', componentType: 'cpu', uuid: 'x', model: 'Xeon', serialNumber: null, itemIndex: 0 },
    { kind: 'cpu', slot: 'CPU3', state: 'empty', componentType: null, uuid: null, model: null, serialNumber: null, itemIndex: null },
    { kind: 'bay', slot: 'Bay 1', state: 'empty', componentType: null, uuid: null, model: null, serialNumber: null, itemIndex: null },
  ],
};

const ticket = ticketDetail({
  status: 'in_progress',
  allowedActions: ['deploy'],
  items: [item({ id: 11 }), item({ id: 12, action: 'remove', componentType: 'ram', componentName: 'DDR5 32GB', componentSerial: 'R-1' })],
  validation: { itemsValidated: true, compatibilityChecked: true, valid: true, warnings: [], items: [], projectedBuild: build },
});

describe('deploy dialog choices', () => {
  it('offers stock/failed/retired for removed units and the free slots of the right kind, and sends the choices', async () => {
    const { calls } = mockFetch({ 'POST /api/tickets/1/deploy': { body: ticketDetail({ status: 'deployed' }) } });
    renderWithProviders(<TicketActions ticket={ticket} />);
    await userEvent.click(screen.getByRole('button', { name: 'Deploy' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deploy changes' });

    const destination = within(dialog).getByLabelText(/Item 2: DDR5 32GB: what becomes of the removed unit/, { selector: 'input' });
    expect(destination).toHaveValue('Back to stock');
    await userEvent.click(destination);
    expect(screen.getByRole('option', { name: 'Failed (for RMA)' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('option', { name: 'Failed (for RMA)' }));

    const slot = within(dialog).getByLabelText(/Item 1: Xeon Gold 6430: slot/, { selector: 'input' });
    expect(slot).toHaveValue('Automatic');
    await userEvent.click(slot);
    const options = screen.getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['Automatic', 'CPU2', 'CPU3']);
    await userEvent.click(screen.getByRole('option', { name: 'CPU3' }));

    await userEvent.click(within(dialog).getByRole('button', { name: 'Deploy to inventory' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.body).toEqual({ removals: [{ itemId: 12, destination: 'failed' }], placements: [{ itemId: 11, slot: 'CPU3' }] });
  });

  it('sends the default (back to stock, automatic slots) when nothing is chosen', async () => {
    const { calls } = mockFetch({ 'POST /api/tickets/1/deploy': { body: ticketDetail({ status: 'deployed' }) } });
    renderWithProviders(<TicketActions ticket={ticket} />);
    await userEvent.click(screen.getByRole('button', { name: 'Deploy' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deploy changes' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Deploy to inventory' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.body).toEqual({ removals: [{ itemId: 12, destination: 'available' }] });
  });
});
