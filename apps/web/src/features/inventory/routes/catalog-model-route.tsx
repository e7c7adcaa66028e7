import { COMPONENT_TYPE_LABELS } from '@bdc/contracts';
import { Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { Fact } from '../../../components/fact';
import { LinkAnchor } from '../../../components/link-anchor';
import { PageBreadcrumbs } from '../../../components/page-breadcrumbs';
import { PageLoader } from '../../../components/page-loader';
import { useCan } from '../../../lib/auth-session';
import { paths } from '../../../lib/paths';
import { useCatalogModel } from '../api/get-catalog-model';
import { useUnits } from '../api/get-units';
import { useRetireCatalogModel } from '../api/save-catalog-model';
import { ReceiveUnitsForm } from '../components/receive-units-form';
import { SpecSheet } from '../components/spec-sheet';

export function CatalogModelRoute() {
  const { uuid = '' } = useParams();
  const model = useCatalogModel(uuid);
  const units = useUnits({ model: uuid, status: 'available', pageSize: 100 }, Boolean(uuid));
  const canEdit = useCan('inventory.edit');
  const [receiving, receiveModal] = useDisclosure(false);
  const [retiring, retireModal] = useDisclosure(false);
  const retire = useRetireCatalogModel();

  if (model.isPending) return <PageLoader label="Loading the model" />;
  if (model.isError) return <ErrorAlert error={model.error} title="The model could not be loaded" />;
  const m = model.data;
  return (
    <Stack gap="md">
      <PageBreadcrumbs parent={{ to: paths.catalog.href(), label: 'Catalog' }} current={m.name} />
      <Group justify="space-between">
        <Title order={1} size="h2">
          {m.name}
        </Title>
        {canEdit && m.status === 'active' && (
          <Group gap="sm">
            <Button variant="default" component={Link} to={paths.catalogModelEdit.href(m.uuid)}>
              Edit
            </Button>
            <Button variant="default" color="red" onClick={retireModal.open}>
              Retire
            </Button>
            <Button onClick={receiveModal.open}>Receive units</Button>
          </Group>
        )}
      </Group>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, sm: 5 }}>
          <Fact label="Type">{COMPONENT_TYPE_LABELS[m.componentType]}</Fact>
          <Fact label="Brand">{m.brand}</Fact>
          <Fact label="Series">{m.series ?? '—'}</Fact>
          <Fact label="Status">
            <Badge variant="light" color={m.status === 'active' ? 'green' : 'gray'} autoContrast>
              {m.status === 'active' ? 'Active' : 'Retired'}
            </Badge>
          </Fact>
          <Fact label="UUID">
            <Text size="xs" ff="monospace">
              {m.uuid}
            </Text>
          </Fact>
        </SimpleGrid>
      </Paper>
      <Title order={2} size="h4">
        Specifications
      </Title>
      <SpecSheet type={m.componentType} specifications={m.specifications} />
      <Title order={2} size="h4">
        Available units ({m.availableUnits})
      </Title>
      {units.data && units.data.items.length > 0 ? (
        <Table aria-label="Available units" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Serial</Table.Th>
              <Table.Th>Location</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {units.data.items.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>
                  <LinkAnchor to={paths.unit.href(u.id)}>{u.serialNumber ?? `#${u.id}`}</LinkAnchor>
                </Table.Td>
                <Table.Td>{u.location ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm">No spare units in stock.</Text>
      )}
      <Modal opened={receiving} onClose={receiveModal.close} title={`Receive units of ${m.name}`} size="lg">
        <ReceiveUnitsForm initialType={m.componentType} initialModel={m.uuid} onDone={receiveModal.close} />
      </Modal>
      <Modal opened={retiring} onClose={retireModal.close} title={`Retire ${m.name}?`}>
        <Stack gap="sm">
          <Text size="sm">A retired model stays readable but is no longer offered for new tickets or stock.</Text>
          {retire.isError && <ErrorAlert error={retire.error} title="The model was not retired" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={retireModal.close}>
              Cancel
            </Button>
            <Button color="red" loading={retire.isPending} onClick={() => retire.mutate(m.uuid, { onSuccess: retireModal.close })}>
              Retire model
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
