import { LIMITS, PASSWORD_RULES } from '@bdc/contracts';
import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ErrorAlert } from '../../../components/error-alert';
import { ApiError } from '../../../lib/api-error';
import { useChangePassword } from '../api/change-password';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/**
 * Current password, new password twice. The length and "not the username" checks run here too; the
 * API also refuses common passwords, and its reason is shown next to the field it names.
 */
export function ChangePasswordForm({ username, onChanged }: { username: string; onChanged: () => void }) {
  const change = useChangePassword();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: {
      currentPassword: (v) => (v ? null : 'Enter your current password'),
      newPassword: (v, values) =>
        [...v].length < PASSWORD_RULES.minLength
          ? `At least ${PASSWORD_RULES.minLength} characters`
          : v.trim().toLowerCase() === username.trim().toLowerCase()
            ? 'Must not be your username'
            : v === values.currentPassword
              ? 'Must differ from your current password'
              : null,
      confirmPassword: (v, values) => (v === values.newPassword ? null : 'The two new passwords differ'),
    },
  });

  const fieldErrors = change.error instanceof ApiError ? change.error.fieldErrors() : {};
  const generalError = change.error && Object.keys(fieldErrors).length === 0 ? change.error : null;

  const submit = form.onSubmit((values) => {
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.reset();
          onChanged();
        },
        onError: (error) => {
          if (error instanceof ApiError) form.setErrors(error.fieldErrors());
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Change password">
      <Stack maw={420}>
        <ErrorAlert error={generalError} title="The password was not changed" />
        <PasswordInput label="Current password" autoComplete="current-password" maxLength={LIMITS.passwordMax} required {...form.getInputProps('currentPassword')} />
        <PasswordInput
          label="New password"
          description={`At least ${PASSWORD_RULES.minLength} characters; not a common password, not your username`}
          autoComplete="new-password"
          maxLength={LIMITS.passwordMax}
          required
          {...form.getInputProps('newPassword')}
        />
        <PasswordInput label="Repeat the new password" autoComplete="new-password" maxLength={LIMITS.passwordMax} required {...form.getInputProps('confirmPassword')} />
        <Group>
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
