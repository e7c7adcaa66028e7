import { Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { paths } from '../../../lib/paths';
import { useCreateTicket } from '../api/create-ticket';
import { TicketForm, type TicketFormAction } from '../components/ticket-form';
import { emptyTicketForm, toCreateRequest } from '../utils/ticket-form-values';

export function TicketCreateRoute() {
  const create = useCreateTicket();
  const navigate = useNavigate();
  const [initialValues] = useState(emptyTicketForm);

  const actions: TicketFormAction[] = [
    { label: 'Save as draft', draft: true, run: (v) => create.mutateAsync(toCreateRequest(v, true)) },
    { label: 'Submit', draft: false, primary: true, run: (v) => create.mutateAsync(toCreateRequest(v, false)) },
  ];

  return (
    <Stack gap="md" maw={1100}>
      <div>
        <Title order={1} size="h2">
          New ticket
        </Title>
        <Text size="sm">Ask for components to be added to, removed from or replaced in a server, or for a setting to change.</Text>
      </div>
      <TicketForm
        initialValues={initialValues}
        actions={actions}
        onCancel={() => navigate(paths.tickets.href())}
        onSaved={(ticket, action) => {
          notifications.show({
            color: 'green',
            title: action.draft ? 'Draft saved' : 'Ticket submitted',
            message: `${ticket.ticketNumber} — ${ticket.title}`,
          });
          navigate(paths.ticket.href(ticket.id));
        }}
      />
    </Stack>
  );
}
