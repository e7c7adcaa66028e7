import { STATUS_LABELS, isItemsChange, isOneOf, TICKET_STATUSES, type HistoryEntryView, type ItemChangeField, type ItemsChange } from '@bdc/contracts';
import { Button, Group, Stack, Text, Timeline } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { describeError } from '../../../lib/api-error';
import { downloadWithToken } from '../../../lib/download';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoader } from '../../../components/page-loader';
import { formatDateTime } from '../../../lib/format';
import { useHistory } from '../api/get-history';

function statusLabel(value: string | null): string {
  if (value === null) return '—';
  return isOneOf(TICKET_STATUSES, value) ? STATUS_LABELS[value] : value;
}

const FIELD_LABELS: Record<ItemChangeField, string> = {
  action: 'action',
  componentType: 'type',
  componentUuid: 'model',
  componentSerial: 'serial',
  quantity: 'quantity',
  specifications: 'specifications',
  currentValue: 'current value',
  requestedValue: 'requested value',
};

/** Ticket columns as people say them; anything else shows as stored. */
const FIELD_NAMES: Record<string, string> = {
  title: 'the title',
  description: 'the description',
  priority: 'the priority',
  ticket_type: 'the type',
  ticketType: 'the type',
  target_server_uuid: 'the server',
  targetServerUuid: 'the server',
  scheduled_date: 'the scheduled date',
  scheduledDate: 'the scheduled date',
  estimated_duration: 'the estimated duration',
  estimatedDuration: 'the estimated duration',
};

/** Long values (up to 1,000 characters each) are cut: the timeline is a summary, not a diff viewer. */
function short(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const chars = [...text];
  return chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : text;
}

/** "Item 1: quantity 1 → 2; item 2 added": positions are 1-based for people. */
export function describeItemsChange(change: ItemsChange): string {
  const byItem = new Map<number, string[]>();
  const add = (index: number, text: string) => byItem.set(index, [...(byItem.get(index) ?? []), text]);
  for (const c of change.changed) add(c.index, `${FIELD_LABELS[c.field] ?? c.field} ${short(c.from)} → ${short(c.to)}`);
  for (const a of change.added) add(a.index, 'added');
  for (const r of change.removed) add(r.index, 'removed');
  const parts = [...byItem.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, texts]) => (texts.length === 1 && (texts[0] === 'added' || texts[0] === 'removed') ? `item ${index + 1} ${texts[0]}` : `item ${index + 1}: ${texts.join(', ')}`));
  const text = parts.join('; ');
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : 'No item changed';
}

export function describeHistory(entry: HistoryEntryView): string {
  switch (entry.action) {
    case 'ticket_created':
      return 'Created the ticket';
    case 'status_change':
      return `Changed status from ${statusLabel(entry.oldValue)} to ${statusLabel(entry.newValue)}`;
    case 'updated':
      if (entry.fieldChanged === 'items' && isItemsChange(entry.metadata?.items)) return `Changed the items: ${describeItemsChange(entry.metadata.items)}`;
      return entry.fieldChanged
        ? `Changed ${FIELD_NAMES[entry.fieldChanged] ?? entry.fieldChanged}${entry.oldValue !== null || entry.newValue !== null ? ` from “${entry.oldValue ?? '—'}” to “${entry.newValue ?? '—'}”` : ''}`
        : 'Updated the ticket';
    case 'assigned': {
      // Role queues: put in a role's queue, or claimed from one by the member who took it.
      if (entry.fieldChanged === 'assigned_role') return entry.newValue ? `Put in the ${entry.newValue} queue` : 'Removed from the queue';
      if (typeof entry.metadata?.claimedFrom === 'string') return `Claimed from the ${entry.metadata.claimedFrom} queue`;
      // newValue holds the user id; the API resolves it to the person (`subject`); older rows kept the user name in metadata.
      const name = entry.subject ? entry.subject.displayName || entry.subject.username : typeof entry.metadata?.assignee === 'string' ? entry.metadata.assignee : entry.newValue;
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
      return entry.newValue ? `Attached ${entry.newValue}` : 'Added an attachment';
    case 'attachment_removed':
      return entry.oldValue ? `Removed the attachment ${entry.oldValue}` : 'Removed an attachment';
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
  const download = () =>
    downloadWithToken(`/tickets/${ticketId}/history.csv`, {}, `ticket-${ticketId}-history.csv`).catch((error: unknown) =>
      notifications.show({ color: 'red', title: 'The download failed', message: describeError(error) }),
    );
  return (
    <Stack gap="sm">
    <Timeline bulletSize={14} lineWidth={2} active={history.data.length - 1} aria-label="Ticket history">
      {history.data.map((entry) => (
        <Timeline.Item key={entry.id} title={describeHistory(entry)} styles={{ itemTitle: { overflowWrap: 'anywhere' } }}>
          <Text size="xs" c="dimmed">
            {entry.user.displayName || entry.user.username} · {formatDateTime(entry.createdAt)}
            {entry.ipAddress ? ` · from ${entry.ipAddress}` : ''}
          </Text>
          {entry.comment && (
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {entry.comment}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
      <Group justify="flex-end">
        <Button variant="subtle" size="xs" onClick={download}>
          Download history as CSV
        </Button>
      </Group>
    </Stack>
  );
}
