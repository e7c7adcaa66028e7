import { describe, expect, it } from 'vitest';
import type { TicketItemInput } from '@bdc/contracts';
import { diffItems } from '../history/item-changes';

const ram: TicketItemInput = { action: 'add', componentType: 'ram', componentUuid: 'm-1', quantity: 2 };

/** How TicketChangesService.plan tells an edit that changes the items from one that re-sends them. */
const sameItems = (a: readonly TicketItemInput[], b: readonly TicketItemInput[]) => diffItems(a, b) === null;

describe('diffItems: an unchanged list is no change to what a ticket does', () => {
  it('ignores key order and absent versus null fields, at every level', () => {
    const stored: TicketItemInput = { quantity: 2, componentSerial: null, componentUuid: 'm-1', componentType: 'ram', action: 'add', specifications: null, currentValue: null, requestedValue: null };
    expect(sameItems([ram], [stored])).toBe(true);
    const a: TicketItemInput = { action: 'modify', componentType: 'motherboard', quantity: 1, specifications: { setting: 'numa', extra: { b: 1, a: 2 } }, requestedValue: 'on' };
    const b: TicketItemInput = { requestedValue: 'on', specifications: { extra: { a: 2, b: 1 }, setting: 'numa' }, quantity: 1, componentType: 'motherboard', action: 'modify' };
    expect(sameItems([a], [b])).toBe(true);
  });

  it('sees any difference that changes the request: a value, a pinned serial, the order, the count', () => {
    expect(sameItems([ram], [{ ...ram, quantity: 3 }])).toBe(false);
    expect(sameItems([ram], [{ ...ram, componentSerial: 'SN-1' }])).toBe(false);
    const nic: TicketItemInput = { action: 'add', componentType: 'nic', componentUuid: 'n-1', quantity: 1 };
    expect(sameItems([ram, nic], [nic, ram])).toBe(false);
    expect(sameItems([ram], [ram, ram])).toBe(false);
    expect(sameItems([], [])).toBe(true);
  });
});
