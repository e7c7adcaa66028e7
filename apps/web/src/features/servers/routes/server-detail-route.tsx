import type { InstalledComponent } from '@bdc/contracts';
import { Button, Grid, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useServer } from '../../../api/inventory/get-server';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { Fact } from '../../../components/fact';
import { LinkAnchor } from '../../../components/link-anchor';
import { PageLoader } from '../../../components/page-loader';
import { ApiError } from '../../../lib/api-error';
import { formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { InstalledComponentsTable } from '../components/installed-components-table';
import { ServerStatusBadge } from '../components/server-status-badge';
import { PageBreadcrumbs } from '../../../components/page-breadcrumbs';
import { useCan } from '../../../lib/auth-session';
import { BuildBySlotTable } from '../components/build-by-slot-table';
import { DecommissionDialog } from '../components/decommission-dialog';
import { AddComponentDialog, RemoveComponentDialog } from '../components/direct-edit-dialogs';
import { ServerFormDialog } from '../components/server-form-dialog';
import { ServerHistory } from '../components/server-history-table';


export function ServerDetailRoute() {
  const uuid = useParams().uuid ?? '';
  const server = useServer(uuid);
  const canEdit = useCan('server.edit');
  const [dialog, setDialog] = useState<'edit' | 'decommission' | 'add' | null>(null);
  const [removing, setRemoving] = useState<InstalledComponent | null>(null);
  if (server.isPending) return <PageLoader label="Loading server" />;
  if (server.isError) {
    if (server.error instanceof ApiError && server.error.status === 404) {
      return <EmptyState title="Server not found" action={<LinkAnchor to={paths.servers.href()}>Back to servers</LinkAnchor>} />;
    }
    return <ErrorAlert error={server.error} title="The server could not be loaded" />;
  }
  const s = server.data;
  // Direct edits (add, remove) change the build without a ticket: server.edit, while in service.
  const canEditBuild = canEdit && !s.decommissionedAt;
  const settings = Object.entries(s.settings ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Stack gap="md">
      <PageBreadcrumbs parent={{ to: paths.servers.href(), label: 'Servers' }} current={s.name} />
      <Paper withBorder p="md">
        <Group justify="space-between" align="flex-start" mb="md">
          <div>
            <Title order={1} size="h2">
              {s.name}
            </Title>
            {s.description && <Text size="sm">{s.description}</Text>}
          </div>
          <Group gap="sm">
            {canEdit && !s.decommissionedAt && (
              <>
                <Button variant="default" onClick={() => setDialog('edit')}>
                  Edit server
                </Button>
                <Button variant="outline" color="red.8" onClick={() => setDialog('decommission')}>
                  Decommission
                </Button>
              </>
            )}
            <Button component={Link} to={paths.tickets.href(`server=${encodeURIComponent(s.uuid)}`)} variant="light">
              Tickets for this server
            </Button>
          </Group>
        </Group>
        {s.decommissionedAt && (
          <Text size="sm" fw={600} c="var(--bdc-text-danger)" mb="sm">
            Decommissioned {formatDateTime(s.decommissionedAt)}: it takes no new tickets.
          </Text>
        )}
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="md">
          <Fact label="Status">
            <ServerStatusBadge status={s.status} />
          </Fact>
          <Fact label="Location">{s.location ?? '—'}</Fact>
          <Fact label="Rack position">{s.rackPosition ?? '—'}</Fact>
          <Fact label="Components">{s.components.length}</Fact>
          <Fact label="Power budget">{s.powerBudgetWatts ? `${s.powerBudgetWatts} W` : '—'}</Fact>
          <Fact label="Updated">{formatDateTime(s.updatedAt)}</Fact>
        </SimpleGrid>
        {s.status === 'draft' && s.components.length > 0 && !s.decommissionedAt && (
          // Deploying a ticket changes the build, never the server's own status: the people who run the
          // server say when it is validated, built or in service (docs/decisions.md).
          <Text size="sm" mt="sm">
            This server is still a draft although it has {s.components.length === 1 ? 'a component' : `${s.components.length} components`}. Deploying a ticket does not change the status:{' '}
            {canEdit ? 'set it with Edit server once it is validated, built or in service.' : 'someone who may edit servers sets it once it is validated, built or in service.'}
          </Text>
        )}
        {s.notes && (
          <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {s.notes}
          </Text>
        )}
        <Text size="xs" ff="monospace" c="dimmed" mt="sm">
          {s.uuid}
        </Text>
      </Paper>
      {dialog === 'edit' && <ServerFormDialog server={s} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />}
      {dialog === 'decommission' && <DecommissionDialog server={s} onClose={() => setDialog(null)} />}
      {dialog === 'add' && <AddComponentDialog server={s} onClose={() => setDialog(null)} />}
      {removing && <RemoveComponentDialog server={s} unit={removing} onClose={() => setRemoving(null)} />}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <Paper withBorder p="md" component="section" aria-label="Build by slot">
              <Title order={2} size="h4" mb="sm">
                Build by slot
              </Title>
              <BuildBySlotTable build={s.build} />
            </Paper>
            <Paper withBorder p="md" component="section" aria-label="Installed components">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4">
                  Installed components
                </Title>
                {canEditBuild && (
                  <Button variant="light" size="sm" onClick={() => setDialog('add')}>
                    Add component
                  </Button>
                )}
              </Group>
              <InstalledComponentsTable components={s.components} onRemove={canEditBuild ? setRemoving : undefined} />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Paper withBorder p="md" component="section" aria-label="Settings">
            <Title order={2} size="h4" mb="sm">
              Settings
            </Title>
            {settings.length === 0 ? (
              <Text size="sm">No settings recorded.</Text>
            ) : (
              <Table aria-label="Server settings" verticalSpacing={4}>
                <Table.Tbody>
                  {settings.map(([key, value]) => (
                    <Table.Tr key={key}>
                      <Table.Th scope="row" fw={600}>
                        <Text size="sm" ff="monospace">
                          {key}
                        </Text>
                      </Table.Th>
                      <Table.Td>{value}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
      <Paper withBorder p="md" component="section" aria-label="Server history">
        <Title order={2} size="h4" mb="sm">
          Server history
        </Title>
        <ServerHistory serverUuid={s.uuid} />
      </Paper>
    </Stack>
  );
}
