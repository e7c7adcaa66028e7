import type { ServerSummary } from '@bdc/contracts';
import { Table, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { LinkAnchor } from '../../../components/link-anchor';
import { paths } from '../../../lib/paths';
import { ServerStatusBadge } from './server-status-badge';

export function ServersTable({ servers }: { servers: ServerSummary[] }) {
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table highlightOnHover verticalSpacing="sm" aria-label="Servers">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Location</Table.Th>
            <Table.Th>Rack position</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Components</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {servers.map((s) => (
            <Table.Tr key={s.uuid} onClick={() => navigate(paths.server.href(s.uuid))} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <LinkAnchor to={paths.server.href(s.uuid)} fw={600} onClick={(e) => e.stopPropagation()}>
                  {s.name}
                </LinkAnchor>
                {s.description && (
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {s.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{s.location ?? '—'}</Table.Td>
              <Table.Td>{s.rackPosition ?? '—'}</Table.Td>
              <Table.Td>
                <ServerStatusBadge status={s.status} />
              </Table.Td>
              <Table.Td>{s.componentCount}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
