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
  NotificationEvent,
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
  /** Other open tickets on the same server that claim a unit or slot this one claims. */
  conflicts?: TicketConflict[];
}

/** Workflow steps the list can filter on (a status change to `approved`…, or a rollback: deployed → in progress). */
export const TICKET_TRANSITIONS = ['approved', 'rejected', 'deployed', 'rolled_back'] as const;
export type TicketTransition = (typeof TICKET_TRANSITIONS)[number];

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
  /** Scheduled at or after / before this ISO 8601 date-time (tickets without a date never match). */
  scheduledFrom?: string;
  scheduledTo?: string;
  /** Completed at or after / before this ISO 8601 date-time. */
  completedFrom?: string;
  completedTo?: string;
  /**
   * Tickets that went through this step of the workflow between `transitionFrom` and `transitionTo`
   * (ISO 8601 instants, `to` excluded), read from their history: what the dashboard's decision and
   * rollback counts count.
   */
  transition?: TicketTransition;
  transitionFrom?: string;
  transitionTo?: string;
  /** Target server UUID. */
  server?: string;
  /** Only tickets that claim a unit another open ticket on the same server claims (`false`: only those that do not). */
  conflicts?: boolean;
  /**
   * Search: words of the title, description and comments (each word a prefix: `mem` finds "memory"),
   * or the start of a ticket number or of a serial number one of its items pins.
   */
  q?: string;
  page?: number;
  pageSize?: number;
  /**
   * The `nextCursor` of a previous reply (same filter and sort): the page after it, found from the
   * index however deep (keyset pagination); `page` is ignored when given.
   */
  cursor?: string;
  /** `field` or `-field` (descending). */
  sort?: TicketSortField | `-${TicketSortField}`;
}

/**
 * A page of the ticket list. `total` is exact while `totalIsLowerBound` is false; past
 * LIMITS.listTotalCap rows beyond the page's first the list stops counting and `total` says "at least"
 * (docs/decisions.md, "List totals"). `nextCursor` continues after this page's last row (null: no more).
 */
export interface TicketPage extends Page<TicketSummary> {
  totalIsLowerBound: boolean;
  nextCursor: string | null;
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
/** What becomes of a unit a ticket removes (or replaces), chosen at deploy; default back to stock. */
export const REMOVAL_DESTINATIONS = ['available', 'failed', 'retired'] as const;
export type RemovalDestination = (typeof REMOVAL_DESTINATIONS)[number];

export interface DeployRemoval {
  /** The ticket item whose removed unit(s) this applies to. */
  itemId: number;
  destination: RemovalDestination;
}

export interface DeployPlacement {
  /** The ticket item whose installed unit goes into this slot (one placement per unit, in order). */
  itemId: number;
  slot: string;
}

export interface DeployRequest {
  notes?: string;
  removals?: DeployRemoval[];
  /** Slots chosen by the technician; items without one get the next free slot of their kind. */
  placements?: DeployPlacement[];
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
  /** The files attached to this comment (POST /api/tickets/:id/attachments with its commentId). */
  attachments: AttachmentView[];
}

// ---- attachments ------------------------------------------------------------------------------

/** The file types an attachment may have (by extension, checked against the content). */
export const ATTACHMENT_TYPES = ['pdf', 'png', 'jpg', 'jpeg', 'doc', 'docx', 'xls', 'xlsx'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** A file attached to a ticket, or to one of its comments. */
export interface AttachmentView {
  id: number;
  ticketId: number;
  commentId: number | null;
  /** The name it was uploaded with. */
  filename: string;
  /** Bytes. */
  size: number;
  /** Detected from the content, not taken from the client. */
  mimeType: string;
  /** PNG or JPEG: may be shown inline (`?inline=1`). */
  isImage: boolean;
  uploadedBy: UserSummary;
  uploadedAt: string;
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
  /** The person the entry is about, when it is not the actor: the assignee of an `assigned` entry. */
  subject?: UserSummary | null;
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
  /** `rack-Uunit` ("A03-U10"), derived from rack and rackUnit when they are set. */
  rackPosition: string | null;
  status: ServerStatus;
  componentCount: number;
  /** Set once the server is decommissioned: it takes no tickets and holds no units. */
  decommissionedAt: string | null;
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
  rack: string | null;
  rackUnit: number | null;
  notes: string | null;
  createdAt: string;
  /** The installed units grouped by slot, in physical order; units without a slot (board, chassis) last in their own group. */
  build: BuildSlot[];
  /** GET this for every unit that came or went. */
  historyUrl: string;
}

export interface BuildSlot {
  /** The slot label ("CPU1", "DIMM A1", "Bay 3"), or null for parts that have none (chassis, motherboard). */
  slot: string | null;
  componentType: ComponentType;
  units: InstalledComponent[];
}

export interface CreateServerRequest {
  name: string;
  description?: string | null;
  status?: ServerStatus;
  location?: string | null;
  rack?: string | null;
  rackUnit?: number | null;
  powerBudgetWatts?: number | null;
  notes?: string | null;
}
export type UpdateServerRequest = Partial<CreateServerRequest>;

export interface DecommissionServerRequest {
  reason?: string;
}

/** One component that came into or went out of a server (or moved slot), from the unit log. */
export interface ServerHistoryEntry {
  id: number;
  at: string;
  /** installed: came in; removed: went out; moved: changed slot. */
  change: 'installed' | 'removed' | 'moved';
  event: UnitLogEvent;
  unit: { id: number; componentType: ComponentType; uuid: string; serialNumber: string | null; model: string | null };
  slotBefore: string | null;
  slotAfter: string | null;
  source: UnitLogSource;
  /** The ticket that did it (null for a direct edit); its number survives the ticket's deletion. */
  ticket: { id: number | null; ticketNumber: string } | null;
  user: UserSummary | null;
  note: string | null;
}

/**
 * POST /api/servers/:uuid/components: a direct edit installing one stock unit (by id, or by serial
 * with its type when the serial alone is ambiguous), judged by the compatibility engine as a ticket
 * adding it would be. `slot`: one of the unit's kind that is free; default the next free one.
 */
export interface InstallUnitRequest {
  unitId?: number;
  serialNumber?: string;
  componentType?: ComponentType;
  slot?: string | null;
  /** Why, kept on the unit log row. */
  note?: string;
}

/** DELETE /api/servers/:uuid/components/:unitId: where the removed unit goes (default back to stock). */
export interface RemoveUnitQuery {
  destination?: RemovalDestination;
  note?: string;
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
  slot: string | null;
  /** `YYYY-MM-DD` */
  purchaseDate: string | null;
  warrantyEndDate: string | null;
  installationDate: string | null;
  flag: string | null;
  notes: string | null;
}

/** The open ticket that holds a unit: only it may move the unit until it releases it. */
export interface UnitClaim {
  ticketId: number;
  ticketNumber: string;
  /** install: reserved to be installed; remove: installed and to be removed. */
  direction: 'install' | 'remove';
}

export interface ComponentUnitDetail extends ComponentUnit {
  serverName: string | null;
  claim: UnitClaim | null;
  createdAt: string;
  updatedAt: string;
}

export const COMPONENT_SORTS = ['id', '-id', 'serialNumber', '-serialNumber', 'warrantyEndDate', '-warrantyEndDate', 'createdAt', '-createdAt', 'type', '-type', 'status', '-status', 'location', '-location'] as const;
export type ComponentSort = (typeof COMPONENT_SORTS)[number];

export interface ComponentQuery {
  type?: ComponentType;
  /** Catalog model UUID. */
  model?: string;
  status?: StockStatus;
  serverUuid?: string;
  /** Exact location. */
  location?: string;
  /** Warranty ends before this day (`YYYY-MM-DD`, exclusive). */
  warrantyBefore?: string;
  /** Warranty ends within this many days from today (already expired units included). */
  warrantyWithinDays?: number;
  q?: string;
  page?: number;
  pageSize?: number;
  sort?: ComponentSort;
}

/** POST /api/components: one unit (`serialNumber`) or many of one model (`serials`). */
export interface ReceiveUnitsRequest {
  componentType: ComponentType;
  /** Catalog model UUID; the model must exist, be of that type, and not be retired. */
  uuid: string;
  serialNumber?: string;
  serials?: string[];
  location?: string | null;
  purchaseDate?: string | null;
  warrantyEndDate?: string | null;
  notes?: string | null;
  flag?: string | null;
}

export interface UpdateUnitRequest {
  location?: string | null;
  purchaseDate?: string | null;
  warrantyEndDate?: string | null;
  notes?: string | null;
  flag?: string | null;
}

export interface UnitStatusRequest {
  reason: string;
}

/** The columns of the stock CSV, in this order (export writes them all; import needs the first three). */
export const STOCK_CSV_COLUMNS = ['component_type', 'model_uuid', 'serial_number', 'status', 'location', 'purchase_date', 'warranty_end_date', 'flag', 'notes', 'server_uuid', 'slot', 'model'] as const;

export interface StockImportRow {
  /** 1-based line of the CSV (the header is line 1). */
  line: number;
  componentType: string;
  uuid: string;
  serialNumber: string;
  outcome: 'new' | 'duplicate' | 'invalid';
  /** Why a row is a duplicate or invalid. */
  errors: string[];
}

export interface StockImportResult {
  dryRun: boolean;
  /** Rows written (0 on a dry run, and when any row is invalid: a real run writes all valid rows or nothing). */
  created: number;
  counts: { new: number; duplicate: number; invalid: number };
  rows: StockImportRow[];
}

export const UNIT_LOG_EVENTS = ['received', 'edited', 'moved', 'reserved', 'released', 'installed', 'removed', 'rolled_back', 'failed', 'retired', 'status_changed'] as const;
export type UnitLogEvent = (typeof UNIT_LOG_EVENTS)[number];
export const UNIT_LOG_SOURCES = ['ticket', 'direct', 'stock_edit', 'import'] as const;
export type UnitLogSource = (typeof UNIT_LOG_SOURCES)[number];

/** One row of a unit's log: what changed, before and after, who and which ticket or direct edit did it. */
export interface UnitLogEntry {
  id: number;
  unitId: number;
  event: UnitLogEvent;
  source: UnitLogSource;
  before: UnitPlace;
  after: UnitPlace;
  ticket: { id: number | null; ticketNumber: string } | null;
  user: UserSummary | null;
  note: string | null;
  createdAt: string;
}

export interface UnitPlace {
  status: StockStatus | null;
  serverUuid: string | null;
  slot: string | null;
  location: string | null;
}

// CatalogModel and the other catalog shapes: ./catalog.ts

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

/** `GET /api/health/live`: the process runs its event loop (no database involved). */
export interface LivenessResponse {
  status: 'ok';
  uptimeSeconds: number;
}

/**
 * `GET /api/health/ready`: whether this process should get traffic. 503 with `draining` once it is
 * shutting down (SIGTERM), with `unavailable` when the database does not answer or accept writes.
 */
export interface ReadinessResponse {
  status: 'ready' | 'draining' | 'unavailable';
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

// ---- own password ------------------------------------------------------------------------------

/** POST /api/auth/password: the caller changes their own password (their other sessions end). */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** The rules a new password must meet (the API also refuses common passwords and the username). */
export const PASSWORD_RULES = { minLength: 10 } as const;

/** The ticket list as CSV (`GET /api/tickets/export.csv`, the list's filters and order, every page). */
export const TICKET_CSV_COLUMNS = [
  'ticket_number',
  'title',
  'status',
  'priority',
  'ticket_type',
  'server',
  'server_uuid',
  'requester',
  'assignee',
  'queue',
  'created_at',
  'submitted_at',
  'approved_at',
  'deployed_at',
  'completed_at',
  'scheduled_date',
  'description',
] as const;

/** A ticket's history as CSV (`GET /api/tickets/:id/history.csv`), with the visibility of the JSON history. */
export const HISTORY_CSV_COLUMNS = ['time', 'user', 'action', 'field', 'old_value', 'new_value', 'comment'] as const;

/** A named ticket-list filter of one user: `query` is the list page's URL query string. */
export interface SavedFilter {
  id: number;
  name: string;
  query: string;
  createdAt: string;
}
export interface SaveFilterRequest {
  name: string;
  query: string;
}

/** `GET /api/dashboard`: over the tickets the caller may see (docs/decisions.md, "Dashboard"). */
export interface DashboardQuery {
  /** The period (ISO 8601 instants, `to` excluded); default the last 30 days. */
  from?: string;
  to?: string;
  server?: string;
  ticketType?: TicketType;
}

/** Median and 90th percentile of one stage, in seconds, over the `count` tickets that finished it in the period. */
export interface StageTime {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface Dashboard {
  range: { from: string; to: string };
  /** Tickets not completed or cancelled, now (the period does not apply). */
  open: {
    total: number;
    byStatus: Partial<Record<TicketStatus, number>>;
    byPriority: Partial<Record<TicketPriority, number>>;
    byType: Partial<Record<TicketType, number>>;
  };
  /** Tickets created and completed per UTC day of the period, every day present. */
  perDay: { day: string; created: number; completed: number }[];
  /** Submit → approval, approval → deploy, deploy → completion, for the stages ended in the period. */
  stageTimes: { submitToApproval: StageTime; approvalToDeploy: StageTime; deployToCompletion: StageTime };
  /** Review decisions made in the period; rates are of all decisions, null without any. */
  decisions: { approvals: number; rejections: number; approvalRate: number | null; rejectionRate: number | null };
  /** Deployments and rollbacks in the period; the rate is rollbacks per deployment. */
  rollbacks: { deployments: number; rollbacks: number; rate: number | null };
  /** Work in hand per technician now: approved (to start), in progress, deployed (to complete). */
  workload: { technician: UserSummary; approved: number; inProgress: number; deployed: number; total: number }[];
  /** What has waited longest for a decision or for work: pending and approved tickets, oldest first. */
  oldestWaiting: { id: number; ticketNumber: string; title: string; status: TicketStatus; waitingSince: string }[];
}

// ---- notifications ----------------------------------------------------------------------------

/** GET /api/notifications: one in-app notification of the caller. */
export interface NotificationView {
  id: number;
  ticketId: number;
  ticketNumber: string | null;
  event: NotificationEvent;
  subject: string;
  message: string;
  /** Who acted (null for a user since deleted). */
  actorName: string | null;
  createdAt: string;
  /** ISO 8601, null while unread. */
  readAt: string | null;
}

export interface NotificationListQuery {
  page?: number;
  pageSize?: number;
  unread?: boolean;
}

export interface UnreadCount {
  unread: number;
}

/** GET/PUT /api/notifications/preferences: email on or off per event (in-app is always on). */
export interface NotificationPreference {
  event: NotificationEvent;
  email: boolean;
}

export interface NotificationPreferences {
  items: NotificationPreference[];
}

/** GET /api/users/mentionable: who an `@username` in a comment on the ticket would reach. */
export interface MentionableUser {
  id: number;
  username: string;
  displayName: string;
}
