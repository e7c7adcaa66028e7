import { LIMITS } from '@bdc/contracts';
import type { TicketAction } from '@bdc/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockFetch } from '../../../test/fetch-mock';
import { ticketDetail, userSummary } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { TicketActions } from './ticket-actions';

function toolbarButtons(): string[] {
  const toolbar = screen.queryByRole('toolbar', { name: 'Ticket actions' });
  return toolbar ? within(toolbar).getAllByRole('button').map((b) => b.textContent ?? '') : [];
}

describe('TicketActions', () => {
  const cases: { allowed: TicketAction[]; expected: string[] }[] = [
    { allowed: [], expected: [] },
    { allowed: ['comment'], expected: [] },
    { allowed: ['approve', 'reject', 'cancel', 'comment', 'comment_internal'], expected: ['Approve', 'Reject', 'Cancel ticket'] },
    { allowed: ['submit', 'edit', 'cancel', 'comment'], expected: ['Submit', 'Edit', 'Cancel ticket'] },
    { allowed: ['resubmit', 'edit'], expected: ['Edit and resubmit'] },
    { allowed: ['assign', 'start', 'cancel', 'delete'], expected: ['Assign', 'Start work', 'Cancel ticket', 'Delete'] },
    { allowed: ['deploy'], expected: ['Deploy'] },
    { allowed: ['complete', 'rollback'], expected: ['Complete', 'Roll back'] },
  ];

  it.each(cases)('renders exactly the buttons for $allowed', ({ allowed, expected }) => {
    mockFetch({});
    renderWithProviders(<TicketActions ticket={ticketDetail({ allowedActions: allowed })} />);
    expect(toolbarButtons()).toEqual(expected);
  });

  it('does not offer an action the API did not allow, whatever the status suggests', () => {
    mockFetch({});
    renderWithProviders(<TicketActions ticket={ticketDetail({ status: 'pending', allowedActions: ['reject'] })} />);
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reject' })).toBeInTheDocument();
  });

  it('labels assign as reassign when someone is already assigned', () => {
    mockFetch({});
    renderWithProviders(<TicketActions ticket={ticketDetail({ allowedActions: ['assign'], assignedTo: userSummary(4, 'tech') })} />);
    expect(toolbarButtons()).toEqual(['Reassign']);
  });

  it('reject requires a reason and sends it', async () => {
    const { calls } = mockFetch({
      'POST /api/tickets/1/reject': { body: ticketDetail({ status: 'rejected', rejectionReason: 'No budget' }) },
    });
    renderWithProviders(<TicketActions ticket={ticketDetail({ allowedActions: ['approve', 'reject'] })} />);
    await userEvent.click(screen.getByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject ticket' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reject ticket' }));
    expect(await within(dialog).findByText('Reason is required')).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    await userEvent.type(within(dialog).getByLabelText(/reason/i), 'No budget');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reject ticket' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.body).toEqual({ reason: 'No budget' });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('counts a reason in characters as the API does (an emoji is one), not in UTF-16 units', async () => {
    const { calls } = mockFetch({ 'POST /api/tickets/1/reject': { body: ticketDetail({ status: 'rejected' }) } });
    renderWithProviders(<TicketActions ticket={ticketDetail({ allowedActions: ['approve', 'reject'] })} />);
    await userEvent.click(screen.getByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject ticket' });
    const field = within(dialog).getByLabelText(/reason/i);
    // At the limit: 2,000 characters that are 4,000 UTF-16 units.
    await userEvent.click(field);
    await userEvent.paste('😀'.repeat(LIMITS.reasonMax));
    expect(within(dialog).queryByText(/^At most/)).not.toBeInTheDocument();
    await userEvent.paste('😀');
    expect(within(dialog).getByText(`At most ${LIMITS.reasonMax} characters`)).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it('rollback requires a reason, like reject, and sends it trimmed', async () => {
    const { calls } = mockFetch({
      'POST /api/tickets/1/rollback': { body: ticketDetail({ status: 'in_progress' }) },
    });
    renderWithProviders(<TicketActions ticket={ticketDetail({ status: 'deployed', allowedActions: ['complete', 'rollback'] })} />);
    await userEvent.click(screen.getByRole('button', { name: 'Roll back' }));
    const dialog = await screen.findByRole('dialog', { name: 'Roll back deployment' });
    expect(within(dialog).getByText(/is reverted/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    expect(await within(dialog).findByText('Reason is required')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText(/reason/i), '   ');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    expect(calls).toHaveLength(0);

    await userEvent.type(within(dialog).getByLabelText(/reason/i), 'BMC reports a DIMM error  ');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.path).toBe('/api/tickets/1/rollback');
    expect(calls[0]?.body).toEqual({ reason: 'BMC reports a DIMM error' });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it("shows the API's field error for a rollback reason", async () => {
    mockFetch({
      'POST /api/tickets/1/rollback': {
        status: 400,
        body: { code: 'VALIDATION_FAILED', message: 'Invalid reason: should not be empty', details: { fields: [{ field: 'reason', reason: 'should not be empty' }] } },
      },
    });
    renderWithProviders(<TicketActions ticket={ticketDetail({ status: 'deployed', allowedActions: ['rollback'] })} />);
    await userEvent.click(screen.getByRole('button', { name: 'Roll back' }));
    const dialog = await screen.findByRole('dialog', { name: 'Roll back deployment' });
    await userEvent.type(within(dialog).getByLabelText(/reason/i), 'x');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    expect(await within(dialog).findByText('should not be empty')).toBeInTheDocument();
  });

  it("shows the API's refusal inside the dialog and keeps it open", async () => {
    mockFetch({
      'POST /api/tickets/1/approve': {
        status: 403,
        body: { code: 'SELF_APPROVAL_FORBIDDEN', message: 'You cannot approve a ticket you created' },
      },
    });
    renderWithProviders(<TicketActions ticket={ticketDetail({ allowedActions: ['approve'] })} />);
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve ticket' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve ticket' }));
    expect(await within(dialog).findByText('You cannot approve a ticket you created')).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Approve ticket' })).toBeInTheDocument();
  });

  it('assign picks a technician from /api/users/assignees and sends the id', async () => {
    const { calls } = mockFetch({
      'GET /api/users/assignees': { body: { items: [userSummary(4, 'tech'), userSummary(5, 'tech2')], total: 2 } },
      'POST /api/tickets/1/assign': { body: ticketDetail({ status: 'approved', assignedTo: userSummary(5, 'tech2') }) },
    });
    renderWithProviders(<TicketActions ticket={ticketDetail({ status: 'approved', allowedActions: ['assign'] })} />);
    await userEvent.click(screen.getByRole('button', { name: 'Assign' }));
    const dialog = await screen.findByRole('dialog', { name: 'Assign technician' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Assign' }));
    expect(await within(dialog).findByText('Choose a technician')).toBeInTheDocument();

    await userEvent.click(within(dialog).getByLabelText(/^technician/i, { selector: 'input' }));
    await userEvent.click(await screen.findByRole('option', { name: 'tech2' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Assign' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ assigneeId: 5 });
  });

  it('offers Claim when the API allows it, naming the queue, and claims through /claim', async () => {
    const { calls } = mockFetch({ 'POST /api/tickets/1/claim': { body: ticketDetail({ status: 'approved', assignedTo: userSummary(4, 'tech') }) } });
    renderWithProviders(<TicketActions ticket={ticketDetail({ status: 'approved', assignedRole: 'technician', allowedActions: ['claim', 'comment'] })} />);
    expect(toolbarButtons()).toEqual(['Claim from technician queue']);
    await userEvent.click(screen.getByRole('button', { name: 'Claim from technician queue' }));
    const dialog = await screen.findByRole('dialog', { name: 'Claim ticket' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Claim' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.path).toBe('/api/tickets/1/claim');
    expect(calls[0]?.body).toEqual({});
  });

  it("assign can put the ticket in a role's queue instead of naming a technician", async () => {
    const { calls } = mockFetch({
      'GET /api/users/assignees': { body: { items: [userSummary(4, 'tech')], total: 1 } },
      'POST /api/tickets/1/assign': { body: ticketDetail({ status: 'approved', assignedRole: 'technician' }) },
    });
    renderWithProviders(<TicketActions ticket={ticketDetail({ status: 'approved', allowedActions: ['assign'] })} />);
    await userEvent.click(screen.getByRole('button', { name: 'Assign' }));
    const dialog = await screen.findByRole('dialog', { name: 'Assign technician' });
    await userEvent.click(within(dialog).getByLabelText(/^technician/i, { selector: 'input' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Technician queue' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Assign' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ role: 'technician' });
  });

  it('cancel asks for confirmation before calling the API', async () => {
    const { calls } = mockFetch({ 'POST /api/tickets/1/cancel': { body: ticketDetail({ status: 'cancelled' }) } });
    renderWithProviders(<TicketActions ticket={ticketDetail({ allowedActions: ['cancel'] })} />);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel ticket' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel ticket' });
    expect(within(dialog).getByText(/cannot be reopened/)).toBeInTheDocument();
    expect(calls).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel ticket' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.path).toBe('/api/tickets/1/cancel');
  });
});
