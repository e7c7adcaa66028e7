import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSessionCache, setSessionFromLogin } from '../../../lib/auth-session';
import { mockFetch } from '../../../test/fetch-mock';
import { loginResponse } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { catalogModel, inventoryEditor, MODEL_UUID, stockUnit } from '../inventory-fixtures';
import { parseSerials, ReceiveUnitsForm } from './receive-units-form';

beforeEach(() => {
  resetSessionCache();
  setSessionFromLogin(loginResponse({ user: inventoryEditor }));
});

describe('parseSerials', () => {
  it('takes one serial per line, trims, drops blanks', () => {
    expect(parseSerials(' A1\n\nA2 ,A3\n')).toEqual(['A1', 'A2', 'A3']);
  });
});

describe('ReceiveUnitsForm', () => {
  it('receives a list of serials of the chosen model with location and dates', async () => {
    const onDone = vi.fn();
    const { calls } = mockFetch({
      'GET /api/catalog': { body: { items: [catalogModel()], total: 1, page: 1, pageSize: 100 } },
      'POST /api/components': { status: 201, body: { items: [stockUnit(), stockUnit({ id: 42, serialNumber: 'CPU-0002' })], total: 2 } },
    });
    renderWithProviders(<ReceiveUnitsForm onDone={onDone} />);
    await userEvent.click(screen.getByLabelText(/^model/i, { selector: 'input' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Intel Xeon Gold 6430' }));
    await userEvent.type(screen.getByLabelText(/^serial numbers/i), 'CPU-0001\nCPU-0002');
    await userEvent.type(screen.getByLabelText(/^location/i), 'Store A');
    await userEvent.type(screen.getByLabelText(/^warranty end date/i), '2029-01-10');
    await userEvent.click(screen.getByRole('button', { name: 'Receive 2 units' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(2));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      componentType: 'cpu',
      uuid: MODEL_UUID,
      serials: ['CPU-0001', 'CPU-0002'],
      location: 'Store A',
      purchaseDate: null,
      warrantyEndDate: '2029-01-10',
      notes: null,
    });
  });

  it('asks for a model and serials before sending, and shows the API refusal on the field it names', async () => {
    const { calls } = mockFetch({
      'GET /api/catalog': { body: { items: [catalogModel()], total: 1, page: 1, pageSize: 100 } },
      'POST /api/components': {
        status: 409,
        body: { code: 'CONFLICT', message: 'Serials already in stock', details: { fields: [{ field: 'serials', reason: 'already in stock: CPU-0001' }] } },
      },
    });
    renderWithProviders(<ReceiveUnitsForm initialModel={MODEL_UUID} />);
    await userEvent.click(screen.getByRole('button', { name: /^receive/i }));
    expect(await screen.findByText('Enter at least one serial number')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await userEvent.type(screen.getByLabelText(/^serial numbers/i), 'CPU-0001');
    await userEvent.click(screen.getByRole('button', { name: 'Receive 1 unit' }));
    expect(await screen.findByText('already in stock: CPU-0001')).toBeInTheDocument();
  });
});
