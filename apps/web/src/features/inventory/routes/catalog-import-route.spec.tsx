import type { CatalogImportReport } from '@bdc/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSessionCache, setSessionFromLogin } from '../../../lib/auth-session';
import { loginResponse } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { inventoryEditor } from '../inventory-fixtures';
import { CatalogImportRoute } from './catalog-import-route';

function report(dryRun: boolean): CatalogImportReport {
  return {
    dryRun,
    files: { read: 1, withoutModels: [], unreadable: [] },
    types: [
      { componentType: 'cpu', imported: 2, updated: 1, unchanged: 3, skipped: [{ where: 'cpu.json#models[4]', model: 'Mystery', uuid: null, reason: 'no UUID' }] },
      { componentType: 'ram', imported: 0, updated: 0, unchanged: 0, skipped: [] },
    ],
    totals: { imported: 2, updated: 1, unchanged: 3, skipped: 1 },
  };
}

beforeEach(() => {
  resetSessionCache();
  setSessionFromLogin(loginResponse({ user: inventoryEditor }));
});

describe('CatalogImportRoute', () => {
  it('runs a dry run first, shows the report per type with the skips, then imports for real', async () => {
    const sent: { dryRun: string | null; files: string[] }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        const form = init.body as FormData;
        const dryRun = form.get('dryRun') as string | null;
        sent.push({ dryRun, files: form.getAll('file').map((f) => (f as File).name) });
        return new Response(JSON.stringify(report(dryRun === 'true')), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }),
    );
    const { container } = renderWithProviders(<CatalogImportRoute />);
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
    const file = new File(['{"brand":"Intel"}'], 'Cpu-details-level-3.json', { type: 'application/json' });
    expect(screen.getByRole('button', { name: /^catalog files/i })).toBeInTheDocument();
    const input = container.querySelector<HTMLInputElement>('input[type="file"]');
    if (!input) throw new Error('no file input');
    await userEvent.upload(input, file);
    await userEvent.click(screen.getByRole('button', { name: 'Dry run' }));
    const table = await screen.findByRole('table', { name: 'Import report' });
    const cpu = within(table).getByRole('rowheader', { name: 'CPU' }).closest('tr');
    expect(cpu).toHaveTextContent(/CPU\s*2\s*1\s*3\s*1/);
    expect(within(table).queryByRole('rowheader', { name: 'Memory' })).not.toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Skipped models' })).toHaveTextContent('CPU Mystery (cpu.json#models[4]): no UUID');
    expect(screen.getByText(/Dry run: nothing was written/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('Catalog imported')).toBeInTheDocument();
    await waitFor(() => expect(sent).toEqual([{ dryRun: 'true', files: ['Cpu-details-level-3.json'] }, { dryRun: 'false', files: ['Cpu-details-level-3.json'] }]));
  });
});
