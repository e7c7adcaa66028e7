import {
  LIMITS,
  PRIORITY_LABELS,
  TICKET_PRIORITIES,
  TICKET_TYPE_LABELS,
  TICKET_TYPES,
  isOneOf,
  type ItemProblem,
  type TicketDetail,
  type ValidationReport,
} from '@bdc/contracts';
import { Alert, Button, Grid, Group, NumberInput, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useServer } from '../../../api/inventory/get-server';
import { ErrorAlert } from '../../../components/error-alert';
import { PlusIcon } from '../../../components/icons';
import { ApiError } from '../../../lib/api-error';
import { useValidateItems, validateItems } from '../api/validate-items';
import { ProjectedBuildPanel } from './projected-build-panel';
import {
  DEFAULT_ACTION,
  emptyItemRow,
  toItemInput,
  validateTicketForm,
  type ItemRowValues,
  type TicketFormValues,
} from '../utils/ticket-form-values';
import { ItemRowEditor } from './item-row-editor';
import { ServerPicker } from './server-picker';

export interface TicketFormAction {
  label: string;
  /** Drafts may hold incomplete items; anything sent for approval must be complete. */
  draft: boolean;
  primary?: boolean;
  run: (values: TicketFormValues) => Promise<TicketDetail>;
}

export interface TicketFormProps {
  initialValues: TicketFormValues;
  actions: TicketFormAction[];
  onSaved: (ticket: TicketDetail, action: TicketFormAction) => void;
  onCancel?: () => void;
  /** The saved ticket's own validation, shown on the rows until something changes. */
  initialReport?: ValidationReport | null;
}

/** Pause after the last edit before the items are checked again (POST /api/tickets/validate-items). */
export const LIVE_CHECK_DELAY_MS = 600;

const typeOptions = TICKET_TYPES.map((t) => ({ value: t, label: TICKET_TYPE_LABELS[t] }));
const priorityOptions = TICKET_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }));

/** The other complete rows, for the build-aware pickers (an incomplete row would only be refused). */
function draftItemsExcept(rows: ItemRowValues[], index: number) {
  return rows
    .filter((r, i) => i !== index && (r.action === 'modify' ? r.setting.trim() && r.requestedValue.trim() : r.componentType && (r.componentUuid || r.componentSerial || r.currentValue)))
    .map(toItemInput);
}

function rowErrors(errors: Record<string, unknown>, index: number): Partial<Record<keyof ItemRowValues, string>> {
  const prefix = `items.${index}.`;
  const out: Partial<Record<keyof ItemRowValues, string>> = {};
  for (const [key, message] of Object.entries(errors)) {
    if (!key.startsWith(prefix) || typeof message !== 'string') continue;
    const field = key.slice(prefix.length);
    // The API names the setting inside specifications; the row shows it on the Setting input.
    const mapped = field.startsWith('specifications') ? 'setting' : field;
    out[mapped as keyof ItemRowValues] = message;
  }
  return out;
}

export function TicketForm({ initialValues, actions, onSaved, onCancel, initialReport = null }: TicketFormProps) {
  const form = useForm<TicketFormValues>({ mode: 'controlled', initialValues });
  const values = form.getValues();
  const server = useServer(values.targetServerUuid || null);
  const check = useValidateItems();
  const [report, setReport] = useState<ValidationReport | null>(initialReport);
  const [problems, setProblems] = useState<ItemProblem[]>([]);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [running, setRunning] = useState<string | null>(null);

  // Any edit makes a previous check or refusal stale; the live check below runs again once typing pauses.
  const [edits, setEdits] = useState(0);
  const forgetResults = () => {
    setReport(null);
    setProblems([]);
    setEdits((n) => n + 1);
  };

  useEffect(() => {
    if (edits === 0) return;
    let stale = false;
    const timer = setTimeout(() => {
      const current = form.getValues();
      if (!current.targetServerUuid || current.items.length === 0) return;
      // Only complete rows are worth a verdict; the per-field messages appear on save or "Check items".
      if (Object.keys(validateTicketForm(current, { draft: true })).some((k) => k.startsWith('items'))) return;
      validateItems({ targetServerUuid: current.targetServerUuid, items: current.items.map(toItemInput) })
        .then((r) => {
          if (!stale) setReport(r);
        })
        .catch(() => undefined);
    }, LIVE_CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      stale = true;
    };
    // form is stable; the check follows the edits counter only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [edits]);

  const updateRow = (index: number, patch: Partial<ItemRowValues>) => {
    const rows = form.getValues().items.slice();
    const current = rows[index];
    if (!current) return;
    rows[index] = { ...current, ...patch };
    form.setFieldValue('items', rows);
    for (const key of Object.keys(patch)) form.clearFieldError(`items.${index}.${key}`);
    forgetResults();
  };

  const runAction = async (action: TicketFormAction) => {
    const current = form.getValues();
    const errors = validateTicketForm(current, { draft: action.draft });
    form.setErrors(errors);
    setSaveError(null);
    if (Object.keys(errors).length > 0) {
      notifications.show({ color: 'red', title: 'Check the form', message: 'Some fields need your attention.' });
      return;
    }
    setRunning(action.label);
    try {
      const ticket = await action.run(current);
      onSaved(ticket, action);
    } catch (error) {
      setSaveError(error);
      if (error instanceof ApiError) {
        form.setErrors(error.fieldErrors());
        setProblems(error.items);
      }
    } finally {
      setRunning(null);
    }
  };

  const runCheck = () => {
    const current = form.getValues();
    if (!current.targetServerUuid) {
      form.setFieldError('targetServerUuid', 'Choose the server before checking the items');
      return;
    }
    const errors = validateTicketForm(current, { draft: true });
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setProblems([]);
    check.mutate(
      { targetServerUuid: current.targetServerUuid, items: current.items.map(toItemInput) },
      {
        onSuccess: (r) => {
          setReport(r);
          notifications.show({
            color: r.valid ? 'green' : 'orange',
            message: r.valid ? 'Every item can be applied to this server.' : 'Some items need attention: see the marks below.',
          });
        },
      },
    );
  };

  const addRow = () => {
    form.insertListItem('items', emptyItemRow(DEFAULT_ACTION[form.getValues().ticketType]));
    forgetResults();
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const primary = actions.find((a) => a.primary) ?? actions[0];
        if (primary) void runAction(primary);
      }}
      noValidate
      aria-label="Ticket"
    >
      <Stack gap="md">
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              Request
            </Title>
            <TextInput label="Title" required maxLength={LIMITS.titleMax} {...form.getInputProps('title')} />
            <Textarea
              label="Description"
              description="What should change, and why"
              required
              autosize
              minRows={4}
              maxRows={14}
              maxLength={LIMITS.descriptionMax}
              {...form.getInputProps('description')}
            />
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                <Select
                  label="Type"
                  data={typeOptions}
                  allowDeselect={false}
                  required
                  value={values.ticketType}
                  onChange={(v) => isOneOf(TICKET_TYPES, v) && form.setFieldValue('ticketType', v)}
                  error={form.errors.ticketType}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                <Select
                  label="Priority"
                  data={priorityOptions}
                  allowDeselect={false}
                  required
                  value={values.priority}
                  onChange={(v) => isOneOf(TICKET_PRIORITIES, v) && form.setFieldValue('priority', v)}
                  error={form.errors.priority}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <ServerPicker
                  value={values.targetServerUuid}
                  onChange={(uuid) => {
                    form.setFieldValue('targetServerUuid', uuid);
                    form.clearFieldError('targetServerUuid');
                    forgetResults();
                  }}
                  error={typeof form.errors.targetServerUuid === 'string' ? form.errors.targetServerUuid : undefined}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                <DateTimePicker
                  label="Scheduled for (optional)"
                  placeholder="Pick date and time"
                  clearable
                  valueFormat="YYYY-MM-DD HH:mm"
                  minDate={new Date()}
                  value={values.scheduledDate}
                  onChange={(v) => form.setFieldValue('scheduledDate', v)}
                  error={form.errors.scheduledDate}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                <NumberInput
                  label="Estimated duration (minutes, optional)"
                  min={0}
                  max={LIMITS.estimatedDurationMax}
                  allowDecimal={false}
                  allowNegative={false}
                  {...form.getInputProps('estimatedDuration')}
                />
              </Grid.Col>
            </Grid>
            {server.isError && values.targetServerUuid && <ErrorAlert error={server.error} title="The server's details could not be loaded" />}
          </Stack>
        </Paper>

        <Grid gap="md" align="flex-start">
          <Grid.Col span={{ base: 12, lg: report?.projectedBuild ? 7 : 12 }}>
            <Paper withBorder p="md">
              <Stack gap="sm">
                <Group justify="space-between">
                  <Title order={2} size="h4">
                    Items
                  </Title>
                  <Text size="sm">
                    {values.items.length} of at most {LIMITS.itemsMax}
                  </Text>
                </Group>
                {typeof form.errors.items === 'string' && (
                  <Text size="sm" c="var(--bdc-text-danger)" role="alert">
                    {form.errors.items}
                  </Text>
                )}
                {values.items.map((row, index) => (
                  <ItemRowEditor
                    key={row.key}
                    index={index}
                    value={row}
                    onChange={(patch) => updateRow(index, patch)}
                    onRemove={() => {
                      form.removeListItem('items', index);
                      forgetResults();
                    }}
                    errors={rowErrors(form.errors, index)}
                    server={server.data}
                    check={report?.items.find((i) => i.index === index)}
                    draftItems={draftItemsExcept(values.items, index)}
                    problem={problems.find((p) => p.index === index)}
                  />
                ))}
                {/* Build-wide errors (power, slot counts) belong to no single item: shown once, here. */}
                {report?.build && report.build.some((b) => b.severity === 'error') && (
                  <Alert color="red" variant="light" title="The server after this change">
                    <Text size="sm" c="bright">
                      {report.build
                        .filter((b) => b.severity === 'error')
                        .map((b) => b.message)
                        .join(' ')}
                    </Text>
                  </Alert>
                )}
                {report && report.warnings.length > 0 && (
                  <Alert color="orange" variant="light" title="Warnings">
                    <Text size="sm" c="bright">
                      {report.warnings.join(' ')}
                    </Text>
                  </Alert>
                )}
                <Group gap="sm">
                  <Button variant="default" leftSection={<PlusIcon />} onClick={addRow} disabled={values.items.length >= LIMITS.itemsMax}>
                    Add item
                  </Button>
                  <Button variant="light" onClick={runCheck} loading={check.isPending} disabled={values.items.length === 0}>
                    Check items
                  </Button>
                  {report && (
                    <Text size="sm" fw={600} c={report.valid ? 'green.9' : 'red.9'} aria-live="polite">
                      {report.valid ? 'All items are valid.' : 'Some items are not valid.'}
                    </Text>
                  )}
                </Group>
              </Stack>
            </Paper>
          </Grid.Col>
          {report?.projectedBuild && (
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <ProjectedBuildPanel build={report.projectedBuild} maxHeight="75vh" />
            </Grid.Col>
          )}
        </Grid>

        {saveError !== null && <ErrorAlert error={saveError} title="The ticket was not saved" />}

        <Group justify="flex-end" gap="sm">
          {onCancel && (
            <Button variant="subtle" onClick={onCancel} disabled={running !== null}>
              Discard
            </Button>
          )}
          {actions.map((a) => (
            <Button
              key={a.label}
              variant={a.primary ? 'filled' : 'default'}
              type={a.primary ? 'submit' : 'button'}
              onClick={a.primary ? undefined : () => void runAction(a)}
              loading={running === a.label}
              disabled={running !== null && running !== a.label}
            >
              {a.label}
            </Button>
          ))}
        </Group>
      </Stack>
    </form>
  );
}
