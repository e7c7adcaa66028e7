import type { ProjectedBuild } from '@bdc/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { buildRows, ProjectedBuildPanel } from './projected-build-panel';

const build: ProjectedBuild = {
  serverUuid: 's-1',
  serverName: 'web-prod-01',
  slots: [
    { kind: 'chassis', slot: null, state: 'kept', componentType: 'chassis', uuid: 'c', model: 'Dell R760', serialNumber: 'CH1', itemIndex: null },
    { kind: 'cpu', slot: 'CPU1', state: 'kept', componentType: 'cpu', uuid: 'x', model: 'Xeon Gold 6430', serialNumber: 'CPU-A', itemIndex: null },
    { kind: 'cpu', slot: 'CPU2', state: 'added', componentType: 'cpu', uuid: 'x', model: 'Xeon Gold 6430', serialNumber: null, itemIndex: 0 },
    { kind: 'ram', slot: 'DIMM A1', state: 'removed', componentType: 'ram', uuid: 'r', model: 'DDR5 32GB', serialNumber: 'R-1', itemIndex: 1 },
    { kind: 'bay', slot: 'Bay 2', state: 'empty', componentType: null, uuid: null, model: null, serialNumber: null, itemIndex: null },
  ],
};

describe('ProjectedBuildPanel', () => {
  it('shows every slot with its kept/added/removed/empty marker', () => {
    renderWithProviders(<ProjectedBuildPanel build={build} />);
    const table = screen.getByRole('table', { name: 'Projected build by slot' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(5);
    expect(within((rows[0] as HTMLElement)).getByText('Chassis')).toBeInTheDocument();
    expect(within((rows[2] as HTMLElement)).getByText('CPU2')).toBeInTheDocument();
    expect(within((rows[2] as HTMLElement)).getByText(/Xeon Gold 6430 \(item 1\)/)).toBeInTheDocument();
    expect(within((rows[2] as HTMLElement)).getByText('Added')).toBeInTheDocument();
    expect(within((rows[3] as HTMLElement)).getByText('Removed')).toBeInTheDocument();
    expect(within((rows[3] as HTMLElement)).getByText(/DDR5 32GB · R-1/)).toBeInTheDocument();
    expect(within((rows[4] as HTMLElement)).getByText('Empty')).toBeInTheDocument();
    expect(within((rows[4] as HTMLElement)).getByText('free')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'The server after this change' })).toHaveTextContent('web-prod-01');
  });

  it('labels a caddy apart from the drive in the same bay', () => {
    const bay3: ProjectedBuild = {
      serverUuid: 's-1',
      serverName: 'web-prod-01',
      slots: [
        { kind: 'bay', slot: 'Bay 3', state: 'added', componentType: 'storage', uuid: 'd', model: 'SATA SSD 1TB', serialNumber: 'SSD-1', itemIndex: 0 },
        { kind: 'caddy', slot: 'Bay 3', state: 'added', componentType: 'caddy', uuid: 'k', model: '2.5" caddy', serialNumber: null, itemIndex: 1 },
      ],
    };
    renderWithProviders(<ProjectedBuildPanel build={bay3} />);
    const rows = within(screen.getByRole('table', { name: 'Projected build by slot' })).getAllByRole('row').slice(1);
    expect(within(rows[0] as HTMLElement).getByText('Bay 3')).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText('Caddy in bay 3')).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).queryByText('Bay 3')).not.toBeInTheDocument();
  });
});

describe('buildRows', () => {
  const free = (slot: string, kind: 'ram' | 'bay' = 'bay') => ({ kind, slot, state: 'empty' as const, componentType: null, uuid: null, model: null, serialNumber: null, itemIndex: null });
  const part = (slot: string) => ({ kind: 'bay' as const, slot, state: 'kept' as const, componentType: 'storage' as const, uuid: 'd', model: 'SSD', serialNumber: slot, itemIndex: null });

  it('folds a run of three or more free slots of one kind into one row, and keeps shorter runs', () => {
    const rows = buildRows([part('Bay 0'), free('Bay 1'), free('Bay 2'), free('Bay 3'), part('Bay 4'), free('Bay 5'), free('Bay 6'), free('DIMM A1', 'ram')]);
    expect(rows.map((r) => (r.kind === 'free' ? `${r.first.slot}–${r.last.slot} ×${r.count}` : r.slot.slot))).toEqual(['Bay 0', 'Bay 1–Bay 3 ×3', 'Bay 4', 'Bay 5', 'Bay 6', 'DIMM A1']);
  });

  it('shows the folded run as one labelled row', () => {
    renderWithProviders(<ProjectedBuildPanel build={{ serverUuid: 's', serverName: 'n', slots: [free('Bay 1'), free('Bay 2'), free('Bay 3'), free('Bay 4')] }} />);
    const rows = within(screen.getByRole('table', { name: 'Projected build by slot' })).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('Bay 1 – Bay 4');
    expect(rows[0]).toHaveTextContent('4 free');
  });
});
