import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../../../lib/auth-session';
import { ChangePasswordForm } from '../components/change-password-form';

/** Any signed-in user changes their own password. */
export function ChangePasswordRoute() {
  const session = useSession();
  const [changed, setChanged] = useState(false);

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Change password
      </Title>
      <Text size="sm">Changing your password signs you out everywhere else; this browser stays signed in.</Text>
      {changed && (
        <Alert color="green" title="Password changed" role="status" withCloseButton onClose={() => setChanged(false)}>
          Your password was changed and your other sessions were signed out.
        </Alert>
      )}
      <Paper withBorder p="md">
        <ChangePasswordForm username={session?.user.username ?? ''} onChanged={() => setChanged(true)} />
      </Paper>
    </Stack>
  );
}
