import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useServer } from '../../../api/inventory/get-server';
import { useServers } from '../../../api/inventory/get-servers';

export interface ServerPickerProps {
  value: string;
  onChange: (uuid: string) => void;
  error?: string;
}

/** Searches on the server (the inventory can be large) while keeping the chosen server displayable. */
export function ServerPicker({ value, onChange, error }: ServerPickerProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const selected = useServer(value || null);
  const selectedLabel = selected.data ? labelFor(selected.data) : null;
  // Typing filters remotely; once an option is picked the box shows its label, which is not a search.
  const q = debounced && debounced !== selectedLabel ? debounced : undefined;
  const servers = useServers({ q });

  const options = (servers.data?.items ?? []).map((s) => ({ value: s.uuid, label: labelFor(s) }));
  if (selected.data && !options.some((o) => o.value === value)) options.unshift({ value, label: labelFor(selected.data) });

  return (
    <Select
      label="Server"
      placeholder={servers.isPending ? 'Loading servers…' : 'Search by name or location'}
      data={options}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: opts }) => opts}
      nothingFoundMessage={servers.isFetching ? 'Searching…' : 'No server matches'}
      error={error ?? (servers.isError ? 'The servers could not be loaded' : undefined)}
      required
      clearable
    />
  );
}

function labelFor(s: { name: string; location: string | null; rackPosition: string | null }): string {
  const where = [s.location, s.rackPosition].filter(Boolean).join(' ');
  return where ? `${s.name} (${where})` : s.name;
}
