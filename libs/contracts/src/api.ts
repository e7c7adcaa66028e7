/**
 * Request and response shapes of the REST API (camelCase JSON). The API's DTO classes `implements`
 * these, so a drift between server and SPA is a compile error.
 */
import type {
  CommentType,
  ComponentType,
  HistoryAction,
  ItemAction,
  ItemType,
  ServerStatus,
  StockStatus,
  TicketPriority,
  TicketSortField,
  TicketStatus,
  TicketType,
  ValidationStatus,
} from './enums';
import type { Permission } from './permissions';
import type { TicketAction } from './workflow';

// ---- auth -------------------------------------------------------------------------------------

export interface LoginRequest {
  username: string;
  password: string;
}

export interface AuthUser {
  id: number;
  username: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  roles: string[];
  permissions: Permission[];
}

/** What the sign-in page may show an anonymous visitor (GET /api/auth/sign-in-options). */
export interface SignInOptions {
  /** Demo accounts that work on this installation: empty in production and once the demo data is gone. */
  demoAccounts: { username: string; role: string }[];
  demoPassword?: string;
}

export interface LoginResponse {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: AuthUser;
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface LogoutRequest {
  refreshToken?: string;
}

/** Sign-in audit events (GET /api/auth/events, `user.manage`). */
export const AUTH_EVENT_KINDS = ['login_failed', 'login_locked', 'login_succeeded'] as const;
export type AuthEventKind = (typeof AUTH_EVENT_KINDS)[number];

/** Why a sign-in failed or was refused. */
export const AUTH_EVENT_REASONS = ['unknown_user', 'wrong_password', 'account_disabled', 'account_throttled', 'address_throttled'] as const;
export type AuthEventReason = (typeof AUTH_EVENT_REASONS)[number];

export interface AuthEvent {
  id: number;
  event: AuthEventKind;
  /** As typed at the sign-in form, also when it names no account. */
  username: string;
  userId: number | null;
  reason: AuthEventReason | null;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
}

export interface AuthEventQuery {
  username?: string;
  event?: AuthEventKind;
  page?: number;
  pageSize?: number;
}

// ---- users ------------------------------------------------------------------------------------

export interface UserSummary {
  id: number;
  username: string;
  displayName: string;
}

// ---- pagination -------------------------------------------------------------------------------

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ListResult<T> {
  items: T[];
  total: number;
}

// ---- tickets ----------------------------------------------------------------------------------

export interface TicketItemInput {
  action: ItemAction;
  componentType: ComponentType;
  /** The catalog model's UUID (many stock units share it). For `replace`, the model to install. */
  componentUuid?: string | null;
  /** Pins one physical unit by its serial number. */
  componentSerial?: string | null;
  quantity: number;
  specifications?: Record<string, unknown> | null;
  /** `replace`: the model UUID or serial of the installed unit to take out. `modify`: the value before. */
  currentValue?: string | null;
  /** `modify`: the value after. */
  requestedValue?: string | null;
}

export interface TicketItemView extends Required<Omit<TicketItemInput, 'specifications'>> {
  id: number;
  itemType: ItemType;
  specifications: Record<string, unknown> | null;
  /** Display name of the catalog model, when known. */
  componentName: string | null;
  validationStatus: ValidationStatus;
  validationMessage: string | null;
  compatibilityChecked: boolean;
  fulfilled: boolean;
  fulfilledAt: string | null;
  fulfilledComponentUuid: string | null;
  fulfillmentNotes: string | null;
}

export interface CreateTicketRequest {
  title: string;
  description: string;
  ticketType: TicketType;
  priority: TicketPriority;
  targetServerUuid: string;
  items: TicketItemInput[];
  scheduledDate?: string | null;
  estimatedDuration?: number | null;
  /** Save as draft: items may be incomplete or invalid (they are flagged). */
  draft?: boolean;
}

/** PATCH: any subset; `items` replaces the whole list. */
export type UpdateTicketRequest = Partial<Omit<CreateTicketRequest, 'draft'>>;

export interface ItemValidation {
  index: number;
  status: ValidationStatus;
  message: string | null;
}

export interface ValidationReport {
  itemsValidated: boolean;
  compatibilityChecked: boolean;
  valid: boolean;
  warnings: string[];
  items: ItemValidation[];
}

export interface TicketSummary {
  id: number;
  ticketNumber: string;
  title: string;
  ticketType: TicketType;
  priority: TicketPriority;
  status: TicketStatus;
  targetServerUuid: string;
  targetServerName: string | null;
  createdBy: UserSummary;
  assignedTo: UserSummary | null;
  /** The role whose queue holds the ticket until a member claims it (then null). */
  assignedRole: string | null;
  itemCount: number;
  createdAt: string;
  updatedAt: string;
  scheduledDate: string | null;
}

export interface TicketDetail extends Omit<TicketSummary, 'itemCount'> {
  description: string;
  approvedBy: UserSummary | null;
  reviewedBy: UserSummary | null;
  submittedAt: string | null;
  approvedAt: string | null;
  rejectedAt: string | null;
  deployedAt: string | null;
  completedAt: string | null;
  estimatedDuration: number | null;
  rejectionReason: string | null;
  deploymentNotes: string | null;
  items: TicketItemView[];
  allowedActions: TicketAction[];
  validation: ValidationReport;
}

export interface TicketListQuery {
  status?: TicketStatus | TicketStatus[];
  priority?: TicketPriority | TicketPriority[];
  ticketType?: TicketType | TicketType[];
  /** A user id, or `me`, or `none` for unassigned. */
  assignedTo?: number | 'me' | 'none';
  createdBy?: number | 'me';
  /** Role queues: `mine` (the queues of the caller's roles) or a role name. */
  queue?: string;
  /** Created at or after / before this ISO 8601 date-time. */
  createdFrom?: string;
  createdTo?: string;
  /** Target server UUID. */
  server?: string;
  /** Search in number, title and description. */
  q?: string;
  page?: number;
  pageSize?: number;
  /** `field` or `-field` (descending). */
  sort?: TicketSortField | `-${TicketSortField}`;
}

export interface ActionCommentRequest {
  comment?: string;
}
export interface RejectRequest {
  reason: string;
}
/** Exactly one of: a person (`assigneeId`, holding ticket.deploy) or a role's queue (`role`, by name). */
export interface AssignRequest {
  assigneeId?: number;
  role?: string;
  comment?: string;
}
export interface DeployRequest {
  notes?: string;
}
export interface CompleteRequest {
  notes?: string;
}
/** Like a rejection, a rollback must say why (required, trimmed, at most LIMITS.reasonMax). */
export interface RollbackRequest {
  reason: string;
}
export type ResubmitRequest = UpdateTicketRequest & { comment?: string };

/** POST /api/tickets/validate-items: a dry run of the same validation. */
export interface ValidateItemsRequest {
  targetServerUuid: string;
  items: TicketItemInput[];
}

// ---- comments and history ---------------------------------------------------------------------

export interface CreateCommentRequest {
  comment: string;
  internal?: boolean;
}
export interface UpdateCommentRequest {
  comment: string;
}

export interface CommentView {
  id: number;
  ticketId: number;
  comment: string;
  commentType: CommentType;
  isInternal: boolean;
  author: UserSummary;
  createdAt: string;
  updatedAt: string;
  edited: boolean;
}

export interface HistoryEntryView {
  id: number;
  ticketId: number;
  action: HistoryAction;
  fieldChanged: string | null;
  oldValue: string | null;
  newValue: string | null;
  user: UserSummary;
  comment: string | null;
  metadata: Record<string, unknown> | null;
  createdAt: string;
  /** The client address the change came from: only for callers holding ticket.manage. */
  ipAddress?: string | null;
}

/** The fields of an item that a history entry compares. */
export const ITEM_CHANGE_FIELDS = ['action', 'componentType', 'componentUuid', 'componentSerial', 'quantity', 'specifications', 'currentValue', 'requestedValue'] as const;
export type ItemChangeField = (typeof ITEM_CHANGE_FIELDS)[number];

/**
 * `metadata.items` of an `updated` history entry with `fieldChanged: 'items'`: the change item by
 * item (positions are 0-based), so the row stays structured and readable whatever the items weigh.
 */
export interface ItemsChange {
  added: { index: number; item: TicketItemInput }[];
  removed: { index: number; item: TicketItemInput }[];
  changed: { index: number; field: ItemChangeField; from: unknown; to: unknown }[];
}

export function isItemsChange(value: unknown): value is ItemsChange {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v.added) && Array.isArray(v.removed) && Array.isArray(v.changed);
}

// ---- inventory --------------------------------------------------------------------------------

export interface ServerSummary {
  uuid: string;
  name: string;
  description: string | null;
  location: string | null;
  rackPosition: string | null;
  status: ServerStatus;
  componentCount: number;
}

export interface InstalledComponent {
  id: number;
  componentType: ComponentType;
  uuid: string;
  serialNumber: string | null;
  slot: string | null;
  model: string | null;
}

export interface ServerDetail extends ServerSummary {
  settings: Record<string, string>;
  powerBudgetWatts: number | null;
  components: InstalledComponent[];
  updatedAt: string;
}

export interface ComponentUnit {
  id: number;
  componentType: ComponentType;
  uuid: string;
  serialNumber: string | null;
  status: StockStatus;
  serverUuid: string | null;
  location: string | null;
  model: string | null;
}

export interface ComponentQuery {
  type?: ComponentType;
  status?: StockStatus;
  serverUuid?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface CatalogModel {
  uuid: string;
  componentType: ComponentType;
  brand: string;
  model: string;
  name: string;
  specifications: Record<string, unknown>;
  availableUnits: number;
}

// ---- health -----------------------------------------------------------------------------------

export interface HealthResponse {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
  engine: 'sqlite' | 'mysql';
  version: string;
}

// ---- BDC IMS action API envelope ----------------------------------------------------------------

/** The answer of `/api/api.php`; the HTTP status equals `code` (docs/bdc-ims-compatibility.md). */
export interface LegacyEnvelope<T = unknown> {
  success: boolean;
  authenticated: boolean;
  message: string;
  /** `YYYY-MM-DD HH:mm:ss`, UTC */
  timestamp: string;
  code: number;
  /** Left out entirely when there is nothing to return, as BDC IMS did. */
  data?: T;
}
