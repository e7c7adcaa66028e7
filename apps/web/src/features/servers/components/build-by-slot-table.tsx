import { COMPONENT_TYPE_LABELS, type BuildSlot } from '@bdc/contracts';
import { Text } from '@mantine/core';
import { SlotTable } from '../../../components/slot-table';

/** The server's build slot by slot (physical order), parts without a slot (chassis, board) in their own rows. */
export function BuildBySlotTable({ build }: { build: BuildSlot[] }) {
  if (build.length === 0) return <Text size="sm">Nothing is installed.</Text>;
  return (
    <SlotTable
      label="Build by slot"
      columns={['Slot', 'Type', 'Unit']}
      rows={build.flatMap((group) =>
        group.units.map((u) => ({
          key: String(u.id),
          slot: group.slot ?? '—',
          cells: [
            <Text size="sm">{COMPONENT_TYPE_LABELS[group.componentType]}</Text>,
            <Text size="sm">
              {u.model ?? u.uuid}
              {u.serialNumber ? ` · ${u.serialNumber}` : ''}
            </Text>,
          ],
        })),
      )}
    />
  );
}
