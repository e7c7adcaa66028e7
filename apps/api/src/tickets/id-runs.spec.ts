import { describe, expect, it } from 'vitest';
import { idRuns } from './tickets.repository';

describe('idRuns', () => {
  it('groups consecutive ids into ranges, whatever their order, duplicates included', () => {
    expect(idRuns([])).toEqual([]);
    expect(idRuns([7])).toEqual([[7, 7]]);
    expect(idRuns([12, 10, 11, 3, 1, 2, 2, 20])).toEqual([
      [1, 3],
      [10, 12],
      [20, 20],
    ]);
  });
});
