import type { RoleView } from '@bdc/contracts';
import { Anchor, Badge, Button, Group, Modal, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoader } from '../../../components/page-loader';
import { paths } from '../../../lib/paths';
import { useDeleteRole, useRoles } from '../api/roles';
import { RoleFormDialog } from '../components/role-form-dialog';

/** Every role with its grants and holders; new, edit and delete. Built-in roles are marked and cannot be deleted. */
export function RolesRoute() {
  const roles = useRoles();
  const [editing, setEditing] = useState<RoleView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<RoleView | null>(null);
  const remove = useDeleteRole();
  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Roles
        </Title>
        <Group>
          <Anchor component={Link} to={paths.adminUsers.href()}>
            Users
          </Anchor>
          <Anchor component={Link} to={paths.adminMatrix.href()}>
            Who can do what
          </Anchor>
          <Button onClick={() => setEditing('new')}>New role</Button>
        </Group>
      </Group>
      {roles.isPending && <PageLoader label="Loading roles" />}
      {roles.isError && <ErrorAlert error={roles.error} title="The roles could not be loaded" />}
      {roles.data && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped aria-label="Roles">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Role</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th>Permissions</Table.Th>
                <Table.Th>Users</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {roles.data.items.map((role) => (
                <Table.Tr key={role.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {role.displayName}
                    </Text>
                    <Group gap={4}>
                      <Text size="xs" c="dimmed">
                        {role.name}
                      </Text>
                      {role.builtIn && (
                        <Badge size="xs" variant="light" color="gray.8" title="Built-in: cannot be deleted or renamed">
                          Built-in
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{role.description ?? ''}</Table.Td>
                  <Table.Td>
                    <Text size="sm" title={role.permissions.join(', ')}>
                      {role.permissions.length === 0 ? 'None' : `${role.permissions.length}: ${role.permissions.join(', ')}`}
                    </Text>
                  </Table.Td>
                  <Table.Td>{role.userCount}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="light" onClick={() => setEditing(role)} aria-label={`Edit role ${role.displayName}`}>
                        Edit
                      </Button>
                      {!role.builtIn && (
                        <Button size="xs" variant="light" color="red.8" onClick={() => setDeleting(role)} aria-label={`Delete role ${role.displayName}`}>
                          Delete
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing !== null && <RoleFormDialog key={editing === 'new' ? 'new' : editing.id} role={editing === 'new' ? undefined : editing} opened onClose={() => setEditing(null)} />}
      <Modal opened={deleting !== null} onClose={closeDelete} title="Delete role">
        {deleting && (
          <Stack>
            <Text size="sm">
              Delete the role “{deleting.displayName}” ({deleting.name})? {deleting.userCount > 0 ? `${deleting.userCount} users hold it: take it from them first.` : 'Nobody holds it.'}
            </Text>
            <ErrorAlert error={remove.error} title="The role was not deleted" />
            <Group justify="flex-end">
              <Button variant="default" onClick={closeDelete}>
                Keep it
              </Button>
              <Button color="red.8" loading={remove.isPending} onClick={() => remove.mutate(deleting.id, { onSuccess: closeDelete })}>
                Delete role
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
