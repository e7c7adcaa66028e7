import { TICKET_TYPE_LABELS, type TicketDetail, type UserSummary } from '@bdc/contracts';
import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { PriorityBadge, StatusBadge } from '../../../components/badges';
import { Fact } from '../../../components/fact';
import { LinkAnchor } from '../../../components/link-anchor';
import { formatDateTime, formatDuration } from '../../../lib/format';
import { paths } from '../../../lib/paths';

function who(user: UserSummary | null): string {
  return user ? user.displayName || user.username : '—';
}


export function TicketHeader({ ticket, actions }: { ticket: TicketDetail; actions?: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={4}>
            <Text ff="monospace" fw={600} c="gray.8">
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
          <Fact label="Approved by">{who(ticket.approvedBy)}</Fact>
          <Fact label="Reviewed by">{who(ticket.reviewedBy)}</Fact>
          <Fact label="Created">{formatDateTime(ticket.createdAt)}</Fact>
          <Fact label="Submitted">{formatDateTime(ticket.submittedAt)}</Fact>
          <Fact label="Scheduled">{formatDateTime(ticket.scheduledDate)}</Fact>
          <Fact label="Estimated duration">{formatDuration(ticket.estimatedDuration)}</Fact>
          <Fact label="Updated">{formatDateTime(ticket.updatedAt)}</Fact>
          {ticket.approvedAt && <Fact label="Approved">{formatDateTime(ticket.approvedAt)}</Fact>}
          {ticket.rejectedAt && <Fact label="Rejected">{formatDateTime(ticket.rejectedAt)}</Fact>}
          {ticket.deployedAt && <Fact label="Deployed">{formatDateTime(ticket.deployedAt)}</Fact>}
          {ticket.completedAt && <Fact label="Completed">{formatDateTime(ticket.completedAt)}</Fact>}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
