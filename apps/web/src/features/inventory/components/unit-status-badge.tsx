import type { StockStatus } from '@bdc/contracts';
import { Badge } from '@mantine/core';

const COLORS: Record<StockStatus, string> = { available: 'green', reserved: 'yellow', in_use: 'blue', failed: 'red', retired: 'gray' };
export const UNIT_STATUS_LABELS: Record<StockStatus, string> = { available: 'Available', reserved: 'Reserved', in_use: 'In use', failed: 'Failed', retired: 'Retired' };

export function UnitStatusBadge({ status }: { status: StockStatus }) {
  return (
    <Badge color={COLORS[status]} variant="light" autoContrast>
      {UNIT_STATUS_LABELS[status]}
    </Badge>
  );
}
