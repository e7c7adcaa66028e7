import type { UnitLogEntry, UnitPlace } from '@bdc/contracts';
import { Text, Timeline } from '@mantine/core';
import { LinkAnchor } from '../../../components/link-anchor';
import { formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/paths';

const EVENT_LABELS: Record<UnitLogEntry['event'], string> = {
  received: 'Received',
  edited: 'Edited',
  moved: 'Moved',
  reserved: 'Reserved',
  released: 'Released',
  installed: 'Installed',
  removed: 'Removed',
  rolled_back: 'Rolled back',
  failed: 'Marked failed',
  retired: 'Retired',
  status_changed: 'Status changed',
};

const SOURCE_LABELS: Record<UnitLogEntry['source'], string> = { ticket: 'ticket', direct: 'direct edit', stock_edit: 'stock edit', import: 'import' };

function describePlace(place: UnitPlace): string {
  const parts = [place.status ?? '—'];
  if (place.serverUuid) parts.push(`server ${place.serverUuid}${place.slot ? ` slot ${place.slot}` : ''}`);
  if (place.location) parts.push(place.location);
  return parts.join(', ');
}

/** The unit's log, oldest first: event, before → after, ticket link, who and when. */
export function UnitLogTimeline({ entries }: { entries: UnitLogEntry[] }) {
  if (entries.length === 0) return <Text size="sm">No changes recorded yet.</Text>;
  return (
    <Timeline active={entries.length - 1} bulletSize={14} lineWidth={2} aria-label="Unit log">
      {entries.map((e) => (
        <Timeline.Item key={e.id} title={EVENT_LABELS[e.event]}>
          <Text size="sm">
            {describePlace(e.before)} → {describePlace(e.after)}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(e.createdAt)} · {e.user ? e.user.displayName || e.user.username : 'system'} · {SOURCE_LABELS[e.source]}
            {e.ticket && (
              <>
                {' · '}
                {e.ticket.id !== null ? <LinkAnchor to={paths.ticket.href(e.ticket.id)} size="xs">{e.ticket.ticketNumber}</LinkAnchor> : e.ticket.ticketNumber}
              </>
            )}
          </Text>
          {e.note && <Text size="xs">{e.note}</Text>}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
