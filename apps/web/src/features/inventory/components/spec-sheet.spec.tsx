import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { SpecSheet } from './spec-sheet';

describe('SpecSheet', () => {
  it('shows typed keys with label and unit, and the vendor fields separately', async () => {
    renderWithProviders(
      <SpecSheet
        type="motherboard"
        specifications={{
          socket: 'LGA4677',
          cpu_sockets: 2,
          memory_type: 'DDR5',
          ecc: true,
          pcie_slots: [{ size: 'x16', lanes: 16, generation: 5, count: 4 }],
          bios_vendor: 'AMI',
        }}
      />,
    );
    const sheet = await screen.findByRole('table', { name: 'Specifications' });
    expect(within(sheet).getByRole('rowheader', { name: 'Socket' }).closest('tr')).toHaveTextContent('LGA4677');
    expect(within(sheet).getByRole('rowheader', { name: 'CPU sockets' }).closest('tr')).toHaveTextContent('2');
    expect(within(sheet).getByText(/Slot size: x16, Lanes: 16, PCIe generation: 5, Count: 4/)).toBeInTheDocument();
    expect(within(sheet).queryByText('bios_vendor')).not.toBeInTheDocument();
    const vendor = screen.getByRole('table', { name: 'Vendor details' });
    expect(within(vendor).getByRole('rowheader', { name: 'bios_vendor' }).closest('tr')).toHaveTextContent('AMI');
  });

  it('writes the unit after a number', async () => {
    renderWithProviders(<SpecSheet type="cpu" specifications={{ socket: 'SP5', cores: 96, tdp_W: 360, memory_types: ['DDR5'], base_clock_GHz: 2.4 }} />);
    const sheet = await screen.findByRole('table', { name: 'Specifications' });
    expect(within(sheet).getByRole('rowheader', { name: 'TDP' }).closest('tr')).toHaveTextContent('360 W');
    expect(within(sheet).getByRole('rowheader', { name: 'Base clock' }).closest('tr')).toHaveTextContent('2.4 GHz');
    expect(screen.queryByRole('table', { name: 'Vendor details' })).not.toBeInTheDocument();
  });
});
