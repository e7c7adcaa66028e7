import { Alert, List, Text } from '@mantine/core';
import { ApiError } from '../lib/api-error';
import { WarningIcon } from './icons';

/** Shows an API error inline with every reason it carried: field problems, item problems, reference. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <Alert color="red" variant="light" title={title ?? 'Something went wrong'} icon={<WarningIcon />} role="alert">
      <Text size="sm" c="var(--bdc-text-danger)">
        {message}
      </Text>
      {apiError && apiError.fields.length > 0 && (
        <List size="sm" mt="xs" c="var(--bdc-text-danger)">
          {apiError.fields.map((f) => (
            <List.Item key={`${f.field}:${f.reason}`}>
              <strong>{f.field}</strong>: {f.reason}
            </List.Item>
          ))}
        </List>
      )}
      {apiError && apiError.items.length > 0 && (
        <List size="sm" mt="xs" c="var(--bdc-text-danger)">
          {apiError.items.map((i) => (
            <List.Item key={`${i.index}:${i.message}`}>
              <strong>Item {i.index + 1}</strong>: {i.message}
            </List.Item>
          ))}
        </List>
      )}
      {apiError?.correlationId && (
        <Text size="xs" mt="xs" c="var(--bdc-text-danger)">
          Reference: {apiError.correlationId}
        </Text>
      )}
    </Alert>
  );
}
