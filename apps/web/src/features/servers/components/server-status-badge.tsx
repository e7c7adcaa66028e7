import type { ServerStatus } from '@bdc/contracts';
import { Badge } from '@mantine/core';

const COLORS: Record<ServerStatus, string> = { draft: 'gray.3', validated: 'blue.1', built: 'cyan.9', deployed: 'green.9' };
const LABELS: Record<ServerStatus, string> = { draft: 'Draft', validated: 'Validated', built: 'Built', deployed: 'Deployed' };

export function ServerStatusBadge({ status }: { status: ServerStatus }) {
  return (
    <Badge color={COLORS[status]} autoContrast radius="sm">
      {LABELS[status]}
    </Badge>
  );
}
