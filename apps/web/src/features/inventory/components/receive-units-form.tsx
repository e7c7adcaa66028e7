import { COMPONENT_TYPE_LABELS, COMPONENT_TYPES, LIMITS, type ComponentType } from '@bdc/contracts';
import { Alert, Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api-error';
import { useCatalogModels } from '../api/get-catalog-models';
import { useReceiveUnits } from '../api/receive-units';
import { UnitDateInputs } from './unit-date-inputs';

/** "A1\nA2, A3" → ['A1', 'A2', 'A3']: one serial per line (commas tolerated), blanks dropped. */
export function parseSerials(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Receive spare units of one model: a serial list, where they are, their dates. */
export function ReceiveUnitsForm({ initialType, initialModel, onDone }: { initialType?: ComponentType; initialModel?: string; onDone?: (count: number) => void }) {
  const [type, setType] = useState<ComponentType>(initialType ?? 'cpu');
  const [model, setModel] = useState<string | null>(initialModel ?? null);
  const [serials, setSerials] = useState('');
  const [location, setLocation] = useState('');
  const [purchaseDate, setPurchaseDate] = useState('');
  const [warrantyEndDate, setWarrantyEndDate] = useState('');
  const [notes, setNotes] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const models = useCatalogModels({ type, pageSize: LIMITS.pageSizeMax, sort: 'name' });
  const receive = useReceiveUnits();
  const apiErrors = receive.error instanceof ApiError ? receive.error.fieldErrors() : {};
  const errors = { ...apiErrors, ...localErrors };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const list = parseSerials(serials);
    const next: Record<string, string> = {};
    if (!model) next.uuid = 'Choose a model';
    if (list.length === 0) next.serials = 'Enter at least one serial number';
    setLocalErrors(next);
    if (!model || list.length === 0) return;
    receive.mutate(
      {
        componentType: type,
        uuid: model,
        serials: list,
        location: location.trim() || null,
        purchaseDate: purchaseDate || null,
        warrantyEndDate: warrantyEndDate || null,
        notes: notes.trim() || null,
      },
      {
        onSuccess: (result) => {
          setSerials('');
          onDone?.(result.total);
        },
      },
    );
  };

  const generalError = receive.error && Object.keys(apiErrors).length === 0 ? receive.error.message : null;

  return (
    <form onSubmit={submit} noValidate aria-label="Receive units">
      <Stack gap="sm">
        {generalError && (
          <Alert color="red" title="The units were not received">
            {generalError}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Component type"
            data={COMPONENT_TYPES.map((t) => ({ value: t, label: COMPONENT_TYPE_LABELS[t] }))}
            value={type}
            allowDeselect={false}
            onChange={(v) => {
              if (v) {
                setType(v as ComponentType);
                setModel(null);
              }
            }}
            error={errors.componentType}
          />
          <Select
            label="Model"
            placeholder={models.isPending ? 'Loading models…' : 'Choose a model'}
            searchable
            required
            data={(models.data?.items ?? []).map((m) => ({ value: m.uuid, label: m.name }))}
            value={model}
            onChange={setModel}
            error={errors.uuid}
            nothingFoundMessage="No active model of this type"
          />
        </SimpleGrid>
        <Textarea
          label="Serial numbers"
          description="One per line"
          required
          autosize
          minRows={3}
          value={serials}
          onChange={(e) => setSerials(e.currentTarget.value)}
          error={errors.serials ?? errors.serialNumber}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="Location" value={location} onChange={(e) => setLocation(e.currentTarget.value)} error={errors.location} />
          <UnitDateInputs
            purchaseDate={purchaseDate}
            warrantyEndDate={warrantyEndDate}
            onPurchaseDate={setPurchaseDate}
            onWarrantyEndDate={setWarrantyEndDate}
            errors={errors}
          />
        </SimpleGrid>
        <Textarea label="Notes" value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={errors.notes} />
        <Group justify="flex-end">
          <Button type="submit" loading={receive.isPending}>
            Receive {parseSerials(serials).length || ''} unit{parseSerials(serials).length === 1 ? '' : 's'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
