import { STATUS_LABELS, isOneOf, TICKET_STATUSES, type HistoryEntryView } from '@bdc/contracts';
import { Text, Timeline } from '@mantine/core';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoader } from '../../../components/page-loader';
import { formatDateTime } from '../../../lib/format';
import { useHistory } from '../api/get-history';

function statusLabel(value: string | null): string {
  if (value === null) return '—';
  return isOneOf(TICKET_STATUSES, value) ? STATUS_LABELS[value] : value;
}

export function describeHistory(entry: HistoryEntryView): string {
  switch (entry.action) {
    case 'ticket_created':
      return 'Created the ticket';
    case 'status_change':
      return `Changed status from ${statusLabel(entry.oldValue)} to ${statusLabel(entry.newValue)}`;
    case 'updated':
      return entry.fieldChanged
        ? `Changed ${entry.fieldChanged}${entry.oldValue !== null || entry.newValue !== null ? ` from “${entry.oldValue ?? '—'}” to “${entry.newValue ?? '—'}”` : ''}`
        : 'Updated the ticket';
    case 'assigned': {
      // newValue holds the user id; the API adds the name in metadata when it knows it.
      const name = typeof entry.metadata?.assignee === 'string' ? entry.metadata.assignee : entry.newValue;
      return name ? `Assigned to ${name}` : 'Removed the assignee';
    }
    case 'comment_added':
      return 'Added a comment';
    case 'comment_edited':
      return 'Edited a comment';
    case 'items_validated':
      return 'Validated the items';
    case 'item_fulfilled':
      return `Applied an item to the inventory${entry.newValue ? `: ${entry.newValue}` : ''}`;
    case 'item_reverted':
      return `Reverted an item${entry.newValue ? `: ${entry.newValue}` : ''}`;
    case 'stock_reserved':
      return 'Reserved stock';
    case 'stock_released':
      return 'Released reserved stock';
    case 'attachment_added':
      return 'Added an attachment';
    case 'attachment_removed':
      return 'Removed an attachment';
    default: {
      const unknown: never = entry.action;
      return String(unknown);
    }
  }
}

export function TicketHistory({ ticketId }: { ticketId: number }) {
  const history = useHistory(ticketId);
  if (history.isPending) return <PageLoader label="Loading history" />;
  if (history.isError) return <ErrorAlert error={history.error} title="The history could not be loaded" />;
  if (history.data.length === 0) return <Text size="sm">No history recorded.</Text>;
  return (
    <Timeline bulletSize={14} lineWidth={2} active={history.data.length - 1} aria-label="Ticket history">
      {history.data.map((entry) => (
        <Timeline.Item key={entry.id} title={describeHistory(entry)}>
          <Text size="xs" c="gray.8">
            {entry.user.displayName || entry.user.username} · {formatDateTime(entry.createdAt)}
          </Text>
          {entry.comment && (
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {entry.comment}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
