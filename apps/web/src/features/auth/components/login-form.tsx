import { Alert, Button, Code, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ApiError } from '../../../lib/api-error';
import { useLogin } from '../api/login';

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
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
    error instanceof ApiError && (error.code === 'INVALID_CREDENTIALS' || error.code === 'ACCOUNT_DISABLED')
      ? error.message
      : error
        ? `Sign-in failed: ${error.message}`
        : null;

  return (
    <form onSubmit={submit} noValidate aria-label="Sign in">
      <Stack>
        {errorMessage && (
          <Alert color="red" variant="light" title="Could not sign in" role="alert">
            <Text size="sm" c="red.9">
              {errorMessage}
            </Text>
          </Alert>
        )}
        <TextInput label="User name" autoComplete="username" required withAsterisk={false} autoFocus {...form.getInputProps('username')} />
        <PasswordInput label="Password" autoComplete="current-password" required withAsterisk={false} {...form.getInputProps('password')} />
        <Button type="submit" loading={login.isPending} fullWidth>
          Sign in
        </Button>
        <Text size="sm" c="gray.8">
          Demo accounts (password <Code>demo</Code>): <Code>admin</Code>, <Code>manager</Code>, <Code>manager2</Code>,{' '}
          <Code>tech</Code>, <Code>tech2</Code>, <Code>requester</Code>.
        </Text>
      </Stack>
    </form>
  );
}
