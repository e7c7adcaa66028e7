import { TICKET_TYPE_LABELS, type TicketDetail, type UserSummary } from '@bdc/contracts';
import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { PriorityBadge, StatusBadge } from '../../../components/badges';
import { Fact } from '../../../components/fact';
import { LinkAnchor } from '../../../components/link-anchor';
import { formatDateTime, formatDuration } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useHistory } from '../api/get-history';
import { milestonesOf } from '../utils/milestones';

function who(user: UserSummary | null): string {
  return user ? user.displayName || user.username : '—';
}


export function TicketHeader({ ticket, actions }: { ticket: TicketDetail; actions?: ReactNode }) {
  // The same query as the history panel: one request for both.
  const history = useHistory(ticket.id);
  const milestones = history.data ? milestonesOf(history.data, ticket.status) : [];
  return (
    <Paper withBorder p="md">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={4}>
            <Text ff="monospace" fw={600} c="dimmed">
              {ticket.ticketNumber}
            </Text>
            <Title order={1} size="h2">
              {ticket.title}
            </Title>
            <Group gap="xs">
              <StatusBadge status={ticket.status} />
              <PriorityBadge priority={ticket.priority} />
              <Text size="sm">{TICKET_TYPE_LABELS[ticket.ticketType]}</Text>
            </Group>
          </Stack>
          {actions}
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md" verticalSpacing="sm">
          <Fact label="Server">
            <LinkAnchor to={paths.server.href(ticket.targetServerUuid)}>{ticket.targetServerName ?? ticket.targetServerUuid}</LinkAnchor>
          </Fact>
          <Fact label="Requester">{who(ticket.createdBy)}</Fact>
          <Fact label="Assignee">{ticket.assignedTo ? who(ticket.assignedTo) : ticket.assignedRole ? `Queue: ${ticket.assignedRole}` : 'Unassigned'}</Fact>
          <Fact label="Created">{formatDateTime(ticket.createdAt)}</Fact>
          <Fact label="Scheduled">{formatDateTime(ticket.scheduledDate)}</Fact>
          <Fact label="Estimated duration">{formatDuration(ticket.estimatedDuration)}</Fact>
          <Fact label="Updated">{formatDateTime(ticket.updatedAt)}</Fact>
          {/* Who answered for each step of this round, with the time: "Approved — Maria Lopez, 2026-12-02 09:14". */}
          {milestones.map((m) => (
            <Fact key={m.status} label={m.label}>
              {who(m.by)}
              <Text span size="xs" display="block" c="dimmed">
                {formatDateTime(m.at)}
              </Text>
            </Fact>
          ))}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
