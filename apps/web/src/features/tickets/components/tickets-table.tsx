import { TICKET_TYPE_LABELS, type TicketSortField, type TicketSummary } from '@bdc/contracts';
import { Table, Text, UnstyledButton, Group } from '@mantine/core';
import { useNavigate } from 'react-router';
import { PriorityBadge, StatusBadge } from '../../../components/badges';
import { SortIcon } from '../../../components/icons';
import { LinkAnchor } from '../../../components/link-anchor';
import { formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import type { SortValue } from '../utils/list-params';

interface SortableHeaderProps {
  field: TicketSortField;
  label: string;
  sort: SortValue;
  onSort: (field: TicketSortField) => void;
}

function SortableHeader({ field, label, sort, onSort }: SortableHeaderProps) {
  const active = sort === field || sort === `-${field}`;
  const direction = active ? (sort.startsWith('-') ? 'desc' : 'asc') : null;
  return (
    <Table.Th aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}>
      <UnstyledButton onClick={() => onSort(field)} aria-label={`Sort by ${label.toLowerCase()}`} style={{ borderRadius: 4 }}>
        <Group gap={4} wrap="nowrap">
          <Text fw={700} size="sm">
            {label}
          </Text>
          <SortIcon direction={direction} size={14} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

export function TicketsTable({ tickets, sort, onSort }: { tickets: TicketSummary[]; sort: SortValue; onSort: (f: TicketSortField) => void }) {
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={1080}>
      <Table highlightOnHover verticalSpacing="sm" aria-label="Tickets">
        <Table.Thead>
          <Table.Tr>
            <SortableHeader field="ticketNumber" label="Number" sort={sort} onSort={onSort} />
            <SortableHeader field="title" label="Title" sort={sort} onSort={onSort} />
            <SortableHeader field="status" label="Status" sort={sort} onSort={onSort} />
            <SortableHeader field="priority" label="Priority" sort={sort} onSort={onSort} />
            <Table.Th>Type</Table.Th>
            <Table.Th>Server</Table.Th>
            <Table.Th>Requester</Table.Th>
            <Table.Th>Assignee</Table.Th>
            <SortableHeader field="createdAt" label="Created" sort={sort} onSort={onSort} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.map((t) => (
            <Table.Tr key={t.id} onClick={() => navigate(paths.ticket.href(t.id))} style={{ cursor: 'pointer' }}>
              <Table.Td>
                {/* The link keeps the row reachable by keyboard and screen readers; the row click is a mouse shortcut. */}
                <LinkAnchor
                  to={paths.ticket.href(t.id)}
                  fw={600}
                  onClick={(e) => e.stopPropagation()}
                  ff="monospace"
                  size="sm"
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {t.ticketNumber}
                </LinkAnchor>
              </Table.Td>
              <Table.Td miw={240}>
                <Text size="sm" fw={500}>
                  {t.title}
                </Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={t.status} size="sm" />
              </Table.Td>
              <Table.Td>
                <PriorityBadge priority={t.priority} size="sm" />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{TICKET_TYPE_LABELS[t.ticketType]}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {t.targetServerName ?? t.targetServerUuid}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t.createdBy.displayName || t.createdBy.username}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={t.assignedTo ? undefined : 'gray.7'}>
                  {t.assignedTo ? t.assignedTo.displayName || t.assignedTo.username : t.assignedRole ? `Queue: ${t.assignedRole}` : 'Unassigned'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(t.createdAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
