import { LIMITS } from '@bdc/contracts';
import { exceedsJsonDepth } from '../common/json-body-parser';
import { LegacyError } from './legacy-envelope';

/** The request's parameters: the query string, overlaid by the body (PHP's `$_POST ?? $_GET`). */
export type LegacyParams = Readonly<Record<string, unknown>>;

/** REST field names (camelCase) as BDC IMS clients name them. */
const SNAKE_NAMES: Record<string, string> = {
  targetServerUuid: 'target_server_uuid',
  ticketType: 'ticket_type',
  componentType: 'component_type',
  componentUuid: 'component_uuid',
  componentSerial: 'component_serial',
  currentValue: 'current_value',
  requestedValue: 'requested_value',
  scheduledDate: 'scheduled_date',
  estimatedDuration: 'estimated_duration',
  assigneeId: 'assigned_to',
  reason: 'rejection_reason',
  refreshToken: 'refresh_token',
  pageSize: 'limit',
  q: 'search',
  internal: 'is_internal',
};

export function snakeField(field: string): string {
  return SNAKE_NAMES[field] ?? field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Keys that must never become properties (the parsers drop them too). */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function text(params: LegacyParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A field whose value is passed on as given (the DTO validates it), with `''` treated as absent like PHP's `empty()`. */
export function given(params: LegacyParams, name: string): unknown {
  const value = params[name];
  return value === '' || value === null ? undefined : value;
}

/** `'true'`, `'1'`, `true`, `1` (what BDC IMS compared against); everything else is false. */
export function flag(params: LegacyParams, name: string): boolean {
  const value = params[name];
  return value === true || value === 1 || value === 'true' || value === '1';
}

/** A positive integer id from a form field or JSON, or undefined when it is not one. */
export function idOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= LIMITS.idMax) return value;
  if (typeof value === 'string' && /^\d{1,10}$/.test(value.trim())) {
    const n = Number(value.trim());
    return n > 0 && n <= LIMITS.idMax ? n : undefined;
  }
  return undefined;
}

export function requireTicketId(params: LegacyParams): number {
  const id = idOf(params['ticket_id']);
  if (id === undefined) throw new LegacyError(400, 'ticket_id is required and must be numeric');
  return id;
}

/**
 * `items` as BDC IMS clients send it: a JSON string inside a form field (the guide's curl example),
 * or an array (JSON bodies); a single object is a list of one. The JSON depth limit of the body
 * parser applies to the string too, before it is parsed.
 */
export function itemsOf(params: LegacyParams): unknown[] | undefined {
  let value = params['items'];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') {
    if (exceedsJsonDepth(value, LIMITS.jsonDepthMax)) {
      throw new LegacyError(400, 'Validation failed', { errors: [`items must be nested at most ${LIMITS.jsonDepthMax} levels deep`] });
    }
    try {
      value = JSON.parse(value) as unknown;
    } catch (error) {
      const reason = error instanceof SyntaxError ? 'Syntax error' : 'Invalid JSON';
      throw new LegacyError(400, `Invalid JSON format for items: ${reason}`);
    }
  }
  if (Array.isArray(value)) return value.map(itemOf);
  if (typeof value === 'object' && value !== null) return [itemOf(value)];
  throw new LegacyError(400, 'items must be an array');
}

const ITEM_FIELDS: Record<string, string> = {
  action: 'action',
  component_type: 'componentType',
  component_uuid: 'componentUuid',
  component_serial: 'componentSerial',
  serial_number: 'componentSerial',
  quantity: 'quantity',
  specifications: 'specifications',
  current_value: 'currentValue',
  requested_value: 'requestedValue',
};
const ITEM_CAMEL = new Set(Object.values(ITEM_FIELDS));

/**
 * One item, snake_case (or camelCase) → the REST item. Fields BDC IMS computed itself
 * (component_name, component_specs, is_validated, …) are dropped: the product computes its own.
 * Anything else is kept under its name so that the REST validation refuses it by name.
 */
function itemOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const mapped = ITEM_FIELDS[key] ?? (ITEM_CAMEL.has(key) ? key : undefined);
    if (mapped) out[mapped] = mapped === 'quantity' && typeof field === 'string' && /^\d{1,6}$/.test(field) ? Number(field) : field;
    else if (!BDC_COMPUTED_ITEM_FIELDS.has(key)) out[key] = field;
  }
  return out;
}

const BDC_COMPUTED_ITEM_FIELDS = new Set(['id', 'ticket_id', 'component_name', 'component_specs', 'is_validated', 'is_compatible', 'compatibility_notes', 'created_at', 'updated_at']);

/**
 * BDC IMS compared `created_at` with the text given (`2026-11-28` or `2026-11-28 10:00:00`, UTC like
 * its timestamps): the same instants as ISO 8601; anything else goes on as given and fails validation.
 */
export function bdcDateTime(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const match = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?$/.exec(value.trim());
  if (!match) return value;
  const time = match[2] ?? '00:00:00';
  return `${match[1]}T${time.length === 5 ? `${time}:00` : time}Z`;
}

/** Form fields are strings: a whole number in one is the number (anything else is validated as given). */
export function numeric(value: unknown): unknown {
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
}
