import type { CandidatesResponse, ServerDetail, TicketItemInput } from '@bdc/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { mockFetch } from '../../../test/fetch-mock';
import { renderWithProviders } from '../../../test/render';
import { emptyItemRow, type ItemRowValues } from '../utils/ticket-form-values';
import { ItemRowEditor } from './item-row-editor';

const server: ServerDetail = {
  uuid: 'srv-1',
  name: 'web-01',
  description: null,
  location: 'DC1',
  rackPosition: null,
  status: 'deployed',
  componentCount: 0,
  powerBudgetWatts: null,
  settings: {},
  updatedAt: '2025-01-01T00:00:00Z',
  createdAt: '2025-01-01T00:00:00Z',
  decommissionedAt: null,
  rack: null,
  rackUnit: null,
  notes: null,
  build: [],
  historyUrl: '/api/servers/srv-1/history',
  components: [],
};

const candidates: CandidatesResponse = {
  serverUuid: 'srv-1',
  componentType: 'cpu',
  candidates: [
    { uuid: 'xeon', componentType: 'cpu', name: 'Intel Xeon Gold 6430', brand: 'Intel', model: '6430', availableUnits: 2, units: [], status: 'valid', compatible: true, reasons: [], rules: [] },
    {
      uuid: 'epyc',
      componentType: 'cpu',
      name: 'AMD EPYC 9354',
      brand: 'AMD',
      model: '9354',
      availableUnits: 5,
      units: [],
      status: 'invalid',
      compatible: false,
      reasons: ['Socket SP5 does not fit the board socket LGA4677.'],
      rules: ['cpu_socket'],
    },
  ],
};

function Host({ draftItems, spy }: { draftItems: TicketItemInput[]; spy: (v: ItemRowValues) => void }) {
  const [value, setValue] = useState<ItemRowValues>({ ...emptyItemRow('add'), componentType: 'cpu' });
  return (
    <ItemRowEditor
      index={1}
      server={server}
      draftItems={draftItems}
      value={value}
      onChange={(patch) => {
        const next = { ...value, ...patch };
        setValue(next);
        spy(next);
      }}
    />
  );
}

describe('build-aware model picker', () => {
  it('asks the candidates with the other draft items, lists compatible first and the incompatible disabled with the reason', async () => {
    const { calls } = mockFetch({ 'POST /api/servers/srv-1/candidates': { body: candidates } });
    const other: TicketItemInput = { action: 'add', componentType: 'motherboard', componentUuid: 'board', quantity: 1 };
    const spy = vi.fn();
    renderWithProviders(<Host draftItems={[other]} spy={spy} />);
    await waitFor(() => expect(calls.some((c) => c.path === '/api/servers/srv-1/candidates')).toBe(true));
    expect(calls[0]?.body).toEqual({ componentType: 'cpu', items: [other] });
    expect(calls.some((c) => c.path === '/api/catalog')).toBe(false);

    await userEvent.click(screen.getByLabelText(/^model/i, { selector: 'input' }));
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'Intel Xeon Gold 6430 — 2 available',
      'AMD EPYC 9354 — not compatible: Socket SP5 does not fit the board socket LGA4677.',
    ]);
    expect(options[1]).toHaveAttribute('data-combobox-disabled');
    expect(screen.getByText('Not compatible with this server')).toBeInTheDocument();

    await userEvent.click((options[1] as HTMLElement));
    expect(spy).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('option', { name: 'Intel Xeon Gold 6430 — 2 available' }));
    expect(spy).toHaveBeenLastCalledWith(expect.objectContaining({ componentUuid: 'xeon' }));
  });
});
