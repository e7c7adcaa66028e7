import { ACCESS_AUDIT_ACTIONS, type AccessAuditAction } from '@bdc/contracts';
import { Code, Group, Select, Stack, Table, Title } from '@mantine/core';
import { PageBreadcrumbs } from '../../../components/page-breadcrumbs';
import { PagedTable } from '../../../components/paged-table';
import { formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useUrlFilters } from '../../../lib/use-url-filters';
import { useAccessAudit } from '../api/get-access-audit';

const PAGE_SIZE = 25;
const show = (value: unknown) => (value === null || value === undefined ? '—' : JSON.stringify(value));

/** Every change to access, newest first; action filter and page in the URL. */
export function AuditRoute() {
  const { get, set: setParam, page } = useUrlFilters();
  const action = (ACCESS_AUDIT_ACTIONS as readonly string[]).includes(get('action')) ? (get('action') as AccessAuditAction) : undefined;
  const audit = useAccessAudit({ page, pageSize: PAGE_SIZE, ...(action ? { action } : {}) });

  return (
    <Stack gap="md">
      <PageBreadcrumbs parent={{ label: 'Users', to: paths.adminUsers.href() }} current="Access audit log" />
      <Title order={1} size="h2">
        Access audit log
      </Title>
      <Group>
        <Select
          label="Change"
          data={[{ value: '', label: 'Any change' }, ...ACCESS_AUDIT_ACTIONS.map((a) => ({ value: a, label: a }))]}
          value={action ?? ''}
          onChange={(v) => setParam('action', v ?? '')}
          allowDeselect={false}
        />
      </Group>
      <PagedTable
        query={audit}
        loading="Loading the audit log"
        errorTitle="The audit log could not be loaded"
        empty={{ title: 'No changes recorded' }}
        label="Access audit log"
        pagesLabel="Audit pages"
        head={
          <>
            <Table.Th>When</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>Change</Table.Th>
            <Table.Th>Of</Table.Th>
            <Table.Th>Before</Table.Th>
            <Table.Th>After</Table.Th>
          </>
        }
        row={(row) => (
          <Table.Tr key={row.id}>
            <Table.Td>{formatDateTime(row.createdAt)}</Table.Td>
            <Table.Td>{row.actorUsername}</Table.Td>
            <Table.Td>{row.action}</Table.Td>
            <Table.Td>
              {row.targetType} {row.targetLabel}
            </Table.Td>
            <Table.Td>
              <Code>{show(row.before)}</Code>
            </Table.Td>
            <Table.Td>
              <Code>{show(row.after)}</Code>
            </Table.Td>
          </Table.Tr>
        )}
        noun="change"
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => setParam('page', String(p))}
      />
    </Stack>
  );
}
