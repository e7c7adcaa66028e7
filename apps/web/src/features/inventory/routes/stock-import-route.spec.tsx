import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSessionCache, setSessionFromLogin } from '../../../lib/auth-session';
import { mockFetch } from '../../../test/fetch-mock';
import { loginResponse } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { inventoryEditor, MODEL_UUID } from '../inventory-fixtures';
import { StockImportRoute } from './stock-import-route';

beforeEach(() => {
  resetSessionCache();
  setSessionFromLogin(loginResponse({ user: inventoryEditor }));
});

const CSV = `component_type,model_uuid,serial_number\ncpu,${MODEL_UUID},S1\ncpu,${MODEL_UUID},S2`;

describe('StockImportRoute', () => {
  it('previews each row with its outcome and errors, and refuses the import while a row is invalid', async () => {
    const { calls } = mockFetch({
      'POST /api/components/import': (call) => ({
        body: {
          dryRun: call.query.get('dryRun') === 'true',
          created: 0,
          counts: { new: 1, duplicate: 0, invalid: 1 },
          rows: [
            { line: 2, componentType: 'cpu', uuid: MODEL_UUID, serialNumber: 'S1', outcome: 'new', errors: [] },
            { line: 3, componentType: 'cpu', uuid: MODEL_UUID, serialNumber: 'S2', outcome: 'invalid', errors: ['model is retired'] },
          ],
        },
      }),
    });
    renderWithProviders(<StockImportRoute />);
    await userEvent.click(screen.getByLabelText(/^csv text/i));
    await userEvent.paste(CSV);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const table = await screen.findByRole('table', { name: 'Import preview' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(/2cpu.*S1New/);
    expect(rows[2]).toHaveTextContent(/S2Invalidmodel is retired/);
    expect(screen.getByText('Fix the invalid rows first')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
    expect(calls[0]?.query.get('dryRun')).toBe('true');
    expect(calls[0]?.body).toEqual({ csv: CSV });
  });

  it('imports for real after a clean preview', async () => {
    const { calls } = mockFetch({
      'POST /api/components/import': (call) => {
        const dryRun = call.query.get('dryRun') === 'true';
        return {
          body: {
            dryRun,
            created: dryRun ? 0 : 2,
            counts: { new: 2, duplicate: 0, invalid: 0 },
            rows: [
              { line: 2, componentType: 'cpu', uuid: MODEL_UUID, serialNumber: 'S1', outcome: 'new', errors: [] },
              { line: 3, componentType: 'cpu', uuid: MODEL_UUID, serialNumber: 'S2', outcome: 'new', errors: [] },
            ],
          },
        };
      },
    });
    renderWithProviders(<StockImportRoute />);
    await userEvent.click(screen.getByLabelText(/^csv text/i));
    await userEvent.paste(CSV);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByText(/Dry run: 2 new/);
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText(/2 units created/)).toBeInTheDocument();
    expect(calls[1]?.query.get('dryRun')).toBeNull();
  });
});
