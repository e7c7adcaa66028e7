import { COMPONENT_TYPE_LABELS, type BuildSlot } from '@bdc/contracts';
import { Text } from '@mantine/core';
import { SlotTable } from '../../../components/slot-table';

/** A caddy shares its bay's name with the drive it carries: two "Bay 2" rows would read as a double booking. */
export function buildSlotLabel(group: BuildSlot): string {
  if (group.componentType === 'caddy') return group.slot ? `Caddy in ${group.slot.replace(/^Bay\b/, 'bay')}` : 'Caddy';
  return group.slot ?? '—';
}

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
          slot: buildSlotLabel(group),
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
