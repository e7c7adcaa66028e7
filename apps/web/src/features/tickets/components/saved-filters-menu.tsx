import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { LIMITS } from '@bdc/contracts';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { useDeleteSavedFilter, useSavedFilters, useSaveFilter } from '../api/saved-filters';

/** Named views of the ticket list, each user's own: apply one, save the current filters, delete. */
export function SavedFiltersMenu({ currentQuery, onApply }: { currentQuery: string; onApply: (query: string) => void }) {
  const saved = useSavedFilters();
  const save = useSaveFilter();
  const remove = useDeleteSavedFilter();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const items = saved.data?.items ?? [];

  const submit = () =>
    save.mutate(
      { name: name.trim(), query: currentQuery },
      {
        onSuccess: (filter) => {
          notifications.show({ color: 'green', message: `Filter “${filter.name}” saved.` });
          setNaming(false);
          setName('');
        },
      },
    );

  return (
    <>
      <Menu position="bottom-end" width={280} withinPortal>
        <Menu.Target>
          <Button variant="default">Saved filters{items.length > 0 ? ` (${items.length})` : ''}</Button>
        </Menu.Target>
        <Menu.Dropdown>
          {items.length === 0 && (
            <Text size="sm" px="sm" py={6} c="dimmed">
              No saved filters yet.
            </Text>
          )}
          {items.map((f) => (
            <Group key={f.id} gap={0} wrap="nowrap">
              <Menu.Item onClick={() => onApply(f.query)} style={{ flex: 1 }}>
                {f.name}
              </Menu.Item>
              <ActionIcon
                variant="subtle"
                color="red.8"
                aria-label={`Delete saved filter ${f.name}`}
                onClick={() => remove.mutate(f.id, { onSuccess: () => notifications.show({ color: 'green', message: `Filter “${f.name}” deleted.` }) })}
                mr={4}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={() => setNaming(true)}>Save current filters…</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={naming} onClose={() => setNaming(false)} title="Save the current filters" centered>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Stack>
            <TextInput
              label="Name"
              description="Saving under a name you already use replaces that filter."
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={LIMITS.savedFilterNameMax}
              required
              data-autofocus
            />
            {save.isError && <ErrorAlert error={save.error} title="The filter could not be saved" />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setNaming(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
                Save filter
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
