import type { ValidationStatus } from '@bdc/contracts';
import { Group, Stack, Text } from '@mantine/core';
import { CheckIcon, ClockIcon, CrossIcon, WarningIcon } from '../../../components/icons';

const MARKS: Record<ValidationStatus, { label: string; color: string; Icon: typeof CheckIcon }> = {
  valid: { label: 'Valid', color: 'green.9', Icon: CheckIcon },
  invalid: { label: 'Invalid', color: 'red.9', Icon: CrossIcon },
  warning: { label: 'Warning', color: 'orange.9', Icon: WarningIcon },
  pending: { label: 'Not checked', color: 'gray.8', Icon: ClockIcon },
};

/** Icon plus word plus reason: colour alone must not carry the meaning. */
export function ValidationMark({ status, message }: { status: ValidationStatus; message?: string | null }) {
  const mark = MARKS[status];
  return (
    <Stack gap={2}>
      <Group gap={4} wrap="nowrap" c={mark.color}>
        <mark.Icon size={16} />
        <Text size="sm" fw={600} c={mark.color}>
          {mark.label}
        </Text>
      </Group>
      {message && (
        <Text size="xs" c={status === 'invalid' ? 'red.9' : 'gray.8'}>
          {message}
        </Text>
      )}
    </Stack>
  );
}
