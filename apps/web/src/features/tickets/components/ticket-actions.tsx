import { type TicketAction, type TicketDetail } from '@bdc/contracts';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { paths } from '../../../lib/paths';
import { useDeleteTicket } from '../api/delete-ticket';
import { actionDoneMessage } from '../utils/action-messages';
import { ActionDialog, type DialogAction } from './action-dialog';

/** Buttons in a stable, workflow-ordered sequence; which ones show is decided by the API alone. */
const BUTTONS: { action: Exclude<TicketAction, 'comment' | 'comment_internal'>; label: (t: TicketDetail) => string; color?: string; variant?: string }[] = [
  { action: 'submit', label: () => 'Submit' },
  { action: 'approve', label: () => 'Approve', color: 'green.8' },
  { action: 'reject', label: () => 'Reject', color: 'red.8', variant: 'outline' },
  { action: 'resubmit', label: () => 'Edit and resubmit' },
  { action: 'assign', label: (t) => (t.assignedTo || t.assignedRole ? 'Reassign' : 'Assign') },
  { action: 'claim', label: (t) => (t.assignedRole ? `Claim from ${t.assignedRole} queue` : 'Claim') },
  { action: 'start', label: () => 'Start work' },
  { action: 'deploy', label: () => 'Deploy' },
  { action: 'complete', label: () => 'Complete', color: 'green.8' },
  { action: 'rollback', label: () => 'Roll back', color: 'orange.9', variant: 'outline' },
  { action: 'edit', label: () => 'Edit', variant: 'default' },
  { action: 'cancel', label: () => 'Cancel ticket', color: 'red.8', variant: 'outline' },
  { action: 'delete', label: () => 'Delete', color: 'red.8', variant: 'subtle' },
];

function DeleteDialog({ ticket, onClose }: { ticket: TicketDetail; onClose: () => void }) {
  const del = useDeleteTicket(ticket.id);
  const navigate = useNavigate();
  return (
    <Modal opened onClose={onClose} title="Delete ticket" centered>
      <Stack>
        <Text size="sm">
          Permanently delete <strong>{ticket.ticketNumber}</strong> — {ticket.title}? Its items, comments and history are deleted
          with it. This cannot be undone.
        </Text>
        {del.isError && <ErrorAlert error={del.error} title="Delete failed" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={del.isPending}>
            Keep ticket
          </Button>
          <Button
            color="red.8"
            loading={del.isPending}
            onClick={() =>
              del.mutate(undefined, {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: `${ticket.ticketNumber} was deleted.` });
                  navigate(paths.tickets.href(), { replace: true });
                },
              })
            }
          >
            Delete permanently
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function TicketActions({ ticket }: { ticket: TicketDetail }) {
  const [open, setOpen] = useState<DialogAction | 'delete' | null>(null);
  const navigate = useNavigate();
  // A rejected ticket's "Edit" and "Resubmit" lead to the same form, where resubmitting takes the edits along: one button.
  const canResubmit = ticket.allowedActions.includes('resubmit');
  const visible = BUTTONS.filter((b) => ticket.allowedActions.includes(b.action) && !(canResubmit && b.action === 'edit'));

  if (visible.length === 0) return null;

  const onClick = (action: (typeof BUTTONS)[number]['action']) => {
    if (action === 'edit' || action === 'resubmit') navigate(paths.ticketEdit.href(ticket.id));
    else setOpen(action);
  };

  return (
    <>
      <Group gap="xs" role="toolbar" aria-label="Ticket actions">
        {visible.map((b) => (
          <Button key={b.action} color={b.color} variant={b.variant ?? 'filled'} onClick={() => onClick(b.action)}>
            {b.label(ticket)}
          </Button>
        ))}
      </Group>
      {open === 'delete' && <DeleteDialog ticket={ticket} onClose={() => setOpen(null)} />}
      {open && open !== 'delete' && (
        <ActionDialog
          ticket={ticket}
          action={open}
          onClose={() => setOpen(null)}
          onDone={(t) => notifications.show({ color: 'green', message: actionDoneMessage(open, t) })}
        />
      )}
    </>
  );
}
