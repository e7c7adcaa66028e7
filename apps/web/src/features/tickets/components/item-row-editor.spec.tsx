import type { ServerDetail } from '@bdc/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { mockFetch } from '../../../test/fetch-mock';
import { renderWithProviders } from '../../../test/render';
import { emptyItemRow, type ItemRowValues } from '../utils/ticket-form-values';
import { ItemRowEditor, type ItemRowEditorProps } from './item-row-editor';

const server: ServerDetail = {
  uuid: 'srv-1',
  name: 'web-01',
  description: null,
  location: 'DC1',
  rackPosition: 'R1-U10',
  status: 'deployed',
  componentCount: 2,
  powerBudgetWatts: null,
  settings: { 'bios.hyperthreading': 'enabled' },
  updatedAt: '2025-01-01T00:00:00Z',
  createdAt: '2025-01-01T00:00:00Z',
  decommissionedAt: null,
  rack: 'R1',
  rackUnit: 10,
  notes: null,
  build: [],
  historyUrl: '/api/servers/srv-1/history',
  components: [
    { id: 1, componentType: 'ram', uuid: 'ram-model-a', serialNumber: 'RAM-A-1', slot: 'A1', model: 'Samsung 32GB DDR4' },
    { id: 2, componentType: 'ram', uuid: 'ram-model-a', serialNumber: 'RAM-A-2', slot: 'A2', model: 'Samsung 32GB DDR4' },
    { id: 3, componentType: 'cpu', uuid: 'cpu-model-x', serialNumber: 'CPU-1', slot: '0', model: 'Xeon Gold 6338' },
  ],
};

const catalog = {
  items: [
    { uuid: 'ram-model-a', componentType: 'ram', brand: 'Samsung', model: 'M393', name: 'Samsung 32GB DDR4', specifications: {}, availableUnits: 3 },
    { uuid: 'ram-model-b', componentType: 'ram', brand: 'Micron', model: 'MTA', name: 'Micron 64GB DDR4', specifications: {}, availableUnits: 0 },
  ],
  total: 2,
};

const stock = {
  items: [
    { id: 10, componentType: 'ram', uuid: 'ram-model-a', serialNumber: 'RAM-S-1', status: 'available', serverUuid: null, location: 'Shelf 1', model: 'Samsung 32GB DDR4' },
    { id: 11, componentType: 'ram', uuid: 'ram-model-b', serialNumber: 'RAM-S-9', status: 'available', serverUuid: null, location: 'Shelf 2', model: 'Micron 64GB DDR4' },
  ],
  total: 2,
};

/** A stateful host, as the form is: the editor is controlled. */
function Host(props: Partial<ItemRowEditorProps> & { initial: ItemRowValues; onChangeSpy?: (v: ItemRowValues) => void }) {
  const { initial, onChangeSpy, ...rest } = props;
  const [value, setValue] = useState(initial);
  return (
    <ItemRowEditor
      index={0}
      server={server}
      {...rest}
      value={value}
      onChange={(patch) => {
        const next = { ...value, ...patch };
        setValue(next);
        onChangeSpy?.(next);
      }}
    />
  );
}

async function choose(label: RegExp, option: string | RegExp) {
  await userEvent.click(screen.getByLabelText(label, { selector: 'input' }));
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

describe('ItemRowEditor', () => {
  it('repeats the chosen model in full under the field, for a phone where the field cuts it off', async () => {
    mockFetch({ 'GET /api/catalog': { body: catalog }, 'GET /api/components': { body: stock } });
    renderWithProviders(<Host initial={{ ...emptyItemRow('add'), componentType: 'ram' }} />);
    expect(screen.queryByText('Samsung 32GB DDR4 — 3 available', { selector: 'p' })).not.toBeInTheDocument();
    await choose(/^Model/, 'Samsung 32GB DDR4 — 3 available');
    expect(await screen.findByText('Samsung 32GB DDR4 — 3 available', { selector: 'p' })).toBeInTheDocument();
  });

  it('add: picks a model from stock showing available units, then an optional serial that pins one unit', async () => {
    const { calls } = mockFetch({ 'GET /api/catalog': { body: catalog }, 'GET /api/components': { body: stock } });
    const spy = vi.fn();
    renderWithProviders(<Host initial={{ ...emptyItemRow('add'), quantity: 2 }} onChangeSpy={spy} />);
    expect(screen.getByRole('group', { name: 'Item 1' })).toBeInTheDocument();

    await choose(/^component type/i, 'Memory');
    await choose(/^model/i, 'Samsung 32GB DDR4 — 3 available');
    expect(calls.find((c) => c.path === '/api/catalog')?.query.get('type')).toBe('ram');
    expect(spy).toHaveBeenLastCalledWith(expect.objectContaining({ componentType: 'ram', componentUuid: 'ram-model-a' }));

    await choose(/^serial number/i, /RAM-S-1/);
    const componentsCall = calls.find((c) => c.path === '/api/components');
    expect(componentsCall?.query.get('status')).toBe('available');
    expect(componentsCall?.query.get('type')).toBe('ram');
    // Units of other models are not offered for this model.
    expect(screen.queryByRole('option', { name: /RAM-S-9/ })).not.toBeInTheDocument();
    expect(spy).toHaveBeenLastCalledWith(expect.objectContaining({ componentSerial: 'RAM-S-1', quantity: 1 }));
  });

  it('remove: offers only what is installed in the chosen server', async () => {
    mockFetch({});
    const spy = vi.fn();
    renderWithProviders(<Host initial={{ ...emptyItemRow('remove'), componentType: 'ram' }} onChangeSpy={spy} />);
    await userEvent.click(screen.getByLabelText(/^model/i, { selector: 'input' }));
    expect(await screen.findByRole('option', { name: 'Samsung 32GB DDR4 — 2 installed' })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /Xeon/ })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('option', { name: 'Samsung 32GB DDR4 — 2 installed' }));
    await choose(/^serial number/i, /RAM-A-2/);
    expect(spy).toHaveBeenLastCalledWith(expect.objectContaining({ componentUuid: 'ram-model-a', componentSerial: 'RAM-A-2' }));
  });

  it('replace: the unit to take out comes from the server, the new model from stock', async () => {
    mockFetch({ 'GET /api/catalog': { body: catalog }, 'GET /api/components': { body: stock } });
    const spy = vi.fn();
    renderWithProviders(<Host initial={{ ...emptyItemRow('replace'), componentType: 'ram' }} onChangeSpy={spy} />);
    await choose(/^new model/i, /Micron 64GB DDR4/);
    await choose(/^unit to take out/i, /RAM-A-1/);
    expect(spy).toHaveBeenLastCalledWith(expect.objectContaining({ componentUuid: 'ram-model-b', currentValue: 'RAM-A-1' }));
  });

  it('modify: shows setting fields and fills the current value from the server', async () => {
    mockFetch({});
    const spy = vi.fn();
    renderWithProviders(<Host initial={{ ...emptyItemRow('modify'), componentType: 'cpu' }} onChangeSpy={spy} />);
    expect(screen.queryByLabelText(/^model/i, { selector: 'input' })).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/^setting/i, { selector: 'input' }), 'bios.hyperthreading');
    await waitFor(() => expect(screen.getByLabelText(/^current value/i)).toHaveValue('enabled'));
    await userEvent.type(screen.getByLabelText(/^requested value/i), 'disabled');
    expect(spy).toHaveBeenLastCalledWith(
      expect.objectContaining({ setting: 'bios.hyperthreading', currentValue: 'enabled', requestedValue: 'disabled' }),
    );
  });

  it('changing the action clears choices that belonged to the old one', async () => {
    mockFetch({ 'GET /api/catalog': { body: catalog } });
    const spy = vi.fn();
    renderWithProviders(<Host initial={{ ...emptyItemRow('add'), componentType: 'ram', componentUuid: 'ram-model-a' }} onChangeSpy={spy} />);
    await choose(/^action/i, 'Remove');
    expect(spy).toHaveBeenLastCalledWith(expect.objectContaining({ action: 'remove', componentUuid: '', componentSerial: '' }));
  });

  it("shows the API's per-item refusal, field errors and the check result", () => {
    mockFetch({ 'GET /api/catalog': { body: catalog } });
    renderWithProviders(
      <Host
        initial={{ ...emptyItemRow('add'), componentType: 'ram' }}
        errors={{ quantity: '1 to 64' }}
        problem={{ index: 0, status: 'invalid', message: 'Only 0 units of Micron 64GB DDR4 are available' }}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Item 1 was refused: Only 0 units of Micron 64GB DDR4 are available');
    expect(screen.getByText('1 to 64')).toBeInTheDocument();
  });

  it('keeps a quantity above the limit as typed and says so, instead of capping it', async () => {
    mockFetch({ 'GET /api/catalog': { body: catalog } });
    const spy = vi.fn();
    renderWithProviders(<Host initial={{ ...emptyItemRow('add'), componentType: 'ram' }} onChangeSpy={spy} />);
    const quantity = screen.getByLabelText(/^quantity/i);
    await userEvent.clear(quantity);
    await userEvent.type(quantity, '99');
    await userEvent.tab();
    expect(quantity).toHaveValue('99');
    expect(spy).toHaveBeenLastCalledWith(expect.objectContaining({ quantity: 99 }));
    expect(screen.getByText(/At most 64 per item \(you typed 99\)/)).toBeInTheDocument();
  });

  it('shows a check result as icon, word and message', () => {
    mockFetch({ 'GET /api/catalog': { body: catalog } });
    renderWithProviders(
      <Host initial={{ ...emptyItemRow('add'), componentType: 'ram' }} check={{ index: 0, status: 'warning', message: 'Mixed DIMM sizes' }} />,
    );
    expect(screen.getByText('Warning')).toBeInTheDocument();
    expect(screen.getByText('Mixed DIMM sizes')).toBeInTheDocument();
  });
});
