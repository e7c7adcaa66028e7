import { ACCOUNT_RULES, LIMITS, PASSWORD_RULES, type AdminUserEntry } from '@bdc/contracts';
import { Button, Group, Modal, MultiSelect, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ErrorAlert } from '../../../components/error-alert';
import { ApiError } from '../../../lib/api-error';
import { formatDateTime } from '../../../lib/format';
import { useRoles } from '../api/roles';
import { useCreateUser, useUpdateUser } from '../api/user-accounts';

interface Values {
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  password: string;
  roles: string[];
}

const required = (label: string) => (v: string) => (v.trim() === '' ? `${label} is required` : null);

/**
 * New user (without `user`) or edit of one: names, email and roles as a multi-select; a new user also
 * gets a username and an initial password. The API's refusals (a taken username, a weak password,
 * a change that would lock someone out) show inline, on their field where they name one.
 */
export function UserFormDialog({ user, opened, onClose, onCreated }: { user?: AdminUserEntry; opened: boolean; onClose: () => void; onCreated?: (user: AdminUserEntry) => void }) {
  const editing = user !== undefined;
  const roles = useRoles();
  const create = useCreateUser();
  const update = useUpdateUser();
  const mutation = editing ? update : create;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      username: '',
      email: user?.email ?? '',
      firstName: user?.firstName ?? '',
      lastName: user?.lastName ?? '',
      password: '',
      roles: user?.roles ?? [],
    },
    validate: {
      username: (v) => (editing ? null : v.trim() === '' ? 'Username is required' : ACCOUNT_RULES.usernamePattern.test(v.trim()) ? null : 'Only letters, digits, dots, dashes and underscores'),
      email: (v) => (/^[^\s@]+@[^\s@]+$/.test(v.trim()) ? null : 'An email address is required'),
      firstName: required('First name'),
      lastName: required('Last name'),
      password: (v) => (editing || [...v].length >= PASSWORD_RULES.minLength ? null : `At least ${PASSWORD_RULES.minLength} characters`),
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
  const submit = form.onSubmit((v) => {
    const common = { email: v.email.trim(), firstName: v.firstName.trim(), lastName: v.lastName.trim(), roles: v.roles };
    if (user) update.mutate({ userId: user.id, ...common }, { onSuccess: close, onError });
    else
      create.mutate(
        { username: v.username.trim(), password: v.password, ...common },
        {
          onSuccess: (created) => {
            close();
            onCreated?.(created);
          },
          onError,
        },
      );
  });
  const roleOptions = (roles.data?.items ?? []).map((r) => ({ value: r.name, label: r.displayName === r.name ? r.name : `${r.displayName} (${r.name})` }));

  return (
    <Modal opened={opened} onClose={close} title={user ? `Edit ${user.username}` : 'New user'} size="lg">
      <form onSubmit={submit} noValidate aria-label={user ? 'Edit user' : 'New user'}>
        <Stack>
          <ErrorAlert error={Object.keys(fieldErrors).length === 0 ? mutation.error : null} title={user ? 'The user was not saved' : 'The user was not created'} />
          {user ? (
            <Text size="sm">Last login: {user.lastLoginAt ? formatDateTime(user.lastLoginAt) : 'Never'}</Text>
          ) : (
            <TextInput
              label="Username"
              description="Letters, digits, dots, dashes and underscores; cannot be changed later"
              maxLength={ACCOUNT_RULES.usernameMax}
              autoComplete="off"
              required
              data-autofocus
              {...form.getInputProps('username')}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="First name" maxLength={ACCOUNT_RULES.nameMax} required {...form.getInputProps('firstName')} />
            <TextInput label="Last name" maxLength={ACCOUNT_RULES.nameMax} required {...form.getInputProps('lastName')} />
          </SimpleGrid>
          <TextInput label="Email" type="email" maxLength={ACCOUNT_RULES.emailMax} required {...form.getInputProps('email')} />
          {!user && (
            <PasswordInput
              label="Initial password"
              description={`At least ${PASSWORD_RULES.minLength} characters; not a common password, not the username`}
              autoComplete="new-password"
              maxLength={LIMITS.passwordMax}
              required
              {...form.getInputProps('password')}
            />
          )}
          <MultiSelect
            label="Roles"
            description="What the user may do comes from these, plus their personal grants and minus their denials"
            data={roleOptions}
            searchable
            clearable
            nothingFoundMessage="No such role"
            {...form.getInputProps('roles')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {user ? 'Save user' : 'Create user'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
