import { LIMITS } from '@bdc/contracts';
import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../../lib/auth-session';
import { paths } from '../../../lib/paths';
import { ServerFormDialog } from '../components/server-form-dialog';
import { useServers } from '../../../api/inventory/get-servers';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { SearchIcon } from '../../../components/icons';
import { PageLoader } from '../../../components/page-loader';
import { ServersTable } from '../components/servers-table';

export function ServersListRoute() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const servers = useServers({ q: q || undefined });
  const [search, setSearch] = useState(q);
  const canEdit = useCan('server.edit');
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  useEffect(() => setSearch(q), [q]);
  const push = useDebouncedCallback((v: string) => {
    const next = new URLSearchParams(params);
    if (v.trim()) next.set('q', v.trim());
    else next.delete('q');
    setParams(next, { replace: true });
  }, 300);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Servers
        </Title>
        {canEdit && <Button onClick={() => setCreating(true)}>New server</Button>}
      </Group>
      {creating && <ServerFormDialog onClose={() => setCreating(false)} onSaved={(s) => void navigate(paths.server.href(s.uuid))} />}
      <Group>
        <TextInput
          label="Search servers"
          placeholder="Name, location or rack"
          leftSection={<SearchIcon />}
          value={search}
          maxLength={LIMITS.searchMax}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            push(e.currentTarget.value);
          }}
          w={320}
        />
      </Group>
      {servers.isPending && <PageLoader label="Loading servers" />}
      {servers.isError && <ErrorAlert error={servers.error} title="The servers could not be loaded" />}
      {servers.data && servers.data.items.length === 0 && (
        <Paper withBorder>
          <EmptyState title="No servers found" description={q ? `Nothing matches “${q}”.` : 'The inventory has no servers yet.'} />
        </Paper>
      )}
      {servers.data && servers.data.items.length > 0 && (
        <>
          <Paper withBorder>
            <ServersTable servers={servers.data.items} />
          </Paper>
          <Text size="sm">
            {servers.data.total} server{servers.data.total === 1 ? '' : 's'}
          </Text>
        </>
      )}
    </Stack>
  );
}
