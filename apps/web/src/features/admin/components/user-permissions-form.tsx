import { PERMISSION_CATALOG, type Permission, type UserPermissionsView } from '@bdc/contracts';
import { Badge, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { useSetUserPermissions } from '../api/user-permissions';

type Choice = 'roles' | 'grant' | 'deny';

/** One row per permission: as the roles give it, granted to this user, or denied to them (a denial wins over the roles). */
export function UserPermissionsForm({ view }: { view: UserPermissionsView }) {
  const save = useSetUserPermissions();
  const initial = (p: Permission): Choice => (view.grants.includes(p) ? 'grant' : view.denials.includes(p) ? 'deny' : 'roles');
  const [choices, setChoices] = useState<Record<string, Choice>>(() => Object.fromEntries(PERMISSION_CATALOG.map((d) => [d.name, initial(d.name)])));

  const submit = () => {
    const pick = (c: Choice) => PERMISSION_CATALOG.filter((d) => choices[d.name] === c).map((d) => d.name);
    save.mutate({ userId: view.userId, grants: pick('grant'), denials: pick('deny') });
  };

  return (
    <Stack>
      <ErrorAlert error={save.error} title="The permissions were not saved" />
      <Table aria-label="Personal permissions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Permission</Table.Th>
            <Table.Th>For this user</Table.Th>
            <Table.Th>In effect</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {PERMISSION_CATALOG.map((d) => (
            <Table.Tr key={d.name}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {d.displayName}
                </Text>
                <Text size="xs" c="dimmed">
                  {d.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <SegmentedControl
                  size="xs"
                  aria-label={`${d.name} for this user`}
                  value={choices[d.name] ?? 'roles'}
                  onChange={(v) => setChoices((c) => ({ ...c, [d.name]: v as Choice }))}
                  data={[
                    { value: 'roles', label: 'As roles give' },
                    { value: 'grant', label: 'Grant' },
                    { value: 'deny', label: 'Deny' },
                  ]}
                />
              </Table.Td>
              <Table.Td>
                {view.effective.includes(d.name) ? (
                  <Badge color="green" variant="light">
                    Allowed
                  </Badge>
                ) : (
                  <Badge color="gray" variant="light">
                    Not allowed
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button onClick={submit} loading={save.isPending}>
          Save permissions
        </Button>
      </Group>
    </Stack>
  );
}
