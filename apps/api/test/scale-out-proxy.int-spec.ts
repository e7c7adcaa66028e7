import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayInTimeZone, formatTicketNumber, type AttachmentView, type LiveEvent, type NotificationView, type Page, type TicketDetail } from '@bdc/contracts';
import { AppConfig } from '../src/config/app-config';
import { TicketHistoryEntity } from '../src/history/ticket-history.entity';
import { API_MAIN_JS, startApiProcess, type ApiProcess } from './api-processes';
import { multipart, PDF } from './attachment-files';
import { testMysqlUrl } from './engines';
import { demoUserId } from './factories';
import { createTestApp, type TestApp } from './harness';
import { httpTarget, type HttpTarget } from './http-client';
import { openLiveStream, type LiveStream } from './live-stream';
import { redisAnswers } from './redis-probe';
import { act, actAll, addItem, createTicket, MODEL, SERVER, serverDetail, ticketBody, unitsOfModel } from './ticket-helpers';
import { createTestDatabase } from './test-database';

/**
 * Issue 9, "Past one machine": two real API processes (dist/src/main.js) on one MariaDB database and
 * one Redis, nginx in front of them, started by scripts/scale-out/proxy.sh as a person would. Every
 * request goes over real sockets; nginx's access log says which process served it.
 */
const PROXY_SCRIPT = resolve(__dirname, '../../../scripts/scale-out/proxy.sh');
const NGINX = '/usr/sbin/nginx';
const mysqlUrl = testMysqlUrl();
const redisUrl = process.env.TEST_REDIS_URL?.trim() || null;
const missing = [
  existsSync(NGINX) ? null : `nginx not installed at ${NGINX} (apt-get install -y nginx)`,
  mysqlUrl ? null : 'TEST_MYSQL_URL not set',
  redisUrl === null ? 'TEST_REDIS_URL not set' : redisAnswers(redisUrl) ? null : `no Redis answers at ${redisUrl}`,
].filter((reason): reason is string => reason !== null);
const suite = missing.length === 0 ? describe : describe.skip;
const title = (name: string) => (missing.length === 0 ? name : `${name} (skipped: ${missing.join('; ')})`);

const run = promisify(execFile);
const proxyScript = (command: 'start' | 'stop' | 'status', env: Record<string, string>) =>
  run('bash', [PROXY_SCRIPT, command], { env: { ...process.env, ...env }, timeout: 150_000 });
const changed = (ticketId: number) => (e: LiveEvent) => e.type === 'ticket.changed' && e.ticketId === ticketId;

/** The upstream (host:port) nginx sent each matching request to, in the order they completed. */
function upstreamsOf(stateDir: string, request: RegExp): string[] {
  return readFileSync(join(stateDir, 'logs/nginx-access.log'), 'utf8')
    .split('\n')
    .filter((line) => request.test(line))
    .map((line) => /upstream=(\S+)/.exec(line)?.[1] ?? '-');
}

suite(title('two API processes behind nginx (scripts/scale-out/proxy.sh)'), () => {
  let t: TestApp;
  let a: ApiProcess;
  let b: ApiProcess;
  let stateDir: string;
  let proxy: HttpTarget;
  let direct: { a: HttpTarget; b: HttpTarget };
  let proxyUrl: string;
  const streams: LiveStream[] = [];

  beforeAll(async () => {
    if (!existsSync(API_MAIN_JS)) throw new Error(`No API build at ${API_MAIN_JS}: run \`pnpm build\` first (pnpm test builds before Vitest)`);
    // Migrations, reference data and the demo base run once, here; the processes then start together on a ready schema.
    t = await createTestApp('mysql');
    const config = t.app.get(AppConfig);
    const env = { JWT_SECRET: config.jwtSecret, UPLOAD_DIR: config.uploadDir, SEED_DEMO: 'never', TRUST_PROXY: 'true' };
    [a, b] = await Promise.all([startApiProcess({ dbUrl: config.dbUrl, redisUrl, env }), startApiProcess({ dbUrl: config.dbUrl, redisUrl, env })]);
    stateDir = mkdtempSync(join(tmpdir(), 'bdc-proxy-'));
    const upstreams = [a, b].map((p) => new URL(p.baseUrl).host).join(',');
    await proxyScript('start', { PROXY_STATE_DIR: stateDir, PROXY_PORT: '0', PROXY_UPSTREAMS: upstreams });
    proxyUrl = readFileSync(join(stateDir, 'proxy.url'), 'utf8').trim();
    proxy = httpTarget(proxyUrl);
    direct = { a: httpTarget(a.baseUrl), b: httpTarget(b.baseUrl) };
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    if (stateDir) await proxyScript('stop', { PROXY_STATE_DIR: stateDir }).catch(() => undefined);
    await Promise.all([a?.stop(), b?.stop()]);
    await t?.close();
    // KEEP_PROXY_STATE=1 keeps nginx's config and logs (access log: which process served what) for a look after a failure.
    if (stateDir && !process.env.KEEP_PROXY_STATE) rmSync(stateDir, { recursive: true, force: true });
  });

  it('runs a ticket from create to complete through the proxy, changing the inventory', async () => {
    const [requester, manager, tech, admin] = await Promise.all(['requester', 'manager', 'tech', 'admin'].map((u) => proxy.login(u)));
    const techId = await demoUserId(t, 'tech');
    const cpusBefore = await unitsOfModel(proxy, admin, 'cpu', MODEL.cpuEpyc9124, 'available');
    const created = await createTicket(proxy, requester, {
      title: 'Through the proxy: bring k8s-node-05 up',
      targetServerUuid: SERVER.k8sNode05,
      items: [addItem('cpu', MODEL.cpuEpyc9124), addItem('ram', MODEL.ramMicron32, 2)],
    });
    expect(created.status).toBe('pending');

    const approved = await actAll(proxy, created.id, [[manager, 'approve', { comment: 'ok' }]]);
    expect(approved).toMatchObject({ status: 'approved', approvedBy: { username: 'manager' } });
    const reserved = await unitsOfModel(proxy, admin, 'cpu', MODEL.cpuEpyc9124, 'reserved');
    expect(reserved).toHaveLength(1);
    expect(await unitsOfModel(proxy, admin, 'cpu', MODEL.cpuEpyc9124, 'available')).toHaveLength(cpusBefore.length - 1);

    const deployed = await actAll(proxy, created.id, [
      [manager, 'assign', { assigneeId: techId }],
      [tech, 'start'],
      [tech, 'deploy', { notes: 'Installed behind nginx' }],
    ]);
    expect(deployed.status).toBe('deployed');
    const server = await serverDetail(proxy, requester, SERVER.k8sNode05);
    expect(server.components.find((c) => c.componentType === 'cpu')).toMatchObject({ uuid: MODEL.cpuEpyc9124, serialNumber: reserved[0]?.serialNumber });
    expect(server.components.filter((c) => c.componentType === 'ram')).toHaveLength(2);
    expect((await unitsOfModel(proxy, admin, 'cpu', MODEL.cpuEpyc9124)).find((u) => u.serialNumber === reserved[0]?.serialNumber)).toMatchObject({
      status: 'in_use',
      serverUuid: SERVER.k8sNode05,
    });
    expect((await actAll(proxy, created.id, [[tech, 'complete', { notes: 'done' }]])).status).toBe('completed');
    // Round robin: the steps above were served by both processes.
    expect(new Set(upstreamsOf(stateDir, new RegExp(`/api/tickets/${created.id}/`)))).toEqual(new Set([new URL(a.baseUrl).host, new URL(b.baseUrl).host]));
  });

  it("gives the requester the in-app notification of the approval", async () => {
    const requester = await proxy.login('requester');
    const ticket = await createTicket(proxy, requester, { title: 'Through the proxy: notify me' });
    expect((await act(proxy, await proxy.login('manager2'), ticket.id, 'approve')).status).toBe(200);
    await expect
      .poll(async () => {
        const inbox = await proxy.http.get<Page<NotificationView>>('/api/notifications', { token: requester, query: { pageSize: 100 } });
        return inbox.body.items.filter((n) => n.ticketId === ticket.id).map((n) => [n.event, n.actorName]);
      })
      .toEqual([['approved', 'Daniel Kim']]);
  });

  it('delivers a change made on process B to a stream on process A, and to a stream through the proxy', async () => {
    const manager = await direct.a.login('manager');
    const onA = await openLiveStream(a.baseUrl, manager);
    const viaProxy = await openLiveStream(proxyUrl, await proxy.login('manager'));
    streams.push(onA, viaProxy);
    expect([onA.status, viaProxy.status]).toEqual([200, 200]);
    expect(viaProxy.headers['content-type']).toContain('text/event-stream');
    // Subscriptions to Redis complete asynchronously: give them a moment before publishing.
    await new Promise((r) => setTimeout(r, 300));
    const ticket = await createTicket(direct.b, await direct.b.login('requester'), { title: 'Through the proxy: across processes' });
    expect(await onA.waitFor(changed(ticket.id), 10_000)).toMatchObject({ type: 'ticket.changed', status: 'pending' });
    expect(await viaProxy.waitFor(changed(ticket.id), 10_000)).toMatchObject({ type: 'ticket.changed', status: 'pending' });
  });

  it('numbers 24 tickets created at once through the proxy without duplicates or gaps, on both processes', async () => {
    const token = await proxy.login('requester');
    const day = dayInTimeZone(new Date(), t.app.get(AppConfig).timeZone);
    const countToday = async () => {
      const rows: { n: number | string }[] = await t.dataSource.query('SELECT COUNT(*) AS n FROM tickets WHERE ticket_number LIKE ?', [`TKT-${day}-%`]);
      return Number(rows[0]?.n ?? 0);
    };
    const before = await countToday();
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => proxy.http.post<TicketDetail>('/api/tickets', { token, body: ticketBody({ title: `Burst ${i}` }) })));
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 24 }, () => 201));
    expect(results.map((r) => r.body.ticketNumber).sort()).toEqual(Array.from({ length: 24 }, (_, i) => formatTicketNumber(day, before + i + 1)));
    const served = upstreamsOf(stateDir, /"POST \/api\/tickets HTTP/).slice(-24);
    expect(new Set(served).size).toBe(2);
  });

  it('lets exactly one of two managers approving the same ticket at once win, three rounds', async () => {
    const requester = await proxy.login('requester');
    const [manager, manager2] = await Promise.all([proxy.login('manager'), proxy.login('manager2')]);
    const served: string[] = [];
    for (let round = 0; round < 3; round++) {
      const ticket = await createTicket(proxy, requester, { title: `Through the proxy: race ${round}` });
      const results = await Promise.all([act(proxy, manager, ticket.id, 'approve'), act(proxy, manager2, ticket.id, 'approve')]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)?.body.code).toMatch(/^(INVALID_TRANSITION|CONFLICT)$/);
      served.push(...upstreamsOf(stateDir, new RegExp(`"POST /api/tickets/${ticket.id}/approve `)));
    }
    // Round robin spread them over both processes (which one took which request is nginx's choice).
    expect(new Set(served).size).toBe(2);
    // And once with certainty process against process: one approval sent to each directly.
    const ticket = await createTicket(proxy, requester, { title: 'Race: process A against process B' });
    const results = await Promise.all([act(direct.a, await direct.a.login('manager'), ticket.id, 'approve'), act(direct.b, await direct.b.login('manager2'), ticket.id, 'approve')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it("records the address of nginx's client in the history, not one a client puts in X-Forwarded-For", async () => {
    // 127.0.0.2 is loopback too: the client's address differs from nginx's (127.0.0.1).
    const client = httpTarget(proxyUrl, { localAddress: '127.0.0.2' });
    const token = await client.login('requester');
    const created = await client.http.post<TicketDetail>('/api/tickets', { token, body: ticketBody({ title: 'Through the proxy: who am I' }), headers: { 'x-forwarded-for': '198.51.100.66' } });
    expect(created.status).toBe(201);
    const rows = await t.dataSource.manager.find(TicketHistoryEntity, { where: { ticketId: created.body.id } });
    expect(rows.map((r) => [r.action, r.ipAddress])).toEqual([['ticket_created', '127.0.0.2']]);
  });

  it('takes an attachment larger than nginx allows by default, and any process serves it (one upload dir)', async () => {
    const token = await proxy.login('requester');
    const ticket = await createTicket(proxy, token, { title: 'Through the proxy: a big PDF' });
    // 3 MiB: nginx's default client_max_body_size (1 MiB) would refuse it; the API takes up to 10 MiB.
    const pdf = Buffer.concat([PDF, Buffer.alloc(3 * 1024 * 1024, ' ')]);
    const { payload, contentType } = multipart([{ name: 'file', filename: 'rack-plan.pdf', content: pdf, contentType: 'application/pdf' }]);
    const uploaded = await proxy.http.post<AttachmentView>(`/api/tickets/${ticket.id}/attachments`, { token, body: payload, headers: { 'content-type': contentType } });
    expect([uploaded.status, uploaded.body.size]).toEqual([201, pdf.length]);
    for (const target of [direct.a, direct.b]) {
      const download = await target.http.get(`/api/tickets/${ticket.id}/attachments/${uploaded.body.id}`, { token: await target.login('requester') });
      expect([download.status, download.text.length]).toEqual([200, pdf.length]);
    }
  });

  it("answers a body over the proxy's limit with a 413 in the API's error shape", async () => {
    const token = await proxy.login('requester');
    const huge = 'x'.repeat(70 * 1024 * 1024);
    const tooLarge = await proxy.http.post<{ code: string }>('/api/tickets', { token, body: huge, headers: { 'content-type': 'application/json' } });
    expect([tooLarge.status, tooLarge.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    // nginx answered it (no process saw the body), in the shape the SPA reads.
    // (nginx logs the request once it has read and dropped the rest of the body: poll.)
    await expect.poll(() => upstreamsOf(stateDir, /"POST \/api\/tickets HTTP\/1\.1" 413 /)).toEqual(['-']);
  });
});

suite(title('scripts/scale-out/proxy.sh start on its own (as a person runs it)'), () => {
  let stateDir: string;
  let drop: (() => Promise<void>) | null = null;

  afterAll(async () => {
    if (stateDir) await proxyScript('stop', { PROXY_STATE_DIR: stateDir }).catch(() => undefined);
    await drop?.();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it('starts two API processes and nginx on an empty database, serves the demo logins, and stops exactly what it started', async () => {
    const database = await createTestDatabase('mysql');
    drop = database.drop;
    stateDir = mkdtempSync(join(tmpdir(), 'bdc-proxy-own-'));
    const env = { PROXY_STATE_DIR: stateDir, PROXY_PORT: '0', DB_URL: database.dbUrl, REDIS_URL: redisUrl ?? '', UPLOAD_DIR: join(database.dir, 'uploads') };
    const started = await proxyScript('start', env);
    expect(started.stdout).toMatch(/BDC IMS behind nginx: http:\/\/127\.0\.0\.1:\d+/);
    const url = readFileSync(join(stateDir, 'proxy.url'), 'utf8').trim();
    const client = httpTarget(url);
    const health = await client.http.get<{ status: string; engine: string }>('/api/health');
    expect([health.status, health.body.status, health.body.engine]).toEqual([200, 'ok', 'mysql']);
    // One JWT secret for both: a token from one process works on the other (round robin alternates).
    const token = await client.login('admin');
    const answers = await Promise.all([1, 2, 3, 4].map(() => client.http.get('/api/auth/me', { token })));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(upstreamsOf(stateDir, /GET \/api\/auth\/me/)).size).toBe(2);

    const pids = ['api-1', 'api-2', 'nginx'].map((name) => Number(readFileSync(join(stateDir, 'pids', `${name}.pid`), 'utf8').split(' ')[0]));
    expect((await proxyScript('status', env)).stdout).toMatch(/api-1: running[\s\S]*api-2: running[\s\S]*nginx: running/);
    await proxyScript('stop', env);
    for (const pid of pids) expect(isAlive(pid), `pid ${pid}`).toBe(false);
    await expect(client.http.get('/api/health')).rejects.toThrow();
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
