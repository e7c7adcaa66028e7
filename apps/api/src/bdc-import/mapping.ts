import {
  canonicalPriority,
  TICKET_PRIORITIES,
  COMPONENT_TYPES,
  ITEM_ACTIONS,
  ITEM_TYPES,
  PERMISSIONS,
  ROLES,
  SERVER_STATUSES,
  TICKET_STATUSES,
  TICKET_TYPES,
  isOneOf,
  type ComponentType,
  type Permission,
  type RoleName,
  type ServerStatus,
  type StockStatus,
  type TicketPriority,
  type TicketStatus,
  type TicketType,
} from '@bdc/contracts';

/**
 * Pure translations from BDC IMS values to ours. Everything the importer decides about a value is
 * here, so that docs/bdc-ims-import.md and mapping.spec.ts can describe and prove it in one place.
 */

/** The nine per-type inventory tables, in the order they are imported. */
export const INVENTORY_TABLES: readonly { table: string; type: ComponentType }[] = COMPONENT_TYPES.map((type) => ({ table: `${type}inventory`, type }));

const INVENTORY_PREFIXES: ReadonlySet<string> = new Set([...COMPONENT_TYPES, 'component', 'components', 'inventory']);
const INVENTORY_WRITE_VERBS: ReadonlySet<string> = new Set(['create', 'add', 'edit', 'update', 'delete', 'remove', 'manage', 'import', 'write']);
const SERVER_PREFIXES: ReadonlySet<string> = new Set(['server', 'servers', 'configuration', 'config', 'build', 'server_config']);
const USER_PREFIXES: ReadonlySet<string> = new Set(['user', 'users', 'role', 'roles', 'permission', 'permissions', 'acl']);

/**
 * Our permission for a BDC IMS permission name, or null when none corresponds (the importer then
 * keeps it as a permission of its own, which grants nothing here but stays visible to administrators).
 * BDC IMS names are `<area>.<verb>`; its per-type inventory permissions (`cpu.view`, `ram.edit`, …)
 * collapse onto our type-independent `inventory.view` / `inventory.edit`.
 */
export function mapPermissionName(name: string): Permission | null {
  const normalised = name.trim().toLowerCase();
  if (isOneOf(PERMISSIONS, normalised)) return normalised;
  const match = /^([a-z_]+)[._:-]([a-z_]+)$/.exec(normalised);
  if (!match) return null;
  const [, area = '', verb = ''] = match;
  if (INVENTORY_PREFIXES.has(area)) {
    if (verb === 'view' || verb === 'read' || verb === 'list') return 'inventory.view';
    return INVENTORY_WRITE_VERBS.has(verb) ? 'inventory.edit' : null;
  }
  if (SERVER_PREFIXES.has(area)) {
    if (verb === 'view' || verb === 'read' || verb === 'list') return 'server.view';
    return INVENTORY_WRITE_VERBS.has(verb) ? 'server.edit' : null;
  }
  if (USER_PREFIXES.has(area)) return verb === 'view' || verb === 'read' || verb === 'list' ? null : 'user.manage';
  return null;
}

/** Our catalog role for a BDC IMS role name (same name, any case), or null for a role of its own. */
export function mapRoleName(name: string): RoleName | null {
  const normalised = name.trim().toLowerCase();
  return isOneOf(ROLES, normalised) ? normalised : null;
}

/** BDC IMS `users.status`: only `active` signs in there, so everything else is disabled here. */
export function mapUserStatus(status: string | null): 'active' | 'disabled' {
  return (status ?? '').trim().toLowerCase() === 'active' ? 'active' : 'disabled';
}

/** Whether a stored password is a bcrypt hash our verifyPassword accepts (`$2y$` included). */
export function isBcryptHash(hash: string): boolean {
  return /^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$/.test(hash);
}

/** BDC IMS inventory `Status`: 0 failed/decommissioned, 1 available, 2 in use. */
export function mapStockStatus(status: unknown): StockStatus | null {
  switch (Number(status)) {
    case 0:
      return 'failed';
    case 1:
      return 'available';
    case 2:
      return 'in_use';
    default:
      return null;
  }
}

/** BDC IMS `configuration_status` 0..3 (Draft, Validated, Built, Deployed). */
export function mapServerStatus(status: unknown): ServerStatus | null {
  const index = Number(status);
  return Number.isInteger(index) ? (SERVER_STATUSES[index] ?? null) : null;
}

/** BDC IMS priorities are low/medium/high/urgent; the guide's are low/normal/high/critical. */
export function mapPriority(priority: unknown): TicketPriority | null {
  // BDC IMS's medium and urgent are the same aliases both APIs accept.
  const value = canonicalPriority(String(priority ?? '').trim().toLowerCase());
  return isOneOf(TICKET_PRIORITIES, value) ? value : null;
}

export function mapTicketStatus(status: unknown): TicketStatus | null {
  const value = String(status ?? '').trim().toLowerCase();
  return isOneOf(TICKET_STATUSES, value) ? value : null;
}

export function mapTicketType(type: unknown, itemActions: readonly string[]): TicketType {
  const value = String(type ?? '').trim().toLowerCase();
  if (isOneOf(TICKET_TYPES, value)) return value;
  // BDC IMS has no ticket type: it follows from what the items do.
  const actions = new Set(itemActions);
  if (actions.size === 1 && actions.has('remove')) return 'component_removal';
  if (actions.has('replace')) return 'component_replacement';
  if (actions.size === 1 && actions.has('modify')) return 'configuration_change';
  return 'component_addition';
}

export function mapItemAction(action: unknown): (typeof ITEM_ACTIONS)[number] | null {
  const value = String(action ?? '').trim().toLowerCase();
  return isOneOf(ITEM_ACTIONS, value) ? value : null;
}

export function mapItemType(type: unknown): (typeof ITEM_TYPES)[number] {
  const value = String(type ?? '').trim().toLowerCase();
  return isOneOf(ITEM_TYPES, value) ? value : 'component';
}

export function mapComponentType(type: unknown): ComponentType | null {
  const value = String(type ?? '').trim().toLowerCase();
  return isOneOf(COMPONENT_TYPES, value) ? value : null;
}

/** BDC IMS history actions (TicketManager.php) and the guide's, onto HISTORY_ACTIONS. */
export function mapHistoryAction(action: string): { action: string; field: string | null } {
  switch (action.trim().toLowerCase()) {
    case 'created':
    case 'ticket_created':
      return { action: 'ticket_created', field: null };
    case 'status_changed':
    case 'status_change':
      return { action: 'status_change', field: 'status' };
    case 'deleted':
      return { action: 'status_change', field: 'status' };
    case 'title_changed':
      return { action: 'updated', field: 'title' };
    case 'description_changed':
      return { action: 'updated', field: 'description' };
    case 'priority_changed':
      return { action: 'updated', field: 'priority' };
    case 'assigned':
      return { action: 'assigned', field: 'assigned_to' };
    case 'assigned_role':
      return { action: 'assigned', field: 'assigned_to_role' };
    case 'comment_added':
      return { action: 'comment_added', field: null };
    default:
      return { action: 'updated', field: null };
  }
}

/** BDC IMS stored ticket texts through htmlspecialchars(); these are the five entities it writes. */
export function decodeHtmlSpecialChars(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#0?39|apos);/g, (_entity: string, name: string) => {
    switch (name) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      default:
        return "'";
    }
  });
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false };

/** JSON from a LONGTEXT column; empty means absent, not malformed. */
export function parseJsonColumn(text: string | null): ParsedJson | null {
  if (text === null || text.trim() === '') return null;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** A DATE column read as a string: `0000-00-00` and the like mean "no date". */
export function mapDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match || match[1] === '0000' || match[2] === '00' || match[3] === '00') return null;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** A DATETIME/TIMESTAMP column read as a string in UTC (the source session runs at +00:00). */
export function mapDateTime(value: unknown): Date | null {
  const day = mapDate(value);
  if (day === null || typeof value !== 'string') return null;
  const time = /[ T](\d{2}):(\d{2}):(\d{2})/.exec(value);
  const date = new Date(`${day}T${time ? `${time[1]}:${time[2]}:${time[3]}` : '00:00:00'}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Trimmed text, or null when empty. */
export function cleanText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/** Text cut to a column's length in code points (MariaDB's VARCHAR(n) counts those). */
export function fitText(value: string | null, max: number): string | null {
  if (value === null) return null;
  const points = Array.from(value);
  return points.length <= max ? value : points.slice(0, max).join('');
}
