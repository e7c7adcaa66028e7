import { SERVER_STATUSES, isOneOf, type CreateServerRequest, type ServerDetail, type ServerStatus } from '@bdc/contracts';
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { ApiError } from '../../../lib/api-error';
import { useCreateServer } from '../api/create-server';
import { useUpdateServer } from '../api/update-server';

const STATUS_LABELS: Record<ServerStatus, string> = { draft: 'Draft', validated: 'Validated', built: 'Built', deployed: 'Deployed' };
const statusOptions = SERVER_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));

interface Values {
  name: string;
  description: string;
  status: ServerStatus;
  location: string;
  rack: string;
  rackUnit: number | string;
  powerBudgetWatts: number | string;
  notes: string;
}

const FIELDS: (keyof Values)[] = ['name', 'description', 'status', 'location', 'rack', 'rackUnit', 'powerBudgetWatts', 'notes'];

function initial(server?: ServerDetail): Values {
  return {
    name: server?.name ?? '',
    description: server?.description ?? '',
    status: server?.status ?? 'draft',
    location: server?.location ?? '',
    rack: server?.rack ?? '',
    rackUnit: server?.rackUnit ?? '',
    powerBudgetWatts: server?.powerBudgetWatts ?? '',
    notes: server?.notes ?? '',
  };
}

const text = (v: string) => (v.trim() ? v.trim() : null);
const num = (v: number | string) => (v === '' ? null : Number(v));

export function toServerRequest(v: Values): CreateServerRequest {
  return {
    name: v.name.trim(),
    description: text(v.description),
    status: v.status,
    location: text(v.location),
    rack: text(v.rack),
    rackUnit: num(v.rackUnit),
    powerBudgetWatts: num(v.powerBudgetWatts),
    notes: text(v.notes),
  };
}

/** Create (no `server`) or edit a server; the API's field errors land next to the field they name. */
export function ServerFormDialog({ server, onClose, onSaved }: { server?: ServerDetail; onClose: () => void; onSaved: (s: ServerDetail) => void }) {
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initial(server),
    validate: {
      name: (v) => (v.trim() ? null : 'Name is required'),
      rackUnit: (v) => (v === '' || (Number.isInteger(Number(v)) && Number(v) >= 1) ? null : 'A whole number from 1'),
      powerBudgetWatts: (v) => (v === '' || (Number.isInteger(Number(v)) && Number(v) >= 1) ? null : 'A whole number of watts'),
    },
  });
  const create = useCreateServer();
  const update = useUpdateServer(server?.uuid ?? '');
  const [error, setError] = useState<unknown>(null);
  const pending = create.isPending || update.isPending;

  const save = form.onSubmit(async (values) => {
    setError(null);
    try {
      const body = toServerRequest(values);
      const saved = server ? await update.mutateAsync(body) : await create.mutateAsync(body);
      onSaved(saved);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const fields = e.fieldErrors();
        const mine = Object.fromEntries(Object.entries(fields).filter(([k]) => isOneOf(FIELDS, k)));
        form.setErrors(mine);
      }
    }
  });

  return (
    <Modal opened onClose={onClose} title={server ? `Edit ${server.name}` : 'New server'} centered size="lg">
      <form onSubmit={save} noValidate>
        <Stack>
          <TextInput label="Name" required {...form.getInputProps('name')} data-autofocus />
          <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label="Status" data={statusOptions} allowDeselect={false} {...form.getInputProps('status')} comboboxProps={{ withinPortal: true }} />
            <TextInput label="Location" {...form.getInputProps('location')} />
            <TextInput label="Rack" {...form.getInputProps('rack')} />
            <NumberInput label="Rack unit" min={1} allowDecimal={false} {...form.getInputProps('rackUnit')} />
            <NumberInput label="Power budget (W)" min={1} allowDecimal={false} {...form.getInputProps('powerBudgetWatts')} />
          </SimpleGrid>
          <Textarea label="Notes" autosize minRows={2} {...form.getInputProps('notes')} />
          {error !== null && <ErrorAlert error={error} title="The server was not saved" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={pending}>
              Close
            </Button>
            <Button type="submit" loading={pending}>
              {server ? 'Save server' : 'Create server'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
