import { type TicketSortField } from '@bdc/contracts';
import { Button, Group, Pagination, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useServer } from '../../../api/inventory/get-server';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoader } from '../../../components/page-loader';
import { useCan } from '../../../lib/auth-session';
import { paths } from '../../../lib/paths';
import { useTickets } from '../api/get-tickets';
import { TicketFilters } from '../components/ticket-filters';
import { TicketsTable } from '../components/tickets-table';
import {
  clearFilters,
  type FilterKey,
  nextSort,
  PAGE_SIZES,
  parseListParams,
  parseSort,
  withFilter,
  withPage,
  withPageSize,
  withSort,
} from '../utils/list-params';

export function TicketsListRoute() {
  const [params, setParams] = useSearchParams();
  const filters = parseListParams(params);
  const tickets = useTickets(filters);
  const sort = parseSort(params.get('sort'));
  const page = filters.page ?? 1;
  const pageSize = filters.pageSize ?? 20;

  const filterValues: Partial<Record<FilterKey, string>> = {
    status: params.get('status') ?? undefined,
    priority: params.get('priority') ?? undefined,
    ticketType: params.get('ticketType') ?? undefined,
    assignedTo: params.get('assignedTo') ?? undefined,
    queue: params.get('queue') ?? undefined,
    q: params.get('q') ?? undefined,
  };

  const data = tickets.data;
  // The URL carries the server's UUID; people know it by name (from the server, else from a listed ticket).
  const serverFilter = params.get('server');
  const filteredServer = useServer(serverFilter);
  const serverName = filteredServer.data?.name ?? data?.items.find((t) => t.targetServerUuid === serverFilter)?.targetServerName ?? serverFilter;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1;
  // Read-only roles (e.g. auditors with ticket.view_all) are not offered a form the API would refuse.
  const canCreate = useCan('ticket.create');

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Tickets
        </Title>
        {canCreate && (
          <Button component={Link} to={paths.ticketNew.href()}>
            New ticket
          </Button>
        )}
      </Group>
      <Paper withBorder p="md">
        <TicketFilters
          values={filterValues}
          onChange={(key, value) => setParams(withFilter(params, key, value))}
          onClear={() => setParams(clearFilters(params))}
        />
      </Paper>
      {serverFilter && (
        <Group gap="xs">
          <Text size="sm">
            Showing tickets for server <strong>{serverName}</strong>.
          </Text>
          <Button size="compact-sm" variant="subtle" onClick={() => setParams(withFilter(params, 'server', null))}>
            Show all servers
          </Button>
        </Group>
      )}
      {tickets.isPending && <PageLoader label="Loading tickets" />}
      {tickets.isError && <ErrorAlert error={tickets.error} title="The tickets could not be loaded" />}
      {data && data.items.length === 0 && (
        <Paper withBorder>
          <EmptyState
            title="No tickets found"
            description={Object.values(filterValues).some(Boolean) ? 'No ticket matches these filters.' : 'There are no tickets you can see yet.'}
            action={
              <Button component={Link} to={paths.ticketNew.href()} variant="light">
                Create a ticket
              </Button>
            }
          />
        </Paper>
      )}
      {data && data.items.length > 0 && (
        <Paper withBorder>
          <TicketsTable
            tickets={data.items}
            sort={sort}
            onSort={(field: TicketSortField) => setParams(withSort(params, nextSort(sort, field)))}
          />
        </Paper>
      )}
      {data && data.total > 0 && (
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" aria-live="polite">
            {data.total} ticket{data.total === 1 ? '' : 's'} · page {page} of {totalPages}
          </Text>
          <Group gap="md">
            <Select
              label="Rows per page"
              data={PAGE_SIZES.map((s) => String(s))}
              value={String(pageSize)}
              onChange={(v) => v && setParams(withPageSize(params, Number(v)))}
              allowDeselect={false}
              w={120}
              size="xs"
            />
            <Pagination
              total={totalPages}
              value={Math.min(page, totalPages)}
              onChange={(p) => setParams(withPage(params, p))}
              getControlProps={(control) => ({ 'aria-label': `${control} page` })}
              getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
            />
          </Group>
        </Group>
      )}
    </Stack>
  );
}
