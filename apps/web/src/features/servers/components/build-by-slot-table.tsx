import { COMPONENT_TYPE_LABELS, type BuildSlot } from '@bdc/contracts';
import { Table, Text } from '@mantine/core';

/** The server's build slot by slot (physical order), parts without a slot (chassis, board) in their own rows. */
export function BuildBySlotTable({ build }: { build: BuildSlot[] }) {
  if (build.length === 0) return <Text size="sm">Nothing is installed.</Text>;
  return (
    <Table aria-label="Build by slot" verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Slot</Table.Th>
          <Table.Th scope="col">Type</Table.Th>
          <Table.Th scope="col">Unit</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {build.flatMap((group) =>
          group.units.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Th scope="row" fw={600}>
                <Text size="sm">{group.slot ?? '—'}</Text>
              </Table.Th>
              <Table.Td>
                <Text size="sm">{COMPONENT_TYPE_LABELS[group.componentType]}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {u.model ?? u.uuid}
                  {u.serialNumber ? ` · ${u.serialNumber}` : ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          )),
        )}
      </Table.Tbody>
    </Table>
  );
}
