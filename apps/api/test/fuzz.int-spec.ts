/**
 * Property-based fuzzing of every route's input (bodies, query strings, path parameters) with
 * fast-check. For any request:
 * - the answer is never 5xx;
 * - a 4xx carries `{code, message}`, and a 400 names the field(s) at fault in `details.fields`;
 * - a 4xx changes nothing: the row count of every table (one UNION ALL over the entity tables) is
 *   the same before and after.
 *
 * Seeded and bounded: FUZZ_SEED (default: from the clock, printed), FUZZ_SECONDS per engine (default
 * 25), FUZZ_RUNS (an upper bound, default 1e6). A failure prints the request, the answer and the
 * replay command (FUZZ_SEED + FUZZ_PATH). The application is stateful, so a replay repeats the
 * request against a fresh database: the request itself is what reproduces the bug.
 * FUZZ_COLLECT=1 keeps going after a failure and lists every distinct one at the end (for triage).
 * FUZZ_EXCLUDE leaves classes of hostile values out (fuzz-arbitraries.ts); CI must not set it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ErrorBody, LegacyEnvelope, TicketDetail, TicketStatus, WorkflowAction } from '@bdc/contracts';
import { PDF, uploadFile } from './attachment-files';
import { describeEachEngine } from './engines';
import { createUser, demoUserId } from './factories';
import { BODIES, excludedClasses, junkId, LEGACY_BODY, modelUuid, QUERIES, serverUuid, unitId, type QueryValues } from './fuzz-arbitraries';
import { createTestApp, type TestApp, type TestResponse } from './harness';
import { nestRoutes } from './route-table';
import { actAll, MODEL, SERVER } from './ticket-helpers';

const SECONDS = Number(process.env.FUZZ_SECONDS ?? 25);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000_000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const PATH = process.env.FUZZ_PATH || undefined;
const COLLECT = process.env.FUZZ_COLLECT === '1';

type Caller = 'admin' | 'manager' | 'tech' | 'requester' | 'anonymous';
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Where a ticket id comes from: a ticket in that status (made on demand), or a junk path segment. */
type TicketRef = { status: TicketStatus } | { junk: string };
type CommentRef = 'own' | { junk: string };

interface RequestSpec {
  route: string;
  caller: Caller;
  ticket?: TicketRef;
  comment?: CommentRef;
  /** An attachment of the fixture ticket ('own') or junk, for the routes under …/attachments/:attachmentId. */
  attachment?: CommentRef;
  server?: string;
  /** A stock unit id (or junk) for /api/components/:id routes. */
  unit?: string;
  /** A catalog model UUID (routes under /api/catalog/:uuid). */
  model?: string;
  query?: QueryValues;
  body?: unknown;
}

/** Stands for the scratch server made in beforeAll (see urlOf). */
const SCRATCH_SERVER = '@scratch';

const STATUSES: TicketStatus[] = ['draft', 'pending', 'approved', 'rejected', 'in_progress', 'deployed', 'completed', 'cancelled'];
const ticketRef: fc.Arbitrary<TicketRef> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...STATUSES).map((status) => ({ status })) },
  { weight: 2, arbitrary: junkId.map((junk) => ({ junk })) },
);
const commentRef: fc.Arbitrary<CommentRef> = fc.oneof({ weight: 3, arbitrary: fc.constant<CommentRef>('own') }, { weight: 1, arbitrary: junkId.map((junk) => ({ junk })) });
// admin reaches the deepest code (it passes every route and most ticket checks); the others see the rest.
const staff = fc.constantFrom<Caller>('admin', 'admin', 'admin', 'manager', 'tech', 'requester');

type SpecParts = { [K in Exclude<keyof RequestSpec, 'route'>]?: fc.Arbitrary<RequestSpec[K]> };
const on = (route: string, parts: SpecParts) => fc.record(parts as Record<string, fc.Arbitrary<unknown>>).map((p) => ({ route, ...p }) as RequestSpec);

/**
 * One generator per route, keyed like the route table: a route without one fails `covers every route`.
 * Weights favour the routes with the most input.
 */
const TARGETS: Record<string, { weight: number; arbitrary: fc.Arbitrary<RequestSpec> }> = {
  'GET /api/health': { weight: 1, arbitrary: on('GET /api/health', { caller: fc.constant('anonymous'), query: QUERIES.none }) },
  'GET /api/health/live': { weight: 1, arbitrary: on('GET /api/health/live', { caller: fc.constant('anonymous'), query: QUERIES.none }) },
  'GET /api/health/ready': { weight: 1, arbitrary: on('GET /api/health/ready', { caller: fc.constant('anonymous'), query: QUERIES.none }) },
  'GET /metrics': { weight: 1, arbitrary: on('GET /metrics', { caller: fc.constantFrom<Caller>('anonymous', 'admin'), query: QUERIES.none }) },
  'POST /api/auth/login': { weight: 1, arbitrary: on('POST /api/auth/login', { caller: fc.constant('anonymous'), body: BODIES.login }) },
  'POST /api/auth/refresh': { weight: 2, arbitrary: on('POST /api/auth/refresh', { caller: fc.constant('anonymous'), body: BODIES.refresh }) },
  // Without a bearer token: logging the fuzzing callers out would end the run's sessions.
  'POST /api/auth/logout': { weight: 2, arbitrary: on('POST /api/auth/logout', { caller: fc.constant('anonymous'), body: BODIES.logout }) },
  'GET /api/auth/me': { weight: 1, arbitrary: on('GET /api/auth/me', { caller: staff, query: QUERIES.none }) },
  'GET /api/auth/sign-in-options': { weight: 1, arbitrary: on('GET /api/auth/sign-in-options', { caller: fc.constant('anonymous'), query: QUERIES.none }) },
  'GET /api/auth/events': { weight: 2, arbitrary: on('GET /api/auth/events', { caller: staff, query: QUERIES.authEvents }) },
  'POST /api/auth/tokens': { weight: 3, arbitrary: on('POST /api/auth/tokens', { caller: staff, body: BODIES.createApiToken }) },
  'POST /api/auth/password': { weight: 2, arbitrary: on('POST /api/auth/password', { caller: staff, body: BODIES.changePassword }) },
  'GET /api/auth/tokens': { weight: 1, arbitrary: on('GET /api/auth/tokens', { caller: staff, query: QUERIES.none }) },
  // Only ids that name no token: revoking nothing must still be explained (404) and change nothing.
  'DELETE /api/auth/tokens/:id': { weight: 1, arbitrary: on('DELETE /api/auth/tokens/:id', { caller: staff, ticket: junkId.map((junk) => ({ junk })) }) },
  // Path ids of real users (1–7) or none (8), and junk.
  'GET /api/users/:id/tokens': {
    weight: 1,
    arbitrary: on('GET /api/users/:id/tokens', { caller: staff, ticket: fc.oneof(fc.integer({ min: 1, max: 8 }).map(String), junkId).map((junk) => ({ junk })) }),
  },
  // Access administration. The fuzz's callers must keep their sessions and grants: the writes go to
  // the admin itself (refused: 409), a user id that does not exist (8) or junk; enabling is harmless.
  'POST /api/users': { weight: 3, arbitrary: on('POST /api/users', { caller: staff, body: BODIES.createUser }) },
  // The admin itself (1), an unknown user (8) and junk: the fuzzing callers keep their roles or get a 409.
  'PATCH /api/users/:id': { weight: 3, arbitrary: on('PATCH /api/users/:id', { caller: staff, ticket: fc.constantFrom('1', '8', '0', 'x').map((junk) => ({ junk })), body: BODIES.updateUser }) },
  'GET /api/roles': { weight: 1, arbitrary: on('GET /api/roles', { caller: staff, query: QUERIES.none }) },
  'POST /api/roles': { weight: 2, arbitrary: on('POST /api/roles', { caller: staff, body: BODIES.createRole }) },
  // Role 1 is built in (super_admin, held by no fuzzing caller); 6 and 7 are the fuzz's own new roles, if any.
  'PATCH /api/roles/:id': { weight: 2, arbitrary: on('PATCH /api/roles/:id', { caller: staff, ticket: fc.constantFrom('1', '6', '7', '987654', '0', 'x').map((junk) => ({ junk })), body: BODIES.updateRole }) },
  'DELETE /api/roles/:id': { weight: 1, arbitrary: on('DELETE /api/roles/:id', { caller: staff, ticket: fc.constantFrom('1', '6', '7', '987654', '0', 'x').map((junk) => ({ junk })) }) },
  'POST /api/users/:id/disable': { weight: 1, arbitrary: on('POST /api/users/:id/disable', { caller: staff, ticket: fc.constantFrom('1', '8', '0', 'x').map((junk) => ({ junk })) }) },
  'POST /api/users/:id/enable': { weight: 1, arbitrary: on('POST /api/users/:id/enable', { caller: staff, ticket: fc.oneof(fc.integer({ min: 1, max: 8 }).map(String), junkId).map((junk) => ({ junk })) }) },
  'POST /api/users/:id/password': {
    weight: 2,
    arbitrary: on('POST /api/users/:id/password', { caller: staff, ticket: fc.constantFrom('1', '8', 'x').map((junk) => ({ junk })), body: BODIES.resetPassword }),
  },
  'GET /api/users/:id/permissions': { weight: 1, arbitrary: on('GET /api/users/:id/permissions', { caller: staff, ticket: fc.oneof(fc.integer({ min: 1, max: 8 }).map(String), junkId).map((junk) => ({ junk })) }) },
  'PUT /api/users/:id/permissions': {
    weight: 2,
    arbitrary: on('PUT /api/users/:id/permissions', { caller: staff, ticket: fc.constantFrom('8', '0', 'x').map((junk) => ({ junk })), body: BODIES.userPermissions }),
  },
  'GET /api/access/matrix': { weight: 1, arbitrary: on('GET /api/access/matrix', { caller: staff, query: QUERIES.none }) },
  'GET /api/access/audit': { weight: 1, arbitrary: on('GET /api/access/audit', { caller: staff, query: QUERIES.accessAudit }) },
  'GET /api/users': { weight: 1, arbitrary: on('GET /api/users', { caller: staff, query: QUERIES.none }) },
  'GET /api/users/assignees': { weight: 1, arbitrary: on('GET /api/users/assignees', { caller: staff, query: QUERIES.none }) },
  'GET /api/notifications': { weight: 2, arbitrary: on('GET /api/notifications', { caller: staff, query: QUERIES.notifications }) },
  'GET /api/notifications/unread-count': { weight: 1, arbitrary: on('GET /api/notifications/unread-count', { caller: staff, query: QUERIES.none }) },
  'POST /api/notifications/read-all': { weight: 1, arbitrary: on('POST /api/notifications/read-all', { caller: staff }) },
  'POST /api/notifications/:id/read': { weight: 2, arbitrary: on('POST /api/notifications/:id/read', { caller: staff, ticket: fc.oneof(fc.integer({ min: 1, max: 60 }).map(String), junkId).map((junk) => ({ junk })) }) },
  'GET /api/notifications/preferences': { weight: 1, arbitrary: on('GET /api/notifications/preferences', { caller: staff, query: QUERIES.none }) },
  'PUT /api/notifications/preferences': { weight: 3, arbitrary: on('PUT /api/notifications/preferences', { caller: staff, body: BODIES.notificationPreferences }) },
  'GET /api/users/mentionable': { weight: 2, arbitrary: on('GET /api/users/mentionable', { caller: staff, query: QUERIES.mentionable }) },
  'GET /api/servers': { weight: 4, arbitrary: on('GET /api/servers', { caller: staff, query: QUERIES.servers }) },
  'GET /api/servers/:uuid': { weight: 2, arbitrary: on('GET /api/servers/:uuid', { caller: staff, server: fc.oneof(serverUuid, junkId) }) },
  'GET /api/servers/:uuid/history': { weight: 1, arbitrary: on('GET /api/servers/:uuid/history', { caller: staff, server: fc.oneof(serverUuid, junkId), query: QUERIES.paged }) },
  'POST /api/servers': { weight: 4, arbitrary: on('POST /api/servers', { caller: staff, body: BODIES.createServer }) },
  // Server writes go to a scratch server of their own (and junk): fuzzing the demo servers' power budget or
  // status would make the fixture tickets other routes need invalid, which is no bug of the API.
  'PATCH /api/servers/:uuid': { weight: 4, arbitrary: on('PATCH /api/servers/:uuid', { caller: staff, server: fc.oneof(fc.constant(SCRATCH_SERVER), junkId), body: BODIES.updateServer }) },
  'POST /api/servers/:uuid/decommission': { weight: 1, arbitrary: on('POST /api/servers/:uuid/decommission', { caller: staff, server: fc.oneof(fc.constant(SCRATCH_SERVER), junkId), body: BODIES.decommission }) },
  'POST /api/servers/:uuid/candidates': { weight: 3, arbitrary: on('POST /api/servers/:uuid/candidates', { caller: staff, server: fc.oneof(serverUuid, junkId), body: BODIES.candidates }) },
  // Direct edits on the scratch server (or junk): real units move in and out, refusals must change nothing.
  'POST /api/servers/:uuid/components': { weight: 4, arbitrary: on('POST /api/servers/:uuid/components', { caller: staff, server: fc.oneof(fc.constant(SCRATCH_SERVER), junkId), body: BODIES.installUnit }) },
  'DELETE /api/servers/:uuid/components/:unitId': {
    weight: 2,
    arbitrary: on('DELETE /api/servers/:uuid/components/:unitId', { caller: staff, server: fc.oneof(fc.constant(SCRATCH_SERVER), junkId), unit: fc.oneof(unitId, junkId), query: QUERIES.removeUnit }),
  },
  'GET /api/components': { weight: 5, arbitrary: on('GET /api/components', { caller: staff, query: QUERIES.components }) },
  'GET /api/components/export.csv': { weight: 2, arbitrary: on('GET /api/components/export.csv', { caller: staff, query: QUERIES.componentsExport }) },
  'GET /api/components/:id': { weight: 1, arbitrary: on('GET /api/components/:id', { caller: staff, unit: fc.oneof(unitId, junkId) }) },
  'GET /api/components/:id/log': { weight: 1, arbitrary: on('GET /api/components/:id/log', { caller: staff, unit: fc.oneof(unitId, junkId) }) },
  'POST /api/components': { weight: 5, arbitrary: on('POST /api/components', { caller: staff, body: BODIES.receiveUnits }) },
  'POST /api/components/import': { weight: 4, arbitrary: on('POST /api/components/import', { caller: staff, query: QUERIES.importCsv, body: BODIES.importCsv }) },
  'PATCH /api/components/:id': { weight: 4, arbitrary: on('PATCH /api/components/:id', { caller: staff, unit: fc.oneof(unitId, junkId), body: BODIES.updateUnit }) },
  'POST /api/components/:id/fail': { weight: 2, arbitrary: on('POST /api/components/:id/fail', { caller: staff, unit: fc.oneof(unitId, junkId), body: BODIES.unitStatus }) },
  'POST /api/components/:id/retire': { weight: 2, arbitrary: on('POST /api/components/:id/retire', { caller: staff, unit: fc.oneof(unitId, junkId), body: BODIES.unitStatus }) },
  'GET /api/catalog': { weight: 4, arbitrary: on('GET /api/catalog', { caller: staff, query: QUERIES.catalog }) },
  'GET /api/catalog/:uuid': { weight: 1, arbitrary: on('GET /api/catalog/:uuid', { caller: staff, model: fc.oneof(modelUuid, junkId) }) },
  'POST /api/catalog': { weight: 6, arbitrary: on('POST /api/catalog', { caller: staff, body: BODIES.createCatalogModel }) },
  'PATCH /api/catalog/:uuid': { weight: 4, arbitrary: on('PATCH /api/catalog/:uuid', { caller: staff, model: fc.oneof(modelUuid, junkId), body: BODIES.updateCatalogModel }) },
  'POST /api/catalog/:uuid/retire': { weight: 1, arbitrary: on('POST /api/catalog/:uuid/retire', { caller: staff, model: fc.oneof(modelUuid, junkId), body: BODIES.actionComment }) },
  'POST /api/catalog/import': { weight: 1, arbitrary: on('POST /api/catalog/import', { caller: staff, body: BODIES.catalogImport }) },
  'GET /api/tickets': { weight: 8, arbitrary: on('GET /api/tickets', { caller: staff, query: QUERIES.tickets }) },
  // Never Accept: text/event-stream here, so it answers at once (400 naming `accept`) instead of streaming.
  'GET /api/events': { weight: 1, arbitrary: on('GET /api/events', { caller: staff, query: QUERIES.none }) },
  'GET /api/my-work': { weight: 2, arbitrary: on('GET /api/my-work', { caller: staff, query: QUERIES.none }) },
  'POST /api/my-work/seen': { weight: 1, arbitrary: on('POST /api/my-work/seen', { caller: staff }) },
  'POST /api/tickets': { weight: 10, arbitrary: on('POST /api/tickets', { caller: staff, body: BODIES.createTicket }) },
  'POST /api/tickets/validate-items': { weight: 6, arbitrary: on('POST /api/tickets/validate-items', { caller: staff, body: BODIES.validateItems }) },
  'GET /api/tickets/:id': { weight: 2, arbitrary: on('GET /api/tickets/:id', { caller: staff, ticket: ticketRef }) },
  'PATCH /api/tickets/:id': { weight: 8, arbitrary: on('PATCH /api/tickets/:id', { caller: staff, ticket: ticketRef, body: BODIES.updateTicket }) },
  // Only ids that do not name a usable ticket: deleting the fixtures would starve the other routes.
  'DELETE /api/tickets/:id': { weight: 1, arbitrary: on('DELETE /api/tickets/:id', { caller: staff, ticket: junkId.map((junk) => ({ junk })) }) },
  'POST /api/tickets/:id/submit': { weight: 2, arbitrary: on('POST /api/tickets/:id/submit', { caller: staff, ticket: ticketRef, body: BODIES.actionComment }) },
  'POST /api/tickets/:id/approve': { weight: 2, arbitrary: on('POST /api/tickets/:id/approve', { caller: staff, ticket: ticketRef, body: BODIES.actionComment }) },
  'POST /api/tickets/:id/reject': { weight: 3, arbitrary: on('POST /api/tickets/:id/reject', { caller: staff, ticket: ticketRef, body: BODIES.reject }) },
  'POST /api/tickets/:id/resubmit': { weight: 6, arbitrary: on('POST /api/tickets/:id/resubmit', { caller: staff, ticket: ticketRef, body: BODIES.resubmit }) },
  'POST /api/tickets/:id/assign': { weight: 3, arbitrary: on('POST /api/tickets/:id/assign', { caller: staff, ticket: ticketRef, body: BODIES.assign }) },
  'POST /api/tickets/:id/claim': { weight: 2, arbitrary: on('POST /api/tickets/:id/claim', { caller: staff, ticket: ticketRef, body: BODIES.actionComment }) },
  'POST /api/tickets/:id/start': { weight: 2, arbitrary: on('POST /api/tickets/:id/start', { caller: staff, ticket: ticketRef, body: BODIES.actionComment }) },
  'POST /api/tickets/:id/deploy': { weight: 3, arbitrary: on('POST /api/tickets/:id/deploy', { caller: staff, ticket: ticketRef, body: BODIES.deploy }) },
  'POST /api/tickets/:id/complete': { weight: 3, arbitrary: on('POST /api/tickets/:id/complete', { caller: staff, ticket: ticketRef, body: BODIES.notes }) },
  'POST /api/tickets/:id/rollback': { weight: 2, arbitrary: on('POST /api/tickets/:id/rollback', { caller: staff, ticket: ticketRef, body: BODIES.actionComment }) },
  'POST /api/tickets/:id/cancel': { weight: 2, arbitrary: on('POST /api/tickets/:id/cancel', { caller: staff, ticket: ticketRef, body: BODIES.actionComment }) },
  'GET /api/tickets/:id/comments': { weight: 1, arbitrary: on('GET /api/tickets/:id/comments', { caller: staff, ticket: ticketRef, query: QUERIES.none }) },
  'POST /api/tickets/:id/comments': { weight: 5, arbitrary: on('POST /api/tickets/:id/comments', { caller: staff, ticket: ticketRef, body: BODIES.addComment }) },
  'PATCH /api/tickets/:id/comments/:commentId': {
    weight: 4,
    arbitrary: on('PATCH /api/tickets/:id/comments/:commentId', { caller: staff, comment: commentRef, body: BODIES.editComment }),
  },
  'GET /api/tickets/:id/attachments': { weight: 1, arbitrary: on('GET /api/tickets/:id/attachments', { caller: staff, ticket: ticketRef, query: QUERIES.none }) },
  'POST /api/tickets/:id/attachments': { weight: 2, arbitrary: on('POST /api/tickets/:id/attachments', { caller: staff, ticket: ticketRef, body: BODIES.attachmentUpload }) },
  'GET /api/tickets/:id/attachments/:attachmentId': {
    weight: 2,
    arbitrary: on('GET /api/tickets/:id/attachments/:attachmentId', { caller: staff, attachment: commentRef, query: QUERIES.attachmentDownload }),
  },
  // Only ids that name no attachment: deleting the fixture would starve the download route.
  'DELETE /api/tickets/:id/attachments/:attachmentId': {
    weight: 1,
    arbitrary: on('DELETE /api/tickets/:id/attachments/:attachmentId', { caller: staff, attachment: junkId.map((junk) => ({ junk })) }),
  },
  'GET /api/tickets/:id/history': { weight: 1, arbitrary: on('GET /api/tickets/:id/history', { caller: staff, ticket: ticketRef, query: QUERIES.none }) },
  'GET /api/tickets/:id/history.csv': { weight: 1, arbitrary: on('GET /api/tickets/:id/history.csv', { caller: staff, ticket: ticketRef, query: QUERIES.none }) },
  'GET /api/tickets/export.csv': { weight: 3, arbitrary: on('GET /api/tickets/export.csv', { caller: staff, query: QUERIES.tickets }) },
  'GET /api/tickets/requesters': { weight: 1, arbitrary: on('GET /api/tickets/requesters', { caller: staff, query: QUERIES.none }) },
  'GET /api/dashboard': { weight: 2, arbitrary: on('GET /api/dashboard', { caller: staff, query: QUERIES.dashboard }) },
  'GET /api/saved-filters': { weight: 1, arbitrary: on('GET /api/saved-filters', { caller: staff, query: QUERIES.none }) },
  'POST /api/saved-filters': { weight: 3, arbitrary: on('POST /api/saved-filters', { caller: staff, body: BODIES.saveFilter }) },
  'DELETE /api/saved-filters/:id': { weight: 1, arbitrary: on('DELETE /api/saved-filters/:id', { caller: staff, ticket: fc.constantFrom('1', '2', '0', 'x').map((junk) => ({ junk })) }) },
  // The BDC IMS action API: one route, every action; anonymous callers too (auth-* needs no token).
  'POST /api/api.php': { weight: 12, arbitrary: on('POST /api/api.php', { caller: fc.oneof(staff, fc.constant<Caller>('anonymous')), body: LEGACY_BODY }) },
  'GET /api/api.php': { weight: 4, arbitrary: on('GET /api/api.php', { caller: fc.oneof(staff, fc.constant<Caller>('anonymous')), query: QUERIES.legacy }) },
  'POST /api.php': { weight: 2, arbitrary: on('POST /api.php', { caller: staff, body: LEGACY_BODY }) },
  'GET /api.php': { weight: 1, arbitrary: on('GET /api.php', { caller: staff, query: QUERIES.legacy }) },
};

/** Routes that answer the BDC IMS envelope instead of `{code, message}`. */
const LEGACY_ROUTES = new Set(['POST /api/api.php', 'GET /api/api.php', 'POST /api.php', 'GET /api.php']);

const requests = fc.oneof(...Object.values(TARGETS));

/** A fixture ticket body whose one item needs no stock, so that every status can be reached on demand. */
const FIXTURE_TICKET = {
  title: 'Fuzz fixture',
  description: 'A ticket the fuzzer acts on',
  ticketType: 'configuration_change',
  priority: 'normal',
  targetServerUuid: SERVER.webProd01,
  items: [{ action: 'modify', componentType: 'motherboard', quantity: 1, specifications: { setting: 'bios_profile' }, requestedValue: 'balanced' }],
};

const clip = (text: string, max = 600) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

describeEachEngine('fuzzing every input', (engine) => {
  let t: TestApp;
  const tokens = {} as Record<Exclude<Caller, 'anonymous'>, string>;
  let requesterId: number;
  let techId: number;
  let rowCountSql: string;
  let commentTicketId: number;
  let adminCommentId: number;
  let adminAttachmentId: number;
  let scratchServerUuid: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    for (const caller of ['admin', 'manager', 'tech', 'requester'] as const) tokens[caller] = await t.login(caller);
    requesterId = await demoUserId(t, 'requester');
    techId = await demoUserId(t, 'tech');
    // User 7, a viewer: an assignee assign must refuse (no ticket.deploy); 8 does not exist.
    await createUser(t, { roles: ['viewer'] });
    const tables = [...new Set(t.dataSource.entityMetadatas.map((m) => m.tableName))].sort();
    const escape = (name: string) => t.dataSource.driver.escape(name);
    rowCountSql = tables.map((name) => `SELECT '${name}' AS t, COUNT(*) AS n FROM ${escape(name)}`).join(' UNION ALL ');
    const scratch = await t.http.post<{ uuid: string }>('/api/servers', { token: tokens.admin, body: { name: 'fuzz-scratch' } });
    expect(scratch.status).toBe(201);
    scratchServerUuid = scratch.body.uuid;
    const commented = await createFixture('pending');
    commentTicketId = commented;
    const comment = await t.http.post<{ id: number }>(`/api/tickets/${commented}/comments`, { token: tokens.admin, body: { comment: 'the admin comments' } });
    expect(comment.status).toBe(201);
    adminCommentId = comment.body.id;
    const attachment = await uploadFile<{ id: number }>(t, tokens.admin, commented, 'fuzz.pdf', PDF);
    expect(attachment.status).toBe(201);
    adminAttachmentId = attachment.body.id;
  });
  afterAll(async () => t?.close());

  async function rowCounts(): Promise<Record<string, number>> {
    const rows: { t: string; n: number | string }[] = await t.dataSource.query(rowCountSql);
    return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
  }

  async function createFixture(status: TicketStatus): Promise<number> {
    const res = await t.http.post<TicketDetail>('/api/tickets', { token: tokens.requester, body: { ...FIXTURE_TICKET, draft: status === 'draft' } });
    if (res.status !== 201) throw new Error(`fixture ticket: ${res.status} ${res.text}`);
    const id = res.body.id;
    type Steps = [token: string, action: WorkflowAction, body?: unknown][];
    const steps: Partial<Record<TicketStatus, Steps>> = {
      rejected: [[tokens.manager, 'reject', { reason: 'fixture' }]],
      approved: [[tokens.manager, 'approve']],
      cancelled: [[tokens.requester, 'cancel']],
    };
    const toInProgress: Steps = [
      [tokens.manager, 'approve'],
      [tokens.manager, 'assign', { assigneeId: techId }],
      [tokens.tech, 'start'],
    ];
    steps.in_progress = toInProgress;
    steps.deployed = [...toInProgress, [tokens.tech, 'deploy']];
    steps.completed = [...toInProgress, [tokens.tech, 'deploy'], [tokens.tech, 'complete']];
    const path = steps[status];
    if (path) await actAll(t, id, path);
    return id;
  }

  /** The newest ticket of the requester in that status, made now when there is none. */
  async function ticketIn(status: TicketStatus): Promise<number> {
    const rows: { id: number | string }[] = await t.dataSource.query('SELECT id FROM tickets WHERE status = ? AND created_by = ? ORDER BY id DESC LIMIT 1', [status, requesterId]);
    const found = rows[0];
    return found ? Number(found.id) : createFixture(status);
  }

  async function urlOf(spec: RequestSpec): Promise<string> {
    let path = spec.route.slice(spec.route.indexOf(' ') + 1);
    if (path.includes(':commentId')) {
      const ref = spec.comment ?? 'own';
      path = path.replace(':id', String(commentTicketId)).replace(':commentId', ref === 'own' ? String(adminCommentId) : ref.junk);
    }
    if (path.includes(':attachmentId')) {
      const ref = spec.attachment ?? 'own';
      path = path.replace(':id', String(commentTicketId)).replace(':attachmentId', ref === 'own' ? String(adminAttachmentId) : ref.junk);
    }
    if (path.startsWith('/api/components/:id')) path = path.replace(':id', spec.unit ?? '1');
    if (path.includes(':unitId')) path = path.replace(':unitId', spec.unit ?? '1');
    if (path.includes(':id')) {
      const ref = spec.ticket ?? { junk: '0' };
      path = path.replace(':id', 'junk' in ref ? ref.junk : String(await ticketIn(ref.status)));
    }
    if (path.startsWith('/api/catalog/:uuid')) path = path.replace(':uuid', spec.model ?? MODEL.cpuXeonGold6430);
    if (path.includes(':uuid')) path = path.replace(':uuid', spec.server === SCRATCH_SERVER ? scratchServerUuid : (spec.server ?? SERVER.webProd01));
    const params = new URLSearchParams();
    for (const [key, values] of Object.entries(spec.query ?? {})) for (const value of values ?? []) params.append(key, value);
    const qs = params.toString();
    return qs ? `${path}?${qs}` : path;
  }

  /**
   * Refusals that write by design: a refused sign-in is audited (auth_events) and counted against the
   * account and the address (login_throttle), or throttling could not work. Nothing else may change.
   */
  const WRITES_ON_REFUSAL: Record<string, readonly string[]> = {
    'POST /api/auth/login': ['auth_events', 'login_throttle'],
    // action=auth-login through the action API is the same sign-in.
    ...Object.fromEntries([...LEGACY_ROUTES].map((route) => [route, ['auth_events', 'login_throttle']])),
  };

  /** What is wrong with an answer, or null. */
  function problemWith(res: TestResponse<ErrorBody>, countsChanged: string[] | null, route: string): string | null {
    // A 5xx fails anyway; saying that it also wrote (a committed change the client was told failed) helps triage.
    if (res.status >= 500) return countsChanged && countsChanged.length > 0 ? `a ${res.status} that still changed row counts (${countsChanged.join(', ')})` : `a ${res.status}`;
    if (LEGACY_ROUTES.has(route)) return legacyProblem(res, countsChanged);
    if (res.status < 400) return null;
    const body = res.body as Partial<ErrorBody> | string;
    if (typeof body !== 'object' || typeof body.code !== 'string' || typeof body.message !== 'string') return `a ${res.status} without {code, message}`;
    if (res.status === 400) {
      const fields = body.details?.fields;
      if (!Array.isArray(fields) || fields.length === 0 || !fields.every((f) => typeof f.field === 'string' && typeof f.reason === 'string' && f.reason !== '')) {
        return 'a 400 that names no field';
      }
    }
    if (countsChanged && countsChanged.length > 0) return `a ${res.status} that changed row counts (${countsChanged.join(', ')})`;
    return null;
  }

  /** The action API's rule: every answer is the envelope with `code` = the HTTP status; a 4xx says why and writes nothing. */
  function legacyProblem(res: TestResponse<ErrorBody>, countsChanged: string[] | null): string | null {
    const body = res.body as unknown as Partial<LegacyEnvelope> | string;
    if (typeof body !== 'object' || body.code !== res.status || typeof body.success !== 'boolean' || typeof body.message !== 'string' || body.message === '' || typeof body.timestamp !== 'string') {
      return `a ${res.status} without the BDC IMS envelope`;
    }
    if (body.success !== res.status < 400) return `a ${res.status} with success ${String(body.success)}`;
    if (res.status >= 400 && countsChanged && countsChanged.length > 0) return `a ${res.status} that changed row counts (${countsChanged.join(', ')})`;
    return null;
  }

  it(`never answers 5xx, explains every 4xx and changes nothing on one (seed ${SEED}, ${SECONDS}s)`, { timeout: (SECONDS * 2 + 120) * 1000 }, async () => {
    const seen = new Map<string, Record<string, number>>();
    const failures = new Map<string, string>();
    const property = fc.asyncProperty(requests, async (spec) => {
      const url = await urlOf(spec);
      const method = spec.route.slice(0, spec.route.indexOf(' ')) as Method;
      const before = await rowCounts();
      // Serialised here: the harness would send a string body as it is, not as a JSON string.
      const json = spec.body === undefined ? undefined : JSON.stringify(spec.body);
      const res = await t.http.request<ErrorBody>(method, url, {
        token: spec.caller === 'anonymous' ? undefined : tokens[spec.caller],
        body: json,
        headers: json === undefined ? {} : { 'content-type': 'application/json' },
      });
      let changed: string[] | null = null;
      if (res.status >= 400) {
        const after = await rowCounts();
        const expected = res.status === 400 ? [] : (WRITES_ON_REFUSAL[spec.route] ?? []);
        changed = Object.keys(after)
          .filter((table) => after[table] !== before[table] && !expected.includes(table))
          .map((table) => `${table} ${before[table]}→${after[table]}`);
      }
      const stats = seen.get(spec.route) ?? {};
      const bucket = `${Math.floor(res.status / 100)}xx`;
      stats[bucket] = (stats[bucket] ?? 0) + 1;
      seen.set(spec.route, stats);

      const problem = problemWith(res, changed, spec.route);
      if (!problem) return;
      const body = spec.body === undefined ? '(none)' : clip(JSON.stringify(spec.body) ?? String(spec.body));
      const report = `${problem}: ${method} ${clip(url, 300)} as ${spec.caller}\n  body: ${body}\n  → ${res.status} ${clip(res.text, 400)}`;
      if (!COLLECT) throw new Error(report);
      // Distinct by route, status and message with the numbers and ids taken out.
      const message = typeof res.body === 'object' ? String(res.body.message ?? '') : res.text;
      const key = `${spec.route} → ${res.status} ${problem}: ${message.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, '<uuid>').replace(/\d+/g, 'N')}`;
      if (!failures.has(key)) failures.set(key, report);
    });

    const details = await fc.check(property, {
      seed: SEED,
      path: PATH,
      numRuns: RUNS,
      interruptAfterTimeLimit: SECONDS * 1000,
      // Shrinking re-sends requests to a stateful app; a bounded number of steps keeps it short.
      endOnFailure: false,
      markInterruptAsFailure: false,
    });
    const summary = [...seen.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([route, stats]) => `  ${route}: ${Object.entries(stats).map(([k, n]) => `${k} ${n}`).join(', ')}`)
      .join('\n');
    console.log(
      `fuzz [${engine}] seed ${SEED}: ${details.numRuns} runs in ≤${SECONDS}s${details.interrupted ? ' (time limit)' : ''}, row counts of ${rowCountSql.split(' UNION ALL ').length} tables` +
        `${excludedClasses().length ? `, EXCLUDED: ${excludedClasses().join(',')}` : ''}\n${summary}`,
    );
    const messages: string[] = [];
    if (details.failed) {
      const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      messages.push(
        `Fuzzing found ${clip(error, 3000)}\n\nAfter ${details.numRuns} run(s), ${details.numShrinks} shrink(s). ` +
          `Replay: FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath ?? ''} pnpm exec vitest run test/fuzz.int-spec.ts`,
      );
    }
    if (failures.size > 0) {
      messages.push(`${failures.size} distinct failure(s), seed ${SEED}:\n\n${[...failures.entries()].map(([k, r]) => `${k}\n${r}`).join('\n\n')}`);
    }
    if (messages.length > 0) throw new Error(messages.join('\n\n'));
  });

  it('has a generator for every route of the application', () => {
    expect(Object.keys(TARGETS).sort()).toEqual(nestRoutes(t.app).map((r) => r.key));
  });
});
