import type { SpecKeySchema } from '@bdc/contracts';
import { Button, Checkbox, Fieldset, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { PlusIcon, TrashIcon } from '../../../components/icons';

/** One element of a grouped spec (a PCIe slot group, a bay group) as its inputs hold it. */
export interface SpecGroupRow {
  values: Record<string, string | boolean>;
  /** The element's keys this editor does not know (the vendor's): saved back untouched. */
  extra: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function toGroupRows(fields: Readonly<Record<string, SpecKeySchema>>, value: unknown): SpecGroupRow[] {
  if (!Array.isArray(value)) return [];
  return value.map((element) => {
    const record = isRecord(element) ? element : {};
    const values: Record<string, string | boolean> = {};
    for (const [key, schema] of Object.entries(fields)) {
      const v = record[key];
      values[key] = schema.kind === 'boolean' ? v === true : v === undefined || v === null ? '' : String(v as string | number);
    }
    return { values, extra: Object.fromEntries(Object.entries(record).filter(([k]) => !(k in fields))) };
  });
}

/** Rows → the spec's list; numbers that do not parse go as typed, so the API names the field and the reason. */
export function fromGroupRows(fields: Readonly<Record<string, SpecKeySchema>>, rows: SpecGroupRow[]): Record<string, unknown>[] | undefined {
  if (rows.length === 0) return undefined;
  return rows.map((row) => {
    const out: Record<string, unknown> = { ...row.extra };
    for (const [key, schema] of Object.entries(fields)) {
      const input = row.values[key];
      if (schema.kind === 'boolean') {
        out[key] = input === true;
        continue;
      }
      const text = typeof input === 'string' ? input.trim() : '';
      if (text === '') continue;
      const n = Number(text);
      out[key] = schema.kind === 'number' || schema.kind === 'integer' ? (Number.isFinite(n) ? n : text) : text;
    }
    return out;
  });
}

const emptyRow = (fields: Readonly<Record<string, SpecKeySchema>>): SpecGroupRow => ({
  values: Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, s.kind === 'boolean' ? false : ''])),
  extra: {},
});

/**
 * A grouped spec edited as rows of fields with add and remove; `errorFor('0.lanes')` gives the API's
 * reason for one field of one row (`specifications.pcie_slots.0.lanes`).
 */
export function SpecGroupEditor({
  label,
  fields,
  rows,
  onChange,
  error,
  errorFor,
}: {
  label: string;
  fields: Readonly<Record<string, SpecKeySchema>>;
  rows: SpecGroupRow[];
  onChange: (rows: SpecGroupRow[]) => void;
  /** About the list as a whole (e.g. "must be a list of objects"). */
  error?: string;
  errorFor: (path: string) => string | undefined;
}) {
  const setField = (index: number, key: string, v: string | boolean) =>
    onChange(rows.map((r, i) => (i === index ? { ...r, values: { ...r.values, [key]: v } } : r)));
  const rowError = (i: number) => errorFor(String(i));
  return (
    <Fieldset legend={label} style={{ gridColumn: '1 / -1' }}>
      <Stack gap="xs">
        {rows.length === 0 && <Text size="sm">None listed.</Text>}
        {rows.map((row, i) => {
          const rowLabel = `${label} ${i + 1}`;
          return (
            <Group key={i} role="group" aria-label={rowLabel} align="flex-start" wrap="nowrap" gap="xs">
              <SimpleGrid cols={{ base: 1, sm: Math.min(Object.keys(fields).length, 4) }} style={{ flex: 1 }} spacing="xs">
                {Object.entries(fields).map(([key, s]) => {
                  const fieldLabel = s.unit ? `${s.label} (${s.unit})` : s.label;
                  const value = row.values[key] ?? '';
                  const fieldError = errorFor(`${i}.${key}`);
                  if (s.kind === 'boolean')
                    return <Checkbox key={key} label={fieldLabel} checked={value === true} onChange={(e) => setField(i, key, e.currentTarget.checked)} error={fieldError} mt="lg" />;
                  if (s.kind === 'string' && s.values)
                    return (
                      <Select
                        key={key}
                        label={fieldLabel}
                        required={s.required}
                        data={[...s.values]}
                        value={(value as string) || null}
                        onChange={(v) => setField(i, key, v ?? '')}
                        error={fieldError}
                        clearable={!s.required}
                      />
                    );
                  return (
                    <TextInput
                      key={key}
                      label={fieldLabel}
                      required={s.required}
                      inputMode={s.kind === 'string' ? undefined : 'decimal'}
                      value={value as string}
                      onChange={(e) => setField(i, key, e.currentTarget.value)}
                      error={fieldError}
                    />
                  );
                })}
              </SimpleGrid>
              <Button
                variant="subtle"
                color="red.9"
                mt={24}
                leftSection={<TrashIcon />}
                aria-label={`Remove ${rowLabel}`}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                Remove
              </Button>
              {rowError(i) && (
                <Text size="sm" c="var(--bdc-text-danger)" role="alert">
                  {rowError(i)}
                </Text>
              )}
            </Group>
          );
        })}
        {error && (
          <Text size="sm" c="var(--bdc-text-danger)" role="alert">
            {error}
          </Text>
        )}
        <Group>
          <Button variant="default" size="xs" leftSection={<PlusIcon />} onClick={() => onChange([...rows, emptyRow(fields)])}>
            Add to {label.toLowerCase()}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
