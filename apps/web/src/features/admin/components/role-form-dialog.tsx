import { ACCOUNT_RULES, LIMITS, PERMISSION_CATALOG, type Permission, type PermissionDefinition, type RoleView } from '@bdc/contracts';
import { Button, Checkbox, Fieldset, Group, Modal, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ErrorAlert } from '../../../components/error-alert';
import { ApiError } from '../../../lib/api-error';
import { useCreateRole, useUpdateRole } from '../api/roles';

interface Values {
  name: string;
  displayName: string;
  description: string;
  permissions: Permission[];
}

const AREAS: { category: PermissionDefinition['category']; label: string }[] = [
  { category: 'ticketing', label: 'Change tickets' },
  { category: 'servers', label: 'Servers' },
  { category: 'inventory', label: 'Inventory' },
  { category: 'users', label: 'Users and access' },
];

/**
 * New role (without `role`) or edit of one: its name (fixed once created), display name, description
 * and a checklist of the permission catalog grouped by area. A built-in role keeps its name and
 * description, and the grants it cannot lose are shown checked and disabled.
 */
export function RoleFormDialog({ role, opened, onClose }: { role?: RoleView; opened: boolean; onClose: () => void }) {
  const create = useCreateRole();
  const update = useUpdateRole();
  const mutation = role ? update : create;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { name: '', displayName: role?.displayName ?? '', description: role?.description ?? '', permissions: role?.permissions ?? [] },
    validate: {
      name: (v) => (role ? null : ACCOUNT_RULES.roleNamePattern.test(v.trim()) ? null : 'Lowercase letters, digits and underscores, starting with a letter'),
      displayName: (v) => (v.trim() === '' ? 'A display name is required' : null),
    },
  });
  const close = () => {
    create.reset();
    update.reset();
    form.reset();
    onClose();
  };
  const fieldErrors = mutation.error instanceof ApiError ? mutation.error.fieldErrors() : {};
  const onError = (e: Error) => e instanceof ApiError && form.setErrors(e.fieldErrors());
  const locked = new Set<string>(role?.lockedPermissions ?? []);
  const submit = form.onSubmit((v) => {
    const description = v.description.trim() === '' ? null : v.description.trim();
    if (role) {
      // A built-in role's name and description belong to the seed: only its grants are sent.
      const texts = role.builtIn ? {} : { displayName: v.displayName.trim(), description };
      update.mutate({ roleId: role.id, ...texts, permissions: v.permissions }, { onSuccess: close, onError });
    } else {
      create.mutate({ name: v.name.trim(), displayName: v.displayName.trim(), description, permissions: v.permissions }, { onSuccess: close, onError });
    }
  });

  return (
    <Modal opened={opened} onClose={close} title={role ? `Edit role ${role.displayName}` : 'New role'} size="xl">
      <form onSubmit={submit} noValidate aria-label={role ? 'Edit role' : 'New role'}>
        <Stack>
          <ErrorAlert error={Object.keys(fieldErrors).length === 0 ? mutation.error : null} title="The role was not saved" />
          {role?.builtIn && (
            <Text size="sm">
              A built-in role: its name and description stay as shipped{locked.size > 0 ? `, and it keeps ${[...locked].join(', ')}` : ''}.
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {role ? (
              <TextInput label="Name" value={role.name} readOnly description="Fixed: ticket queues refer to it" />
            ) : (
              <TextInput
                label="Name"
                description="e.g. auditors; cannot be changed later"
                maxLength={LIMITS.roleNameMax}
                required
                data-autofocus
                {...form.getInputProps('name')}
              />
            )}
            <TextInput label="Display name" maxLength={ACCOUNT_RULES.roleDisplayNameMax} required readOnly={role?.builtIn} {...form.getInputProps('displayName')} />
          </SimpleGrid>
          <Textarea label="Description" autosize minRows={2} maxLength={ACCOUNT_RULES.roleDescriptionMax} readOnly={role?.builtIn} {...form.getInputProps('description')} />
          <Checkbox.Group label="Permissions" description="What every user with this role may do" {...form.getInputProps('permissions')}>
            <Stack mt="xs" gap="sm">
              {AREAS.map((area) => (
                <Fieldset key={area.category} legend={area.label} variant="filled">
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                    {PERMISSION_CATALOG.filter((d) => d.category === area.category).map((d) => (
                      <Checkbox
                        key={d.name}
                        value={d.name}
                        label={`${d.displayName} (${d.name})`}
                        description={locked.has(d.name) ? `${d.description}. Kept by this built-in role` : d.description}
                        disabled={locked.has(d.name)}
                      />
                    ))}
                  </SimpleGrid>
                </Fieldset>
              ))}
            </Stack>
          </Checkbox.Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {role ? 'Save role' : 'Create role'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
