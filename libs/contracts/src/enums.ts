/**
 * Value lists shared by the API (column checks, DTO validation) and the SPA (filters, labels).
 * Kept as `as const` tuples rather than TS enums so that the same array drives validation,
 * OpenAPI enums and select options.
 */

export const TICKET_STATUSES = [
  'draft',
  'pending',
  'approved',
  'rejected',
  'in_progress',
  'deployed',
  'completed',
  'cancelled',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses from which no further workflow action is possible. */
export const TERMINAL_STATUSES: readonly TicketStatus[] = ['completed', 'cancelled'];

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'critical'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** BDC IMS's priority words, accepted on input by both APIs as the product's (never stored). */
export const PRIORITY_ALIASES: Readonly<Record<string, TicketPriority>> = { medium: 'normal', urgent: 'critical' };

/** `medium` → `normal`, `urgent` → `critical`; anything else unchanged (then validated as given). */
export function canonicalPriority<T>(value: T): T | TicketPriority {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PRIORITY_ALIASES, value) ? (PRIORITY_ALIASES[value] ?? value) : value;
}

export const TICKET_TYPES = [
  'component_addition',
  'component_removal',
  'component_replacement',
  'configuration_change',
] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const ITEM_ACTIONS = ['add', 'remove', 'replace', 'modify'] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

export const ITEM_TYPES = ['component', 'configuration'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const COMPONENT_TYPES = [
  'cpu',
  'ram',
  'storage',
  'motherboard',
  'nic',
  'caddy',
  'chassis',
  'pciecard',
  'hbacard',
] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];

export const VALIDATION_STATUSES = ['pending', 'valid', 'invalid', 'warning'] as const;
export type ValidationStatus = (typeof VALIDATION_STATUSES)[number];

/** Lifecycle of one physical stock unit. */
export const STOCK_STATUSES = ['available', 'reserved', 'in_use', 'failed', 'retired'] as const;
export type StockStatus = (typeof STOCK_STATUSES)[number];

/** BDC IMS `server_configurations.configuration_status` 0..3, as words. */
export const SERVER_STATUSES = ['draft', 'validated', 'built', 'deployed'] as const;
export type ServerStatus = (typeof SERVER_STATUSES)[number];

export const COMMENT_TYPES = ['comment', 'internal_note', 'system'] as const;
export type CommentType = (typeof COMMENT_TYPES)[number];

export const HISTORY_ACTIONS = [
  'ticket_created',
  'status_change',
  'updated',
  'assigned',
  'comment_added',
  'comment_edited',
  'items_validated',
  'item_fulfilled',
  'item_reverted',
  'stock_reserved',
  'stock_released',
  'attachment_added',
  'attachment_removed',
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/**
 * The email delivery state of a `ticket_notifications` row (the in-app read state is `read_at`):
 * `skipped` when the recipient turned email off for the event, has no address, or no SMTP server is
 * configured. `read` is the guide's value and is never written by this application.
 */
export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'skipped', 'read'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** What a person can be told about (issue 8); also the keys of the per-user email preferences. */
export const NOTIFICATION_EVENTS = ['submitted', 'approved', 'rejected', 'assigned', 'deployed', 'completed', 'rolled_back', 'cancelled', 'comment', 'mention'] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const NOTIFICATION_EVENT_LABELS: Record<NotificationEvent, string> = {
  submitted: 'Submitted for approval',
  approved: 'Approved',
  rejected: 'Rejected',
  assigned: 'Assigned',
  deployed: 'Deployed',
  completed: 'Completed',
  rolled_back: 'Rolled back',
  cancelled: 'Cancelled',
  comment: 'New comment',
  mention: 'Mentioned in a comment',
};

export const SORT_FIELDS = [
  'createdAt',
  'updatedAt',
  'priority',
  'status',
  'ticketNumber',
  'title',
  'scheduledDate',
] as const;
export type TicketSortField = (typeof SORT_FIELDS)[number];

/** Human labels, used by the SPA and in notification texts. */
export const STATUS_LABELS: Record<TicketStatus, string> = {
  draft: 'Draft',
  pending: 'Pending',
  approved: 'Approved',
  rejected: 'Rejected',
  in_progress: 'In progress',
  deployed: 'Deployed',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const PRIORITY_LABELS: Record<TicketPriority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  critical: 'Critical',
};

export const TICKET_TYPE_LABELS: Record<TicketType, string> = {
  component_addition: 'Component addition',
  component_removal: 'Component removal',
  component_replacement: 'Component replacement',
  configuration_change: 'Configuration change',
};

export const COMPONENT_TYPE_LABELS: Record<ComponentType, string> = {
  cpu: 'CPU',
  ram: 'Memory',
  storage: 'Storage',
  motherboard: 'Motherboard',
  nic: 'Network card',
  caddy: 'Caddy',
  chassis: 'Chassis',
  pciecard: 'PCIe card',
  hbacard: 'HBA card',
};

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
