import type { CatalogModel } from '@bdc/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { CatalogModelForm } from './catalog-model-form';

const chassis: CatalogModel = {
  uuid: 'ch-1',
  componentType: 'chassis',
  brand: 'Dell',
  model: 'R740',
  name: 'Dell R740',
  series: null,
  family: null,
  status: 'active',
  specifications: { form_factor: '2U', drive_bays: 8, bays: [{ size: '2.5"', type: 'SAS', count: 8, hot_swap: true }], vendor_note: 'kept' },
  availableUnits: 0,
} as unknown as CatalogModel;

describe('CatalogModelForm grouped specs', () => {
  it('edits bay groups as rows of fields: change, add, remove; the vendor keys of a row are kept', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<CatalogModelForm initial={chassis} errors={{}} submitting={false} submitLabel="Save" onSubmit={onSubmit} />);
    const first = screen.getByRole('group', { name: 'Drive bays by size and type 1' });
    expect(within(first).getByRole('textbox', { name: /^Count/ })).toHaveValue('8');
    expect(screen.queryByText(/JSON list/)).not.toBeInTheDocument();

    await userEvent.clear(within(first).getByRole('textbox', { name: /^Count/ }));
    await userEvent.type(within(first).getByRole('textbox', { name: /^Count/ }), '6');
    await userEvent.click(screen.getByRole('button', { name: 'Add to drive bays by size and type' }));
    const second = screen.getByRole('group', { name: 'Drive bays by size and type 2' });
    await userEvent.type(within(second).getByRole('textbox', { name: /^Count/ }), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenLastCalledWith(
      expect.objectContaining({
        specifications: expect.objectContaining({
          vendor_note: 'kept',
          bays: [{ size: '2.5"', type: 'SAS', count: 6, hot_swap: true }, { count: 2 }],
        }),
      }),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Remove Drive bays by size and type 2' }));
    expect(screen.queryByRole('group', { name: 'Drive bays by size and type 2' })).not.toBeInTheDocument();
  });

  it("shows the API's reasons under the field of the row they are about", () => {
    renderWithProviders(
      <CatalogModelForm
        initial={chassis}
        errors={{ 'specifications.bays.0.count': 'must be a whole number', 'specifications.bays.0.size': 'required' }}
        submitting={false}
        submitLabel="Save"
        onSubmit={vi.fn()}
      />,
    );
    const first = screen.getByRole('group', { name: 'Drive bays by size and type 1' });
    expect(within(first).getByRole('textbox', { name: /^Count/ })).toHaveAccessibleDescription(/must be a whole number/);
    expect(within(first).getByText('required')).toBeInTheDocument();
  });
});
