/**
 * fast-check arbitraries for fuzz.int-spec.ts: request bodies and query strings that mix values the
 * API should accept with hostile ones (wrong types, huge or odd strings, bad dates, deep nesting,
 * extra fields, out-of-range numbers).
 *
 * Hostile values come in named classes so that a known class of failure can be left out while a
 * harness is being finished (`FUZZ_EXCLUDE=dates,nesting` — see HOSTILE_CLASSES); nothing is left out
 * unless that variable says so, and CI never sets it.
 */
import fc from 'fast-check';
import {
  ACCESS_AUDIT_ACTIONS,
  AUTH_EVENT_KINDS,
  CATALOG_SORT_FIELDS,
  CATALOG_STATUSES,
  COMPONENT_SORTS,
  COMPONENT_TYPES,
  REMOVAL_DESTINATIONS,
  ITEM_ACTIONS,
  NOTIFICATION_EVENTS,
  SERVER_STATUSES,
  SORT_FIELDS,
  STOCK_STATUSES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
} from '@bdc/contracts';
import { MODEL, SERVER } from './factories';

export const HOSTILE_CLASSES = ['types', 'strings', 'long', 'unicode', 'dates', 'numbers', 'nesting', 'extra'] as const;
export type HostileClass = (typeof HOSTILE_CLASSES)[number];

const excluded = new Set(
  (process.env.FUZZ_EXCLUDE ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== ''),
);
for (const name of excluded) {
  if (!(HOSTILE_CLASSES as readonly string[]).includes(name)) throw new Error(`FUZZ_EXCLUDE: unknown class ${name} (known: ${HOSTILE_CLASSES.join(', ')})`);
}
export const excludedClasses = (): string[] => [...excluded];
const on = (name: HostileClass) => !excluded.has(name);

/** Arrays and objects nested `depth` levels: recursion in a transformer or validator shows here. */
const nested = (depth: number, kind: 'array' | 'object'): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
};

const BAD_DATES = [
  '2026-W05',
  '2026-W05-3',
  '2026-02-30T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-001',
  '2026-366',
  '0000-00-00',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2026-06-01T25:00:00Z',
  '2026-06-01T10:00:00+25:00',
  '2026-06-01T10:00:00.123456789Z',
  '2026-06-01 10:00',
  '20260601T100000Z',
  '2026',
  '2026-06',
];

const ODD_STRINGS = ['', ' ', '   \t\n', 'null', 'undefined', 'true', '[]', '{}', '%', '_', '%_%', '\\', "'", '"', "' OR 1=1 --", '; DROP TABLE tickets; --', '../../etc/passwd', '<script>alert(1)</script>', '${7*7}', 'me', 'none'];
const UNICODE_STRINGS = ['\u0000', 'a\u0000b', '\u0007\u001b[31m', '\u202eevil', '\ufeff', '\ud800', 'x\udc00y', '🦄'.repeat(64), 'é'.repeat(300), '\u{10ffff}', 'ǅ', 'İ', 'ß'];
const ODD_NUMBERS = [0, -1, -0.5, 0.5, 1.5, 64, 65, 2 ** 31, 2 ** 31 - 1, 2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 1e21, 1e308, -1e308, Number.MIN_VALUE];
const LONG_LENGTHS = [101, 201, 256, 1_001, 2_001, 5_001, 10_001, 65_536, 200_000];

/** A value that should be refused somewhere: the class of failure it belongs to is in its name. */
export function hostile(): fc.Arbitrary<unknown> {
  const choices: fc.Arbitrary<unknown>[] = [];
  if (on('types')) choices.push(fc.constantFrom<unknown>(null, true, false, [], {}, [1, 'a', null], { value: 1 }));
  if (on('strings')) choices.push(fc.constantFrom(...ODD_STRINGS), fc.string({ maxLength: 40 }));
  if (on('unicode')) choices.push(fc.constantFrom(...UNICODE_STRINGS), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
  if (on('long')) {
    choices.push(
      fc.tuple(fc.constantFrom(...LONG_LENGTHS), fc.constantFrom('x', 'é', '€', '🦄', '%')).map(([n, c]) => c.repeat(c.length > 1 ? Math.ceil(n / 2) : n)),
    );
  }
  if (on('dates')) choices.push(fc.constantFrom(...BAD_DATES));
  if (on('numbers')) choices.push(fc.constantFrom(...ODD_NUMBERS), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
  if (on('nesting')) choices.push(fc.tuple(fc.constantFrom(2, 64, 500, 1_500), fc.constantFrom<'array' | 'object'>('array', 'object')).map(([d, k]) => nested(d, k)));
  return choices.length > 0 ? fc.oneof(...choices) : fc.constant(null);
}

/** One property of a body: what a valid-looking value is, and whether it may be left out. */
export interface FieldSpec {
  valid: fc.Arbitrary<unknown>;
  optional?: boolean;
}

/** A body shape: valid-looking bodies, and mixed or hostile ones, from the same field list. */
export interface Shape {
  /** Every field valid-looking (optional ones present or not): these reach the services. */
  valid: fc.Arbitrary<Record<string, unknown>>;
  /** The generator's mix: valid, one hostile field, many hostile fields, not an object at all. */
  any: fc.Arbitrary<unknown>;
}

const absentOr = (arb: fc.Arbitrary<unknown>, optional: boolean | undefined) =>
  optional ? fc.oneof({ weight: 3, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(undefined) }) : arb;

/** Mostly a valid-looking value, sometimes a hostile one, sometimes absent (undefined: dropped by JSON). */
function mixed({ valid, optional }: FieldSpec): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: valid },
    { weight: 2, arbitrary: hostile() },
    // Absent: the usual case of an optional field, a hostile one of a required field.
    { weight: optional ? 2 : 1, arbitrary: fc.constant(undefined) },
  );
}

/** Extra properties the DTOs do not declare (they must be refused by name, not ignored or stored). */
function extraFields(): fc.Arbitrary<Record<string, unknown>> {
  if (!on('extra')) return fc.constant({});
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant({}) },
    { weight: 2, arbitrary: fc.dictionary(fc.constantFrom('id', 'status', 'createdBy', 'ticketNumber', 'isAdmin', 'role', 'constructor', 'toString', 'x'), hostile(), { maxKeys: 2 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), hostile(), { maxKeys: 3 }) },
  );
}

export function shape(fields: Record<string, FieldSpec>): Shape {
  const names = Object.keys(fields);
  const valid = fc.record(Object.fromEntries(names.map((k) => [k, absentOr(fields[k]?.valid ?? fc.constant(undefined), fields[k]?.optional)])));
  // One field hostile (or missing), the rest valid: the value under test gets past every other check.
  const oneHostile = names.length === 0 ? valid : fc.tuple(valid, fc.constantFrom(...names), fc.oneof(hostile(), fc.constant(undefined))).map(([body, name, bad]) => ({ ...body, [name]: bad }));
  const many = fc.tuple(fc.record(Object.fromEntries(names.map((k) => [k, mixed(fields[k] ?? { valid: fc.constant(undefined) })]))), extraFields()).map(([known, extra]) => ({ ...extra, ...known }));
  const any = fc.oneof({ weight: 4, arbitrary: valid }, { weight: 5, arbitrary: oneHostile }, { weight: 4, arbitrary: many }, { weight: 1, arbitrary: hostile() });
  return { valid, any };
}

// ---- valid-looking values ---------------------------------------------------------------------------

export const serverUuid = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...Object.values(SERVER)) }, { weight: 1, arbitrary: fc.uuid() });
export const modelUuid = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...Object.values(MODEL)) }, { weight: 1, arbitrary: fc.uuid() });
// At least one character that survives trimming: a blank title is refused, rightly, but says nothing new.
const shortText = fc.string({ minLength: 1, maxLength: 60 }).map((s) => (s.trim() === '' ? `t${s}` : s));
const goodDate = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());

const item = shape({
  action: { valid: fc.constantFrom(...ITEM_ACTIONS) },
  componentType: { valid: fc.constantFrom(...COMPONENT_TYPES) },
  componentUuid: { valid: modelUuid, optional: true },
  componentSerial: { valid: fc.string({ maxLength: 20 }), optional: true },
  quantity: { valid: fc.integer({ min: 1, max: 4 }) },
  specifications: { valid: fc.constantFrom({ setting: 'bios_profile' }, { setting: 'raid_level' }, {}), optional: true },
  currentValue: { valid: fc.constantFrom('performance', 'balanced', 'RAID1'), optional: true },
  requestedValue: { valid: fc.constantFrom('performance', 'balanced', 'RAID5', MODEL.ramSamsung64), optional: true },
});
const items: FieldSpec = {
  valid: fc.array(item.valid, { minLength: 1, maxLength: 3 }),
  // Mixed lists, and lists around the 50-item limit.
  optional: false,
};
const hostileItems = fc.oneof({ weight: 8, arbitrary: fc.array(item.any, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.array(item.valid, { minLength: 49, maxLength: 52 }) });

const ticketFields: Record<string, FieldSpec> = {
  title: { valid: shortText },
  description: { valid: fc.string({ maxLength: 200 }) },
  ticketType: { valid: fc.constantFrom(...TICKET_TYPES) },
  priority: { valid: fc.constantFrom(...TICKET_PRIORITIES) },
  targetServerUuid: { valid: serverUuid },
  items: { ...items, valid: fc.oneof({ weight: 3, arbitrary: items.valid }, { weight: 2, arbitrary: hostileItems }) },
  scheduledDate: { valid: fc.oneof(goodDate, fc.constant(null)), optional: true },
  estimatedDuration: { valid: fc.oneof(fc.integer({ min: 1, max: 600 }), fc.constant(null)), optional: true },
};
/** PATCH and resubmit: every field may be left out. */
const optionalTicketFields = Object.fromEntries(Object.entries(ticketFields).map(([k, f]) => [k, { ...f, optional: true }]));
const comment: FieldSpec = { valid: fc.string({ maxLength: 200 }), optional: true };

const day = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const nullable = (arb: fc.Arbitrary<unknown>) => fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) });
const unitSerial = fc.string({ minLength: 1, maxLength: 24 }).map((s) => `FZ-${s.trim() || 'x'}`);
const CSV_SAMPLES = [
  `component_type,model_uuid,serial_number\nram,${MODEL.ramSamsung32},FZ-CSV-1`,
  `component_type,model_uuid,serial_number,location,warranty_end_date\nnic,${MODEL.nicConnectX6Lx},FZ-CSV-2,Shelf,2030-01-01\nnic,${MODEL.nicConnectX6Lx},FZ-CSV-2,,`,
  `component_type,model_uuid,serial_number\ncpu,${MODEL.ramSamsung32},FZ-CSV-3`,
  'serial_number\nX',
  '"unterminated,quote\n',
  '',
];
const unitFields: Record<string, FieldSpec> = {
  location: { valid: nullable(fc.constantFrom('Shelf 1', 'Cage 2', 'FRA1 store')), optional: true },
  purchaseDate: { valid: nullable(day), optional: true },
  warrantyEndDate: { valid: nullable(day), optional: true },
  notes: { valid: nullable(fc.string({ maxLength: 80 })), optional: true },
  flag: { valid: nullable(fc.constantFrom('checked', 'RMA')), optional: true },
};
const serverFields: Record<string, FieldSpec> = {
  description: { valid: nullable(fc.string({ maxLength: 80 })), optional: true },
  status: { valid: fc.constantFrom(...SERVER_STATUSES), optional: true },
  location: { valid: nullable(fc.constantFrom('FRA1 Hall A', 'AMS2')), optional: true },
  rack: { valid: nullable(fc.constantFrom('A01', 'B12', 'R-7')), optional: true },
  rackUnit: { valid: nullable(fc.integer({ min: 1, max: 48 })), optional: true },
  powerBudgetWatts: { valid: nullable(fc.integer({ min: 100, max: 3000 })), optional: true },
  notes: { valid: nullable(fc.string({ maxLength: 80 })), optional: true },
};
const itemId = fc.integer({ min: 1, max: 40 });
/** Catalog specs: valid ones per type, and near misses (a wrong type, a missing key, vendor extras). */
const catalogSpecs = fc.constantFrom<Record<string, unknown>>(
  { socket: 'SP5', cores: 16, tdp_W: 200, memory_types: ['DDR5'] },
  { socket: 'LGA 4677', cores: '16', tdp_W: '200W', memory_types: 'DDR5' },
  { memory_type: 'DDR5', module_type: 'RDIMM', capacity_GB: 32, speed_MTs: 4800, vendor: { rank: '2Rx8', list: [1, 2] } },
  { interface: 'NVMe', form_factor: 'U.2', capacity_GB: 3840 },
  { form_factor: '2U', drive_bays: 8, bays: [{ size: '2.5"', type: 'SAS/SATA', count: 8 }], backplane: ['SAS', 'SATA'] },
  { form_factor: '2U', drive_bays: 8, bays: [{ size: '5.25"', type: 'IDE', count: -1 }, 'x'] },
  { socket: 'LGA4677', cpu_sockets: 2, form_factor: 'EATX', memory_type: 'DDR5', memory_slots: 16, pcie_slots: [{ size: 'x16', lanes: 16, generation: 5, count: 4 }] },
  { kind: 'card', port_type: 'SFP28', speed_Gbps: 25 },
  { slot_size: 'x16' },
  { protocol: 'tri-mode' },
  { form_factor: '3.5"', bay_type: 'universal' },
  {},
);
const catalogFields: Record<string, FieldSpec> = {
  componentType: { valid: fc.constantFrom(...COMPONENT_TYPES) },
  brand: { valid: fc.constantFrom('Intel', 'AMD', 'Fuzz') },
  model: { valid: shortText },
  series: { valid: fc.oneof(shortText, fc.constant(null)), optional: true },
  family: { valid: fc.oneof(shortText, fc.constant(null)), optional: true },
  specifications: { valid: catalogSpecs },
};

/** Type and specs that belong together, so that creation gets past the schema and writes. */
const validModel = fc
  .constantFrom<[string, Record<string, unknown>]>(
    ['cpu', { socket: 'SP5', cores: 16, tdp_W: 200, memory_types: ['DDR5'], vendor: { stepping: 'B1' } }],
    ['ram', { memory_type: 'DDR5', module_type: 'RDIMM', capacity_GB: 32, speed_MTs: 4800 }],
    ['storage', { interface: 'nvme', form_factor: 'u.2', capacity_GB: 3840 }],
    ['caddy', { form_factor: '2.5"' }],
    ['hbacard', { protocol: 'SAS', slot_size: 'x8' }],
  )
  .chain(([componentType, specifications]) =>
    fc.record({ componentType: fc.constant(componentType), brand: fc.constantFrom('Fuzz', 'AMD'), model: shortText, specifications: fc.constant(specifications) }),
  );

export const BODIES = {
  createCatalogModel: fc.oneof(
    { weight: 1, arbitrary: validModel },
    { weight: 3, arbitrary: shape({ ...catalogFields, uuid: { valid: fc.oneof(fc.uuid(), modelUuid), optional: true } }).any },
  ),
  updateCatalogModel: shape(Object.fromEntries(Object.entries(catalogFields).filter(([k]) => k !== 'componentType').map(([k, f]) => [k, { ...f, optional: true }]))).any,
  /** The import route takes multipart only: any JSON body must be refused with a 400. */
  catalogImport: shape({ file: { valid: fc.constant('[]') }, dryRun: { valid: fc.boolean(), optional: true } }).any,
  /** The upload route takes multipart only: any JSON body must be refused with a 400. */
  attachmentUpload: shape({ file: { valid: fc.constant('%PDF-1.4') }, commentId: { valid: fc.integer({ min: 1, max: 9 }), optional: true } }).any,
  createTicket: shape({ ...ticketFields, draft: { valid: fc.boolean(), optional: true } }).any,
  updateTicket: shape(optionalTicketFields).any,
  resubmit: shape({ ...optionalTicketFields, comment }).any,
  validateItems: shape({ targetServerUuid: { valid: serverUuid }, items: ticketFields.items ?? items }).any,
  candidates: shape({ componentType: { valid: fc.constantFrom(...COMPONENT_TYPES) }, items: { ...(ticketFields.items ?? items), optional: true } }).any,
  actionComment: shape({ comment }).any,
  reject: shape({ reason: { valid: shortText } }).any,
  assign: fc.oneof(
    shape({ assigneeId: { valid: fc.integer({ min: 1, max: 8 }) }, comment }).any,
    // Role queues: a role name (or one that does not exist), sometimes beside an assignee (400).
    shape({ role: { valid: fc.constantFrom('technician', 'manager', 'viewer', 'nosuchrole') }, assigneeId: { valid: fc.integer({ min: 1, max: 8 }), optional: true }, comment }).any,
  ),
  notes: shape({ notes: { valid: fc.string({ maxLength: 200 }), optional: true } }).any,
  deploy: shape({
    notes: { valid: fc.string({ maxLength: 200 }), optional: true },
    removals: { valid: fc.array(shape({ itemId: { valid: itemId }, destination: { valid: fc.constantFrom(...REMOVAL_DESTINATIONS) } }).any, { maxLength: 3 }), optional: true },
    placements: { valid: fc.array(shape({ itemId: { valid: itemId }, slot: { valid: fc.constantFrom('CPU2', 'DIMM B1', 'Bay 5', 'PCIe slot 3', 'M.2 slot 1') } }).any, { maxLength: 3 }), optional: true },
  }).any,
  receiveUnits: shape({
    componentType: { valid: fc.constantFrom(...COMPONENT_TYPES) },
    uuid: { valid: modelUuid },
    serialNumber: { valid: unitSerial, optional: true },
    serials: { valid: fc.array(unitSerial, { minLength: 1, maxLength: 4 }), optional: true },
    ...unitFields,
  }).any,
  updateUnit: shape(unitFields).any,
  unitStatus: shape({ reason: { valid: shortText } }).any,
  importCsv: shape({ csv: { valid: fc.constantFrom(...CSV_SAMPLES) } }).any,
  createServer: shape({ name: { valid: shortText }, ...serverFields }).any,
  updateServer: shape({ name: { valid: shortText, optional: true }, ...serverFields }).any,
  decommission: shape({ reason: { valid: shortText, optional: true } }).any,
  installUnit: shape({
    unitId: { valid: fc.integer({ min: 1, max: 300 }), optional: true },
    serialNumber: { valid: unitSerial, optional: true },
    componentType: { valid: fc.constantFrom(...COMPONENT_TYPES), optional: true },
    slot: { valid: fc.constantFrom('CPU2', 'DIMM B1', 'Bay 5', 'PCIe slot 3', 'M.2 slot 1'), optional: true },
    note: { valid: shortText, optional: true },
  }).any,
  addComment: shape({ comment: { valid: shortText }, internal: { valid: fc.boolean(), optional: true } }).any,
  editComment: shape({ comment: { valid: shortText } }).any,
  login: shape({ username: { valid: fc.constantFrom('admin', 'requester', 'nobody', 'ADMIN', ' admin ') }, password: { valid: fc.constantFrom('demo', 'wrong') } }).any,
  refresh: shape({ refreshToken: { valid: fc.string({ minLength: 1, maxLength: 60 }) } }).any,
  saveFilter: shape({
    name: { valid: fc.constantFrom('Urgent', 'Mine', 'x'.repeat(100), 'Überfällig') },
    query: { valid: fc.constantFrom('status=pending', '?priority=high&page=3', 'q=TKT-&sort=-createdAt', 'unknown=1', '') },
  }).any,
  createApiToken: shape({
    name: { valid: shortText },
    expiresInDays: { valid: fc.integer({ min: 1, max: 365 }), optional: true },
    expiresAt: { valid: goodDate, optional: true },
    permissions: { valid: fc.subarray(['ticket.view_own', 'ticket.create', 'ticket.view_all', 'user.manage', 'ticket.delete']), optional: true },
  }).any,
  // The fuzz's callers must keep their password (their sessions would end): the current password is
  // never the right one, so every answer is a refusal that must name its field and change nothing.
  changePassword: shape({
    currentPassword: { valid: fc.constantFrom('wrong', 'not-the-password', 'DEMO') },
    newPassword: { valid: fc.oneof(fc.constantFrom('violet-kettle-morning', 'password123', 'short', 'admin'), fc.string({ minLength: 1, maxLength: 40 })) },
  }).any,
  resetPassword: shape({ newPassword: { valid: fc.oneof(fc.constantFrom('violet-kettle-morning', 'password123', 'short'), fc.string({ minLength: 1, maxLength: 40 })) } }).any,
  userPermissions: shape({
    grants: { valid: fc.subarray(['ticket.view_all', 'ticket.create', 'user.manage', 'server.view']) },
    denials: { valid: fc.subarray(['ticket.view_all', 'ticket.deploy', 'user.manage', 'inventory.view']) },
  }).any,
  createUser: shape({
    username: { valid: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9._-]{2,20}$/), fc.constantFrom('admin', 'requester')) },
    email: { valid: fc.constantFrom('new@example.test', 'not-an-email') },
    firstName: { valid: shortText },
    lastName: { valid: shortText },
    password: { valid: fc.constantFrom('violet-kettle-morning', 'password123', 'short') },
    roles: { valid: fc.constantFrom([], ['viewer'], ['technician', 'viewer'], ['nosuchrole']) },
  }).any,
  updateUser: shape({
    email: { valid: fc.constantFrom('changed@example.test', 'not-an-email'), optional: true },
    firstName: { valid: shortText, optional: true },
    lastName: { valid: shortText, optional: true },
    roles: { valid: fc.constantFrom(['admin'], ['admin', 'viewer'], [], ['nosuchrole']), optional: true },
  }).any,
  createRole: shape({
    name: { valid: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_]{2,20}$/), fc.constantFrom('admin', 'Bad Name')) },
    displayName: { valid: shortText },
    description: { valid: fc.oneof(fc.constant(null), shortText), optional: true },
    permissions: { valid: fc.subarray(['ticket.view_all', 'ticket.comment', 'user.manage', 'server.view']) },
  }).any,
  updateRole: shape({
    displayName: { valid: shortText, optional: true },
    description: { valid: fc.oneof(fc.constant(null), shortText), optional: true },
    permissions: { valid: fc.subarray(['ticket.view_all', 'ticket.comment', 'user.manage', 'server.view']), optional: true },
  }).any,
  logout: shape({ refreshToken: { valid: fc.string({ minLength: 1, maxLength: 60 }), optional: true } }).any,
  notificationPreferences: shape({
    items: { valid: fc.array(fc.record({ event: fc.constantFrom(...NOTIFICATION_EVENTS, 'nope', 'Comment'), email: fc.oneof(fc.boolean(), fc.constant('false')) }), { maxLength: 4 }) },
  }).any,
};

// ---- the BDC IMS action API (/api/api.php) ---------------------------------------------------------

/** Every action but auth-logout (it would end the fuzzing callers' sessions), and some that do not exist. */
const LEGACY_ACTIONS = [
  'auth-login', 'auth-refresh', 'auth-verify_token', 'auth-register', 'ticket-create', 'ticket-list', 'ticket-get', 'ticket-update', 'ticket-approve', 'ticket-reject',
  'ticket-assign', 'ticket-start', 'ticket-deploy', 'ticket-complete', 'ticket-rollback', 'ticket-cancel', 'ticket-add-comment', 'ticket-validate-items', 'ticket-delete',
  'ticket-frobnicate', 'ticket-', 'ticket', 'server-list', '', '-',
] as const;
const legacyItem = shape({
  action: { valid: fc.constantFrom(...ITEM_ACTIONS) },
  component_type: { valid: fc.constantFrom(...COMPONENT_TYPES) },
  component_uuid: { valid: modelUuid, optional: true },
  quantity: { valid: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constantFrom('1', '2')) },
});
const legacyItems = fc.oneof(
  { weight: 3, arbitrary: fc.array(legacyItem.valid, { minLength: 1, maxLength: 3 }).map((list) => JSON.stringify(list)) },
  { weight: 2, arbitrary: fc.array(legacyItem.any, { maxLength: 3 }) },
  { weight: 1, arbitrary: legacyItem.valid },
  { weight: 1, arbitrary: fc.constantFrom('{bad', '[]', '"x"', '1', `${'['.repeat(40)}${']'.repeat(40)}`) },
);
const legacyId = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }).map(String), fc.constantFrom('abc', '0', '-1', '1.5', ''));
const legacyFields: Record<string, FieldSpec> = {
  action: { valid: fc.constantFrom(...LEGACY_ACTIONS) },
  ticket_id: { valid: legacyId, optional: true },
  status: { valid: fc.constantFrom(...TICKET_STATUSES, 'bogus'), optional: true },
  title: { valid: shortText, optional: true },
  description: { valid: fc.string({ maxLength: 100 }), optional: true },
  priority: { valid: fc.constantFrom(...TICKET_PRIORITIES, 'medium', 'urgent'), optional: true },
  ticket_type: { valid: fc.constantFrom(...TICKET_TYPES), optional: true },
  target_server_uuid: { valid: serverUuid, optional: true },
  items: { valid: legacyItems, optional: true },
  assigned_to: { valid: legacyId, optional: true },
  assigned_to_role: { valid: legacyId, optional: true },
  rejection_reason: { valid: shortText, optional: true },
  reason: { valid: shortText, optional: true },
  deployment_notes: { valid: fc.string({ maxLength: 60 }), optional: true },
  completion_notes: { valid: fc.string({ maxLength: 60 }), optional: true },
  comment: { valid: shortText, optional: true },
  is_internal: { valid: fc.constantFrom('true', '1', '0', true), optional: true },
  hard_delete: { valid: fc.constantFrom('true', 'false'), optional: true },
  draft: { valid: fc.constantFrom('true', '0'), optional: true },
  search: { valid: fc.constantFrom('memory', 'TKT-', '%'), optional: true },
  page: { valid: fc.constantFrom('1', '2', '0', '-1', 'x'), optional: true },
  limit: { valid: fc.constantFrom('1', '20', '500', '0', 'x'), optional: true },
  order_by: { valid: fc.constantFrom('id', 'title', 'priority', 'created_at', 'bogus'), optional: true },
  order_dir: { valid: fc.constantFrom('ASC', 'DESC', 'x'), optional: true },
  include_history: { valid: fc.constantFrom('true', '1'), optional: true },
  created_from: { valid: fc.constantFrom('2026-01-01', '2026-12-01 10:00:00', 'yesterday'), optional: true },
  created_to: { valid: fc.constantFrom('2030-01-01', '2026-12-01T10:00', ''), optional: true },
  include_comments: { valid: fc.constantFrom('true', '1'), optional: true },
  my_tickets: { valid: fc.constantFrom('true', '1'), optional: true },
  username: { valid: fc.constantFrom('admin', 'nobody', ''), optional: true },
  password: { valid: fc.constantFrom('demo', 'wrong', ''), optional: true },
  refresh_token: { valid: fc.string({ maxLength: 64 }), optional: true },
};
/** A POST body of the action API (sent as JSON by the fuzzer; forms parse into the same params). */
export const LEGACY_BODY = shape(legacyFields).any;

// ---- query strings -----------------------------------------------------------------------------------

/** A query parameter's values as sent: strings (repeated keys when several). */
function param(valid: fc.Arbitrary<string>): fc.Arbitrary<string[] | undefined> {
  const hostileText = hostile().map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? ''));
  const one = fc.oneof({ weight: 5, arbitrary: valid }, { weight: 2, arbitrary: hostileText }, { weight: 1, arbitrary: on('numbers') ? fc.constantFrom('99999999999999999999', '1e309', '1e3', '-0', '0x10', '0', '-1', '1.5', 'NaN', 'Infinity', '9007199254740993') : fc.constant('1') });
  return fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 6, arbitrary: fc.array(one, { minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: fc.array(one, { minLength: 2, maxLength: 3 }) });
}

export type QueryValues = Record<string, string[] | undefined>;

function query(params: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<QueryValues> {
  const record = fc.record(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, param(v)])));
  const extra = on('extra')
    ? fc.oneof({ weight: 5, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('x', 'page[]', 'sort[0]', '__proto__', 'constructor', 'limit', 'offset'), param(fc.constant('1')), { maxKeys: 2 }) })
    : fc.constant({});
  return fc.tuple(record, extra).map(([known, more]) => ({ ...more, ...known }));
}

const pageParams = { page: fc.integer({ min: 1, max: 30 }).map(String), pageSize: fc.integer({ min: 1, max: 100 }).map(String) };
const list = <T extends string>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 }).map((v) => v.join(','));

export const QUERIES = {
  tickets: query({
    ...pageParams,
    status: list(TICKET_STATUSES),
    priority: list(TICKET_PRIORITIES),
    ticketType: list(TICKET_TYPES),
    assignedTo: fc.constantFrom('me', 'none', '1', '4', '5'),
    createdBy: fc.constantFrom('me', '1', '6'),
    server: serverUuid,
    conflicts: fc.constantFrom('true', 'false'),
    queue: fc.constantFrom('mine', 'technician', 'manager', 'nosuchrole'),
    createdFrom: goodDate,
    createdTo: goodDate,
    scheduledFrom: goodDate,
    scheduledTo: goodDate,
    completedFrom: goodDate,
    completedTo: goodDate,
    transition: fc.constantFrom('approved', 'rejected', 'deployed', 'rolled_back'),
    transitionFrom: goodDate,
    transitionTo: goodDate,
    q: fc.constantFrom('memory', 'TKT-', 'Add', 'a', 'TKT-2026', 'mem dis', '"+*-~<>()@', 'k8s%node'),
    sort: fc.constantFrom(...SORT_FIELDS, ...SORT_FIELDS.map((f) => `-${f}`)),
    // Keyset cursors: well-formed for some sort (a 400 when it is not the request's), and malformed ones.
    cursor: fc.oneof(
      fc.record({ s: fc.constantFrom(...SORT_FIELDS, ...SORT_FIELDS.map((f) => `-${f}`)), v: fc.oneof(fc.constant(null), fc.integer({ min: -1, max: 5 }), fc.constantFrom('2026-01-01 00:00:00.000', 'x', "'; --")), i: fc.integer({ min: -1, max: 100 }) }).map((c) => Buffer.from(JSON.stringify(c)).toString('base64url')),
      fc.constantFrom('garbage!', 'e30', 'W10', 'bnVsbA', ''),
    ),
  }),
  dashboard: query({
    from: goodDate,
    to: goodDate,
    server: serverUuid,
    ticketType: fc.constantFrom(...TICKET_TYPES),
  }),
  components: query({
    ...pageParams,
    type: fc.constantFrom(...COMPONENT_TYPES),
    model: modelUuid,
    status: fc.constantFrom(...STOCK_STATUSES),
    serverUuid,
    location: fc.constantFrom('FRA1 Hall A', 'Shelf 1'),
    warrantyBefore: day,
    warrantyWithinDays: fc.integer({ min: 0, max: 4000 }).map(String),
    q: fc.constantFrom('TSN', 'Samsung', MODEL.ramSamsung32),
    sort: fc.constantFrom(...COMPONENT_SORTS),
  }),
  componentsExport: query({ type: fc.constantFrom(...COMPONENT_TYPES), status: fc.constantFrom(...STOCK_STATUSES), serverUuid, warrantyWithinDays: fc.integer({ min: 0, max: 4000 }).map(String), q: fc.constantFrom('TSN', 'Samsung') }),
  importCsv: query({ dryRun: fc.constantFrom('true', 'false') }),
  paged: query(pageParams),
  removeUnit: query({ destination: fc.constantFrom(...REMOVAL_DESTINATIONS), note: fc.constantFrom('reseat', 'RMA') }),
  servers: query({ q: fc.constantFrom('prod', 'web', SERVER.webProd01), status: fc.constantFrom(...SERVER_STATUSES) }),
  catalog: query({
    ...pageParams,
    type: fc.constantFrom(...COMPONENT_TYPES),
    brand: fc.constantFrom('Intel', 'amd', 'Samsung'),
    q: fc.constantFrom('Xeon', 'Samsung', MODEL.cpuEpyc9124),
    status: fc.constantFrom(...CATALOG_STATUSES, 'all'),
    sort: fc.constantFrom(...CATALOG_SORT_FIELDS, ...CATALOG_SORT_FIELDS.map((f) => `-${f}`)),
  }),
  notifications: query({ ...pageParams, unread: fc.constantFrom('true', 'false', 'yes') }),
  mentionable: query({ ticketId: fc.constantFrom('1', '2', '5', '0', 'x', '987654', '-1'), q: fc.constantFrom('', 'a', 'tech', 'Ri', '@', 'x'.repeat(31)), internal: fc.constantFrom('true', 'false') }),
  authEvents: query({ ...pageParams, username: fc.constantFrom('admin', 'requester', 'nobody', 'ADMIN'), event: fc.constantFrom(...AUTH_EVENT_KINDS) }),
  accessAudit: query({ ...pageParams, action: fc.constantFrom(...ACCESS_AUDIT_ACTIONS, 'nope'), targetType: fc.constantFrom('user', 'role', 'x'), targetId: fc.integer({ min: -1, max: 9 }).map(String), actorId: fc.constantFrom('1', '0', 'x') }),
  none: query({}),
  attachmentDownload: query({ inline: fc.constantFrom('1', '0', 'true', 'false') }),
  /** GET /api/api.php: the action and its parameters in the query string, as text. */
  legacy: query({
    action: fc.constantFrom(...LEGACY_ACTIONS),
    ticket_id: fc.integer({ min: 1, max: 40 }).map(String),
    status: fc.constantFrom(...TICKET_STATUSES, 'bogus'),
    priority: fc.constantFrom(...TICKET_PRIORITIES, 'medium', 'urgent'),
    search: fc.constantFrom('memory', 'TKT-', '%'),
    limit: fc.constantFrom('1', '20', '500', 'x'),
    include_history: fc.constantFrom('true', '1'),
    items: fc.constantFrom(`[{"action":"add","component_type":"ram","component_uuid":"${MODEL.ramSamsung32}","quantity":1}]`, '{bad'),
    target_server_uuid: serverUuid,
  }),
};

/** A stock unit id: mostly one that exists (the demo has a few hundred), sometimes not. */
export const unitId = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 300 }).map(String) }, { weight: 1, arbitrary: fc.constant('987654') });

/** A path parameter that is not a usable id: a route must answer it with a 4xx naming the parameter. */
export const junkId = fc
  .oneof(
    fc.constantFrom('0', '-1', 'abc', '1.5', '1e3', '99999999999999999999', '9007199254740993', '999999999999999', ' 1', '0x1f', '١٢٣', '1;DROP TABLE tickets', 'null', '987654'),
    fc.string({ minLength: 1, maxLength: 30 }),
  )
  .map((s) => encodeURIComponent(s));
