import {
  PRIORITY_LABELS,
  STATUS_LABELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPE_LABELS,
  TICKET_TYPES,
  LIMITS,
} from '@bdc/contracts';
import { QUEUE_ROLES } from '../utils/queue-roles';
import { Button, Group, Kbd, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { SearchIcon } from '../../../components/icons';
import { SEARCH_INPUT_ATTRIBUTE } from '../../../lib/global-search';
import { useCan } from '../../../lib/auth-session';
import { DatePickerInput } from '@mantine/dates';
import dayjs from 'dayjs';
import { useServers } from '../../../api/inventory/get-servers';
import { useAssignees } from '../api/get-assignees';
import { useRequesters } from '../api/get-requesters';
import { userLabel } from '../utils/user-label';
import type { FilterKey } from '../utils/list-params';

const statusOptions = TICKET_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));
const priorityOptions = TICKET_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }));
const typeOptions = TICKET_TYPES.map((t) => ({ value: t, label: TICKET_TYPE_LABELS[t] }));
const queueOptions = [
  { group: 'Shortcuts', items: [{ value: 'mine', label: 'My queues' }] },
  { group: 'Role queues', items: QUEUE_ROLES.map((r) => ({ value: r.name, label: r.displayName })) },
];

export interface TicketFiltersProps {
  values: Partial<Record<FilterKey, string>>;
  onChange: (key: FilterKey, value: string | null) => void;
  /** A date range changes both of its ends at once. */
  onChangeMany: (values: Partial<Record<FilterKey, string | null>>) => void;
  onClear: () => void;
  /** Focus the search box on mount (the `/` shortcut pressed on another page). */
  autoFocusSearch?: boolean;
}

/** A range of whole days kept in the URL as two `YYYY-MM-DD` values. */
function DayRange({ label, from, to, onChange }: { label: string; from?: string; to?: string; onChange: (from: string | null, to: string | null) => void }) {
  const toDay = (d: Date | string | null) => (d ? dayjs(d).format('YYYY-MM-DD') : null);
  return (
    <DatePickerInput
      type="range"
      label={label}
      placeholder="Any date"
      value={[from ?? null, to ?? null]}
      onChange={([start, end]) => {
        // Picking the first day of a range must not yet filter on an open end.
        if (start && !end) return;
        onChange(toDay(start), toDay(end));
      }}
      valueFormat="YYYY-MM-DD"
      clearable
      allowSingleDateInRange
      w={230}
    />
  );
}

export function TicketFilters({ values, onChange, onChangeMany, onClear, autoFocusSearch = false }: TicketFiltersProps) {
  const requesters = useRequesters();
  const canViewServers = useCan('server.view');
  const servers = useServers({}, canViewServers);
  const requesterOptions = [
    { group: 'Shortcuts', items: [{ value: 'me', label: 'My requests' }] },
    ...(requesters.data && requesters.data.items.length > 0 ? [{ group: 'Requesters', items: requesters.data.items.map((u) => ({ value: String(u.id), label: userLabel(u) })) }] : []),
  ];
  const serverOptions = (servers.data?.items ?? []).map((srv) => ({ value: srv.uuid, label: srv.name }));
  // Only assigners may list technicians (403 otherwise); everyone else gets the shortcuts.
  const canListAssignees = useCan('ticket.assign');
  const assignees = useAssignees(canListAssignees);
  const assigneeOptions = [
    { group: 'Shortcuts', items: [{ value: 'me', label: 'Assigned to me' }, { value: 'none', label: 'Unassigned' }] },
    ...(assignees.data && assignees.data.items.length > 0
      ? [{ group: 'Technicians', items: assignees.data.items.map((u) => ({ value: String(u.id), label: userLabel(u) })) }]
      : []),
  ];

  const [search, setSearch] = useState(values.q ?? '');
  // Back/forward navigation changes the URL under us; keep the box in step with it.
  useEffect(() => setSearch(values.q ?? ''), [values.q]);
  const pushSearch = useDebouncedCallback((v: string) => onChange('q', v.trim() || null), 350);

  const hasFilters = Object.values(values).some(Boolean);

  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <TextInput
        label="Search"
        placeholder="Number, title or description"
        // The `/` shortcut, shown where people look for it.
        rightSection={<Kbd size="xs" aria-label="Shortcut: slash">/</Kbd>}
        leftSection={<SearchIcon />}
        {...{ [SEARCH_INPUT_ATTRIBUTE]: '' }}
        autoFocus={autoFocusSearch}
        value={search}
        maxLength={LIMITS.searchMax}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          pushSearch(e.currentTarget.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onChange('q', search.trim() || null);
        }}
        w={260}
      />
      <Select label="Status" placeholder="Any status" data={statusOptions} value={values.status ?? null} onChange={(v) => onChange('status', v)} clearable w={160} />
      <Select label="Priority" placeholder="Any priority" data={priorityOptions} value={values.priority ?? null} onChange={(v) => onChange('priority', v)} clearable w={150} />
      <Select label="Type" placeholder="Any type" data={typeOptions} value={values.ticketType ?? null} onChange={(v) => onChange('ticketType', v)} clearable w={210} />
      <Select
        label="Assignee"
        placeholder="Anyone"
        data={assigneeOptions}
        value={values.assignedTo ?? null}
        onChange={(v) => onChange('assignedTo', v)}
        clearable
        w={190}
      />
      <Select label="Queue" placeholder="Any queue" data={queueOptions} value={values.queue ?? null} onChange={(v) => onChange('queue', v)} clearable w={170} />
      <Select label="Requester" placeholder="Anyone" data={requesterOptions} value={values.createdBy ?? null} onChange={(v) => onChange('createdBy', v)} clearable searchable w={190} />
      {canViewServers && (
        <Select label="Server" placeholder="Any server" data={serverOptions} value={values.server ?? null} onChange={(v) => onChange('server', v)} clearable searchable w={190} />
      )}
      <DayRange label="Created" from={values.createdFrom} to={values.createdTo} onChange={(from, to) => onChangeMany({ createdFrom: from, createdTo: to })} />
      <DayRange label="Scheduled" from={values.scheduledFrom} to={values.scheduledTo} onChange={(from, to) => onChangeMany({ scheduledFrom: from, scheduledTo: to })} />
      {hasFilters && (
        <Button variant="subtle" onClick={onClear}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
