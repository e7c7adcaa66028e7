import type { StockImportResult } from '@bdc/contracts';
import { Badge, Table, Text } from '@mantine/core';

const OUTCOME: Record<StockImportResult['rows'][number]['outcome'], { label: string; color: string }> = {
  new: { label: 'New', color: 'green' },
  duplicate: { label: 'Duplicate', color: 'yellow' },
  invalid: { label: 'Invalid', color: 'red' },
};

/** Per-row outcome of a stock CSV (line, type, model, serial, outcome, errors). */
export function StockImportPreview({ result }: { result: StockImportResult }) {
  return (
    <>
      <Text size="sm">
        {result.dryRun ? 'Dry run: ' : `${result.created} unit${result.created === 1 ? '' : 's'} created. `}
        {result.counts.new} new, {result.counts.duplicate} duplicate, {result.counts.invalid} invalid.
      </Text>
      <Table aria-label="Import preview" withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Line</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Model UUID</Table.Th>
            <Table.Th>Serial</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>Errors</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.rows.map((r) => (
            <Table.Tr key={r.line}>
              <Table.Td>{r.line}</Table.Td>
              <Table.Td>{r.componentType}</Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {r.uuid}
                </Text>
              </Table.Td>
              <Table.Td>{r.serialNumber}</Table.Td>
              <Table.Td>
                <Badge color={OUTCOME[r.outcome].color} variant="light" autoContrast>
                  {OUTCOME[r.outcome].label}
                </Badge>
              </Table.Td>
              <Table.Td>{r.errors.join('; ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
