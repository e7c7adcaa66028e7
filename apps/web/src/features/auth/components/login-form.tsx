import type { SignInOptions } from '@bdc/contracts';
import { Alert, Button, Code, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ApiError } from '../../../lib/api-error';
import { useLogin } from '../api/login';

/** Codes whose message is written for the person signing in and is shown as it is. */
const SHOWN_AS_IS = ['INVALID_CREDENTIALS', 'ACCOUNT_DISABLED', 'TOO_MANY_ATTEMPTS'];

export function LoginForm({ onSuccess, options }: { onSuccess: () => void; options?: SignInOptions }) {
  const login = useLogin();
  const form = useForm({
    mode: 'controlled',
    initialValues: { username: '', password: '' },
    validate: {
      username: (v) => (v.trim() ? null : 'Enter your user name'),
      password: (v) => (v ? null : 'Enter your password'),
    },
  });

  const submit = form.onSubmit((values) => {
    login.mutate({ username: values.username.trim(), password: values.password }, { onSuccess: () => onSuccess() });
  });

  const error = login.error;
  const errorMessage =
    error instanceof ApiError && SHOWN_AS_IS.includes(error.code)
      ? error.message
      : error
        ? `Sign-in failed: ${error.message}`
        : null;

  return (
    <form onSubmit={submit} noValidate aria-label="Sign in">
      <Stack>
        {errorMessage && (
          <Alert color="red" variant="light" title="Could not sign in" role="alert">
            <Text size="sm" c="var(--bdc-text-danger)">
              {errorMessage}
            </Text>
          </Alert>
        )}
        <TextInput label="User name" autoComplete="username" required withAsterisk={false} autoFocus {...form.getInputProps('username')} />
        <PasswordInput label="Password" autoComplete="current-password" required withAsterisk={false} {...form.getInputProps('password')} />
        <Button type="submit" loading={login.isPending} fullWidth>
          Sign in
        </Button>
        {options && options.demoAccounts.length > 0 && (
          <Text size="sm" c="dimmed">
            Demo accounts (password <Code>{options.demoPassword}</Code>):{' '}
            {options.demoAccounts.map((account, index) => (
              <span key={account.username}>
                {index > 0 && ', '}
                <Code>{account.username}</Code>
              </span>
            ))}
            .
          </Text>
        )}
      </Stack>
    </form>
  );
}
