import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSlotLabels, nextSlot, slotFamily, slotLabels, slotSortKey } from './slots';

describe('nextSlot', () => {
  it('takes the first free label in the demo style', () => {
    const used = new Set(['CPU1', 'DIMM A1', 'DIMM A2', 'Bay 0', 'PCIe slot 1']);
    expect(nextSlot('cpu', {}, used)).toBe('CPU2');
    expect(nextSlot('ram', {}, used)).toBe('DIMM B1');
    expect(nextSlot('ram', {}, used)).toBe('DIMM B2');
    expect(nextSlot('storage', { form_factor: '2.5"' }, used)).toBe('Bay 1');
    expect(nextSlot('storage', { form_factor: 'M.2' }, used)).toBe('M.2 slot 1');
    expect(nextSlot('hbacard', {}, used)).toBe('PCIe slot 2');
    expect(nextSlot('nic', {}, used)).toBe('PCIe slot 3');
    expect(used.has('PCIe slot 3')).toBe(true);
  });

  it('reuses a freed label and gives none to boards and chassis', () => {
    expect(nextSlot('cpu', {}, new Set(['CPU2']))).toBe('CPU1');
    expect(nextSlot('motherboard', {}, new Set())).toBeNull();
    expect(nextSlot('chassis', {}, new Set())).toBeNull();
  });

  it('groups PCIe cards into one family and keeps caddies apart from drives', () => {
    expect(['nic', 'pciecard', 'hbacard'].map((t) => slotFamily(t as 'nic'))).toEqual(['pcie', 'pcie', 'pcie']);
    expect(slotFamily('caddy')).not.toBe(slotFamily('storage'));
  });

  it('slotLabels lists, once, every label nextSlot can give a kind (what a chosen placement is checked against)', () => {
    for (const [type, specs] of [['ram', {}], ['cpu', {}], ['storage', { form_factor: 'M.2' }], ['nic', { kind: 'sfp' }]] as const) {
      const labels = slotLabels(type, specs);
      const given = new Set<string>();
      for (let n = 0; n < labels.size; n++) nextSlot(type, specs, given);
      expect(given).toEqual(labels);
      expect(labels.size).toBe(1000);
    }
    expect(slotLabels('motherboard', {}).size).toBe(0);
  });
});

describe('slot label order', () => {
  const collator = new Intl.Collator('en', { numeric: true });
  const byKeys = (labels: (string | null)[]) =>
    labels
      .map((label) => ({ label, key: slotSortKey(label) }))
      .sort((a, b) => compareSlotLabels(a.label, a.key, b.label, b.key))
      .map((k) => k.label);
  const byCollator = (labels: (string | null)[]) => [...labels].sort((a, b) => collator.compare(a ?? '\uffff', b ?? '\uffff'));

  it('orders the generated labels naturally', () => {
    expect(byKeys(['Bay 10', 'Bay 9', null, 'Bay 0', 'bay 1', 'CPU2', 'CPU1', 'M.2 slot 1', 'DIMM B1', 'DIMM A2'])).toEqual(['Bay 0', 'bay 1', 'Bay 9', 'Bay 10', 'CPU1', 'CPU2', 'DIMM A2', 'DIMM B1', 'M.2 slot 1', null]);
  });

  it('orders any label exactly as the collator does (imported slot positions too)', () => {
    const piece = fc.constantFrom('a', 'B', 'b', 'z', 'M', ' ', '.', '0', '1', '2', '9', '10', '007', '-', '_', '/', ':', '#', 'é', '12345678901234');
    const label = fc.option(fc.array(piece, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')), { freq: 15 });
    fc.assert(
      fc.property(fc.array(label, { maxLength: 40 }), (labels) => {
        expect(byKeys(labels)).toEqual(byCollator(labels));
      }),
      { numRuns: 300 },
    );
  });
});
