import { COMPONENT_TYPE_LABELS, type TicketItemView } from '@bdc/contracts';
import { Group, Table, Text } from '@mantine/core';
import { CheckIcon } from '../../../components/icons';
import { formatDateTime } from '../../../lib/format';
import { ITEM_ACTION_LABELS } from '../utils/item-labels';
import { ValidationMark } from './validation-mark';

function describeValues(item: TicketItemView): string | null {
  if (item.action === 'modify') {
    const setting = typeof item.specifications?.setting === 'string' ? item.specifications.setting : 'value';
    return `${setting}: ${item.currentValue ?? '—'} → ${item.requestedValue ?? '—'}`;
  }
  if (item.action === 'replace' && item.currentValue) return `Takes out: ${item.currentValue}`;
  return null;
}

export function TicketItemsTable({ items }: { items: TicketItemView[] }) {
  if (items.length === 0) return <Text size="sm">This ticket has no items.</Text>;
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" aria-label="Ticket items">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Model</Table.Th>
            <Table.Th>Serial</Table.Th>
            <Table.Th>Qty</Table.Th>
            <Table.Th>Validation</Table.Th>
            <Table.Th>Fulfilment</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item, index) => {
            const values = describeValues(item);
            return (
              <Table.Tr key={item.id}>
                <Table.Td>{index + 1}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {ITEM_ACTION_LABELS[item.action]}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{item.componentType ? COMPONENT_TYPE_LABELS[item.componentType] : 'Server setting'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{item.componentName ?? item.componentUuid ?? '—'}</Text>
                  {values && (
                    <Text size="xs" c="dimmed">
                      {values}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {item.componentSerial ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>{item.quantity}</Table.Td>
                <Table.Td>
                  <ValidationMark status={item.validationStatus} message={item.validationMessage} />
                </Table.Td>
                <Table.Td>
                  {item.fulfilled ? (
                    <Group gap={4} wrap="nowrap" c="var(--bdc-text-success)">
                      <CheckIcon size={16} />
                      <div>
                        <Text size="sm" fw={600} c="var(--bdc-text-success)">
                          Fulfilled
                        </Text>
                        <Text size="xs" c="dimmed">
                          {formatDateTime(item.fulfilledAt)}
                        </Text>
                      </div>
                    </Group>
                  ) : (
                    <Text size="sm" c="dimmed">
                      Not yet
                    </Text>
                  )}
                  {item.fulfillmentNotes && (
                    <Text size="xs" c="dimmed">
                      {item.fulfillmentNotes}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
