import { REOPEN_REVIEW, type TicketDetail, type TicketStatus } from '@bdc/contracts';
import { Alert, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { LinkAnchor } from '../../../components/link-anchor';
import { PageLoader } from '../../../components/page-loader';
import { paths } from '../../../lib/paths';
import { useTicket } from '../api/get-ticket';
import { useTicketAction } from '../api/run-ticket-action';
import { useUpdateTicket } from '../api/update-ticket';
import { TicketForm, type TicketFormAction } from '../components/ticket-form';
import { actionDoneMessage, savedMessage } from '../utils/action-messages';
import { formValuesFromTicket, toUpdateRequest } from '../utils/ticket-form-values';
import { parseTicketId } from './ticket-detail-route';

export function TicketEditRoute() {
  const id = parseTicketId(useParams().id);
  if (id === null) return <EmptyState title="Ticket not found" />;
  return <TicketEditLoader id={id} />;
}

function TicketEditLoader({ id }: { id: number }) {
  const ticket = useTicket(id);
  if (ticket.isPending) return <PageLoader label="Loading ticket" />;
  if (ticket.isError) return <ErrorAlert error={ticket.error} title="The ticket could not be loaded" />;
  return <TicketEditView ticket={ticket.data} />;
}

function TicketEditView({ ticket }: { ticket: TicketDetail }) {
  const update = useUpdateTicket(ticket.id);
  const transition = useTicketAction(ticket.id);
  const navigate = useNavigate();
  // Snapshot once: a background refetch must not reset what the user is typing.
  const [initialValues] = useState(() => formValuesFromTicket(ticket));
  const can = (a: TicketDetail['allowedActions'][number]) => ticket.allowedActions.includes(a);

  // Each button says in its toast what it did (a transition, or a plain save).
  const actions: (TicketFormAction & { done: (saved: TicketDetail) => string })[] = [];
  if (ticket.status === 'draft') {
    if (can('edit')) actions.push({ label: 'Save draft', draft: true, run: (v) => update.mutateAsync(toUpdateRequest(v)), done: savedMessage });
    if (can('submit') && can('edit')) {
      actions.push({
        label: 'Save and submit',
        draft: false,
        primary: true,
        done: (saved) => actionDoneMessage('submit', saved),
        run: async (v) => {
          await update.mutateAsync(toUpdateRequest(v));
          return transition.mutateAsync({ action: 'submit', body: {} });
        },
      });
    }
  } else if (ticket.status === 'rejected') {
    if (can('edit')) actions.push({ label: 'Save without resubmitting', draft: true, run: (v) => update.mutateAsync(toUpdateRequest(v)), done: savedMessage });
    if (can('resubmit')) {
      // One step: the edited fields travel with the resubmit, applied and revalidated in its transaction.
      actions.push({
        label: 'Resubmit with these changes',
        draft: false,
        primary: true,
        done: (saved) => actionDoneMessage('resubmit', saved),
        run: (v) => transition.mutateAsync({ action: 'resubmit', body: toUpdateRequest(v) }),
      });
    }
  } else if (can('edit')) {
    actions.push({ label: 'Save changes', draft: false, primary: true, run: (v) => update.mutateAsync(toUpdateRequest(v)), done: savedMessage });
  }

  const back = paths.ticket.href(ticket.id);

  return (
    <Stack gap="md" maw={1100}>
      <div>
        <Text ff="monospace" fw={600}>
          <LinkAnchor to={back}>{ticket.ticketNumber}</LinkAnchor>
        </Text>
        <Title order={1} size="h2">
          Edit ticket
        </Title>
      </div>
      {ticket.status === 'rejected' && ticket.rejectionReason && (
        <Alert color="red" variant="light" title="Why it was rejected">
          <Text size="sm" c="var(--bdc-text-danger)" style={{ whiteSpace: 'pre-wrap' }}>
            {ticket.rejectionReason}
          </Text>
        </Alert>
      )}
      {(REOPEN_REVIEW.from as readonly TicketStatus[]).includes(ticket.status) && actions.length > 0 && (
        <Alert color="orange" variant="light" title="This ticket is approved">
          <Text size="sm" c="bright">
            Changing its server, type, items or scheduled date sends it back for review: the approval, the assignment and the reserved stock
            are released. Title, description, priority and duration can change freely.
          </Text>
        </Alert>
      )}
      {actions.length === 0 ? (
        <EmptyState
          title="This ticket cannot be edited now"
          description="Only drafts and rejected tickets can be changed by their requester."
          action={<LinkAnchor to={back}>Back to the ticket</LinkAnchor>}
        />
      ) : (
        <TicketForm
          initialValues={initialValues}
          initialReport={ticket.validation}
          actions={actions}
          onCancel={() => navigate(back)}
          onSaved={(saved, action) => {
            const done = actions.find((a) => a.label === action.label)?.done ?? savedMessage;
            notifications.show({ color: 'green', message: done(saved) });
            navigate(paths.ticket.href(saved.id));
          }}
        />
      )}
    </Stack>
  );
}
