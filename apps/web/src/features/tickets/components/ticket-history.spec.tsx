import { describe, expect, it } from 'vitest';
import type { HistoryEntryView } from '@bdc/contracts';
import { describeHistory, describeItemsChange } from './ticket-history';

const entry = (overrides: Partial<HistoryEntryView>): HistoryEntryView => ({
  id: 1,
  ticketId: 1,
  action: 'updated',
  fieldChanged: null,
  oldValue: null,
  newValue: null,
  user: { id: 1, username: 'requester', displayName: 'Requester' },
  comment: null,
  metadata: null,
  createdAt: '2026-02-03T10:00:00.000Z',
  ...overrides,
});

describe('describeItemsChange', () => {
  it('names each item by its 1-based position with what changed', () => {
    expect(
      describeItemsChange({
        added: [{ index: 1, item: { action: 'add', componentType: 'ram', quantity: 1 } }],
        removed: [],
        changed: [
          { index: 0, field: 'quantity', from: 1, to: 2 },
          { index: 0, field: 'requestedValue', from: null, to: 'x'.repeat(100) },
        ],
      }),
    ).toBe(`Item 1: quantity 1 → 2, requested value — → ${'x'.repeat(59)}…; item 2 added`);
  });

  it('renders a structured items entry of the history readably', () => {
    const text = describeHistory(
      entry({ fieldChanged: 'items', oldValue: '2 items', newValue: '1 item', metadata: { items: { added: [], removed: [{ index: 1, item: { action: 'add', componentType: 'ram', quantity: 1 } }], changed: [] } } }),
    );
    expect(text).toBe('Changed the items: Item 2 removed');
  });

  it('keeps plain field changes as before', () => {
    expect(describeHistory(entry({ fieldChanged: 'title', oldValue: 'a', newValue: 'b' }))).toBe('Changed the title from “a” to “b”');
  });

  it('describes role queues: queued, claimed, assigned to a person', () => {
    expect(describeHistory(entry({ action: 'assigned', fieldChanged: 'assigned_role', newValue: 'technician', metadata: { queue: 'technician' } }))).toBe('Put in the technician queue');
    expect(describeHistory(entry({ action: 'assigned', fieldChanged: 'assigned_to', newValue: '3', metadata: { assignee: 'tech', claimedFrom: 'technician' } }))).toBe('Claimed from the technician queue');
    expect(describeHistory(entry({ action: 'assigned', fieldChanged: 'assigned_to', newValue: '3', metadata: { assignee: 'tech' } }))).toBe('Assigned to tech');
    // The API resolves the assignee: people read a name, not a login.
    expect(describeHistory(entry({ action: 'assigned', fieldChanged: 'assigned_to', newValue: '3', metadata: { assignee: 'tech' }, subject: { id: 3, username: 'tech', displayName: 'Tom Becker' } }))).toBe('Assigned to Tom Becker');
  });
});
