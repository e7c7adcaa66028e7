import type { CreatedApiToken } from '@bdc/contracts';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoader } from '../../../components/page-loader';
import { useSession } from '../../../lib/auth-session';
import { useApiTokens } from '../api/get-api-tokens';
import { ApiTokensTable } from '../components/api-tokens-table';
import { CreateApiTokenForm } from '../components/create-api-token-form';
import { NewTokenNotice } from '../components/new-token-notice';

/** Personal API tokens for scripts: create (shown once), list, revoke. */
export function ApiTokensRoute() {
  const session = useSession();
  const tokens = useApiTokens();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const permissions = session?.user.permissions ?? [];

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        API tokens
      </Title>
      <Text size="sm">
        Tokens let scripts call the API as you, with at most your permissions: if you lose a permission, your tokens lose it too. Revoke a token
        as soon as it is no longer needed or may have leaked.
      </Text>
      {created && <NewTokenNotice token={created} onDismiss={() => setCreated(null)} />}
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          New token
        </Title>
        <CreateApiTokenForm permissions={permissions} onCreated={setCreated} />
      </Paper>
      <Title order={2} size="h4">
        Your tokens
      </Title>
      {tokens.isPending && <PageLoader label="Loading API tokens" />}
      {tokens.isError && <ErrorAlert error={tokens.error} title="The tokens could not be loaded" />}
      {tokens.data && tokens.data.items.length === 0 && (
        <Paper withBorder>
          <EmptyState title="No API tokens yet" description="Create one above for your scripts." />
        </Paper>
      )}
      {tokens.data && tokens.data.items.length > 0 && (
        <Paper withBorder>
          <ApiTokensTable tokens={tokens.data.items} />
        </Paper>
      )}
    </Stack>
  );
}
