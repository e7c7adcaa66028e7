import {
  isOneOf,
  LIMITS,
  SORT_FIELDS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type TicketListQuery,
  type TicketSortField,
} from '@bdc/contracts';

/** The list's filters live in the URL so that a filtered view can be bookmarked, shared and reloaded. */
export const DEFAULT_SORT = '-createdAt' as const;
export const PAGE_SIZES = [10, 20, 50, 100] as const;

export type SortValue = TicketSortField | `-${TicketSortField}`;

function positiveInt(value: string | null): number | undefined {
  if (!value || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}

export function parseSort(value: string | null): SortValue {
  if (!value) return DEFAULT_SORT;
  const field = value.startsWith('-') ? value.slice(1) : value;
  return isOneOf(SORT_FIELDS, field) ? (value as SortValue) : DEFAULT_SORT;
}

export function parseListParams(params: URLSearchParams): TicketListQuery {
  const query: TicketListQuery = {};
  const status = params.get('status');
  if (isOneOf(TICKET_STATUSES, status)) query.status = status;
  const priority = params.get('priority');
  if (isOneOf(TICKET_PRIORITIES, priority)) query.priority = priority;
  const type = params.get('ticketType');
  if (isOneOf(TICKET_TYPES, type)) query.ticketType = type;
  const assigned = params.get('assignedTo');
  if (assigned === 'me' || assigned === 'none') query.assignedTo = assigned;
  else if (positiveInt(assigned) !== undefined) query.assignedTo = positiveInt(assigned);
  // My work links to "my requests" with createdBy=me.
  if (params.get('createdBy') === 'me') query.createdBy = 'me';
  const queue = params.get('queue')?.trim();
  if (queue) query.queue = queue.slice(0, LIMITS.roleNameMax);
  const server = params.get('server');
  if (server) query.server = server;
  const q = params.get('q')?.trim();
  if (q) query.q = q.slice(0, LIMITS.searchMax);
  query.page = positiveInt(params.get('page')) ?? 1;
  const size = positiveInt(params.get('pageSize'));
  query.pageSize = size && size <= LIMITS.pageSizeMax ? size : LIMITS.pageSizeDefault;
  query.sort = parseSort(params.get('sort'));
  return query;
}

export type FilterKey = 'status' | 'priority' | 'ticketType' | 'assignedTo' | 'queue' | 'server' | 'q';

/** Changing a filter returns to page 1: the old page number may not exist in the new result. */
export function withFilter(params: URLSearchParams, key: FilterKey, value: string | null): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value) next.set(key, value);
  else next.delete(key);
  next.delete('page');
  return next;
}

export function withPage(params: URLSearchParams, page: number): URLSearchParams {
  const next = new URLSearchParams(params);
  if (page > 1) next.set('page', String(page));
  else next.delete('page');
  return next;
}

export function withPageSize(params: URLSearchParams, pageSize: number): URLSearchParams {
  const next = new URLSearchParams(params);
  if (pageSize === LIMITS.pageSizeDefault) next.delete('pageSize');
  else next.set('pageSize', String(pageSize));
  next.delete('page');
  return next;
}

/** Same column: flip direction. New column: dates start newest-first, everything else ascending. */
export function nextSort(current: SortValue, field: TicketSortField): SortValue {
  const currentField = current.startsWith('-') ? current.slice(1) : current;
  if (currentField === field) return current.startsWith('-') ? field : `-${field}`;
  return field === 'createdAt' || field === 'updatedAt' || field === 'scheduledDate' ? `-${field}` : field;
}

export function withSort(params: URLSearchParams, sort: SortValue): URLSearchParams {
  const next = new URLSearchParams(params);
  if (sort === DEFAULT_SORT) next.delete('sort');
  else next.set('sort', sort);
  next.delete('page');
  return next;
}

export function clearFilters(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams();
  const keep = ['sort', 'pageSize'];
  keep.forEach((k) => {
    const v = params.get(k);
    if (v) next.set(k, v);
  });
  return next;
}
