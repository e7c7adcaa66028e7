import type { ApiTokenView } from '@bdc/contracts';
import { Badge, Button, Group, Modal, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { formatDateTime } from '../../../lib/format';
import { useRevokeApiToken } from '../api/revoke-api-token';

type TokenState = 'active' | 'revoked' | 'expired';

export function tokenState(token: ApiTokenView, now = Date.now()): TokenState {
  if (token.revokedAt) return 'revoked';
  return new Date(token.expiresAt).getTime() <= now ? 'expired' : 'active';
}

const STATE_BADGE: Record<TokenState, { label: string; color: string }> = {
  active: { label: 'Active', color: 'green.8' },
  revoked: { label: 'Revoked', color: 'gray.7' },
  expired: { label: 'Expired', color: 'orange.9' },
};

export function ApiTokensTable({ tokens }: { tokens: ApiTokenView[] }) {
  const [confirming, setConfirming] = useState<ApiTokenView | null>(null);
  const revoke = useRevokeApiToken();
  const close = () => {
    setConfirming(null);
    revoke.reset();
  };

  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table striped aria-label="API tokens">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Token starts with</Table.Th>
              <Table.Th>Permissions</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.map((token) => {
              const state = tokenState(token);
              return (
                <Table.Tr key={token.id}>
                  <Table.Td>{token.name}</Table.Td>
                  <Table.Td>
                    <code>{token.prefix}…</code>
                  </Table.Td>
                  <Table.Td>{token.permissions === null ? 'All of yours' : token.permissions.length === 0 ? 'None' : token.permissions.join(', ')}</Table.Td>
                  <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
                  <Table.Td>{formatDateTime(token.expiresAt)}</Table.Td>
                  <Table.Td>{token.lastUsedAt ? `${formatDateTime(token.lastUsedAt)}${token.lastUsedIp ? ` from ${token.lastUsedIp}` : ''}` : 'Never'}</Table.Td>
                  <Table.Td>
                    <Badge color={STATE_BADGE[state].color} variant="light">
                      {STATE_BADGE[state].label}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {state !== 'revoked' && (
                      <Button size="xs" variant="light" color="red.8" onClick={() => setConfirming(token)} aria-label={`Revoke token ${token.name}`}>
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={confirming !== null} onClose={close} title="Revoke API token">
        {confirming && (
          <Stack>
            <Text size="sm">
              Revoke “{confirming.name}” (<code>{confirming.prefix}…</code>)? Scripts that use it are refused from now on. This cannot be undone.
            </Text>
            <ErrorAlert error={revoke.error} title="The token was not revoked" />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Keep it
              </Button>
              <Button color="red.8" loading={revoke.isPending} onClick={() => revoke.mutate(confirming.id, { onSuccess: close })}>
                Revoke token
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
