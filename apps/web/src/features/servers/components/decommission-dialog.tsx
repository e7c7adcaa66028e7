import type { ServerDetail } from '@bdc/contracts';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { useDecommissionServer } from '../api/decommission-server';

/** Confirm with an optional reason; the API's 409 (open tickets, units still installed) is shown here. */
export function DecommissionDialog({ server, onClose }: { server: ServerDetail; onClose: () => void }) {
  const mutation = useDecommissionServer(server.uuid);
  const [reason, setReason] = useState('');
  return (
    <Modal opened onClose={onClose} title="Decommission server" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          mutation.mutate({ reason: reason.trim() || undefined }, { onSuccess: onClose });
        }}
        noValidate
      >
        <Stack>
          <Alert color="orange" variant="light" title="Please confirm">
            <Text size="sm" c="bright">
              {server.name} will take no new tickets. It must hold no units and no open ticket may target it.
            </Text>
          </Alert>
          <Textarea label="Reason" description="Optional" autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus />
          {mutation.isError && <ErrorAlert error={mutation.error} title="The server was not decommissioned" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Close
            </Button>
            <Button type="submit" color="red.8" loading={mutation.isPending}>
              Decommission
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
