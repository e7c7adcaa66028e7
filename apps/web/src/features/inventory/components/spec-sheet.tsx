import { SPEC_SCHEMAS, type ComponentType, type SpecKeySchema } from '@bdc/contracts';
import { Stack, Table, Text, Title } from '@mantine/core';

function formatScalar(value: unknown, unit?: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value as string | number);
  return unit ? `${text} ${unit}` : text;
}

/** One spec value as a technician reads it: units after numbers, lists joined, groups one per line. */
export function formatSpecValue(schema: SpecKeySchema | undefined, value: unknown): string {
  if (Array.isArray(value)) {
    if (schema?.kind === 'object[]' && schema.fields) {
      const fields = schema.fields;
      return value
        .map((el) =>
          typeof el === 'object' && el !== null
            ? Object.entries(el as Record<string, unknown>)
                .map(([k, v]) => `${fields[k]?.label ?? k}: ${formatScalar(v, fields[k]?.unit)}`)
                .join(', ')
            : formatScalar(el),
        )
        .join('; ');
    }
    return value.map((v) => formatScalar(v)).join(', ') || '—';
  }
  return formatScalar(value, schema?.unit);
}

/** The spec sheet of a model: the typed keys of SPEC_SCHEMAS with label and unit, then the vendor's own fields. */
export function SpecSheet({ type, specifications }: { type: ComponentType; specifications: Record<string, unknown> }) {
  const schema = SPEC_SCHEMAS[type] as Readonly<Record<string, SpecKeySchema>>;
  const typed = Object.entries(schema).filter(([key]) => specifications[key] !== undefined && specifications[key] !== null);
  const extras = Object.entries(specifications).filter(([key]) => !(key in schema));
  return (
    <Stack gap="md">
      <Table aria-label="Specifications" withTableBorder striped>
        <Table.Tbody>
          {typed.length === 0 && (
            <Table.Tr>
              <Table.Td>No typed specifications recorded.</Table.Td>
            </Table.Tr>
          )}
          {typed.map(([key, s]) => (
            <Table.Tr key={key}>
              <Table.Th scope="row" w={240}>
                {s.label}
              </Table.Th>
              <Table.Td>{formatSpecValue(s, specifications[key])}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {extras.length > 0 && (
        <div>
          <Title order={3} size="h5" mb="xs">
            Vendor details
          </Title>
          <Table aria-label="Vendor details" withTableBorder>
            <Table.Tbody>
              {extras.map(([key, value]) => (
                <Table.Tr key={key}>
                  <Table.Th scope="row" w={240}>
                    <Text size="sm" ff="monospace">
                      {key}
                    </Text>
                  </Table.Th>
                  <Table.Td>{formatSpecValue(undefined, value)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Stack>
  );
}
