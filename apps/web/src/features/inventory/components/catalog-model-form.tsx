import { COMPONENT_TYPE_LABELS, COMPONENT_TYPES, SPEC_SCHEMAS, type CatalogModel, type ComponentType, type SpecKeySchema } from '@bdc/contracts';
import { Alert, Button, Checkbox, Group, MultiSelect, Select, SimpleGrid, Stack, TagsInput, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fromGroupRows, SpecGroupEditor, toGroupRows, type SpecGroupRow } from './spec-group-editor';

type SpecInput = string | string[] | boolean | SpecGroupRow[];
/** What the form edits: the model's names, and each typed spec as the input holds it. */
type SpecInputs = Record<string, SpecInput>;

export interface CatalogModelFormValues {
  componentType: ComponentType;
  brand: string;
  model: string;
  series: string | null;
  family: string | null;
  specifications: Record<string, unknown>;
}

function schemaOf(type: ComponentType): Readonly<Record<string, SpecKeySchema>> {
  return SPEC_SCHEMAS[type] as Readonly<Record<string, SpecKeySchema>>;
}

function toInput(schema: SpecKeySchema, value: unknown): SpecInput {
  if (schema.kind === 'object[]') return toGroupRows(schema.fields ?? {}, value);
  if (schema.kind === 'boolean') return value === true;
  if (schema.kind === 'string[]') return Array.isArray(value) ? value.map(String) : [];
  if (value === undefined || value === null) return '';
  return String(value as string | number);
}

/** Input values → spec values; numbers that do not parse are sent as typed so the API names the key. */
function fromInput(schema: SpecKeySchema, input: SpecInput): unknown {
  if (schema.kind === 'object[]') return fromGroupRows(schema.fields ?? {}, Array.isArray(input) ? (input as SpecGroupRow[]) : []);
  if (schema.kind === 'boolean') return input === true;
  if (schema.kind === 'string[]') return Array.isArray(input) && input.length > 0 ? input : undefined;
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '') return undefined;
  if (schema.kind === 'number' || schema.kind === 'integer') {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  return text;
}

/**
 * Create or edit a model: the spec fields come from SPEC_SCHEMAS for the chosen type; the vendor's extra
 * fields of an existing model are kept as they are. `errors` are the API's field errors
 * (`specifications.socket` shows under the Socket input).
 */
export function CatalogModelForm({
  initial,
  errors,
  generalError,
  submitting,
  submitLabel,
  onSubmit,
}: {
  initial?: CatalogModel;
  errors: Record<string, string>;
  generalError?: string | null;
  submitting: boolean;
  submitLabel: string;
  onSubmit: (values: CatalogModelFormValues) => void;
}) {
  const [type, setType] = useState<ComponentType>(initial?.componentType ?? 'cpu');
  const [brand, setBrand] = useState(initial?.brand ?? '');
  const [model, setModel] = useState(initial?.model ?? '');
  const [series, setSeries] = useState(initial?.series ?? '');
  const [family, setFamily] = useState(initial?.family ?? '');
  const initialSpecs = (t: ComponentType): SpecInputs =>
    Object.fromEntries(Object.entries(schemaOf(t)).map(([k, s]) => [k, toInput(s, t === initial?.componentType ? initial.specifications[k] : undefined)]));
  const [specs, setSpecs] = useState<SpecInputs>(() => initialSpecs(type));
  const schema = schemaOf(type);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const extras = initial ? Object.fromEntries(Object.entries(initial.specifications).filter(([k]) => !(k in schemaOf(initial.componentType)))) : {};
    const typed: Record<string, unknown> = {};
    for (const [key, s] of Object.entries(schema)) {
      const v = fromInput(s, specs[key] ?? '');
      if (v !== undefined) typed[key] = v;
    }
    onSubmit({ componentType: type, brand: brand.trim(), model: model.trim(), series: series.trim() || null, family: family.trim() || null, specifications: { ...extras, ...typed } });
  };

  const set = (key: string, value: SpecInput) => setSpecs((prev) => ({ ...prev, [key]: value }));
  const errorFor = (key: string) =>
    errors[`specifications.${key}`] ??
    Object.entries(errors)
      .filter(([k]) => k.startsWith(`specifications.${key}.`))
      .map(([k, v]) => `${k.slice(`specifications.${key}.`.length)}: ${v}`)
      .join('; ');

  return (
    <form onSubmit={submit} noValidate aria-label="Catalog model">
      <Stack gap="sm">
        {generalError && (
          <Alert color="red" title="The model was not saved">
            {generalError}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Component type"
            data={COMPONENT_TYPES.map((t) => ({ value: t, label: COMPONENT_TYPE_LABELS[t] }))}
            value={type}
            allowDeselect={false}
            disabled={Boolean(initial)}
            description={initial ? 'The type is fixed once stock and tickets refer to the model' : undefined}
            onChange={(v) => {
              if (!v) return;
              setType(v as ComponentType);
              setSpecs(initialSpecs(v as ComponentType));
            }}
            error={errors.componentType}
          />
          <TextInput label="Brand" required value={brand} onChange={(e) => setBrand(e.currentTarget.value)} error={errors.brand} />
          <TextInput label="Model" required value={model} onChange={(e) => setModel(e.currentTarget.value)} error={errors.model} />
          <TextInput label="Series" value={series} onChange={(e) => setSeries(e.currentTarget.value)} error={errors.series} />
          <TextInput label="Family" value={family} onChange={(e) => setFamily(e.currentTarget.value)} error={errors.family} />
        </SimpleGrid>
        <Title order={2} size="h4">
          Specifications
        </Title>
        {errors.specifications && (
          <Alert color="red" variant="light">
            {errors.specifications}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {Object.entries(schema).map(([key, s]) => {
            const label = s.unit ? `${s.label} (${s.unit})` : s.label;
            const error = errorFor(key) || undefined;
            const value = specs[key] ?? '';
            if (s.kind === 'boolean')
              return <Checkbox key={key} label={label} checked={value === true} onChange={(e) => set(key, e.currentTarget.checked)} error={error} mt="lg" />;
            if (s.kind === 'string[]')
              return s.values ? (
                <MultiSelect key={key} label={label} required={s.required} data={[...s.values]} value={value as string[]} onChange={(v) => set(key, v)} error={error} />
              ) : (
                <TagsInput key={key} label={label} required={s.required} value={value as string[]} onChange={(v) => set(key, v)} error={error} />
              );
            if (s.kind === 'object[]')
              return (
                <SpecGroupEditor
                  key={key}
                  label={s.label}
                  fields={s.fields ?? {}}
                  rows={value as SpecGroupRow[]}
                  onChange={(rows) => set(key, rows)}
                  error={errors[`specifications.${key}`]}
                  errorFor={(path) => errors[`specifications.${key}.${path}`]}
                />
              );
            if (s.kind === 'string' && s.values)
              return (
                <Select key={key} label={label} required={s.required} data={[...s.values]} value={(value as string) || null} onChange={(v) => set(key, v ?? '')} error={error} clearable />
              );
            return (
              <TextInput
                key={key}
                label={label}
                required={s.required}
                inputMode={s.kind === 'string' ? undefined : 'decimal'}
                value={value as string}
                onChange={(e) => set(key, e.currentTarget.value)}
                error={error}
              />
            );
          })}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
