import {
  COMPONENT_TYPE_LABELS,
  type DeployPlacement,
  type DeployRemoval,
  type ProjectedBuild,
  type RemovalDestination,
  type TicketItemView,
} from '@bdc/contracts';
import { Select, Stack, Text, Title } from '@mantine/core';

const DESTINATION_OPTIONS: { value: RemovalDestination; label: string }[] = [
  { value: 'available', label: 'Back to stock' },
  { value: 'failed', label: 'Failed (for RMA)' },
  { value: 'retired', label: 'Retired' },
];

const AUTO = '';

export interface DeployChoicesValue {
  /** item id → destination of the unit(s) it takes out; default back to stock. */
  removals: Record<number, RemovalDestination>;
  /** `${itemId}:${n}` → slot of the n-th unit the item installs; missing or empty: automatic. */
  placements: Record<string, string>;
}

export const emptyDeployChoices = (): DeployChoicesValue => ({ removals: {}, placements: {} });

function itemLabel(item: TicketItemView, index: number): string {
  const what = item.componentName ?? item.componentSerial ?? (item.componentType ? COMPONENT_TYPE_LABELS[item.componentType] : 'component');
  return `Item ${index + 1}: ${what}`;
}

const takesOut = (item: TicketItemView) => item.action === 'remove' || item.action === 'replace';
const putsIn = (item: TicketItemView) => item.action === 'add' || item.action === 'replace';

/** Slots an item's unit may go into: the free slots of the kind the projected build places it in, plus the ones it was given. */
export function slotOptionsFor(build: ProjectedBuild | undefined, itemIndex: number): string[] {
  if (!build) return [];
  const own = build.slots.filter((s) => s.itemIndex === itemIndex && s.state === 'added');
  const kinds = new Set(own.map((s) => s.kind));
  const labels = build.slots.filter((s) => kinds.has(s.kind) && (s.state === 'empty' || (s.state === 'added' && s.itemIndex === itemIndex))).map((s) => s.slot);
  return [...new Set(labels.filter((l): l is string => Boolean(l)))];
}

export function deployBody(items: TicketItemView[], value: DeployChoicesValue): { removals?: DeployRemoval[]; placements?: DeployPlacement[] } {
  const removals = items.filter(takesOut).map((item) => ({ itemId: item.id, destination: value.removals[item.id] ?? 'available' }));
  const placements: DeployPlacement[] = [];
  for (const item of items.filter(putsIn)) {
    for (let n = 0; n < item.quantity; n++) {
      const slot = value.placements[`${item.id}:${n}`];
      if (slot) placements.push({ itemId: item.id, slot });
    }
  }
  return { ...(removals.length > 0 ? { removals } : {}), ...(placements.length > 0 ? { placements } : {}) };
}

/** In the deploy dialog: what becomes of each removed unit, and optionally the slot of each installed one. */
export function DeployChoices({
  items,
  build,
  value,
  onChange,
  errors = {},
}: {
  items: TicketItemView[];
  build: ProjectedBuild | undefined;
  value: DeployChoicesValue;
  onChange: (value: DeployChoicesValue) => void;
  errors?: Record<string, string>;
}) {
  const removed = items.map((item, index) => ({ item, index })).filter(({ item }) => takesOut(item));
  const installed = items.map((item, index) => ({ item, index })).filter(({ item }) => putsIn(item));
  if (removed.length === 0 && installed.length === 0) return null;
  return (
    <Stack gap="sm">
      {removed.length > 0 && (
        <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Title order={3} size="h5" component="legend">
            Removed units
          </Title>
          {removed.map(({ item, index }) => (
            <Select
              key={item.id}
              label={`${itemLabel(item, index)}: what becomes of the removed unit`}
              data={DESTINATION_OPTIONS}
              value={value.removals[item.id] ?? 'available'}
              allowDeselect={false}
              onChange={(v) => v && onChange({ ...value, removals: { ...value.removals, [item.id]: v as RemovalDestination } })}
              error={errors[`removals.${item.id}`]}
              comboboxProps={{ withinPortal: true }}
            />
          ))}
        </Stack>
      )}
      {installed.length > 0 && (
        <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Title order={3} size="h5" component="legend">
            Slots for installed units
          </Title>
          <Text size="sm">Leave on automatic to use the next free slot of its kind.</Text>
          {installed.flatMap(({ item, index }) => {
            const options = slotOptionsFor(build, index);
            return Array.from({ length: item.quantity }, (_, n) => {
              const key = `${item.id}:${n}`;
              const taken = new Set(Object.entries(value.placements).filter(([k, s]) => k !== key && s).map(([, s]) => s));
              return (
                <Select
                  key={key}
                  label={`${itemLabel(item, index)}${item.quantity > 1 ? ` (unit ${n + 1})` : ''}: slot`}
                  data={[{ value: AUTO, label: 'Automatic' }, ...options.map((o) => ({ value: o, label: o, disabled: taken.has(o) }))]}
                  value={value.placements[key] ?? AUTO}
                  allowDeselect={false}
                  onChange={(v) => onChange({ ...value, placements: { ...value.placements, [key]: v ?? AUTO } })}
                  error={errors['placements']}
                  comboboxProps={{ withinPortal: true }}
                />
              );
            });
          })}
        </Stack>
      )}
    </Stack>
  );
}
