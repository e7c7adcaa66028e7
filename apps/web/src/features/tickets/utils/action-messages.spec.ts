import { describe, expect, it } from 'vitest';
import { ticketDetail } from '../../../test/fixtures';
import { actionDoneMessage, savedMessage } from './action-messages';

describe('actionDoneMessage', () => {
  it('words an assignment from what happened, not from the status it leaves', () => {
    const t = ticketDetail({ status: 'approved', assignedTo: { id: 3, username: 'tech', displayName: 'Tom Becker' } });
    expect(actionDoneMessage('assign', t)).toBe(`${t.ticketNumber} assigned to Tom Becker.`);
    expect(actionDoneMessage('assign', ticketDetail({ status: 'approved', assignedTo: null, assignedRole: 'technician' }))).toMatch(/put in the technician queue/);
  });

  it('says what each transition did', () => {
    const t = ticketDetail({ status: 'pending' });
    expect(actionDoneMessage('resubmit', t)).toMatch(/resubmitted for approval/);
    expect(actionDoneMessage('approve', ticketDetail({ status: 'approved' }))).toMatch(/approved/);
    expect(actionDoneMessage('rollback', ticketDetail({ status: 'in_progress' }))).toMatch(/in progress again/);
  });

  it('a saved rejected ticket is not reported as a failure', () => {
    const msg = savedMessage(ticketDetail({ status: 'rejected' }));
    expect(msg).toMatch(/saved/);
    expect(msg).toMatch(/Resubmit/);
    expect(msg).not.toMatch(/is rejected/);
  });
});
