import { CATALOG_STATUSES, COMPONENT_TYPE_LABELS, COMPONENT_TYPES,isOneOf, type CatalogQuery } from '@bdc/contracts';
import { Badge, Button, Group, Pagination, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { LinkAnchor } from '../../../components/link-anchor';
import { PageLoader } from '../../../components/page-loader';
import { useSession } from '../../../lib/auth-session';
import { paths } from '../../../lib/paths';
import { DebouncedInput } from '../components/debounced-input';
import { useCatalogModels } from '../api/get-catalog-models';
import { useUrlFilters } from '../utils/use-url-filters';

const PAGE_SIZE = 25;

export function CatalogListRoute() {
  const { get, set, page } = useUrlFilters();
  const canEdit = useSession()?.user.permissions.includes('inventory.edit') ?? false;
  const type = get('type');
  const status = get('status');
  const query: CatalogQuery = {
    type: isOneOf(COMPONENT_TYPES, type) ? type : undefined,
    q: get('q') || undefined,
    brand: get('brand') || undefined,
    status: status === 'all' || isOneOf(CATALOG_STATUSES, status) ? status : undefined,
    page,
    pageSize: PAGE_SIZE,
    sort: 'name',
  };
  const models = useCatalogModels(query);
  const pages = models.data ? Math.max(1, Math.ceil(models.data.total / PAGE_SIZE)) : 1;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Catalog
        </Title>
        {canEdit && (
          <Group gap="sm">
            <Button variant="default" component={Link} to={paths.catalogImport.href()}>
              Import
            </Button>
            <Button component={Link} to={paths.catalogNew.href()}>
              New model
            </Button>
          </Group>
        )}
      </Group>
      <Group align="flex-end">
        <Select
          label="Type"
          data={[{ value: '', label: 'All types' }, ...COMPONENT_TYPES.map((t) => ({ value: t, label: COMPONENT_TYPE_LABELS[t] }))]}
          value={query.type ?? ''}
          onChange={(v) => set('type', v)}
          allowDeselect={false}
          w={180}
        />
        <DebouncedInput label="Search models" placeholder="Name or model" value={get('q')} onCommit={(v) => set('q', v)} />
        <DebouncedInput label="Brand" value={get('brand')} onCommit={(v) => set('brand', v)} />
        <Select
          label="Status"
          data={[
            { value: '', label: 'Active' },
            { value: 'retired', label: 'Retired' },
            { value: 'all', label: 'All' },
          ]}
          value={query.status ?? ''}
          onChange={(v) => set('status', v)}
          allowDeselect={false}
          w={140}
        />
      </Group>
      {models.isPending && <PageLoader label="Loading the catalog" />}
      {models.isError && <ErrorAlert error={models.error} title="The catalog could not be loaded" />}
      {models.data && models.data.items.length === 0 && (
        <Paper withBorder>
          <EmptyState title="No models found" description="Change the filters, or import a BDC IMS catalog." />
        </Paper>
      )}
      {models.data && models.data.items.length > 0 && (
        <>
          <Paper withBorder>
            <Table aria-label="Catalog models" striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Model</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Brand</Table.Th>
                  <Table.Th>Series</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Available units</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {models.data.items.map((m) => (
                  <Table.Tr key={m.uuid}>
                    <Table.Td>
                      <LinkAnchor to={paths.catalogModel.href(m.uuid)}>{m.name}</LinkAnchor>
                    </Table.Td>
                    <Table.Td>{COMPONENT_TYPE_LABELS[m.componentType]}</Table.Td>
                    <Table.Td>{m.brand}</Table.Td>
                    <Table.Td>{m.series ?? '—'}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={m.status === 'active' ? 'green' : 'gray'} autoContrast>
                        {m.status === 'active' ? 'Active' : 'Retired'}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">{m.availableUnits}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          <Group justify="space-between">
            <Text size="sm">
              {models.data.total} model{models.data.total === 1 ? '' : 's'}
            </Text>
            {pages > 1 && <Pagination total={pages} value={page} onChange={(p) => set('page', String(p))} aria-label="Catalog pages" />}
          </Group>
        </>
      )}
    </Stack>
  );
}
