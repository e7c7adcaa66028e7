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

/** A row whose model is chosen, beside another row whose title-like field is typed into. */
function TypingHost({ initial, spy }: { initial: Partial<ItemRowValues>; spy?: (v: ItemRowValues) => void }) {
  const [value, setValue] = useState<ItemRowValues>({ ...emptyItemRow('add'), componentType: 'cpu', ...initial });
  const [note, setNote] = useState('');
  const other: TicketItemInput = { action: 'add', componentType: 'motherboard', componentUuid: 'board', componentSerial: 'BOARD-1', quantity: 1, requestedValue: note };
  const pinned: TicketItemInput = { action: 'add', componentType: 'cpu', componentUuid: 'xeon', componentSerial: 'CPU-2', quantity: 1 };
  return (
    <>
      <label>
        Other item notes
        <input value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      </label>
      <ItemRowEditor
        index={2}
        server={server}
        draftItems={[other, pinned]}
        value={value}
        onChange={(patch) => {
          const next = { ...value, ...patch };
          setValue(next);
          spy?.(next);
        }}
      />
    </>
  );
}

const withUnits: CandidatesResponse = {
  ...candidates,
  candidates: [
    { ...(candidates.candidates[0] as CandidatesResponse['candidates'][number]), units: [{ id: 1, serialNumber: 'CPU-1', location: 'Shelf 2' }, { id: 2, serialNumber: 'CPU-2', location: null }] },
    { ...(candidates.candidates[1] as CandidatesResponse['candidates'][number]), availableUnits: 1, units: [{ id: 3, serialNumber: 'EPYC-1', location: null }] },
  ],
};

describe('build-aware serial picker', () => {
  it('offers the units the candidates list, disables one pinned by another item, without asking the whole stock', async () => {
    const { calls } = mockFetch({ 'POST /api/servers/srv-1/candidates': { body: withUnits } });
    const spy = vi.fn();
    renderWithProviders(<TypingHost initial={{ componentUuid: 'xeon' }} spy={spy} />);
    const serial = await screen.findByLabelText(/^serial number/i, { selector: 'input' });
    await waitFor(() => expect(calls.some((c) => c.path === '/api/servers/srv-1/candidates')).toBe(true));
    await userEvent.click(serial);
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['CPU-1 · Shelf 2', 'CPU-2 — already in another item']);
    expect(options[1]).toHaveAttribute('data-combobox-disabled');
    await userEvent.click(options[0] as HTMLElement);
    expect(spy).toHaveBeenLastCalledWith(expect.objectContaining({ componentSerial: 'CPU-1', quantity: 1 }));
    expect(calls.some((c) => c.path === '/api/components')).toBe(false);
  });

  it('disables the units of a model that does not fit, with the reason', async () => {
    mockFetch({ 'POST /api/servers/srv-1/candidates': { body: withUnits } });
    renderWithProviders(<TypingHost initial={{ componentUuid: 'epyc' }} />);
    const serial = await screen.findByLabelText(/^serial number/i, { selector: 'input' });
    await userEvent.click(serial);
    const option = await screen.findByRole('option', { name: /^EPYC-1 — not compatible: Socket SP5/ });
    expect(option).toHaveAttribute('data-combobox-disabled');
  });

  it('asks the candidates again once typing in the other rows pauses, not on every keystroke', async () => {
    const { calls } = mockFetch({ 'POST /api/servers/srv-1/candidates': { body: withUnits } });
    renderWithProviders(<TypingHost initial={{ componentUuid: 'xeon' }} />);
    const asked = () => calls.filter((c) => c.path === '/api/servers/srv-1/candidates');
    await waitFor(() => expect(asked()).toHaveLength(1));
    await userEvent.type(screen.getByLabelText('Other item notes'), 'swap', { delay: 20 });
    await waitFor(() => expect(asked()).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 400));
    expect(asked()).toHaveLength(2);
    expect((asked()[1]?.body as { items: TicketItemInput[] }).items[0]?.requestedValue).toBe('swap');
  });
});
