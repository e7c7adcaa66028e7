import { describe, expect, it } from 'vitest';
import type { TicketItemInput } from '@bdc/contracts';
import { claimsOf, conflictingTickets, conflictsOf, type NamedUnit } from './ticket-claims';

const dimm: NamedUnit = { componentType: 'ram', serialNumber: 'SN-A1', slot: 'DIMM A1' };
const labels = (items: TicketItemInput[], named: NamedUnit[] = [dimm]) => [...claimsOf(items.map((item) => ({ item, named })), []).values()].map((c) => c.label);

describe('claimsOf (what a ticket claims)', () => {
  it('a replace claims the unit it pins and the installed unit it takes out, with its slot', () => {
    expect(labels([{ action: 'replace', componentType: 'ram', componentUuid: 'M', componentSerial: 'SN-NEW', currentValue: 'SN-A1', quantity: 1 }])).toEqual(['SN-NEW', 'SN-A1', 'DIMM A1']);
  });

  it('a removal by serial claims the serial even when it is not installed (a draft may name anything)', () => {
    expect(labels([{ action: 'remove', componentType: 'ram', componentSerial: 'SN-ELSEWHERE', quantity: 1 }])).toEqual(['SN-ELSEWHERE']);
  });

  it('a model UUID, a configuration change and an addition by model claim nothing', () => {
    expect(labels([
      { action: 'replace', componentType: 'ram', componentUuid: 'M2', currentValue: 'M', quantity: 1 },
      { action: 'remove', componentType: 'ram', componentUuid: 'M', currentValue: 'SN-A1', quantity: 1 },
      { action: 'modify', componentType: null, currentValue: 'SN-A1', requestedValue: 'x', quantity: 1 },
      { action: 'add', componentType: 'ram', componentUuid: 'M', quantity: 2 },
    ])).toEqual([]);
  });

  it('a current value of another type is not that unit', () => {
    expect(labels([{ action: 'replace', componentType: 'cpu', componentUuid: 'C', currentValue: 'SN-A1', quantity: 1 }])).toEqual([]);
  });

  it('held units are claims, marked held, and their slot too', () => {
    const claims = claimsOf([], [{ serialNumber: 'SN-A1', slot: 'DIMM A1' }, { serialNumber: 'SN-SPARE', slot: null }]);
    expect([...claims.values()]).toEqual([
      { label: 'SN-A1', held: true },
      { label: 'DIMM A1', held: true },
      { label: 'SN-SPARE', held: true },
    ]);
  });
});

describe('conflicts between tickets', () => {
  const ticket = (ticketId: number, items: TicketItemInput[], held: { serialNumber: string; slot: string | null }[] = []) => ({
    ticketId,
    ticketNumber: `T-${ticketId}`,
    claims: claimsOf(items.map((item) => ({ item, named: [dimm] })), held),
  });
  const removeA1 = { action: 'remove', componentType: 'ram', componentSerial: 'SN-A1', quantity: 1 } as const;

  it('are symmetric between the reader of one ticket and the list', () => {
    const one = ticket(1, [removeA1]);
    const two = ticket(2, [], [{ serialNumber: 'SN-A1', slot: 'DIMM A1' }]);
    const three = ticket(3, [{ action: 'add', componentType: 'ram', componentUuid: 'M', quantity: 1 }]);
    expect(conflictsOf(one.claims, [one, two, three], 1)).toEqual([{ ticketId: 2, ticketNumber: 'T-2', claims: ['SN-A1', 'DIMM A1'], reserved: true }]);
    expect(conflictsOf(two.claims, [one, two, three], 2)).toEqual([{ ticketId: 1, ticketNumber: 'T-1', claims: ['SN-A1', 'DIMM A1'], reserved: false }]);
    expect(conflictingTickets([three, two, one])).toEqual([1, 2]);
  });
});
