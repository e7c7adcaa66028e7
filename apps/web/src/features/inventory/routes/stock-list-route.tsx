import { COMPONENT_TYPE_LABELS, COMPONENT_TYPES, STOCK_STATUSES, isOneOf, type ComponentQuery } from '@bdc/contracts';
import { Button, Group, Modal, NumberInput, Select, Stack, Table, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';
import { LinkAnchor } from '../../../components/link-anchor';
import { PagedTable } from '../../../components/paged-table';
import { describeError } from '../../../lib/api-error';
import { useCan } from '../../../lib/auth-session';
import { formatDate } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useUnits } from '../api/get-units';
import { DebouncedInput } from '../components/debounced-input';
import { ReceiveUnitsForm } from '../components/receive-units-form';
import { UNIT_STATUS_LABELS, UnitStatusBadge } from '../components/unit-status-badge';
import { downloadWithToken } from '../../../lib/download';
import { useUrlFilters } from '../../../lib/use-url-filters';

const PAGE_SIZE = 50;

export function StockListRoute() {
  const { get, set, page } = useUrlFilters();
  const canEdit = useCan('inventory.edit');
  const [receiving, receiveModal] = useDisclosure(false);
  const type = get('type');
  const status = get('status');
  const within = Number(get('warrantyWithinDays'));
  const filters: ComponentQuery = {
    type: isOneOf(COMPONENT_TYPES, type) ? type : undefined,
    status: isOneOf(STOCK_STATUSES, status) ? status : undefined,
    model: get('model') || undefined,
    serverUuid: get('serverUuid') || undefined,
    location: get('location') || undefined,
    warrantyWithinDays: Number.isInteger(within) && within > 0 ? within : undefined,
    q: get('q') || undefined,
  };
  const units = useUnits({ ...filters, page, pageSize: PAGE_SIZE, sort: '-id' });

  const exportCsv = () => {
    downloadWithToken('/components/export.csv', { ...filters }, 'stock.csv').catch((error: unknown) =>
      notifications.show({ color: 'red', title: 'The export failed', message: describeError(error) }),
    );
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Stock
        </Title>
        <Group gap="sm">
          <Button variant="default" onClick={exportCsv}>
            Export CSV
          </Button>
          {canEdit && (
            <Button variant="default" component={Link} to={paths.stockImport.href()}>
              Import CSV
            </Button>
          )}
          {canEdit && <Button onClick={receiveModal.open}>Receive units</Button>}
        </Group>
      </Group>
      <Group align="flex-end" wrap="wrap">
        <Select
          label="Type"
          data={[{ value: '', label: 'All types' }, ...COMPONENT_TYPES.map((t) => ({ value: t, label: COMPONENT_TYPE_LABELS[t] }))]}
          value={filters.type ?? ''}
          onChange={(v) => set('type', v)}
          allowDeselect={false}
          w={170}
        />
        <Select
          label="Status"
          data={[{ value: '', label: 'Any status' }, ...STOCK_STATUSES.map((s) => ({ value: s, label: UNIT_STATUS_LABELS[s] }))]}
          value={filters.status ?? ''}
          onChange={(v) => set('status', v)}
          allowDeselect={false}
          w={150}
        />
        <DebouncedInput label="Search stock" placeholder="Serial, model or notes" value={get('q')} onCommit={(v) => set('q', v)} />
        <DebouncedInput label="Location" value={get('location')} onCommit={(v) => set('location', v)} />
        <DebouncedInput label="Model UUID" value={get('model')} onCommit={(v) => set('model', v)} />
        <DebouncedInput label="Server UUID" value={get('serverUuid')} onCommit={(v) => set('serverUuid', v)} />
        <NumberInput
          label="Warranty ends within (days)"
          min={1}
          max={3650}
          allowDecimal={false}
          value={filters.warrantyWithinDays ?? ''}
          onChange={(v) => set('warrantyWithinDays', v === '' ? null : String(v))}
          w={200}
        />
      </Group>
      <PagedTable
        query={units}
        loading="Loading stock"
        errorTitle="The stock could not be loaded"
        empty={{ title: 'No units found', description: 'Change the filters, or receive units of a catalog model.' }}
        label="Stock units"
        pagesLabel="Stock pages"
        head={
          <>
            <Table.Th>Serial</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Model</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Location</Table.Th>
            <Table.Th>Server</Table.Th>
            <Table.Th>Warranty ends</Table.Th>
          </>
        }
        row={(u) => (
          <Table.Tr key={u.id}>
            <Table.Td>
              <LinkAnchor to={paths.unit.href(u.id)}>{u.serialNumber ?? `#${u.id}`}</LinkAnchor>
            </Table.Td>
            <Table.Td>{COMPONENT_TYPE_LABELS[u.componentType]}</Table.Td>
            <Table.Td>{u.model ?? '—'}</Table.Td>
            <Table.Td>
              <UnitStatusBadge status={u.status} />
            </Table.Td>
            <Table.Td>{u.location ?? '—'}</Table.Td>
            <Table.Td>{u.serverUuid ? <LinkAnchor to={paths.server.href(u.serverUuid)}>{u.slot ? `Slot ${u.slot}` : 'On a server'}</LinkAnchor> : '—'}</Table.Td>
            <Table.Td>{formatDate(u.warrantyEndDate)}</Table.Td>
          </Table.Tr>
        )}
        noun="unit"
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => set('page', String(p))}
      />
      <Modal opened={receiving} onClose={receiveModal.close} title="Receive units" size="lg">
        <ReceiveUnitsForm
          onDone={(count) => {
            receiveModal.close();
            notifications.show({ color: 'green', message: `${count} unit${count === 1 ? '' : 's'} received` });
          }}
        />
      </Modal>
    </Stack>
  );
}
