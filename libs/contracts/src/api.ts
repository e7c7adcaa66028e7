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
  /** Required for add, remove and replace; a configuration change (`modify`) may leave it out (null). */
  componentType?: ComponentType | null;
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
  /** Codes of the rules behind the message (docs/compatibility.md), when known. */
  rules?: string[];
}

/** error blocks, warning informs. */
export const RULE_SEVERITIES = ['error', 'warning'] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];

/** A finding about the build as a whole (power, slot counts), reported once rather than on every item. */
export interface BuildProblem {
  rule: string;
  severity: RuleSeverity;
  message: string;
  /** Items (0-based) whose parts it concerns; empty when the change touches none of them. */
  items: number[];
}

/** kept: there now and after; added / removed by the change; empty: a free slot the board or chassis has. */
export const PROJECTED_SLOT_STATES = ['kept', 'added', 'removed', 'empty'] as const;
export type ProjectedSlotState = (typeof PROJECTED_SLOT_STATES)[number];

/** Where a part sits: the chassis and board themselves, CPU sockets, DIMM slots, drive bays, M.2 and PCIe slots. */
export const SLOT_KINDS = ['chassis', 'motherboard', 'cpu', 'ram', 'bay', 'caddy', 'm2', 'pcie', 'port'] as const;
export type SlotKind = (typeof SLOT_KINDS)[number];

export interface ProjectedSlot {
  kind: SlotKind;
  /** "CPU1", "DIMM A1", "Bay 3"…; null for a part with no known place. */
  slot: string | null;
  state: ProjectedSlotState;
  componentType: ComponentType | null;
  /** Catalog model UUID and display name. */
  uuid: string | null;
  model: string | null;
  serialNumber: string | null;
  /** The ticket item that adds or removes it. */
  itemIndex: number | null;
}

/** The server after the change, slot by slot. */
export interface ProjectedBuild {
  serverUuid: string;
  serverName: string;
  slots: ProjectedSlot[];
}

/** Another open ticket on the same server that claims one of this ticket's units or slots. */
export interface TicketConflict {
  ticketId: number;
  ticketNumber: string;
  /** What both claim: serials of units (or slot labels). */
  claims: string[];
  /** The other ticket already holds a stock reservation on it (approval of this one answers 409). */
  reserved: boolean;
}

export interface ValidationReport {
  itemsValidated: boolean;
  compatibilityChecked: boolean;
  valid: boolean;
  warnings: string[];
  items: ItemValidation[];
  /** Build-wide findings, each once. Absent where only the stored item verdicts are known. */
  build?: BuildProblem[];
  /** validate-items and the projected-build endpoint: the server after the change. */
  projectedBuild?: ProjectedBuild;
  conflicts?: TicketConflict[];
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
  /** Other open tickets on the same server that claim a unit or slot this one claims. */
  conflicts?: TicketConflict[];
}

export interface TicketListQuery {
  status?: TicketStatus | TicketStatus[];
  priority?: TicketPriority | TicketPriority[];
  ticketType?: TicketType | TicketType[];
  /** A user id, or `me`, or `none` for unassigned. */
  assignedTo?: number | 'me' | 'none';
  createdBy?: number | 'me';
  /** Target server UUID. */
  server?: string;
  /** Only tickets that claim a unit another open ticket on the same server claims (`false`: only those that do not). */
  conflicts?: boolean;
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
export interface AssignRequest {
  assigneeId: number;
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

/** POST /api/servers/:uuid/candidates: what could go into this server, judged against the projected build. */
export interface CandidatesRequest {
  componentType: ComponentType;
  /** The draft ticket's items: candidates are judged against the server after them. */
  items?: TicketItemInput[];
}

export interface CandidateUnit {
  id: number;
  serialNumber: string | null;
  location: string | null;
}

export interface CandidateModel {
  uuid: string;
  componentType: ComponentType;
  name: string;
  brand: string;
  model: string;
  availableUnits: number;
  /** A few available units (serials to pin), at most CANDIDATE_UNITS_MAX. */
  units: CandidateUnit[];
  /** valid and warning are compatible; invalid is offered disabled, with the reasons. */
  status: 'valid' | 'warning' | 'invalid';
  compatible: boolean;
  reasons: string[];
  rules: string[];
}

export const CANDIDATE_UNITS_MAX = 20;

export interface CandidatesResponse {
  serverUuid: string;
  componentType: ComponentType;
  /** Compatible first, then in stock first, then by name. */
  candidates: CandidateModel[];
}

// ---- health -----------------------------------------------------------------------------------

export interface HealthResponse {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
  engine: 'sqlite' | 'mysql';
  version: string;
}

// ---- BDC IMS action API envelope ----------------------------------------------------------------

export interface LegacyEnvelope<T = unknown> {
  success: boolean;
  authenticated: boolean;
  code: number;
  message: string;
  /** `YYYY-MM-DD HH:mm:ss` */
  timestamp: string;
  data: T | null;
}
