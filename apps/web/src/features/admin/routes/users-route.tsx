import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoader } from '../../../components/page-loader';
import { formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useUrlFilters } from '../../../lib/use-url-filters';
import { useUsers } from '../api/get-users';
import { UserFormDialog } from '../components/user-form-dialog';

/** Every user with roles, last login and status; search and status filter live in the URL. New user opens a dialog. */
export function UsersRoute() {
  const { get, set: setParam } = useUrlFilters();
  const q = get('q');
  const status = get('status');
  const users = useUsers();
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();

  const needle = q.trim().toLowerCase();
  const rows = (users.data?.items ?? []).filter(
    (u) =>
      (!status || u.status === status) &&
      (!needle || [u.username, u.displayName, u.email, ...u.roles].some((v) => v.toLowerCase().includes(needle))),
  );

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Users
        </Title>
        <Group>
          <Anchor component={Link} to={paths.adminRoles.href()}>
            Roles
          </Anchor>
          <Anchor component={Link} to={paths.adminMatrix.href()}>
            Who can do what
          </Anchor>
          <Anchor component={Link} to={paths.adminAudit.href()}>
            Access audit log
          </Anchor>
          <Button onClick={() => setCreating(true)}>New user</Button>
        </Group>
      </Group>
      <Group align="flex-end">
        <TextInput label="Search" description="Username, name, email or role" value={q} onChange={(e) => setParam('q', e.currentTarget.value)} />
        <Select
          label="Status"
          data={[
            { value: '', label: 'Any' },
            { value: 'active', label: 'Active' },
            { value: 'disabled', label: 'Disabled' },
          ]}
          value={status}
          onChange={(v) => setParam('status', v ?? '')}
          allowDeselect={false}
        />
      </Group>
      {users.isPending && <PageLoader label="Loading users" />}
      {users.isError && <ErrorAlert error={users.error} title="The users could not be loaded" />}
      {users.isSuccess && rows.length === 0 && <EmptyState title="No users match" />}
      {rows.length > 0 && (
        <Table striped highlightOnHover aria-label="Users">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>User</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Roles</Table.Th>
              <Table.Th>Last login</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>
                  <Anchor component={Link} to={paths.adminUser.href(u.id)}>
                    {u.username}
                  </Anchor>
                </Table.Td>
                <Table.Td>{u.displayName}</Table.Td>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>{u.roles.join(', ') || <Text span c="dimmed">none</Text>}</Table.Td>
                <Table.Td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'Never'}</Table.Td>
                <Table.Td>
                  <Badge color={u.status === 'active' ? 'green' : 'gray'} variant="light">
                    {u.status === 'active' ? 'Active' : 'Disabled'}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating && <UserFormDialog opened onClose={() => setCreating(false)} onCreated={(u) => void navigate(paths.adminUser.href(u.id))} />}
    </Stack>
  );
}
