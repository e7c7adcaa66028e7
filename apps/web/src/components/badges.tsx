import {
  PRIORITY_LABELS,
  STATUS_LABELS,
  type TicketPriority,
  type TicketStatus,
} from '@bdc/contracts';
import { Badge, type MantineColor } from '@mantine/core';

// Dark shades with white text, or light ones where autoContrast picks black text: every pair here
// passes WCAG AA for the badge's bold small text.
const STATUS_COLORS: Record<TicketStatus, MantineColor> = {
  draft: 'gray.7',
  pending: 'yellow.4',
  approved: 'cyan.9',
  rejected: 'red.9',
  in_progress: 'blue.8',
  deployed: 'violet.8',
  completed: 'green.9',
  cancelled: 'dark.5',
};

const PRIORITY_COLORS: Record<TicketPriority, MantineColor> = {
  low: 'gray.3',
  normal: 'blue.1',
  high: 'orange.3',
  critical: 'red.9',
};

// A status cut to "COMPLE…" in a narrow table column is worse than a slightly wider column.
const NO_TRUNCATE = { root: { overflow: 'visible', flexShrink: 0 }, label: { overflow: 'visible' } } as const;

export function StatusBadge({ status, size = 'md' }: { status: TicketStatus; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <Badge color={STATUS_COLORS[status]} autoContrast variant="filled" size={size} radius="sm" styles={NO_TRUNCATE}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

export function PriorityBadge({ priority, size = 'md' }: { priority: TicketPriority; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <Badge color={PRIORITY_COLORS[priority]} autoContrast variant="filled" size={size} radius="sm" styles={NO_TRUNCATE}>
      {PRIORITY_LABELS[priority]}
    </Badge>
  );
}
