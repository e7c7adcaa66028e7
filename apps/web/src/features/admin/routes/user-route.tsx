import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { PageBreadcrumbs } from '../../../components/page-breadcrumbs';
import { PageLoader } from '../../../components/page-loader';
import { useSession } from '../../../lib/auth-session';
import { formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useUsers } from '../api/get-users';
import { useUserTokens } from '../api/get-user-tokens';
import { useSetUserStatus } from '../api/set-user-status';
import { useUserPermissions } from '../api/user-permissions';
import { ResetPasswordForm } from '../components/reset-password-form';
import { UserFormDialog } from '../components/user-form-dialog';
import { UserPermissionsForm } from '../components/user-permissions-form';

/** One user: names, email and roles (edit dialog), last login, status (disable/enable), password reset, personal grants and denials, their API tokens. */
export function UserRoute() {
  const userId = Number(useParams().id);
  const session = useSession();
  const users = useUsers();
  const permissions = useUserPermissions(userId);
  const tokens = useUserTokens(userId);
  const setStatus = useSetUserStatus();
  const [editing, setEditing] = useState(false);
  const user = users.data?.items.find((u) => u.id === userId);

  if (users.isPending) return <PageLoader label="Loading the user" />;
  if (users.isError) return <ErrorAlert error={users.error} title="The user could not be loaded" />;
  if (!user) return <ErrorAlert error={new Error(`There is no user ${String(userId)}.`)} title="User not found" />;
  const active = user.status === 'active';
  const self = session?.user.id === user.id;

  return (
    <Stack gap="md">
      <PageBreadcrumbs parent={{ label: 'Users', to: paths.adminUsers.href() }} current={user.username} />
      <Group justify="space-between">
        <Title order={1} size="h2">
          {user.displayName} ({user.username})
        </Title>
        <Badge color={active ? 'green' : 'gray'} size="lg" variant="light">
          {active ? 'Active' : 'Disabled'}
        </Badge>
      </Group>
      <Text size="sm">
        {user.email} · Roles: {user.roles.join(', ') || 'none'} · Last login: {user.lastLoginAt ? formatDateTime(user.lastLoginAt) : 'Never'}
      </Text>
      <ErrorAlert error={setStatus.error} title={active ? 'The user was not disabled' : 'The user was not enabled'} />
      <Group>
        <Button variant="default" onClick={() => setEditing(true)}>
          Edit user
        </Button>
        <Button
          color={active ? 'red' : 'green'}
          variant="light"
          disabled={self && active}
          title={self && active ? 'You cannot disable your own account' : undefined}
          loading={setStatus.isPending}
          onClick={() => setStatus.mutate({ userId, enabled: !active })}
        >
          {active ? 'Disable user' : 'Enable user'}
        </Button>
      </Group>

      {editing && <UserFormDialog user={user} opened onClose={() => setEditing(false)} />}

      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          Permissions
        </Title>
        {permissions.isPending && <PageLoader label="Loading permissions" />}
        {permissions.isError && <ErrorAlert error={permissions.error} title="The permissions could not be loaded" />}
        {permissions.data && <UserPermissionsForm key={JSON.stringify(permissions.data)} view={permissions.data} />}
      </Paper>

      {!self && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            Reset password
          </Title>
          <ResetPasswordForm userId={userId} />
        </Paper>
      )}

      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          API tokens
        </Title>
        {tokens.isError && <ErrorAlert error={tokens.error} title="The tokens could not be loaded" />}
        {tokens.data && tokens.data.items.length === 0 && <Text size="sm">No API tokens.</Text>}
        {tokens.data && tokens.data.items.length > 0 && (
          <Table aria-label="Their API tokens">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.items.map((tk) => (
                <Table.Tr key={tk.id}>
                  <Table.Td>{tk.name}</Table.Td>
                  <Table.Td>{formatDateTime(tk.createdAt)}</Table.Td>
                  <Table.Td>{formatDateTime(tk.expiresAt)}</Table.Td>
                  <Table.Td>{tk.lastUsedAt ? `${formatDateTime(tk.lastUsedAt)}${tk.lastUsedIp ? ` from ${tk.lastUsedIp}` : ''}` : 'Never'}</Table.Td>
                  <Table.Td>{tk.revokedAt ? 'Revoked' : 'Active'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
