import type { UnitLogEntry } from '@bdc/contracts';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { receivedLogEntry } from '../inventory-fixtures';
import { UnitLogTimeline } from './unit-log-timeline';

const entries: UnitLogEntry[] = [
  receivedLogEntry(),
  {
    id: 2,
    unitId: 41,
    event: 'installed',
    source: 'ticket',
    before: { status: 'reserved', serverUuid: null, slot: null, location: 'Store A' },
    after: { status: 'in_use', serverUuid: 'srv-1', slot: 'cpu-1', location: null },
    ticket: { id: 7, ticketNumber: 'TKT-2026-0007' },
    user: { id: 4, username: 'tech', displayName: 'Tech One' },
    note: 'deployed',
    createdAt: '2026-11-02T10:00:00.000Z',
  },
];

describe('UnitLogTimeline', () => {
  it('shows each event with before → after, who, the source and a link to the ticket', async () => {
    renderWithProviders(<UnitLogTimeline entries={entries} />);
    expect(await screen.findByText('Received')).toBeInTheDocument();
    expect(screen.getByText('— → available, Store A')).toBeInTheDocument();
    expect(screen.getByText('Installed')).toBeInTheDocument();
    expect(screen.getByText('reserved, Store A → in_use, server srv-1 slot cpu-1')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'TKT-2026-0007' })).toHaveAttribute('href', '/tickets/7');
    expect(screen.getByText(/Stores Clerk · stock edit/)).toBeInTheDocument();
    expect(screen.getByText(/Tech One · ticket/)).toBeInTheDocument();
    expect(screen.getByText('deployed')).toBeInTheDocument();
  });

  it('says so when nothing was recorded', async () => {
    renderWithProviders(<UnitLogTimeline entries={[]} />);
    expect(await screen.findByText('No changes recorded yet.')).toBeInTheDocument();
  });
});
