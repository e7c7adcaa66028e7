import { COMPONENT_TYPE_LABELS, COMPONENT_TYPES, isOneOf, REMOVAL_DESTINATIONS, type CandidateModel, type ComponentType, type InstalledComponent, type RemovalDestination, type ServerDetail } from '@bdc/contracts';
import { Alert, Button, Group, Modal, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { WarningIcon } from '../../../components/icons';
import { ApiError } from '../../../lib/api-error';
import { useCandidates } from '../../tickets/api/get-candidates';
import { useInstallUnit, useRemoveUnit } from '../api/direct-edit';

type Option = { value: string; label: string; disabled?: boolean };
type OptionGroup = { group: string; items: Option[] };

const typeOptions = COMPONENT_TYPES.map((t) => ({ value: t, label: COMPONENT_TYPE_LABELS[t] }));

/**
 * Units in stock grouped by their verdict against the server as it is: units of compatible models
 * first (pickable), then models that fit but have none in stock, then incompatible models (disabled,
 * with the reason), so the picker shows why a unit is not offered.
 */
export function unitOptionGroups(candidates: readonly CandidateModel[]): OptionGroup[] {
  const name = (c: CandidateModel) => c.name || `${c.brand} ${c.model}`;
  const fits = candidates.filter((c) => c.compatible);
  return [
    {
      group: 'Fits this server',
      items: fits.flatMap((c) =>
        c.units.map((u) => ({
          value: String(u.id),
          label: `${name(c)} · ${u.serialNumber ?? `#${u.id}`}${u.location ? ` · ${u.location}` : ''}${c.status === 'warning' ? ' (with a warning)' : ''}`,
        })),
      ),
    },
    { group: 'Fits, none in stock', items: fits.filter((c) => c.units.length === 0).map((c) => ({ value: `model:${c.uuid}`, label: `${name(c)} — none in stock`, disabled: true })) },
    {
      group: 'Not compatible with this server',
      items: candidates.filter((c) => !c.compatible).map((c) => ({ value: `model:${c.uuid}`, label: `${name(c)} — not compatible: ${c.reasons.join(' ') || 'a rule refuses it'}`, disabled: true })),
    },
  ].filter((g) => g.items.length > 0);
}

/** A refusal as the API words it; a rule refusal carries its rule codes instead of a per-item list. */
function Refusal({ error, title }: { error: unknown; title: string }) {
  if (error instanceof ApiError && error.code === 'ITEMS_INVALID') {
    const rules = [...new Set(error.items.flatMap((i) => (i.rule ? [i.rule] : [])))];
    return (
      <Alert color="red" variant="light" title={title} icon={<WarningIcon />} role="alert">
        <Text size="sm" c="var(--bdc-text-danger)">
          {error.message}
        </Text>
        {rules.length > 0 && (
          <Text size="xs" mt="xs" c="var(--bdc-text-danger)">
            Rules: {rules.join(', ')}
          </Text>
        )}
      </Alert>
    );
  }
  return <ErrorAlert error={error} title={title} />;
}

export function AddComponentDialog({ server, onClose }: { server: ServerDetail; onClose: () => void }) {
  const [type, setType] = useState<ComponentType | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [slot, setSlot] = useState('');
  const [note, setNote] = useState('');
  const [missingUnit, setMissingUnit] = useState(false);
  const candidates = useCandidates(server.uuid, type ? { componentType: type, items: [] } : null);
  const mutation = useInstallUnit(server.uuid);
  const list = candidates.data?.componentType === type ? (candidates.data?.candidates ?? []) : [];
  const groups = unitOptionGroups(list);
  const chosenModel = list.find((c) => c.units.some((u) => String(u.id) === unitId));
  const placeholder = !type ? 'Choose a type first' : candidates.isPending ? 'Loading units…' : groups.length === 0 ? 'No model of this type' : 'Choose a unit in stock';
  return (
    <Modal opened onClose={onClose} title={`Add a component to ${server.name}`} centered size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!unitId) {
            setMissingUnit(true);
            return;
          }
          mutation.mutate({ unitId: Number(unitId), slot: slot.trim() || undefined, note: note.trim() || undefined }, { onSuccess: onClose });
        }}
        noValidate
      >
        <Stack>
          <Text size="sm">A direct edit: the unit goes in now, without a ticket, judged by the same compatibility rules. It is logged as a direct edit by you.</Text>
          <Select
            label="Component type"
            placeholder="Choose a type"
            data={typeOptions}
            value={type}
            onChange={(v) => {
              setType(isOneOf(COMPONENT_TYPES, v) ? v : null);
              setUnitId(null);
            }}
            required
            data-autofocus
          />
          <Select
            label="Unit"
            description="Compatible units first; the others are shown disabled with the reason"
            placeholder={placeholder}
            data={groups}
            value={unitId}
            onChange={(v) => {
              setUnitId(v);
              setMissingUnit(false);
            }}
            searchable
            disabled={!type}
            nothingFoundMessage="No unit matches"
            error={missingUnit ? 'Choose a unit' : candidates.isError ? 'The units could not be loaded' : undefined}
            required
          />
          {chosenModel?.status === 'warning' && (
            <Alert color="yellow" variant="light" title="Fits, with a warning">
              <Text size="sm">{chosenModel.reasons.join(' ')}</Text>
            </Alert>
          )}
          <TextInput label="Slot" description="Optional: a free slot of the unit's kind (DIMM B1, Bay 3); empty takes the next free one" value={slot} onChange={(e) => setSlot(e.currentTarget.value)} />
          <TextInput label="Note" description="Optional: why, kept in the unit log" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          {mutation.isError && <Refusal error={mutation.error} title="The component was not added" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Close
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              Add component
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const DESTINATION_LABELS: Record<RemovalDestination, string> = { available: 'Back to stock', failed: 'Failed (for RMA)', retired: 'Retired' };

export function unitName(unit: InstalledComponent): string {
  return `${unit.model ?? unit.uuid}${unit.serialNumber ? ` · ${unit.serialNumber}` : ''}`;
}

export function RemoveComponentDialog({ server, unit, onClose }: { server: ServerDetail; unit: InstalledComponent; onClose: () => void }) {
  const [destination, setDestination] = useState<RemovalDestination>('available');
  const [note, setNote] = useState('');
  const mutation = useRemoveUnit(server.uuid);
  return (
    <Modal opened onClose={onClose} title={`Remove from ${server.name}`} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          mutation.mutate({ unitId: unit.id, destination, note: note.trim() || undefined }, { onSuccess: onClose });
        }}
        noValidate
      >
        <Stack>
          <Text size="sm">
            {unitName(unit)}
            {unit.slot ? ` in ${unit.slot}` : ''} comes out now, as a direct edit. Parts that depend on it block the removal.
          </Text>
          <Radio.Group label="Where the unit goes" value={destination} onChange={(v) => isOneOf(REMOVAL_DESTINATIONS, v) && setDestination(v)}>
            <Stack gap="xs" mt="xs">
              {REMOVAL_DESTINATIONS.map((d) => (
                <Radio key={d} value={d} label={DESTINATION_LABELS[d]} />
              ))}
            </Stack>
          </Radio.Group>
          <TextInput label="Note" description="Optional: why, kept in the unit log" value={note} onChange={(e) => setNote(e.currentTarget.value)} data-autofocus />
          {mutation.isError && <Refusal error={mutation.error} title="The component was not removed" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Close
            </Button>
            <Button type="submit" color="red.8" loading={mutation.isPending}>
              Remove
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
