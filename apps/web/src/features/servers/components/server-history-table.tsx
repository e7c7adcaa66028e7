import { COMPONENT_TYPE_LABELS, type ServerHistoryEntry } from '@bdc/contracts';
import { Badge, Group, Pagination, Table, Text, type MantineColor } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { LinkAnchor } from '../../../components/link-anchor';
import { PageLoader } from '../../../components/page-loader';
import { formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useServerHistory } from '../api/get-server-history';

const CHANGE_LABELS: Record<ServerHistoryEntry['change'], string> = { installed: 'Came in', removed: 'Went out', moved: 'Moved' };
const CHANGE_COLORS: Record<ServerHistoryEntry['change'], MantineColor> = { installed: 'green.9', removed: 'red.9', moved: 'blue.8' };

const BADGE_STYLES = { root: { overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } } as const;

function slotText(e: ServerHistoryEntry): string {
  if (e.change === 'moved') return `${e.slotBefore ?? '—'} → ${e.slotAfter ?? '—'}`;
  return (e.change === 'installed' ? e.slotAfter : e.slotBefore) ?? '—';
}

function HistoryRows({ entries }: { entries: ServerHistoryEntry[] }) {
  return (
    // On a phone the six columns scroll sideways instead of spilling out of the panel.
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label="Server history" verticalSpacing={4} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">When</Table.Th>
            <Table.Th scope="col">Change</Table.Th>
            <Table.Th scope="col">Component</Table.Th>
            <Table.Th scope="col">Slot</Table.Th>
            <Table.Th scope="col">By</Table.Th>
            <Table.Th scope="col">Who</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Text size="sm">{formatDateTime(e.at)}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {/* A Mantine badge hides what overflows it, and the table squeezes the column: "Came in" read "Came…". */}
                <Badge color={CHANGE_COLORS[e.change]} size="sm" styles={BADGE_STYLES}>
                  {CHANGE_LABELS[e.change]}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {COMPONENT_TYPE_LABELS[e.unit.componentType]}: {e.unit.model ?? e.unit.uuid}
                  {e.unit.serialNumber ? ` · ${e.unit.serialNumber}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{slotText(e)}</Text>
              </Table.Td>
              <Table.Td>
                {e.ticket ? (
                  e.ticket.id !== null ? (
                    <LinkAnchor to={paths.ticket.href(e.ticket.id)}>{e.ticket.ticketNumber}</LinkAnchor>
                  ) : (
                    <Text size="sm">{e.ticket.ticketNumber} (deleted)</Text>
                  )
                ) : (
                  <Text size="sm">{e.source === 'direct' ? 'Direct edit' : e.source === 'import' ? 'Import' : 'Stock edit'}</Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{e.user ? (e.user.displayName || e.user.username) : '—'}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** GET /api/servers/:uuid/history: every component that came or went, newest first. */
export function ServerHistory({ serverUuid }: { serverUuid: string }) {
  const [page, setPage] = useState(1);
  const history = useServerHistory(serverUuid, page);
  if (history.isPending) return <PageLoader label="Loading server history" />;
  if (history.isError) return <ErrorAlert error={history.error} title="The server history could not be loaded" />;
  const { items, total, pageSize } = history.data;
  if (items.length === 0) return <Text size="sm">No component has come or gone yet.</Text>;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <>
      <HistoryRows entries={items} />
      {pages > 1 && (
        <Group justify="flex-end" mt="sm">
          <Pagination total={pages} value={page} onChange={setPage} size="sm" getControlProps={(c) => ({ 'aria-label': `Page ${c}` })} />
        </Group>
      )}
    </>
  );
}
