import { describe, expect, it } from 'vitest';
import { formatReport, newTableReport } from './report';

describe('formatReport', () => {
  it('prints a row per table read, names the absent ones, then every skip and warning with its reason', () => {
    const users = { ...newTableReport('users'), read: 3, imported: 2, unchanged: 0, skipped: [{ row: 'id 9 (x)', reason: 'no id or no username' }] };
    const reservations = { ...newTableReport('tickets → reservations'), read: 1, warnings: [{ row: 'TKT-1', reason: 'why' }] };
    const text = formatReport({ source: 'bdc', dryRun: true, tables: [users, reservations, { ...newTableReport('tickets'), absent: true }] });
    expect(text.split('\n')).toEqual([
      'Dry run (nothing written) from BDC IMS database "bdc"',
      'table                   read  imported  updated  unchanged  skipped',
      'users                      3         2        0          0        1',
      'tickets → reservations     1         0        0          0        0',
      'not in the source database: tickets',
      'skipped  users id 9 (x): no id or no username',
      'warning  tickets → reservations TKT-1: why',
    ]);
  });
});
