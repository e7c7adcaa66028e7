import type { ProjectedBuild, ProjectedSlot, ProjectedSlotState } from '@bdc/contracts';
import { Badge, Paper, ScrollArea, Text, Title, type MantineColor } from '@mantine/core';
import { SlotTable } from '../../../components/slot-table';

const STATE_LABELS: Record<ProjectedSlotState, string> = { kept: 'Kept', added: 'Added', removed: 'Removed', empty: 'Empty' };
// Dark shades with white text (or light ones with dark text): readable at the badge's small size.
const STATE_COLORS: Record<ProjectedSlotState, MantineColor> = { kept: 'gray.7', added: 'green.9', removed: 'red.9', empty: 'gray.2' };

export function slotLabel(s: ProjectedSlot): string {
  // A caddy shares its bay's name with the drive it carries: two "Bay 3" rows read as a double booking.
  if (s.kind === 'caddy') return s.slot ? `Caddy in ${s.slot.replace(/^Bay\b/, 'bay')}` : 'Caddy';
  if (s.slot) return s.slot;
  return s.kind === 'chassis' ? 'Chassis' : s.kind === 'motherboard' ? 'Motherboard' : 'No known slot';
}

export type BuildRow = { kind: 'part'; slot: ProjectedSlot } | { kind: 'free'; first: ProjectedSlot; last: ProjectedSlot; count: number };

/** Runs of at least this many free slots of one kind read as one row ("DIMM G1 – DIMM P2: 20 free"). */
const FREE_RUN_MIN = 3;

/** The build's rows, with long runs of free slots of one kind folded: a 24-bay server is not 24 lines of "free". */
export function buildRows(slots: readonly ProjectedSlot[]): BuildRow[] {
  const rows: BuildRow[] = [];
  let run: ProjectedSlot[] = [];
  const flush = () => {
    if (run.length >= FREE_RUN_MIN) rows.push({ kind: 'free', first: run[0] as ProjectedSlot, last: run[run.length - 1] as ProjectedSlot, count: run.length });
    else rows.push(...run.map((slot): BuildRow => ({ kind: 'part', slot })));
    run = [];
  };
  for (const slot of slots) {
    if (slot.state === 'empty' && (run.length === 0 || run[0]?.kind === slot.kind)) {
      run.push(slot);
      continue;
    }
    flush();
    if (slot.state === 'empty') run.push(slot);
    else rows.push({ kind: 'part', slot });
  }
  flush();
  return rows;
}

/** "The server after this change": every slot, bay and socket with its kept/added/removed/empty marker. */
export function ProjectedBuildPanel({ build, title = 'The server after this change', maxHeight }: { build: ProjectedBuild; title?: string; maxHeight?: string }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb={4}>
        {title}
      </Title>
      <Text size="sm" mb="sm">
        {build.serverName}
      </Text>
      {build.slots.length === 0 ? (
        <Text size="sm">Nothing is known about this server's build.</Text>
      ) : (
        <ScrollArea.Autosize mah={maxHeight} type="auto" offsetScrollbars>
          <SlotTable
            label="Projected build by slot"
            columns={['Slot', 'Part', 'Change']}
            rows={buildRows(build.slots).map((row, i) => {
              if (row.kind === 'free') {
                return {
                  key: `free-${row.first.kind}-${row.first.slot ?? ''}-${i}`,
                  state: 'empty' as const,
                  slot: `${slotLabel(row.first)} – ${slotLabel(row.last)}`,
                  cells: [
                    <Text size="sm" c="dimmed">
                      {row.count} free
                    </Text>,
                    <Badge color={STATE_COLORS.empty} autoContrast size="sm" variant="filled">
                      {STATE_LABELS.empty}
                    </Badge>,
                  ],
                };
              }
              const s = row.slot;
              return {
              key: `${s.kind}-${s.slot ?? ''}-${s.serialNumber ?? s.uuid ?? ''}-${i}`,
              state: s.state,
              slot: slotLabel(s),
              cells: [
                s.state === 'empty' ? (
                  <Text size="sm" c="dimmed">
                    free
                  </Text>
                ) : (
                  <Text size="sm" td={s.state === 'removed' ? 'line-through' : undefined}>
                    {s.model ?? s.componentType ?? 'unknown part'}
                    {s.serialNumber ? ` · ${s.serialNumber}` : ''}
                    {s.itemIndex !== null ? ` (item ${s.itemIndex + 1})` : ''}
                  </Text>
                ),
                <Badge color={STATE_COLORS[s.state]} autoContrast size="sm" variant="filled">
                  {STATE_LABELS[s.state]}
                </Badge>,
              ],
              };
            })}
          />
        </ScrollArea.Autosize>
      )}
    </Paper>
  );
}
