import { COMPONENT_TYPE_LABELS, COMPONENT_TYPES, type InstalledComponent } from '@bdc/contracts';
import { Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { Fragment } from 'react';

/** Groups by type in the catalog's order (CPU first, chassis late), then by slot, so a server reads like a build sheet. */
export function groupInstalled(components: InstalledComponent[]): { type: InstalledComponent['componentType']; units: InstalledComponent[] }[] {
  return COMPONENT_TYPES.map((type) => ({
    type,
    units: components
      .filter((c) => c.componentType === type)
      .sort((a, b) => (a.slot ?? '').localeCompare(b.slot ?? '', undefined, { numeric: true }) || (a.serialNumber ?? '').localeCompare(b.serialNumber ?? '')),
  })).filter((g) => g.units.length > 0);
}

/** `onRemove`: given (server.edit), each unit gets a Remove button (a direct edit). */
export function InstalledComponentsTable({ components, onRemove }: { components: InstalledComponent[]; onRemove?: (unit: InstalledComponent) => void }) {
  const columns = onRemove ? 4 : 3;
  if (components.length === 0) return <Text size="sm">No components are installed in this server.</Text>;
  const groups = groupInstalled(components);
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table verticalSpacing="xs" aria-label="Installed components">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Model</Table.Th>
            <Table.Th>Serial number</Table.Th>
            <Table.Th>Slot</Table.Th>
            {onRemove && (
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((g) => (
            <Fragment key={g.type}>
              <Table.Tr bg="var(--mantine-color-default-hover)">
                <Table.Th colSpan={columns} scope="colgroup">
                  {COMPONENT_TYPE_LABELS[g.type]} ({g.units.length})
                </Table.Th>
              </Table.Tr>
              {g.units.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    {/* The model UUID is what tickets reference; keep it at hand without a noisy column. */}
                    <Text size="sm" title={`Model UUID ${c.uuid}`}>
                      {c.model ?? c.uuid}
                    </Text>
                  </Table.Td>
                  <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {c.serialNumber ?? '—'}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.slot ?? '—'}</Table.Td>
                  {onRemove && (
                    <Table.Td>
                      <Button size="compact-sm" variant="subtle" color="red.8" onClick={() => onRemove(c)} aria-label={`Remove ${c.model ?? c.uuid}${c.serialNumber ? ` ${c.serialNumber}` : ''}`}>
                        Remove
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
