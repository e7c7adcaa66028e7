import type { ComponentUnitDetail } from '@bdc/contracts';
import { Alert, Button, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api-error';
import { useUpdateUnit } from '../api/update-unit';
import { UnitDateInputs } from './unit-date-inputs';

/** Edit where a unit is and its dates and notes (status, server and slot move only through tickets, fail and retire). */
export function UnitEditForm({ unit, onDone }: { unit: ComponentUnitDetail; onDone: () => void }) {
  const [location, setLocation] = useState(unit.location ?? '');
  const [purchaseDate, setPurchaseDate] = useState(unit.purchaseDate ?? '');
  const [warrantyEndDate, setWarrantyEndDate] = useState(unit.warrantyEndDate ?? '');
  const [notes, setNotes] = useState(unit.notes ?? '');
  const update = useUpdateUnit();
  const errors = update.error instanceof ApiError ? update.error.fieldErrors() : {};
  const general = update.error && Object.keys(errors).length === 0 ? update.error.message : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      { id: unit.id, body: { location: location.trim() || null, purchaseDate: purchaseDate || null, warrantyEndDate: warrantyEndDate || null, notes: notes.trim() || null } },
      { onSuccess: onDone },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Edit unit">
      <Stack gap="sm">
        {general && (
          <Alert color="red" title="The unit was not saved">
            {general}
          </Alert>
        )}
        <TextInput label="Location" value={location} onChange={(e) => setLocation(e.currentTarget.value)} error={errors.location} />
        <SimpleGrid cols={2}>
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
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
