import '@mantine/charts/styles.css';
import { PRIORITY_LABELS, STATUS_LABELS, TICKET_PRIORITIES, TICKET_TYPE_LABELS, TICKET_TYPES, isOneOf, type Dashboard, type DashboardQuery } from '@bdc/contracts';
import { BarChart } from '@mantine/charts';
import { Anchor, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useServers } from '../../../api/inventory/get-servers';
import { SectionCard } from '../../../components/section-card';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoader } from '../../../components/page-loader';
import { StatusBadge } from '../../../components/badges';
import { useCan } from '../../../lib/auth-session';
import { formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useUrlFilters } from '../../../lib/use-url-filters';
import { useDashboard } from '../api/get-dashboard';
import { dayLink, formatRate, formatSeconds, openLink, ticketsLink, transitionLink, workloadLink, type DashboardScope } from '../utils/dashboard-links';

const typeOptions = TICKET_TYPES.map((t) => ({ value: t, label: TICKET_TYPE_LABELS[t] }));

/** A figure that links to the ticket list that finds exactly what it counts. */
function Figure({ label, value, to }: { label: string; value: ReactNode; to?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" tt="uppercase" fw={700} c="dimmed">
        {label}
      </Text>
      {to ? (
        <Anchor component={Link} to={to} fz="xl" fw={700} aria-label={`${label}: ${String(value)} — show these tickets`}>
          {value}
        </Anchor>
      ) : (
        <Text fz="xl" fw={700}>
          {value}
        </Text>
      )}
    </Stack>
  );
}

/** The period picked as whole days; the API gets the instants (the end day included). */
function periodOf(from: string, to: string): Pick<DashboardQuery, 'from' | 'to'> {
  if (!from || !to) return {};
  return { from: dayjs(from).startOf('day').toISOString(), to: dayjs(to).add(1, 'day').startOf('day').toISOString() };
}

export function DashboardRoute() {
  const { get, set, params } = useUrlFilters();
  const [, setParams] = useSearchParams();
  const canViewServers = useCan('server.view');
  const servers = useServers({}, canViewServers);
  const ticketType = get('ticketType');
  const scope: DashboardScope = { server: get('server') || undefined, ticketType: isOneOf(TICKET_TYPES, ticketType) ? ticketType : undefined };
  const query: DashboardQuery = { ...periodOf(get('from'), get('to')), server: scope.server, ticketType: isOneOf(TICKET_TYPES, ticketType) ? ticketType : undefined };
  const dashboard = useDashboard(query);

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Dashboard
      </Title>
      <Paper withBorder p="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <DatePickerInput
            type="range"
            label="Period"
            placeholder="Last 30 days"
            value={[get('from') || null, get('to') || null]}
            onChange={([start, end]) => {
              if (start && !end) return;
              const next = new URLSearchParams(params);
              for (const [key, value] of [['from', start], ['to', end]] as const) {
                if (value) next.set(key, dayjs(value).format('YYYY-MM-DD'));
                else next.delete(key);
              }
              setParams(next, { replace: true });
            }}
            valueFormat="YYYY-MM-DD"
            clearable
            allowSingleDateInRange
            w={240}
          />
          {canViewServers && (
            <Select
              label="Server"
              placeholder="Every server"
              data={(servers.data?.items ?? []).map((s) => ({ value: s.uuid, label: s.name }))}
              value={scope.server ?? null}
              onChange={(v) => set('server', v)}
              clearable
              searchable
              w={200}
            />
          )}
          <Select label="Type" placeholder="Every type" data={typeOptions} value={scope.ticketType ?? null} onChange={(v) => set('ticketType', v)} clearable w={210} />
        </Group>
      </Paper>
      {dashboard.isPending ? (
        <PageLoader label="Loading the dashboard" />
      ) : dashboard.isError ? (
        <ErrorAlert error={dashboard.error} title="The dashboard could not be loaded" />
      ) : (
        <DashboardBody data={dashboard.data} scope={scope} />
      )}
    </Stack>
  );
}

function DashboardBody({ data, scope }: { data: Dashboard; scope: DashboardScope }) {
  const { open, stageTimes, decisions, rollbacks } = data;
  const period = `${dayjs(data.range.from).format('YYYY-MM-DD')} – ${dayjs(data.range.to).subtract(1, 'millisecond').format('YYYY-MM-DD')}`;
  return (
    <Stack gap="md">
      <SectionCard title="Open tickets now">
        <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="md">
          <Figure label="All open" value={open.total} to={openLink(scope)} />
          {(Object.entries(open.byStatus) as [keyof typeof STATUS_LABELS, number][]).map(([status, count]) => (
            <Figure key={status} label={STATUS_LABELS[status]} value={count} to={ticketsLink(scope, { status })} />
          ))}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" mt="md">
          {TICKET_PRIORITIES.filter((p) => open.byPriority[p]).map((p) => (
            <Figure key={p} label={`${PRIORITY_LABELS[p]} priority`} value={open.byPriority[p]} to={openLink(scope, { priority: p })} />
          ))}
          {TICKET_TYPES.filter((ty) => open.byType[ty]).map((ty) => (
            <Figure key={ty} label={TICKET_TYPE_LABELS[ty]} value={open.byType[ty]} to={openLink({ ...scope, ticketType: ty })} />
          ))}
        </SimpleGrid>
      </SectionCard>

      <SectionCard title={`Created and completed per day (UTC), ${period}`}>
        <BarChart
          h={240}
          data={data.perDay.map((d) => ({ ...d, label: d.day.slice(5) }))}
          dataKey="label"
          series={[
            { name: 'created', label: 'Created', color: 'blue.7' },
            { name: 'completed', label: 'Completed', color: 'green.8' },
          ]}
          tickLine="y"
          withLegend
          aria-label="Tickets created and completed per day"
        />
        <Table mt="sm" striped fz="sm" aria-label="Tickets per day" verticalSpacing={2}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Day</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Completed</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.perDay
              .filter((d) => d.created > 0 || d.completed > 0)
              .map((d) => (
                <Table.Tr key={d.day}>
                  <Table.Td>{d.day}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={dayLink(scope, 'created', d.day)} aria-label={`${d.created} created on ${d.day}`}>
                      {d.created}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={dayLink(scope, 'completed', d.day)} aria-label={`${d.completed} completed on ${d.day}`}>
                      {d.completed}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </SectionCard>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <SectionCard title="Stage times in the period">
          <Table fz="sm" aria-label="Stage times">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Stage</Table.Th>
                <Table.Th>Tickets</Table.Th>
                <Table.Th>Median</Table.Th>
                <Table.Th>90th percentile</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(
                [
                  ['Submit → approval', stageTimes.submitToApproval],
                  ['Approval → deploy', stageTimes.approvalToDeploy],
                  ['Deploy → completion', stageTimes.deployToCompletion],
                ] as const
              ).map(([label, s]) => (
                <Table.Tr key={label}>
                  <Table.Td>{label}</Table.Td>
                  <Table.Td>{s.count}</Table.Td>
                  <Table.Td>{formatSeconds(s.medianSeconds)}</Table.Td>
                  <Table.Td>{formatSeconds(s.p90Seconds)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </SectionCard>
        <SectionCard title="Decisions and rollbacks in the period">
          <SimpleGrid cols={3} spacing="md">
            <Figure label="Approvals" value={decisions.approvals} to={transitionLink(scope, 'approved', data.range)} />
            <Figure label="Rejections" value={decisions.rejections} to={transitionLink(scope, 'rejected', data.range)} />
            <Figure label="Approval rate" value={formatRate(decisions.approvalRate)} />
            <Figure label="Deployments" value={rollbacks.deployments} to={transitionLink(scope, 'deployed', data.range)} />
            <Figure label="Rollbacks" value={rollbacks.rollbacks} to={transitionLink(scope, 'rolled_back', data.range)} />
            <Figure label="Rollback rate" value={formatRate(rollbacks.rate)} />
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt="sm">
            Tickets that went through each step in the period: a ticket rejected, resubmitted and approved counts once in each.
          </Text>
        </SectionCard>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <SectionCard title="Workload per technician">
          {data.workload.length === 0 ? (
            <Text size="sm">No technician has work in hand.</Text>
          ) : (
            <Table fz="sm" aria-label="Workload per technician">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Technician</Table.Th>
                  <Table.Th>To start</Table.Th>
                  <Table.Th>In progress</Table.Th>
                  <Table.Th>To complete</Table.Th>
                  <Table.Th>All</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.workload.map((w) => (
                  <Table.Tr key={w.technician.id}>
                    <Table.Td>{w.technician.displayName || w.technician.username}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={ticketsLink(scope, { assignedTo: String(w.technician.id), status: 'approved' })}>
                        {w.approved}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={ticketsLink(scope, { assignedTo: String(w.technician.id), status: 'in_progress' })}>
                        {w.inProgress}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={ticketsLink(scope, { assignedTo: String(w.technician.id), status: 'deployed' })}>
                        {w.deployed}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={workloadLink(scope, w.technician.id)} fw={700}>
                        {w.total}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </SectionCard>
        <SectionCard title="Waiting longest">
          {data.oldestWaiting.length === 0 ? (
            <Text size="sm">Nothing waits for a decision or for work.</Text>
          ) : (
            <Table fz="sm" aria-label="Tickets waiting longest">
              <Table.Tbody>
                {data.oldestWaiting.map((w) => (
                  <Table.Tr key={w.id}>
                    <Table.Td>
                      <Anchor component={Link} to={paths.ticket.href(w.id)} ff="monospace">
                        {w.ticketNumber}
                      </Anchor>
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {w.title}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={w.status} />
                    </Table.Td>
                    <Table.Td>since {formatDateTime(w.waitingSince)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </SectionCard>
      </SimpleGrid>
    </Stack>
  );
}
