import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface SlotTableRow {
  key: string;
  /** The row header: the slot, bay or socket. */
  slot: string;
  /** The two cells after the slot. */
  cells: [ReactNode, ReactNode];
  /** Set as data-state on the row (e.g. kept/added/removed/empty). */
  state?: string;
}

/** A compact table of a server's build, one row a slot with the slot as the row header. */
export function SlotTable({ label, columns, rows }: { label: string; columns: [string, string, string]; rows: SlotTableRow[] }) {
  return (
    <Table aria-label={label} verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((c) => (
            <Table.Th key={c} scope="col">
              {c}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key} data-state={r.state}>
            <Table.Th scope="row" fw={600}>
              <Text size="sm">{r.slot}</Text>
            </Table.Th>
            <Table.Td>{r.cells[0]}</Table.Td>
            <Table.Td>{r.cells[1]}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
