import { type TicketSortField } from '@bdc/contracts';
import { Button, Group, Pagination, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useServer } from '../../../api/inventory/get-server';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoader } from '../../../components/page-loader';
import { notifications } from '@mantine/notifications';
import { describeError } from '../../../lib/api-error';
import { useCan } from '../../../lib/auth-session';
import { downloadWithToken } from '../../../lib/download';
import { wantsSearchFocus } from '../../../lib/global-search';
import { SavedFiltersMenu } from '../components/saved-filters-menu';
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
  withFilters,
  withoutPage,
  FILTER_KEYS,
  withPage,
  withPageSize,
  withSort,
} from '../utils/list-params';

/** "1 ticket", "1,234 tickets", "10,000+ tickets" (more than counted: docs/decisions.md, "List totals"). */
export function ticketCount(total: number, lowerBound: boolean): string {
  return `${total.toLocaleString('en-US')}${lowerBound ? '+' : ''} ticket${total === 1 && !lowerBound ? '' : 's'}`;
}

export function TicketsListRoute() {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const filters = parseListParams(params);
  const tickets = useTickets(filters);
  const sort = parseSort(params.get('sort'));
  const page = filters.page ?? 1;
  const pageSize = filters.pageSize ?? 20;

  const filterValues: Partial<Record<FilterKey, string>> = Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? undefined]));
  const canCreate = useCan('ticket.create');

  const exportCsv = () => {
    // Every filter and the order, every page: what the list shows, in full.
    const { page: _page, pageSize: _pageSize, ...query } = filters;
    downloadWithToken('/tickets/export.csv', { ...query }, 'tickets.csv').catch((error: unknown) =>
      notifications.show({ color: 'red', title: 'The export failed', message: describeError(error) }),
    );
  };

  const data = tickets.data;
  // The URL carries the server's UUID; people know it by name (from the server, else from a listed ticket).
  const serverFilter = params.get('server');
  const filteredServer = useServer(serverFilter);
  const serverName = filteredServer.data?.name ?? data?.items.find((t) => t.targetServerUuid === serverFilter)?.targetServerName ?? serverFilter;
  // Past LIMITS.listTotalCap the API stops counting and says so (totalIsLowerBound): the list shows
  // "10,000+" and the pages it knows exist; going deeper, the API counts further, so the pages grow.
  const totalPages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1;
  const lowerBound = data?.totalIsLowerBound ?? false;
  // Read-only roles (e.g. auditors with ticket.view_all) are not offered a form the API would refuse.

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Tickets
        </Title>
        <Group gap="sm">
          <SavedFiltersMenu currentQuery={withoutPage(params).toString()} onApply={(query) => setParams(new URLSearchParams(query))} />
          <Button variant="default" onClick={exportCsv}>
            Export CSV
          </Button>
          {canCreate && (
            <Button component={Link} to={paths.ticketNew.href()}>
              New ticket
            </Button>
          )}
        </Group>
      </Group>
      <Paper withBorder p="md">
        <TicketFilters
          values={filterValues}
          onChange={(key, value) => setParams(withFilter(params, key, value))}
          onChangeMany={(values) => setParams(withFilters(params, values))}
          onClear={() => setParams(clearFilters(params))}
          autoFocusSearch={wantsSearchFocus(location.state)}
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
            {ticketCount(data.total, lowerBound)} · page {page} of {lowerBound ? `at least ${totalPages.toLocaleString('en-US')}` : totalPages}
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
