import { COMPONENT_TYPE_LABELS } from '@bdc/contracts';
import { Alert, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { Fact } from '../../../components/fact';
import { LinkAnchor } from '../../../components/link-anchor';
import { PageBreadcrumbs } from '../../../components/page-breadcrumbs';
import { PageLoader } from '../../../components/page-loader';
import { ApiError } from '../../../lib/api-error';
import { useCan } from '../../../lib/auth-session';
import { formatDate, formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useChangeUnitStatus, type UnitStatusAction } from '../api/change-unit-status';
import { useUnit } from '../api/get-unit';
import { useUnitLog } from '../api/get-unit-log';
import { UnitEditForm } from '../components/unit-edit-form';
import { UnitLogTimeline } from '../components/unit-log-timeline';
import { UnitStatusBadge } from '../components/unit-status-badge';

const ACTION_TITLES: Record<UnitStatusAction, string> = { fail: 'Mark failed', retire: 'Retire' };

export function UnitRoute() {
  const id = Number(useParams().id);
  const unit = useUnit(id);
  const log = useUnitLog(id);
  const canEdit = useCan('inventory.edit');
  const [action, setAction] = useState<UnitStatusAction | null>(null);
  const [reason, setReason] = useState('');
  const change = useChangeUnitStatus();
  const [editing, editModal] = useDisclosure(false);

  if (unit.isPending) return <PageLoader label="Loading the unit" />;
  if (unit.isError) return <ErrorAlert error={unit.error} title="The unit could not be loaded" />;
  const u = unit.data;
  const title = u.serialNumber ?? `Unit #${u.id}`;
  const movable = !u.claim && (u.status === 'available' || u.status === 'failed');
  const reasonError = change.error instanceof ApiError ? (change.error.fieldErrors().reason ?? change.error.message) : undefined;

  return (
    <Stack gap="md">
      <PageBreadcrumbs parent={{ to: paths.stock.href(), label: 'Stock' }} current={title} />
      <Group justify="space-between">
        <Title order={1} size="h2">
          {title}
        </Title>
        {canEdit && (
          <Group gap="sm">
            {!u.claim && (
              <Button variant="default" onClick={editModal.open}>
                Edit
              </Button>
            )}
            {movable && u.status !== 'failed' && (
              <Button variant="default" color="red" onClick={() => setAction('fail')}>
                Mark failed
              </Button>
            )}
            {movable && (
              <Button variant="default" onClick={() => setAction('retire')}>
                Retire
              </Button>
            )}
          </Group>
        )}
      </Group>
      {u.claim && (
        <Alert color="yellow" title="Held by a ticket">
          <LinkAnchor to={paths.ticket.href(u.claim.ticketId)}>{u.claim.ticketNumber}</LinkAnchor> has this unit reserved to{' '}
          {u.claim.direction === 'install' ? 'install it' : 'remove it'}; only that ticket can move it.
        </Alert>
      )}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Fact label="Type">{COMPONENT_TYPE_LABELS[u.componentType]}</Fact>
          <Fact label="Model">
            <LinkAnchor to={paths.catalogModel.href(u.uuid)}>{u.model ?? u.uuid}</LinkAnchor>
          </Fact>
          <Fact label="Status">
            <UnitStatusBadge status={u.status} />
          </Fact>
          <Fact label="Location">{u.location ?? '—'}</Fact>
          <Fact label="Server">{u.serverUuid ? <LinkAnchor to={paths.server.href(u.serverUuid)}>{u.serverName ?? u.serverUuid}</LinkAnchor> : '—'}</Fact>
          <Fact label="Slot">{u.slot ?? '—'}</Fact>
          <Fact label="Purchased">{formatDate(u.purchaseDate)}</Fact>
          <Fact label="Warranty ends">{formatDate(u.warrantyEndDate)}</Fact>
          <Fact label="Installed">{formatDate(u.installationDate)}</Fact>
          <Fact label="Received">{formatDateTime(u.createdAt)}</Fact>
        </SimpleGrid>
        {u.notes && (
          <Text size="sm" mt="sm">
            {u.notes}
          </Text>
        )}
      </Paper>
      <Title order={2} size="h4">
        Log
      </Title>
      {log.isPending && <PageLoader label="Loading the log" />}
      {log.isError && <ErrorAlert error={log.error} title="The log could not be loaded" />}
      {log.data && <UnitLogTimeline entries={log.data} />}
      <Modal opened={editing} onClose={editModal.close} title={`Edit ${title}`}>
        <UnitEditForm unit={u} onDone={editModal.close} />
      </Modal>
      <Modal
        opened={action !== null}
        onClose={() => {
          setAction(null);
          change.reset();
        }}
        title={action ? `${ACTION_TITLES[action]}: ${title}` : ''}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!action || !reason.trim()) return;
            change.mutate(
              { id: u.id, action, reason: reason.trim() },
              {
                onSuccess: () => {
                  setAction(null);
                  setReason('');
                },
              },
            );
          }}
        >
          <Stack gap="sm">
            <Textarea label="Reason" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={reasonError} />
            <Group justify="flex-end">
              <Button type="submit" color={action === 'fail' ? 'red' : undefined} loading={change.isPending} disabled={!reason.trim()}>
                {action ? ACTION_TITLES[action] : ''}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
