import type { CreatedApiToken } from '@bdc/contracts';
import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { WarningIcon } from '../../../components/icons';

/** The one time the token is shown: the API never returns it again. */
export function NewTokenNotice({ token, onDismiss }: { token: CreatedApiToken; onDismiss: () => void }) {
  return (
    <Alert color="yellow" variant="light" icon={<WarningIcon />} title={`Token “${token.name}” created`} role="status">
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          Copy it now: you will not see it again. Store it like a password.
        </Text>
        <TextInput label="Your new API token" value={token.token} readOnly onFocus={(e) => e.currentTarget.select()} styles={{ input: { fontFamily: 'monospace' } }} />
        <Text size="sm">
          Send it as <code>Authorization: Bearer …</code> from your scripts.
        </Text>
        <Group>
          <CopyButton value={token.token}>
            {({ copied, copy }) => (
              <Button onClick={copy} color={copied ? 'green.8' : undefined} aria-live="polite">
                {copied ? 'Copied' : 'Copy token'}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onDismiss}>
            I have stored it
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
