/**
 * The authorization matrix: every route of the running application × every kind of caller.
 *
 * The route list is discovered (route-table.ts), the expectations are written by hand below, and the
 * two must name the same routes: a new route without an entry here fails `the table covers every
 * route`. Each entry states the access the route should declare and, per caller, the outcome class;
 * the test checks the entry against the route's real `@Public()`/`@RequirePermission()` metadata and
 * the default role grants, and then against what the API answers. A matrix that only re-derived what
 * the code declares could not fail; one that is only hand-written could drift from the guard.
 *
 * Probes are chosen so that a cell changes nothing another cell depends on: ticket routes act on a
 * cancelled ticket (every workflow action is then 409 for whoever may see it, 404 for whoever may
 * not), PATCH and DELETE on a fresh ticket each time.
 *
 * The revoked-token case needs access tokens bound to sessions (issue 5, security). Until that lands
 * it fails; run the rest with `-t '^(?!.*revoked access token)'`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ROLE_GRANTS, type ErrorBody, type Permission } from '@bdc/contracts';
import { describeEachEngine } from './engines';
import { createUser, demoUserId, SERVER } from './factories';
import { createTestApp, type TestApp, type TestResponse } from './harness';
import { nestRoutes, type FastifyRouteRecord, type NestRoute } from './route-table';
import { actAll, addItem, createTicket, MODEL, ticketBody } from './ticket-helpers';
import { algNoneToken, editedPayloadToken, expiredToken, resign, TEST_JWT_SECRET, wrongKeyToken } from './tokens';

// Every route Fastify registers, whoever registers it: the hook is installed on the adapter's
// instance as it is constructed, before Nest, Swagger or the SPA add a single route.
const fastifyRoutes = vi.hoisted((): FastifyRouteRecord[] => []);
vi.mock('@nestjs/platform-fastify', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@nestjs/platform-fastify')>();
  class RecordingFastifyAdapter extends actual.FastifyAdapter {
    // createApp passes plain server options; these are the ones it sets.
    constructor(options?: { bodyLimit?: number; trustProxy?: boolean; logger?: boolean }) {
      super(options);
      this.getInstance().addHook('onRoute', (route) => {
        for (const method of [route.method].flat()) fastifyRoutes.push({ method: String(method), url: route.url });
      });
    }
  }
  return { ...actual, FastifyAdapter: RecordingFastifyAdapter };
});

const CALLERS = ['admin', 'manager', 'tech', 'requester', 'noroles', 'owner'] as const;
type Caller = (typeof CALLERS)[number];

/**
 * - ok: past the route check and the ticket policy (2xx, or 400/409/422 about the request itself)
 * - forbidden: 403 from the route's permission check (the guard names the permission it wanted)
 * - refused: 403 from the service (e.g. not the comment's author), the route check having passed
 * - hidden: 404, the ticket (or comment) is not visible to this caller
 */
type Outcome = 'ok' | 'forbidden' | 'refused' | 'hidden';

/** Grants of each caller. `owner` is a second viewer who created the probe tickets. */
const GRANTS: Record<Caller, readonly Permission[]> = {
  admin: DEFAULT_ROLE_GRANTS.admin,
  manager: DEFAULT_ROLE_GRANTS.manager,
  tech: DEFAULT_ROLE_GRANTS.technician,
  requester: DEFAULT_ROLE_GRANTS.viewer,
  noroles: [],
  owner: DEFAULT_ROLE_GRANTS.viewer,
};

interface Fixture {
  /** A cancelled ticket of `owner`, never assigned, with one comment by `owner`. */
  ticketId: number;
  commentId: number;
  techId: number;
  /** A new ticket of `owner` in the given status, for the routes that would change the shared one. */
  freshTicket(status: 'draft' | 'cancelled'): Promise<number>;
}

interface Probe {
  url: string;
  body?: unknown;
}

interface RouteCase {
  /** What the route must declare: `public`, any signed-in user, or any one of these permissions. */
  access: 'public' | 'signed-in' | Permission[];
  probe(f: Fixture): Probe | Promise<Probe>;
  expect: Record<Caller, Outcome>;
}

const VIEW: Permission[] = ['ticket.view_own', 'ticket.view_assigned', 'ticket.view_all'];
const all = (outcome: Outcome): Record<Caller, Outcome> => ({ admin: outcome, manager: outcome, tech: outcome, requester: outcome, noroles: outcome, owner: outcome });
const everyRoleButNone: Record<Caller, Outcome> = { ...all('ok'), noroles: 'forbidden' };
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
const MATRIX: Record<string, RouteCase> = {
  'GET /api/health': { access: 'public', probe: () => ({ url: '/api/health' }), expect: all('ok') },
  // Public auth routes get a body that fails validation: the point is only that no token is needed.
  'POST /api/auth/login': { access: 'public', probe: () => ({ url: '/api/auth/login', body: {} }), expect: all('ok') },
  'POST /api/auth/refresh': { access: 'public', probe: () => ({ url: '/api/auth/refresh', body: {} }), expect: all('ok') },
  'POST /api/auth/logout': { access: 'public', probe: () => ({ url: '/api/auth/logout', body: { refreshToken: 42 } }), expect: all('ok') },
  'GET /api/auth/me': { access: 'signed-in', probe: () => ({ url: '/api/auth/me' }), expect: all('ok') },

  'GET /api/users': { access: ['user.manage'], probe: () => ({ url: '/api/users' }), expect: { ...all('forbidden'), admin: 'ok' } },
  'GET /api/users/assignees': {
    access: ['ticket.assign'],
    probe: () => ({ url: '/api/users/assignees' }),
    expect: { ...all('forbidden'), admin: 'ok', manager: 'ok' },
  },

  'GET /api/servers': { access: ['server.view'], probe: () => ({ url: '/api/servers' }), expect: everyRoleButNone },
  'GET /api/servers/:uuid': { access: ['server.view'], probe: () => ({ url: `/api/servers/${SERVER.webProd01}` }), expect: everyRoleButNone },
  'GET /api/components': { access: ['inventory.view'], probe: () => ({ url: '/api/components' }), expect: everyRoleButNone },
  'GET /api/catalog': { access: ['inventory.view'], probe: () => ({ url: '/api/catalog' }), expect: everyRoleButNone },

  'POST /api/tickets': { access: ['ticket.create'], probe: () => ({ url: '/api/tickets', body: ticketBody({ title: 'Matrix probe' }) }), expect: everyRoleButNone },
  'GET /api/tickets': { access: VIEW, probe: () => ({ url: '/api/tickets' }), expect: everyRoleButNone },
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
    probe: (f) => ({ url: ticketUrl(f, '/rollback'), body: {} }),
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
  'GET /api/tickets/:id/history': { access: VIEW, probe: (f) => ({ url: ticketUrl(f, '/history') }), expect: onTicket() },
};

/**
 * Routes Fastify serves that are not API endpoints, excluded by name: Swagger UI with its assets and
 * documents, the built SPA (its files and the index.html fallback for client-side routes), and CORS
 * preflight answers should @fastify/cors be registered. Each exclusion names the only method it may
 * hide (plus the HEAD Fastify adds beside each GET).
 */
const NOT_API_ROUTES: { why: string; method: string; matches(url: string): boolean }[] = [
  { why: 'Swagger UI and the OpenAPI document', method: 'GET', matches: (url) => /^\/api\/docs(-json|-yaml)?(\/.*)?$/.test(url) },
  { why: 'the SPA: static files and the client-side route fallback', method: 'GET', matches: (url) => url !== '/api' && !url.startsWith('/api/') },
  { why: 'CORS preflight (@fastify/cors)', method: 'OPTIONS', matches: (url) => url === '*' || url === '/*' },
];

function outcomeOf(res: TestResponse<ErrorBody>): Outcome | `unexpected ${number} ${string}` {
  const { status, body } = res;
  if (status === 403) return body.details?.['required'] ? 'forbidden' : 'refused';
  if (status === 404) return 'hidden';
  if ((status >= 200 && status < 300) || status === 400 || status === 409 || status === 422) return 'ok';
  return `unexpected ${status} ${body.code ?? res.text.slice(0, 80)}`;
}

/** What the route's own metadata and the role grants say about a caller, before any ticket is looked at. */
function passesRouteCheck(route: NestRoute, caller: Caller): boolean {
  return route.isPublic || route.permissions.length === 0 || route.permissions.some((p) => GRANTS[caller].includes(p));
}

function declaredAccess(route: NestRoute): RouteCase['access'] {
  if (route.isPublic) return 'public';
  return route.permissions.length === 0 ? 'signed-in' : [...route.permissions].sort();
}

const sortedAccess = (access: RouteCase['access']) => (Array.isArray(access) ? [...access].sort() : access);
const methodOf = (key: string) => key.slice(0, key.indexOf(' ')) as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

describeEachEngine('authorization matrix', (engine) => {
  let t: TestApp;
  let routes: NestRoute[];
  let recorded: FastifyRouteRecord[];
  let webDist: string;
  const tokens = {} as Record<Caller, string>;
  let fixture: Fixture;

  beforeAll(async () => {
    // A stand-in SPA build, so the SPA's routes exist and must be excluded by name like Swagger's.
    webDist = mkdtempSync(join(tmpdir(), 'bdc-matrix-web-'));
    mkdirSync(join(webDist, 'assets'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>matrix</title>');
    writeFileSync(join(webDist, 'assets', 'app-0000.js'), 'export {};');
    fastifyRoutes.length = 0;
    t = await createTestApp(engine, { swagger: true, configOverrides: { webDistDir: webDist } });
    recorded = [...fastifyRoutes];
    routes = nestRoutes(t.app);

    const owner = await createUser(t, { roles: ['viewer'] });
    const noroles = await createUser(t, { roles: [] });
    for (const [caller, username] of [
      ['admin', 'admin'],
      ['manager', 'manager'],
      ['tech', 'tech'],
      ['requester', 'requester'],
      ['noroles', noroles.username],
      ['owner', owner.username],
    ] as const) {
      tokens[caller] = await t.login(username);
    }
    const freshTicket = async (status: 'draft' | 'cancelled') => {
      const ticket = await createTicket(t, tokens.owner, { title: `Matrix probe (${status})`, draft: status === 'draft' });
      if (status === 'cancelled') await actAll(t, ticket.id, [[tokens.owner, 'cancel']]);
      return ticket.id;
    };
    const shared = await createTicket(t, tokens.owner, { title: 'Matrix probe ticket' });
    const comment = await t.http.post<{ id: number }>(`/api/tickets/${shared.id}/comments`, { token: tokens.owner, body: { comment: 'by the owner' } });
    expect(comment.status).toBe(201);
    await actAll(t, shared.id, [[tokens.owner, 'cancel']]);
    fixture = { ticketId: shared.id, commentId: comment.body.id, techId: await demoUserId(t, 'tech'), freshTicket };
  });
  afterAll(async () => {
    await t?.close();
    if (webDist) rmSync(webDist, { recursive: true, force: true });
  });

  describe('the route table', () => {
    it('has an entry for every route the application maps, and no entry for a route it does not', () => {
      expect(routes.length).toBeGreaterThan(20);
      expect(routes.map((r) => r.key)).toEqual(Object.keys(MATRIX).sort());
    });

    it('is every route Fastify serves, apart from Swagger UI and the SPA, excluded by name', () => {
      const getUrls = new Set(recorded.filter((r) => r.method === 'GET').map((r) => r.url));
      const api = new Set<string>();
      const excluded: string[] = [];
      for (const { method, url } of recorded) {
        // Fastify adds a HEAD route beside every GET (exposeHeadRoutes): not a route of its own.
        if (method === 'HEAD' && getUrls.has(url)) continue;
        const reason = NOT_API_ROUTES.find((r) => r.method === method && r.matches(url));
        if (reason) {
          excluded.push(url);
          continue;
        }
        api.add(`${method} ${url}`);
      }
      expect([...api].sort()).toEqual(routes.map((r) => r.key));
      // The exclusions did exclude something: Swagger's document and the SPA fallback are there.
      expect(excluded).toEqual(expect.arrayContaining(['/api/docs-json', '/*']));
    });

    it('declares on each route the access the table expects', () => {
      const declared = Object.fromEntries(routes.map((r) => [r.key, declaredAccess(r)]));
      const expected = Object.fromEntries(Object.entries(MATRIX).map(([key, c]) => [key, sortedAccess(c.access)]));
      expect(declared).toEqual(expected);
    });

    it("agrees with the role grants: a caller is forbidden at the route exactly when none of its grants is the route's", () => {
      const disagreements: string[] = [];
      for (const route of routes) {
        const entry = MATRIX[route.key];
        if (!entry) continue;
        for (const caller of CALLERS) {
          const forbidden = entry.expect[caller] === 'forbidden';
          if (forbidden === passesRouteCheck(route, caller)) disagreements.push(`${route.key} ${caller}: table says ${entry.expect[caller]}`);
        }
      }
      expect(disagreements).toEqual([]);
    });
  });

  describe('every route × every caller', () => {
    for (const [key, entry] of Object.entries(MATRIX)) {
      it(key, async () => {
        const actual: Record<string, string> = {};
        for (const caller of CALLERS) {
          const probe = await entry.probe(fixture);
          const res = await t.http.request<ErrorBody>(methodOf(key), probe.url, { token: tokens[caller], body: probe.body });
          actual[caller] = outcomeOf(res);
        }
        expect(actual).toEqual(entry.expect);
      });
    }
  });

  describe('tokens', () => {
    const nonPublic = () => Object.entries(MATRIX).filter(([, c]) => c.access !== 'public');

    async function everyNonPublicRoute(token: string | undefined): Promise<Record<string, string>> {
      const answers: Record<string, string> = {};
      for (const [key, entry] of nonPublic()) {
        const probe = await entry.probe(fixture);
        const res = await t.http.request<ErrorBody>(methodOf(key), probe.url, { token, body: probe.body });
        answers[key] = `${res.status} ${res.body.code}`;
      }
      return answers;
    }
    const everyRouteAnswers = (answer: string) => Object.fromEntries(nonPublic().map(([key]) => [key, answer]));

    it('anonymous: 401 UNAUTHENTICATED on every route that is not public', async () => {
      expect(await everyNonPublicRoute(undefined)).toEqual(everyRouteAnswers('401 UNAUTHENTICATED'));
    });

    it('anonymous: public routes answer without a token', async () => {
      for (const [key, entry] of Object.entries(MATRIX).filter(([, c]) => c.access === 'public')) {
        const probe = await entry.probe(fixture);
        const res = await t.http.request<ErrorBody>(methodOf(key), probe.url, { body: probe.body });
        expect([key, res.status === 401]).toEqual([key, false]);
      }
    });

    it('the forgeries start from tokens the API accepts (the control)', async () => {
      const adminId = await demoUserId(t, 'admin');
      const resigned = await t.http.get<{ username: string }>('/api/auth/me', { token: resign(tokens.admin, {}, TEST_JWT_SECRET) });
      expect([resigned.status, resigned.body.username]).toEqual([200, 'admin']);
      // With the right key an edited subject would be believed: only the signature stops it below.
      const edited = await t.http.get<{ username: string }>('/api/auth/me', { token: resign(tokens.requester, { sub: adminId }, TEST_JWT_SECRET) });
      expect([edited.status, edited.body.username]).toEqual([200, 'admin']);
    });

    it('expired: 401 TOKEN_INVALID on every route that is not public', async () => {
      expect(await everyNonPublicRoute(expiredToken(tokens.admin))).toEqual(everyRouteAnswers('401 TOKEN_INVALID'));
    });

    it('forged with alg none: 401 TOKEN_INVALID on every route that is not public', async () => {
      expect(await everyNonPublicRoute(algNoneToken(tokens.admin))).toEqual(everyRouteAnswers('401 TOKEN_INVALID'));
    });

    it('signed with a wrong key: 401 TOKEN_INVALID on every route that is not public', async () => {
      expect(await everyNonPublicRoute(wrongKeyToken(tokens.admin))).toEqual(everyRouteAnswers('401 TOKEN_INVALID'));
    });

    it('payload edited to another user, signature kept: 401 TOKEN_INVALID on every route that is not public', async () => {
      const adminId = await demoUserId(t, 'admin');
      expect(await everyNonPublicRoute(editedPayloadToken(tokens.requester, adminId))).toEqual(everyRouteAnswers('401 TOKEN_INVALID'));
    });

    it('not a JWT at all: 401 TOKEN_INVALID', async () => {
      for (const token of ['abc', 'a.b.c', `${tokens.admin}x`]) {
        const res = await t.http.get<ErrorBody>('/api/auth/me', { token });
        expect([token.slice(-8), res.status, res.body.code]).toEqual([token.slice(-8), 401, 'TOKEN_INVALID']);
      }
    });

    describe('revoked access token (needs session-bound access tokens)', () => {
      it('after POST /api/auth/logout: 401 TOKEN_INVALID on every route that is not public', async () => {
        const user = await createUser(t, { roles: ['admin'] });
        const login = await t.http.post<{ accessToken: string }>('/api/auth/login', { body: { username: user.username, password: user.password } });
        expect(login.status).toBe(200);
        const token = login.body.accessToken;
        expect((await t.http.get('/api/auth/me', { token })).status).toBe(200);
        expect((await t.http.post('/api/auth/logout', { token, body: {} })).status).toBe(204);
        expect(await everyNonPublicRoute(token)).toEqual(everyRouteAnswers('401 TOKEN_INVALID'));
      });
    });
  });
});
