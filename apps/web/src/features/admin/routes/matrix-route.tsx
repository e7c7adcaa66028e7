import { PERMISSION_CATALOG, type AccessSource } from '@bdc/contracts';
import { ScrollArea, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { ErrorAlert } from '../../../components/error-alert';
import { PageBreadcrumbs } from '../../../components/page-breadcrumbs';
import { PageLoader } from '../../../components/page-loader';
import { paths } from '../../../lib/paths';
import { useUrlFilters } from '../../../lib/use-url-filters';
import { useAccessMatrix } from '../api/get-access-matrix';

const describe = (s: AccessSource) => (s.kind === 'role' ? `role ${s.role}` : s.kind === 'grant' ? 'personal grant' : 'denied');

/** Who can do what: a row per permission, a column per user; the filter (permission or user) is in the URL. */
export function MatrixRoute() {
  const filters = useUrlFilters();
  const q = filters.get('q');
  const matrix = useAccessMatrix();
  const needle = q.trim().toLowerCase();
  const permissions = PERMISSION_CATALOG.filter((d) => !needle || d.name.includes(needle) || d.displayName.toLowerCase().includes(needle));
  const users = (matrix.data?.users ?? []).filter((u) => permissions.length > 0 || u.username.toLowerCase().includes(needle));
  const shownPermissions = permissions.length > 0 ? permissions : PERMISSION_CATALOG;

  return (
    <Stack gap="md">
      <PageBreadcrumbs parent={{ label: 'Users', to: paths.adminUsers.href() }} current="Who can do what" />
      <Title order={1} size="h2">
        Who can do what
      </Title>
      <TextInput
        label="Filter"
        description="A permission (e.g. ticket.approve) or, if no permission matches, a username"
        maw={420}
        value={q}
        onChange={(e) => filters.set('q', e.currentTarget.value)}
      />
      {matrix.isPending && <PageLoader label="Loading the access matrix" />}
      {matrix.isError && <ErrorAlert error={matrix.error} title="The access matrix could not be loaded" />}
      {matrix.data && (
        <ScrollArea>
          <Table withColumnBorders aria-label="Access matrix">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Permission</Table.Th>
                {users.map((u) => (
                  <Table.Th key={u.id} scope="col">
                    {u.username}
                    {u.status !== 'active' && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        (disabled)
                      </Text>
                    )}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shownPermissions.map((d) => (
                <Table.Tr key={d.name}>
                  <Table.Th scope="row">{d.name}</Table.Th>
                  {users.map((u) => {
                    const cell = u.cells[d.name];
                    const why = cell ? cell.sources.map(describe).join(', ') : 'not granted';
                    return (
                      <Table.Td key={u.id} title={why} aria-label={`${u.username} ${d.name}: ${cell?.allowed ? 'allowed' : 'not allowed'} (${why})`}>
                        <Text size="sm" c={cell?.allowed ? 'green.9' : cell ? 'red.9' : 'gray.7'}>
                          {cell?.allowed ? '✓' : cell ? '✗ denied' : '–'}
                        </Text>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Stack>
  );
}
