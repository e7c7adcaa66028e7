import type { HistoryEntryView } from '@bdc/contracts';
import { describe, expect, it } from 'vitest';
import { milestonesOf } from './milestones';

let nextId = 1;
function change(to: string, who: string, at: string): HistoryEntryView {
  return {
    id: nextId++,
    ticketId: 1,
    action: 'status_change',
    fieldChanged: 'status',
    oldValue: null,
    newValue: to,
    user: { id: nextId, username: who, displayName: who.toUpperCase() },
    comment: null,
    metadata: null,
    createdAt: at,
  };
}

describe('milestonesOf', () => {
  it('names who approved, deployed and completed, each with the time', () => {
    const history = [change('pending', 'rita', 't1'), change('approved', 'maria', 't2'), change('in_progress', 'tom', 't3'), change('deployed', 'tom', 't4'), change('completed', 'tom', 't5')];
    expect(milestonesOf(history, 'completed').map((m) => [m.label, m.by.username, m.at])).toEqual([
      ['Submitted', 'rita', 't1'],
      ['Approved', 'maria', 't2'],
      ['Deployed', 'tom', 't4'],
      ['Completed', 'tom', 't5'],
    ]);
  });

  it('counts a ticket filed straight for approval as submitted at its creation', () => {
    const created = { ...change('pending', 'rita', 't0'), action: 'ticket_created' as const };
    expect(milestonesOf([created, change('rejected', 'maria', 't2')], 'rejected').map((m) => `${m.label} ${m.by.username} ${m.at}`)).toEqual(['Submitted rita t0', 'Rejected maria t2']);
  });

  it('names who rejected', () => {
    const history = [change('pending', 'rita', 't1'), change('rejected', 'maria', 't2')];
    expect(milestonesOf(history, 'rejected').map((m) => `${m.label} ${m.by.username}`)).toEqual(['Submitted rita', 'Rejected maria']);
  });

  it('forgets an earlier round once the ticket is resubmitted', () => {
    const history = [change('pending', 'rita', 't1'), change('rejected', 'maria', 't2'), change('pending', 'rita', 't3'), change('approved', 'sam', 't4')];
    expect(milestonesOf(history, 'approved').map((m) => `${m.label} ${m.by.username} ${m.at}`)).toEqual(['Submitted rita t3', 'Approved sam t4']);
  });

  it('does not show a deployment that was rolled back', () => {
    const history = [change('pending', 'rita', 't1'), change('approved', 'maria', 't2'), change('deployed', 'tom', 't3'), change('in_progress', 'tom', 't4')];
    expect(milestonesOf(history, 'in_progress').map((m) => m.label)).toEqual(['Submitted', 'Approved']);
  });
});
