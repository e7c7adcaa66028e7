import { LIMITS, PASSWORD_RULES } from '@bdc/contracts';
import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ErrorAlert } from '../../../components/error-alert';
import { ApiError } from '../../../lib/api-error';
import { useResetPassword } from '../api/reset-password';

/** An administrator sets a user's password; the user's sessions end. */
export function ResetPasswordForm({ userId }: { userId: number }) {
  const reset = useResetPassword();
  const form = useForm({
    mode: 'controlled',
    initialValues: { newPassword: '' },
    validate: { newPassword: (v: string) => ([...v].length < PASSWORD_RULES.minLength ? `At least ${PASSWORD_RULES.minLength} characters` : null) },
  });
  const fieldErrors = reset.error instanceof ApiError ? reset.error.fieldErrors() : {};
  const submit = form.onSubmit((values) =>
    reset.mutate(
      { userId, newPassword: values.newPassword },
      { onSuccess: () => form.reset(), onError: (e) => e instanceof ApiError && form.setErrors(e.fieldErrors()) },
    ),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Reset password">
      <Stack maw={420}>
        {reset.isSuccess && (
          <Alert color="green" role="status">
            Password set. The user was signed out everywhere.
          </Alert>
        )}
        <ErrorAlert error={Object.keys(fieldErrors).length === 0 ? reset.error : null} title="The password was not set" />
        <PasswordInput
          label="New password"
          description={`At least ${PASSWORD_RULES.minLength} characters; not a common password, not the username`}
          autoComplete="new-password"
          maxLength={LIMITS.passwordMax}
          required
          {...form.getInputProps('newPassword')}
        />
        <Group>
          <Button type="submit" variant="default" loading={reset.isPending}>
            Set password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
