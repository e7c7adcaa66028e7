/**
 * The hand-written half of the authorization matrix (route-matrix.int-spec.ts): for every route, the
 * access it must declare, a probe request, and the outcome each kind of caller must get. Keys are
 * `METHOD /api/path/:param` exactly as the application maps them; a route the application serves
 * without an entry here, or an entry for a route it does not serve, fails the matrix.
 */
import { DEFAULT_ROLE_GRANTS, type Permission } from '@bdc/contracts';
import { SERVER } from './factories';
import { addItem, MODEL, ticketBody } from './ticket-helpers';

export const CALLERS = ['admin', 'manager', 'tech', 'requester', 'noroles', 'owner'] as const;
export type Caller = (typeof CALLERS)[number];

/**
 * - ok: past the route check and the ticket policy (2xx, or 400/409/422 about the request itself)
 * - forbidden: 403 from the route's permission check (the guard names the permission it wanted)
 * - refused: 403 from the service (e.g. not the comment's author), the route check having passed
 * - hidden: 404, the ticket (or comment) is not visible to this caller
 */
export type Outcome = 'ok' | 'forbidden' | 'refused' | 'hidden';

/** Grants of each caller. `owner` is a second viewer who created the probe tickets. */
export const GRANTS: Record<Caller, readonly Permission[]> = {
  admin: DEFAULT_ROLE_GRANTS.admin,
  manager: DEFAULT_ROLE_GRANTS.manager,
  tech: DEFAULT_ROLE_GRANTS.technician,
  requester: DEFAULT_ROLE_GRANTS.viewer,
  noroles: [],
  owner: DEFAULT_ROLE_GRANTS.viewer,
};

export interface Fixture {
  /** A cancelled ticket of `owner`, never assigned, with one comment by `owner`. */
  ticketId: number;
  commentId: number;
  /** A PDF the owner attached to that ticket. */
  attachmentId: number;
  techId: number;
  /** A new ticket of `owner` in the given status, for the routes that would change the shared one. */
  freshTicket(status: 'draft' | 'cancelled'): Promise<number>;
  /** A new attachment of `owner` on the probe ticket, for the route that deletes one. */
  freshAttachment(): Promise<number>;
}

export interface Probe {
  url: string;
  body?: unknown;
}

export interface RouteCase {
  /** What the route must declare: `public`, any signed-in user, or any one of these permissions. */
  access: 'public' | 'signed-in' | Permission[];
  probe(f: Fixture): Probe | Promise<Probe>;
  expect: Record<Caller, Outcome>;
}

const VIEW: Permission[] = ['ticket.view_own', 'ticket.view_assigned', 'ticket.view_all'];
const all = (outcome: Outcome): Record<Caller, Outcome> => ({ admin: outcome, manager: outcome, tech: outcome, requester: outcome, noroles: outcome, owner: outcome });
const everyRoleButNone: Record<Caller, Outcome> = { ...all('ok'), noroles: 'forbidden' };
/** server.edit: administrators, managers and technicians. */
const editsServers: Record<Caller, Outcome> = { ...all('forbidden'), admin: 'ok', manager: 'ok', tech: 'ok' };
/** inventory.edit: administrators only. */
const editsStock: Record<Caller, Outcome> = { ...all('forbidden'), admin: 'ok' };
/** A ticket route on the probe ticket: staff with view_all see it, the owner too, nobody else. */
const onTicket = (overrides: Partial<Record<Caller, Outcome>> = {}): Record<Caller, Outcome> => ({
  admin: 'ok',
  manager: 'ok',
  tech: 'hidden',
  requester: 'hidden',
  noroles: 'forbidden',
  owner: 'ok',
  ...overrides,
});
const ticketUrl = (f: Fixture, suffix = '') => `/api/tickets/${f.ticketId}${suffix}`;
const validItems = { targetServerUuid: SERVER.webProd01, items: [addItem('ram', MODEL.ramSamsung32, 1)] };

/** The hand-written table. Keys are `METHOD /api/path/:param` exactly as the app maps them. */
export const MATRIX: Record<string, RouteCase> = {
  'GET /api/health': { access: 'public', probe: () => ({ url: '/api/health' }), expect: all('ok') },
  'GET /api/health/live': { access: 'public', probe: () => ({ url: '/api/health/live' }), expect: all('ok') },
  'GET /api/health/ready': { access: 'public', probe: () => ({ url: '/api/health/ready' }), expect: all('ok') },
  // Outside /api, where Prometheus looks. No sign-in: its own check is the client address (inject's
  // is 127.0.0.1, in the default METRICS_ALLOW) or METRICS_TOKEN; observability.int-spec.ts refuses the rest.
  'GET /metrics': { access: 'public', probe: () => ({ url: '/metrics' }), expect: all('ok') },
  // Public auth routes get a body that fails validation: the point is only that no token is needed.
  'POST /api/auth/login': { access: 'public', probe: () => ({ url: '/api/auth/login', body: {} }), expect: all('ok') },
  'POST /api/auth/refresh': { access: 'public', probe: () => ({ url: '/api/auth/refresh', body: {} }), expect: all('ok') },
  'POST /api/auth/logout': { access: 'public', probe: () => ({ url: '/api/auth/logout', body: { refreshToken: 42 } }), expect: all('ok') },
  'GET /api/auth/me': { access: 'signed-in', probe: () => ({ url: '/api/auth/me' }), expect: all('ok') },
  'GET /api/auth/sign-in-options': { access: 'public', probe: () => ({ url: '/api/auth/sign-in-options' }), expect: all('ok') },
  'GET /api/auth/events': { access: ['user.manage'], probe: () => ({ url: '/api/auth/events' }), expect: { ...all('forbidden'), admin: 'ok' } },

  // Personal API tokens: every signed-in caller manages their own (a bad body: nothing is created).
  'POST /api/auth/tokens': { access: 'signed-in', probe: () => ({ url: '/api/auth/tokens', body: { name: 'matrix probe' } }), expect: all('ok') },
  // Own password: every signed-in caller may; the probe's empty body is a 400 naming the fields.
  'POST /api/auth/password': { access: 'signed-in', probe: () => ({ url: '/api/auth/password', body: {} }), expect: all('ok') },
  'GET /api/auth/tokens': { access: 'signed-in', probe: () => ({ url: '/api/auth/tokens' }), expect: all('ok') },
  // No such token for anyone: the route lets every signed-in caller through to the service.
  'DELETE /api/auth/tokens/:id': { access: 'signed-in', probe: () => ({ url: '/api/auth/tokens/987654' }), expect: all('hidden') },
  // Access administration (user.manage): probes that change nothing (no such user, or an empty body).
  'POST /api/users': { access: ['user.manage'], probe: () => ({ url: '/api/users', body: {} }), expect: { ...all('forbidden'), admin: 'ok' } },
  'PATCH /api/users/:id': { access: ['user.manage'], probe: () => ({ url: '/api/users/987654', body: {} }), expect: { ...all('forbidden'), admin: 'hidden' } },
  'GET /api/roles': { access: ['user.manage'], probe: () => ({ url: '/api/roles' }), expect: { ...all('forbidden'), admin: 'ok' } },
  'POST /api/roles': { access: ['user.manage'], probe: () => ({ url: '/api/roles', body: {} }), expect: { ...all('forbidden'), admin: 'ok' } },
  'PATCH /api/roles/:id': { access: ['user.manage'], probe: () => ({ url: '/api/roles/987654', body: {} }), expect: { ...all('forbidden'), admin: 'hidden' } },
  'DELETE /api/roles/:id': { access: ['user.manage'], probe: () => ({ url: '/api/roles/987654' }), expect: { ...all('forbidden'), admin: 'hidden' } },
  'POST /api/users/:id/disable': { access: ['user.manage'], probe: () => ({ url: '/api/users/987654/disable' }), expect: { ...all('forbidden'), admin: 'hidden' } },
  'POST /api/users/:id/enable': { access: ['user.manage'], probe: () => ({ url: '/api/users/987654/enable' }), expect: { ...all('forbidden'), admin: 'hidden' } },
  'POST /api/users/:id/password': { access: ['user.manage'], probe: () => ({ url: '/api/users/987654/password', body: {} }), expect: { ...all('forbidden'), admin: 'ok' } },
  'GET /api/users/:id/permissions': { access: ['user.manage'], probe: () => ({ url: '/api/users/1/permissions' }), expect: { ...all('forbidden'), admin: 'ok' } },
  'PUT /api/users/:id/permissions': { access: ['user.manage'], probe: () => ({ url: '/api/users/987654/permissions', body: {} }), expect: { ...all('forbidden'), admin: 'ok' } },
  'GET /api/access/matrix': { access: ['user.manage'], probe: () => ({ url: '/api/access/matrix' }), expect: { ...all('forbidden'), admin: 'ok' } },
  'GET /api/access/audit': { access: ['user.manage'], probe: () => ({ url: '/api/access/audit' }), expect: { ...all('forbidden'), admin: 'ok' } },
  'GET /api/users/:id/tokens': { access: ['user.manage'], probe: () => ({ url: '/api/users/1/tokens' }), expect: { ...all('forbidden'), admin: 'ok' } },

  'GET /api/users': { access: ['user.manage'], probe: () => ({ url: '/api/users' }), expect: { ...all('forbidden'), admin: 'ok' } },
  'GET /api/users/assignees': {
    access: ['ticket.assign'],
    probe: () => ({ url: '/api/users/assignees' }),
    expect: { ...all('forbidden'), admin: 'ok', manager: 'ok' },
  },

  // Notifications: every signed-in caller has an inbox of their own; no such notification for anyone.
  'GET /api/notifications': { access: 'signed-in', probe: () => ({ url: '/api/notifications?unread=true' }), expect: all('ok') },
  'GET /api/notifications/unread-count': { access: 'signed-in', probe: () => ({ url: '/api/notifications/unread-count' }), expect: all('ok') },
  'POST /api/notifications/read-all': { access: 'signed-in', probe: () => ({ url: '/api/notifications/read-all' }), expect: all('ok') },
  'POST /api/notifications/:id/read': { access: 'signed-in', probe: () => ({ url: '/api/notifications/987654/read' }), expect: all('hidden') },
  'GET /api/notifications/preferences': { access: 'signed-in', probe: () => ({ url: '/api/notifications/preferences' }), expect: all('ok') },
  // An empty body: a 400 naming `items`, nothing saved.
  'PUT /api/notifications/preferences': { access: 'signed-in', probe: () => ({ url: '/api/notifications/preferences', body: {} }), expect: all('ok') },
  'GET /api/users/mentionable': { access: ['ticket.comment'], probe: (f) => ({ url: `/api/users/mentionable?ticketId=${f.ticketId}&q=a` }), expect: onTicket() },

  'GET /api/servers': { access: ['server.view'], probe: () => ({ url: '/api/servers' }), expect: everyRoleButNone },
  'GET /api/servers/:uuid': { access: ['server.view'], probe: () => ({ url: `/api/servers/${SERVER.webProd01}` }), expect: everyRoleButNone },
  'GET /api/servers/:uuid/history': { access: ['server.view'], probe: () => ({ url: `/api/servers/${SERVER.webProd01}/history` }), expect: everyRoleButNone },
  // Server writes get bodies that fail validation (or a refusal about the server): nothing is created or changed.
  'POST /api/servers': { access: ['server.edit'], probe: () => ({ url: '/api/servers', body: { name: '' } }), expect: editsServers },
  'PATCH /api/servers/:uuid': { access: ['server.edit'], probe: () => ({ url: `/api/servers/${SERVER.webProd01}`, body: { rackUnit: 0 } }), expect: editsServers },
  // 409 wherever the caller gets that far: web-prod-01 has units installed.
  'POST /api/servers/:uuid/decommission': { access: ['server.edit'], probe: () => ({ url: `/api/servers/${SERVER.webProd01}/decommission`, body: {} }), expect: editsServers },
  'POST /api/servers/:uuid/candidates': {
    access: ['ticket.create', 'server.edit'],
    probe: () => ({ url: `/api/servers/${SERVER.webProd01}/candidates`, body: { componentType: 'cpu', items: [addItem('ram', MODEL.ramSamsung32)] } }),
    expect: everyRoleButNone,
  },
  // Direct edits, past the permission check: an empty body (400); unit 1 (in web-prod-01) is not in k8s-node-05 (409).
  'POST /api/servers/:uuid/components': { access: ['server.edit'], probe: () => ({ url: `/api/servers/${SERVER.webProd01}/components`, body: {} }), expect: editsServers },
  'DELETE /api/servers/:uuid/components/:unitId': { access: ['server.edit'], probe: () => ({ url: `/api/servers/${SERVER.k8sNode05}/components/1` }), expect: editsServers },
  'GET /api/components': { access: ['inventory.view'], probe: () => ({ url: '/api/components' }), expect: everyRoleButNone },
  'GET /api/components/export.csv': { access: ['inventory.view'], probe: () => ({ url: '/api/components/export.csv?type=cpu' }), expect: everyRoleButNone },
  'GET /api/components/:id': { access: ['inventory.view'], probe: () => ({ url: '/api/components/1' }), expect: everyRoleButNone },
  'GET /api/components/:id/log': { access: ['inventory.view'], probe: () => ({ url: '/api/components/1/log' }), expect: everyRoleButNone },
  // Stock writes: inventory.edit is an administrator's; the bodies fail validation.
  'POST /api/components': { access: ['inventory.edit'], probe: () => ({ url: '/api/components', body: {} }), expect: editsStock },
  'POST /api/components/import': { access: ['inventory.edit'], probe: () => ({ url: '/api/components/import?dryRun=true', body: { csv: 'serial\nX' } }), expect: editsStock },
  'PATCH /api/components/:id': { access: ['inventory.edit'], probe: () => ({ url: '/api/components/1', body: { status: 'retired' } }), expect: editsStock },
  'POST /api/components/:id/fail': { access: ['inventory.edit'], probe: () => ({ url: '/api/components/1/fail', body: {} }), expect: editsStock },
  'POST /api/components/:id/retire': { access: ['inventory.edit'], probe: () => ({ url: '/api/components/1/retire', body: {} }), expect: editsStock },
  'GET /api/catalog': { access: ['inventory.view'], probe: () => ({ url: '/api/catalog' }), expect: everyRoleButNone },
  'GET /api/catalog/:uuid': { access: ['inventory.view'], probe: () => ({ url: `/api/catalog/${MODEL.cpuXeonGold6430}` }), expect: everyRoleButNone },
  'POST /api/catalog': {
    access: ['inventory.edit'],
    probe: () => ({
      url: '/api/catalog',
      body: { componentType: 'caddy', brand: 'Matrix', model: `Probe ${Math.random().toString(36).slice(2)}`, specifications: { form_factor: '2.5"' } },
    }),
    expect: { ...all('forbidden'), admin: 'ok' },
  },
  'PATCH /api/catalog/:uuid': {
    access: ['inventory.edit'],
    probe: () => ({ url: `/api/catalog/${MODEL.cpuXeonGold6430}`, body: { model: 'Xeon Gold 6430' } }),
    expect: { ...all('forbidden'), admin: 'ok' },
  },
  // Retiring is idempotent; this caddy model is on no ticket the matrix uses.
  'POST /api/catalog/:uuid/retire': { access: ['inventory.edit'], probe: () => ({ url: `/api/catalog/${MODEL.caddySmc35}/retire`, body: {} }), expect: { ...all('forbidden'), admin: 'ok' } },
  // A JSON body: refused with 400 (not multipart) once past the permission check.
  'POST /api/catalog/import': { access: ['inventory.edit'], probe: () => ({ url: '/api/catalog/import', body: {} }), expect: { ...all('forbidden'), admin: 'ok' } },

  'POST /api/tickets': { access: ['ticket.create'], probe: () => ({ url: '/api/tickets', body: ticketBody({ title: 'Matrix probe' }) }), expect: everyRoleButNone },
  'GET /api/tickets': { access: VIEW, probe: () => ({ url: '/api/tickets' }), expect: everyRoleButNone },
  // The stream itself is tested in live-events.int-spec.ts: without Accept: text/event-stream the
  // route answers 400 at once instead of streaming, so the probe cannot hang.
  'GET /api/events': { access: 'signed-in', probe: () => ({ url: '/api/events' }), expect: all('ok') },
  'GET /api/my-work': { access: VIEW, probe: () => ({ url: '/api/my-work' }), expect: everyRoleButNone },
  'POST /api/my-work/seen': { access: VIEW, probe: () => ({ url: '/api/my-work/seen' }), expect: everyRoleButNone },
  'POST /api/tickets/validate-items': { access: ['ticket.create'], probe: () => ({ url: '/api/tickets/validate-items', body: validItems }), expect: everyRoleButNone },
  'GET /api/tickets/:id': { access: VIEW, probe: (f) => ({ url: ticketUrl(f) }), expect: onTicket() },
  'PATCH /api/tickets/:id': {
    access: ['ticket.edit_own', 'ticket.manage'],
    probe: async (f) => ({ url: `/api/tickets/${await f.freshTicket('draft')}`, body: { title: 'Edited by the matrix' } }),
    // ticket.manage edits any open ticket; edit_own is only the owner's.
    expect: onTicket({ manager: 'refused' }),
  },
  'DELETE /api/tickets/:id': {
    access: ['ticket.delete'],
    probe: async (f) => ({ url: `/api/tickets/${await f.freshTicket('cancelled')}` }),
    expect: { ...all('forbidden'), admin: 'ok' },
  },

  // Workflow actions on the cancelled ticket: 409 (ok) wherever the caller gets that far.
  'POST /api/tickets/:id/submit': { access: ['ticket.edit_own', 'ticket.manage'], probe: (f) => ({ url: ticketUrl(f, '/submit'), body: {} }), expect: onTicket() },
  'POST /api/tickets/:id/approve': {
    access: ['ticket.approve'],
    probe: (f) => ({ url: ticketUrl(f, '/approve'), body: {} }),
    expect: onTicket({ tech: 'forbidden', requester: 'forbidden', owner: 'forbidden' }),
  },
  'POST /api/tickets/:id/reject': {
    access: ['ticket.reject'],
    probe: (f) => ({ url: ticketUrl(f, '/reject'), body: { reason: 'matrix' } }),
    expect: onTicket({ tech: 'forbidden', requester: 'forbidden', owner: 'forbidden' }),
  },
  'POST /api/tickets/:id/resubmit': { access: ['ticket.edit_own', 'ticket.manage'], probe: (f) => ({ url: ticketUrl(f, '/resubmit'), body: {} }), expect: onTicket() },
  'POST /api/tickets/:id/assign': {
    access: ['ticket.assign'],
    probe: (f) => ({ url: ticketUrl(f, '/assign'), body: { assigneeId: f.techId } }),
    expect: onTicket({ tech: 'forbidden', requester: 'forbidden', owner: 'forbidden' }),
  },
  // Role queues: only who can deploy claims (and only from a queue of their role: the service decides).
  'POST /api/tickets/:id/claim': {
    access: ['ticket.deploy'],
    probe: (f) => ({ url: ticketUrl(f, '/claim'), body: {} }),
    expect: onTicket({ manager: 'forbidden', requester: 'forbidden', owner: 'forbidden' }),
  },
  // start and cancel depend on the relation (assignee, owner), so the route only authenticates.
  'POST /api/tickets/:id/start': { access: 'signed-in', probe: (f) => ({ url: ticketUrl(f, '/start'), body: {} }), expect: onTicket({ noroles: 'hidden' }) },
  'POST /api/tickets/:id/cancel': { access: 'signed-in', probe: (f) => ({ url: ticketUrl(f, '/cancel'), body: {} }), expect: onTicket({ noroles: 'hidden' }) },
  'POST /api/tickets/:id/deploy': {
    access: ['ticket.deploy', 'ticket.manage'],
    probe: (f) => ({ url: ticketUrl(f, '/deploy'), body: {} }),
    expect: onTicket({ manager: 'forbidden', requester: 'forbidden', owner: 'forbidden' }),
  },
  'POST /api/tickets/:id/complete': {
    access: ['ticket.complete'],
    probe: (f) => ({ url: ticketUrl(f, '/complete'), body: {} }),
    expect: onTicket({ manager: 'forbidden', requester: 'forbidden', owner: 'forbidden' }),
  },
  'POST /api/tickets/:id/rollback': {
    access: ['ticket.deploy', 'ticket.manage'],
    probe: (f) => ({ url: ticketUrl(f, '/rollback'), body: { reason: 'matrix probe' } }),
    expect: onTicket({ manager: 'forbidden', requester: 'forbidden', owner: 'forbidden' }),
  },

  'GET /api/tickets/:id/comments': { access: VIEW, probe: (f) => ({ url: ticketUrl(f, '/comments') }), expect: onTicket() },
  'POST /api/tickets/:id/comments': { access: ['ticket.comment'], probe: (f) => ({ url: ticketUrl(f, '/comments'), body: { comment: 'matrix' } }), expect: onTicket() },
  'PATCH /api/tickets/:id/comments/:commentId': {
    access: ['ticket.comment'],
    probe: (f) => ({ url: ticketUrl(f, `/comments/${f.commentId}`), body: { comment: 'edited by the matrix' } }),
    // Only the author edits, whatever else the caller may do.
    expect: onTicket({ admin: 'refused', manager: 'refused' }),
  },
  // The upload probe is JSON, not multipart: a 400 for whoever gets past the route and the ticket.
  'GET /api/tickets/:id/attachments': { access: VIEW, probe: (f) => ({ url: ticketUrl(f, '/attachments') }), expect: onTicket() },
  'POST /api/tickets/:id/attachments': { access: ['ticket.comment'], probe: (f) => ({ url: ticketUrl(f, '/attachments'), body: { file: 'matrix' } }), expect: onTicket() },
  'GET /api/tickets/:id/attachments/:attachmentId': { access: VIEW, probe: (f) => ({ url: ticketUrl(f, `/attachments/${f.attachmentId}`) }), expect: onTicket() },
  'DELETE /api/tickets/:id/attachments/:attachmentId': {
    access: ['ticket.comment', 'ticket.manage'],
    probe: async (f) => ({ url: ticketUrl(f, `/attachments/${await f.freshAttachment()}`) }),
    // The uploader, or ticket.manage (administrators).
    expect: onTicket({ manager: 'refused' }),
  },
  'GET /api/tickets/:id/history': { access: VIEW, probe: (f) => ({ url: ticketUrl(f, '/history') }), expect: onTicket() },
  'GET /api/tickets/:id/history.csv': { access: VIEW, probe: (f) => ({ url: ticketUrl(f, '/history.csv') }), expect: onTicket() },
  'GET /api/tickets/export.csv': { access: VIEW, probe: () => ({ url: '/api/tickets/export.csv?status=pending' }), expect: everyRoleButNone },
  'GET /api/tickets/requesters': { access: VIEW, probe: () => ({ url: '/api/tickets/requesters' }), expect: everyRoleButNone },
  'GET /api/dashboard': { access: VIEW, probe: () => ({ url: '/api/dashboard' }), expect: everyRoleButNone },
  'GET /api/saved-filters': { access: VIEW, probe: () => ({ url: '/api/saved-filters' }), expect: everyRoleButNone },
  'POST /api/saved-filters': { access: VIEW, probe: () => ({ url: '/api/saved-filters', body: { name: 'Matrix', query: 'status=pending' } }), expect: everyRoleButNone },
  // Nobody sees another's saved filter: a made-up id is 404 for every caller who passes the route check.
  'DELETE /api/saved-filters/:id': { access: VIEW, probe: () => ({ url: '/api/saved-filters/987654' }), expect: { ...all('hidden'), noroles: 'forbidden' } },

  // The BDC IMS action API: public at the route (auth-login needs no token), probed like the REST
  // login with a sign-in that fails validation. Each other action needs a token and its REST twin's
  // permission: test/legacy-parity.int-spec.ts checks each action × caller against its REST twin.
  ...Object.fromEntries(
    ['GET /api/api.php', 'POST /api/api.php', 'GET /api.php', 'POST /api.php'].map((key): [string, RouteCase] => [
      key,
      { access: 'public', probe: () => ({ url: `${key.slice(key.indexOf(' ') + 1)}?action=auth-login` }), expect: all('ok') },
    ]),
  ),
};

/**
 * Routes Fastify serves that are not API endpoints, excluded by name: Swagger UI with its assets and
 * documents, the built SPA (its files and the index.html fallback for client-side routes), and CORS
 * preflight answers should @fastify/cors be registered. Each exclusion names the only method it may
 * hide (plus the HEAD Fastify adds beside each GET).
 */
export const NOT_API_ROUTES: { why: string; method: string; matches(url: string): boolean }[] = [
  { why: 'Swagger UI and the OpenAPI document', method: 'GET', matches: (url) => /^\/api\/docs(-json|-yaml)?(\/.*)?$/.test(url) },
  { why: 'the SPA: static files and the client-side route fallback', method: 'GET', matches: (url) => url !== '/api' && !url.startsWith('/api/') && url !== '/api.php' && url !== '/metrics' },
  { why: 'CORS preflight (@fastify/cors)', method: 'OPTIONS', matches: (url) => url === '*' || url === '/*' },
];
