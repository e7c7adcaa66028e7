import { CATALOG_STATUSES, COMPONENT_TYPE_LABELS, COMPONENT_TYPES,isOneOf, type CatalogQuery } from '@bdc/contracts';
import { Badge, Button, Group, Select, Stack, Table, Title } from '@mantine/core';
import { Link } from 'react-router';
import { LinkAnchor } from '../../../components/link-anchor';
import { PagedTable } from '../../../components/paged-table';
import { useCan } from '../../../lib/auth-session';
import { paths } from '../../../lib/paths';
import { DebouncedInput } from '../components/debounced-input';
import { useCatalogModels } from '../api/get-catalog-models';
import { useUrlFilters } from '../../../lib/use-url-filters';

const PAGE_SIZE = 25;

export function CatalogListRoute() {
  const { get, set, page } = useUrlFilters();
  const canEdit = useCan('inventory.edit');
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
      <PagedTable
        query={models}
        loading="Loading the catalog"
        errorTitle="The catalog could not be loaded"
        empty={{ title: 'No models found', description: 'Change the filters, or import a BDC IMS catalog.' }}
        label="Catalog models"
        pagesLabel="Catalog pages"
        head={
          <>
            <Table.Th>Model</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Brand</Table.Th>
            <Table.Th>Series</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Available units</Table.Th>
          </>
        }
        row={(m) => (
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
        )}
        noun="model"
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => set('page', String(p))}
      />
    </Stack>
  );
}
