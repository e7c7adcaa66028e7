import { Alert, Grid, Stack, Text } from '@mantine/core';
import { useParams } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { SectionCard } from '../../../components/section-card';
import { ErrorAlert } from '../../../components/error-alert';
import { LinkAnchor } from '../../../components/link-anchor';
import { PageLoader } from '../../../components/page-loader';
import { ApiError } from '../../../lib/api-error';
import { paths } from '../../../lib/paths';
import type { TicketDetail } from '@bdc/contracts';
import { formatDateTime } from '../../../lib/format';
import { useHistory } from '../api/get-history';
import { useTicket } from '../api/get-ticket';
import { milestonesOf } from '../utils/milestones';
import { TicketActions } from '../components/ticket-actions';
import { TicketAttachments } from '../components/ticket-attachments';
import { TicketComments } from '../components/ticket-comments';
import { TicketHeader } from '../components/ticket-header';
import { TicketHistory } from '../components/ticket-history';
import { TicketItemsTable } from '../components/ticket-items-table';
import { ProjectedBuildPanel } from '../components/projected-build-panel';
import { PageBreadcrumbs } from '../../../components/page-breadcrumbs';

export function parseTicketId(value: string | undefined): number | null {
  return value && /^\d+$/.test(value) ? Number(value) : null;
}

/** "Rejected by Maria Lopez on 2026-12-02 09:14": the requester knows whom to ask. */
function RejectedTitle({ ticket }: { ticket: TicketDetail }) {
  const history = useHistory(ticket.id);
  const rejected = history.data ? milestonesOf(history.data, ticket.status).find((m) => m.status === 'rejected') : undefined;
  if (!rejected) return <>Rejected</>;
  return (
    <>
      Rejected by {rejected.by.displayName || rejected.by.username} on {formatDateTime(rejected.at)}
    </>
  );
}

function TicketNotFound() {
  return (
    <EmptyState
      title="Ticket not found"
      description="It does not exist, or you do not have access to it."
      action={<LinkAnchor to={paths.tickets.href()}>Back to the ticket list</LinkAnchor>}
    />
  );
}

export function TicketDetailRoute() {
  const params = useParams();
  const id = parseTicketId(params.id);
  if (id === null) return <TicketNotFound />;
  return <TicketDetailView id={id} />;
}

function TicketDetailView({ id }: { id: number }) {
  const ticket = useTicket(id);
  if (ticket.isPending) return <PageLoader label="Loading ticket" />;
  if (ticket.isError) {
    if (ticket.error instanceof ApiError && ticket.error.status === 404) return <TicketNotFound />;
    return <ErrorAlert error={ticket.error} title="The ticket could not be loaded" />;
  }
  const t = ticket.data;
  return (
    <Stack gap="md">
      <PageBreadcrumbs parent={{ to: paths.tickets.href(), label: 'Tickets' }} current={t.ticketNumber} />
      <TicketHeader ticket={t} actions={<TicketActions ticket={t} />} />
      {t.status === 'rejected' && t.rejectionReason && (
        <Alert color="red" variant="light" title={<RejectedTitle ticket={t} />} role="note">
          <Text size="sm" c="var(--bdc-text-danger)" style={{ whiteSpace: 'pre-wrap' }}>
            Reason: {t.rejectionReason}
          </Text>
        </Alert>
      )}
      {t.deploymentNotes && (
        <Alert color="blue" variant="light" title="Deployment notes">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {t.deploymentNotes}
          </Text>
        </Alert>
      )}
      <SectionCard title="Description">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {t.description || 'No description.'}
        </Text>
      </SectionCard>
      <SectionCard title={`Items (${t.items.length})`}>
        {!t.validation.valid && t.validation.warnings.length > 0 && (
          <Text size="sm" c="var(--bdc-text-warning)" mb="xs">
            {t.validation.warnings.join(' ')}
          </Text>
        )}
        <TicketItemsTable items={t.items} />
      </SectionCard>
      {t.conflicts && t.conflicts.length > 0 && (
        <Alert color="orange" variant="light" title="Conflicts with other open tickets" role="note">
          <Stack gap={4}>
            {t.conflicts.map((c) => (
              <Text size="sm" c="bright" key={c.ticketId}>
                <LinkAnchor to={paths.ticket.href(c.ticketId)}>{c.ticketNumber}</LinkAnchor> also claims {c.claims.join(', ')}
                {c.reserved ? ' and already holds the reservation: approving this ticket will be refused.' : '.'}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {t.validation.build && t.validation.build.some((b) => b.severity === 'error') && (
        <Alert color="red" variant="light" title="The server after this change">
          <Text size="sm" c="bright">
            {t.validation.build.filter((b) => b.severity === 'error').map((b) => b.message).join(' ')}
          </Text>
        </Alert>
      )}
      {t.validation.projectedBuild && !['deployed', 'completed', 'cancelled', 'rejected'].includes(t.status) && (
        <ProjectedBuildPanel build={t.validation.projectedBuild} />
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <SectionCard title="Comments">
              <TicketComments ticket={t} />
            </SectionCard>
            <SectionCard title="Attachments">
              <TicketAttachments ticket={t} />
            </SectionCard>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <SectionCard title="History">
            <TicketHistory ticketId={t.id} />
          </SectionCard>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
