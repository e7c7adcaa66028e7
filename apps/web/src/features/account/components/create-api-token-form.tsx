import { API_TOKEN_LIMITS, type CreatedApiToken, type Permission } from '@bdc/contracts';
import { Button, Checkbox, Group, NumberInput, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ErrorAlert } from '../../../components/error-alert';
import { useCreateApiToken } from '../api/create-api-token';

type Scope = 'all' | 'subset';

interface Values {
  name: string;
  expiresInDays: number | string;
  scope: Scope;
  permissions: string[];
}

/**
 * Name, expiry in days and, optionally, a subset of the caller's own permissions (the only ones the
 * API accepts). The same limits as the API; its answer is still shown when it disagrees.
 */
export function CreateApiTokenForm({ permissions, onCreated }: { permissions: readonly Permission[]; onCreated: (token: CreatedApiToken) => void }) {
  const create = useCreateApiToken();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { name: '', expiresInDays: 30, scope: 'all', permissions: [] },
    validate: {
      name: (v) => (!v.trim() ? 'Give the token a name' : [...v.trim()].length > API_TOKEN_LIMITS.nameMax ? `At most ${API_TOKEN_LIMITS.nameMax} characters` : null),
      expiresInDays: (v) =>
        typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= API_TOKEN_LIMITS.expiresInDaysMax
          ? null
          : `A whole number of days from 1 to ${API_TOKEN_LIMITS.expiresInDaysMax}`,
      permissions: (v, values) => (values.scope === 'subset' && v.length === 0 ? 'Choose at least one permission' : null),
    },
  });

  const submit = form.onSubmit((values) => {
    const chosen = permissions.filter((p) => values.permissions.includes(p));
    create.mutate(
      { name: values.name.trim(), expiresInDays: Number(values.expiresInDays), ...(values.scope === 'subset' ? { permissions: chosen } : {}) },
      {
        onSuccess: (token) => {
          form.reset();
          onCreated(token);
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Create an API token">
      <Stack>
        <ErrorAlert error={create.error} title="The token was not created" />
        <Group align="flex-start" grow>
          <TextInput label="Name" description="What the token is for, e.g. the script that uses it" maxLength={API_TOKEN_LIMITS.nameMax} required {...form.getInputProps('name')} />
          <NumberInput
            label="Expires in (days)"
            description={`1 to ${API_TOKEN_LIMITS.expiresInDaysMax}; every token expires`}
            min={1}
            max={API_TOKEN_LIMITS.expiresInDaysMax}
            allowDecimal={false}
            required
            {...form.getInputProps('expiresInDays')}
          />
        </Group>
        <Radio.Group label="Permissions" {...form.getInputProps('scope')}>
          <Stack gap="xs" mt="xs">
            <Radio value="all" label="Everything I may do, as it is each time the token is used" />
            <Radio value="subset" label="Only the permissions I choose" />
          </Stack>
        </Radio.Group>
        {form.values.scope === 'subset' && (
          <Checkbox.Group label="Permissions of the token" description="Only permissions you hold can be given to a token" {...form.getInputProps('permissions')}>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} mt="xs" spacing="xs">
              {permissions.map((p) => (
                <Checkbox key={p} value={p} label={p} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        )}
        <Group>
          <Button type="submit" loading={create.isPending}>
            Create token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
