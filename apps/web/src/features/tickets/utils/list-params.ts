import {
  isOneOf,
  LIMITS,
  SORT_FIELDS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TRANSITIONS,
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

/** A day in the URL (`2026-12-01`), as people pick it; the API gets the instants it spans. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** The start of a local day as an ISO instant, or undefined for anything that is not a real day. */
export function dayStart(day: string | null, addDays = 0): string | undefined {
  if (!day || !DAY.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  // 2026-13-45 would roll over into another date: only real days count.
  if (date.getFullYear() !== y || date.getMonth() !== m - 1 || date.getDate() !== d) return undefined;
  date.setDate(date.getDate() + addDays);
  return date.toISOString();
}

export function parseListParams(params: URLSearchParams): TicketListQuery {
  const query: TicketListQuery = {};
  // One status, or several (the dashboard links "open" to every open status at once).
  const statuses = (params.get('status') ?? '').split(',').filter((v) => isOneOf(TICKET_STATUSES, v));
  if (statuses.length === 1) query.status = statuses[0];
  else if (statuses.length > 1) query.status = statuses;
  const priority = params.get('priority');
  if (isOneOf(TICKET_PRIORITIES, priority)) query.priority = priority;
  const type = params.get('ticketType');
  if (isOneOf(TICKET_TYPES, type)) query.ticketType = type;
  const assigned = params.get('assignedTo');
  if (assigned === 'me' || assigned === 'none') query.assignedTo = assigned;
  else if (positiveInt(assigned) !== undefined) query.assignedTo = positiveInt(assigned);
  const queue = params.get('queue')?.trim();
  if (queue) query.queue = queue.slice(0, LIMITS.roleNameMax);
  const server = params.get('server');
  if (server) query.server = server;
  const createdBy = params.get('createdBy');
  if (createdBy === 'me') query.createdBy = 'me';
  else if (positiveInt(createdBy) !== undefined) query.createdBy = positiveInt(createdBy);
  // Date ranges are whole local days, both ends included (`to` is the start of the day after), or exact
  // UTC instants as the dashboard links them (`to` excluded), which pass through as they are.
  const bound = (key: string, addDays: number) => {
    const value = params.get(key);
    return value && INSTANT.test(value) ? value : dayStart(value, addDays);
  };
  const range = (from: string, to: string) => [bound(from, 0), bound(to, 1)] as const;
  const [createdFrom, createdTo] = range('createdFrom', 'createdTo');
  if (createdFrom) query.createdFrom = createdFrom;
  if (createdTo) query.createdTo = createdTo;
  const [scheduledFrom, scheduledTo] = range('scheduledFrom', 'scheduledTo');
  if (scheduledFrom) query.scheduledFrom = scheduledFrom;
  if (scheduledTo) query.scheduledTo = scheduledTo;
  const [completedFrom, completedTo] = range('completedFrom', 'completedTo');
  if (completedFrom) query.completedFrom = completedFrom;
  if (completedTo) query.completedTo = completedTo;
  const transition = params.get('transition');
  if (isOneOf(TICKET_TRANSITIONS, transition)) {
    query.transition = transition;
    const [transitionFrom, transitionTo] = range('transitionFrom', 'transitionTo');
    if (transitionFrom) query.transitionFrom = transitionFrom;
    if (transitionTo) query.transitionTo = transitionTo;
  }
  const q = params.get('q')?.trim();
  if (q) query.q = q.slice(0, LIMITS.searchMax);
  query.page = positiveInt(params.get('page')) ?? 1;
  const size = positiveInt(params.get('pageSize'));
  query.pageSize = size && size <= LIMITS.pageSizeMax ? size : LIMITS.pageSizeDefault;
  query.sort = parseSort(params.get('sort'));
  return query;
}

export const FILTER_KEYS = ['status', 'priority', 'ticketType', 'assignedTo', 'createdBy', 'queue', 'server', 'createdFrom', 'createdTo', 'scheduledFrom', 'scheduledTo', 'completedFrom', 'completedTo', 'transition', 'transitionFrom', 'transitionTo', 'q'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** Sets several filters at once (a date range's two ends), back to page 1. */
export function withFilters(params: URLSearchParams, values: Partial<Record<FilterKey, string | null>>): URLSearchParams {
  let next = params;
  for (const [key, value] of Object.entries(values) as [FilterKey, string | null][]) next = withFilter(next, key, value);
  return next;
}

/** The list's query for an export or a saved filter: every filter and the order, without the page. */
export function withoutPage(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete('page');
  return next;
}

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
