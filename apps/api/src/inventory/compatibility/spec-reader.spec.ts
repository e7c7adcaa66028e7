import { describe, expect, it } from 'vitest';
import { laneWidth, normaliseDriveFormFactor, pcieSlotGroups, specBoolean, specLooseNumber, specNumber, specText, specTextList } from './spec-reader';

describe('spec readers', () => {
  it('read numbers from numbers and numeric strings only', () => {
    expect(specNumber({ a: 4 }, 'a')).toBe(4);
    expect(specNumber({ a: ' 16 ' }, 'a')).toBe(16);
    expect(specNumber({ a: 'x' }, 'a')).toBeNull();
    expect(specNumber({ a: '' }, 'a')).toBeNull();
    expect(specNumber({ a: Number.NaN }, 'a')).toBeNull();
    expect(specNumber({}, 'a')).toBeNull();
  });

  it('compare text case-insensitively after trimming', () => {
    expect(specText({ s: ' LGA4677 ' }, 's')).toBe('lga4677');
    expect(specText({ s: '  ' }, 's')).toBeNull();
    expect(specText({ s: 3 }, 's')).toBeNull();
    expect(specTextList({ s: ['DDR5', 4, ' ddr4'] }, 's')).toEqual(['ddr5', 'ddr4']);
    expect(specTextList({ s: 'DDR5' }, 's')).toEqual(['ddr5']);
    expect(specTextList({}, 's')).toEqual([]);
  });

  it.each([
    ['2.5"', '2.5'],
    ['2.5in', '2.5'],
    ['2.5 inch', '2.5'],
    ['SFF', '2.5'],
    ['3.5"', '3.5'],
    ['LFF', '3.5'],
    ['M.2', 'm.2'],
    ['m2', 'm.2'],
    ['U.2', 'u.2'],
    ['5.25"', null],
    [42, null],
  ])('drive form factor %s → %s', (input, expected) => {
    expect(normaliseDriveFormFactor(input)).toBe(expected);
  });
});

describe('new spec readers', () => {
  it('reads booleans from the ways catalogs write them, null when unknown', () => {
    expect(specBoolean({ a: true }, 'a')).toBe(true);
    expect(specBoolean({ a: 'Yes' }, 'a')).toBe(true);
    expect(specBoolean({ a: 0 }, 'a')).toBe(false);
    expect(specBoolean({ a: 'maybe' }, 'a')).toBeNull();
    expect(specBoolean({}, 'a')).toBeNull();
  });

  it('reads PCIe slots as groups, and an old plain count as that many x16 slots of unknown generation', () => {
    expect(pcieSlotGroups({ pcie_slots: 3 })).toEqual([{ size: 'x16', lanes: 16, generation: null, count: 3, riser: false }]);
    expect(pcieSlotGroups({ pcie_slots: '2' })).toEqual([{ size: 'x16', lanes: 16, generation: null, count: 2, riser: false }]);
    expect(pcieSlotGroups({ pcie_slots: [{ size: 'x8', lanes: 8, generation: 4, count: 2, riser: true }, { size: 'x16' }] })).toEqual([
      { size: 'x8', lanes: 8, generation: 4, count: 2, riser: true },
      { size: 'x16', lanes: 16, generation: null, count: 1, riser: false },
    ]);
    expect(pcieSlotGroups({})).toEqual([]);
    expect(laneWidth('x4')).toBe(4);
    expect(laneWidth('wide')).toBeNull();
  });

  it('reads numbers with units in strings where a caller allows it', () => {
    expect(specLooseNumber({ p: '8W' }, 'p')).toBe(8);
    expect(specLooseNumber({ p: 12 }, 'p')).toBe(12);
    expect(specLooseNumber({ p: 'n/a' }, 'p')).toBeNull();
  });
});
