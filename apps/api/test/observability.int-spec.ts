/**
 * Operability (issue 9): JSON log lines carrying the request id, the id echoed in X-Request-Id and
 * used as a 500's correlation id, no credentials in the logs; Prometheus /metrics (per route pattern,
 * outbox backlog, SSE clients, pool) behind its address/token check; liveness apart from readiness,
 * and readiness going 503 while the process drains. The cluster side (WORKERS=2) is in
 * cluster.int-spec.ts.
 */
import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import type { ErrorBody, HealthResponse, LivenessResponse, ReadinessResponse } from '@bdc/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthService } from '../src/auth/auth.service';
import { AppConfig } from '../src/config/app-config';
import { HealthService } from '../src/health/health.service';
import { ServingState } from '../src/health/serving-state';
import { TicketNotificationEntity } from '../src/notifications/ticket-notification.entity';
import { describeEachEngine } from './engines';
import { createUser } from './factories';
import { createTestApp, type TestApp } from './harness';
import { listening, openLiveStream } from './live-stream';
import { createTicket } from './ticket-helpers';

/** The log stream of one application, as parsed JSON lines (every line must parse). */
class LogCapture extends Writable {
  raw = '';

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.raw += chunk.toString('utf8');
    callback();
  }

  lines(): Record<string, unknown>[] {
    return this.raw
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  withReqId(reqId: string): Record<string, unknown>[] {
    return this.lines().filter((line) => line.reqId === reqId);
  }
}

/** A metric's value from the exposition text, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describeEachEngine('observability', (engine) => {
  let t: TestApp;
  let guarded: TestApp;
  const logs = new LogCapture();

  beforeAll(async () => {
    const defaults = AppConfig.create();
    // Nest's Logger is process-wide and follows the application created last: `t`, whose lines are read.
    guarded = await createTestApp(engine, {
      seedDemo: false,
      configOverrides: { operations: { ...defaults.operations, metricsToken: 'scrape-token-0123456789', metricsAllow: ['10.20.0.0/16'] } },
    });
    t = await createTestApp(engine, {
      // Info level, as production runs: the request lines are what is under test.
      logger: ['log', 'warn', 'error'],
      logDestination: logs,
      // Email on, its sender off: notification rows stay in the outbox, unsent.
      configOverrides: { notifications: { ...defaults.notifications, smtpUrl: 'smtp://127.0.0.1:9', workerEnabled: false } },
    });
  });
  afterAll(async () => {
    await guarded?.close();
    await t?.close();
  });
  afterEach(() => vi.restoreAllMocks());

  describe('logs', () => {
    it('writes one JSON line per request with its reqId, the id the response carries in X-Request-Id', async () => {
      const res = await t.http.get<LivenessResponse>('/api/health/live');
      expect(res.status).toBe(200);
      const reqId = String(res.headers['x-request-id']);
      expect(reqId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const lines = logs.withReqId(reqId);
      expect(lines).toEqual([
        expect.objectContaining({ level: 'info', msg: 'request completed', method: 'GET', route: '/api/health/live', statusCode: 200, pid: process.pid, time: expect.any(String) }),
      ]);
    });

    it("keeps a caller's sane X-Request-Id and replaces anything else", async () => {
      const kept = await t.http.get('/api/health/live', { headers: { 'x-request-id': 'lb-7f3a:91' } });
      expect(kept.headers['x-request-id']).toBe('lb-7f3a:91');
      expect(logs.withReqId('lb-7f3a:91')).toHaveLength(1);
      for (const bad of ['has space', 'x'.repeat(200), '<script>', '-leading-dash']) {
        const res = await t.http.get('/api/health/live', { headers: { 'x-request-id': bad } });
        expect([bad, res.headers['x-request-id']]).toEqual([bad, expect.stringMatching(/^[0-9a-f-]{36}$/)]);
      }
    });

    it("a 500's correlationId is the request id, and the error line with the stack carries it", async () => {
      vi.spyOn(HealthService.prototype, 'live').mockImplementation(() => {
        throw new Error('kaboom in /srv/internal/secret-path.js');
      });
      const res = await t.http.get<ErrorBody>('/api/health/live', { headers: { 'x-request-id': 'trace-500-a' } });
      expect(res.status).toBe(500);
      expect(res.body.details?.correlationId).toBe('trace-500-a');
      expect(res.body.message).toContain('trace-500-a');
      expect(res.text).not.toContain('kaboom');
      const errorLine = logs.withReqId('trace-500-a').find((line) => line.level === 'error');
      expect(errorLine).toMatchObject({ context: 'ApiExceptionFilter', msg: expect.stringContaining('Unhandled error trace-500-a'), stack: expect.stringContaining('kaboom') });
      expect(logs.withReqId('trace-500-a').find((line) => line.msg === 'request completed')).toMatchObject({ statusCode: 500 });
    });

    it('lines a service writes while handling a request carry its reqId, also after a JSON body was read', async () => {
      vi.spyOn(AuthService.prototype, 'login').mockImplementation(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        new Logger('ProbeService').warn('inside the login handler');
        throw new Error('stop here');
      });
      const res = await t.http.post('/api/auth/login', { body: { username: 'nobody', password: 'not-logged-1' }, headers: { 'x-request-id': 'svc-line-1' } });
      expect(res.status).toBe(500);
      expect(logs.withReqId('svc-line-1')).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'warn', context: 'ProbeService', msg: 'inside the login handler' })]));
    });

    it('writes no password, token or authorization header, wherever the request put them', async () => {
      const user = await createUser(t, { roles: ['viewer'], password: 'Pw-only-in-the-body-93' });
      const login = await t.http.post<{ accessToken: string; refreshToken: string }>('/api/auth/login', { body: { username: user.username, password: user.password } });
      expect(login.status).toBe(200);
      await t.http.get('/api/auth/me', { token: login.body.accessToken });
      await t.http.post('/api/auth/refresh', { body: { refreshToken: login.body.refreshToken } });
      // The BDC IMS action API accepts a sign-in in the query string: the logged path has no query.
      await t.http.get(`/api.php?action=auth-login&username=${user.username}&password=Query-secret-71`);
      expect(logs.raw).not.toContain('Pw-only-in-the-body-93');
      expect(logs.raw).not.toContain('Query-secret-71');
      expect(logs.raw).not.toContain(login.body.accessToken);
      expect(logs.raw).not.toContain(login.body.refreshToken);
      expect(logs.lines().some((line) => line.path === '/api.php')).toBe(true);
    });
  });

  describe('metrics', () => {
    it('counts requests per route pattern, method and status class, never per raw URL', async () => {
      const token = await t.login('admin');
      for (let i = 0; i < 3; i++) expect((await t.http.get(`/api/tickets/98765${i}`, { token })).status).toBe(404);
      expect((await t.http.get('/api/no-such-route-4711', { token })).status).toBe(404);
      const res = await t.http.get('/metrics');
      expect(res.status).toBe(200);
      expect(String(res.headers['content-type'])).toMatch(/^text\/plain/);
      expect(sample(res.text, 'http_requests_total{method="GET",route="/api/tickets/:id",status="4xx"}')).toBe(3);
      expect(sample(res.text, 'http_request_duration_seconds_count{method="GET",route="/api/tickets/:id",status="4xx"}')).toBe(3);
      expect(sample(res.text, 'http_requests_total{method="GET",route="(unmatched)",status="4xx"}')).toBeGreaterThanOrEqual(1);
      expect(res.text).not.toContain('987650');
      expect(res.text).not.toContain('no-such-route-4711');
      expect(sample(res.text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    });

    it('reports the unsent outbox rows, the open live streams and (MariaDB) the connection pool', async () => {
      const requester = await t.login('requester');
      await createTicket(t, requester, { title: 'Metrics outbox probe' });
      const pending = await t.dataSource.manager.count(TicketNotificationEntity, { where: { status: 'pending' } });
      expect(pending).toBeGreaterThan(0);
      const base = await listening(t.app);
      const stream = await openLiveStream(base, requester);
      try {
        const res = await t.http.get('/metrics');
        expect(sample(res.text, 'bdc_notification_outbox_backlog')).toBe(pending);
        expect(sample(res.text, 'bdc_sse_clients')).toBe(1);
        if (engine === 'mysql') {
          expect(sample(res.text, 'bdc_db_pool_connections{state="total"}')).toBeGreaterThan(0);
          expect(sample(res.text, 'bdc_db_pool_connections{state="queued"}')).toBe(0);
        } else {
          expect(res.text).not.toContain('bdc_db_pool_connections');
        }
      } finally {
        stream.close();
      }
    });

    it('answers loopback callers by default and refuses other addresses with 403', async () => {
      const fastify = t.app.getHttpAdapter().getInstance();
      for (const remoteAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
        const res = await fastify.inject({ method: 'GET', url: '/metrics', remoteAddress });
        expect([remoteAddress, res.statusCode]).toEqual([remoteAddress, 200]);
      }
      for (const remoteAddress of ['10.1.2.3', '192.168.0.9', '2001:db8::1']) {
        const res = await fastify.inject({ method: 'GET', url: '/metrics', remoteAddress });
        expect([remoteAddress, res.statusCode, (JSON.parse(res.body) as ErrorBody).code]).toEqual([remoteAddress, 403, 'FORBIDDEN']);
      }
    });

    it('with METRICS_TOKEN and METRICS_ALLOW: the token from anywhere, the listed ranges without it, nobody else', async () => {
      const fastify = guarded.app.getHttpAdapter().getInstance();
      const status = async (remoteAddress: string, authorization?: string) =>
        (await fastify.inject({ method: 'GET', url: '/metrics', remoteAddress, headers: authorization ? { authorization } : {} })).statusCode;
      expect(await status('203.0.113.5', 'Bearer scrape-token-0123456789')).toBe(200);
      expect(await status('10.20.3.4')).toBe(200);
      expect(await status('203.0.113.5')).toBe(403);
      expect(await status('203.0.113.5', 'Bearer scrape-token-012345678X')).toBe(403);
      expect(await status('203.0.113.5', 'Bearer scrape-token-0123456789-longer')).toBe(403);
      // METRICS_ALLOW replaces the default: loopback is no longer in it.
      expect(await status('127.0.0.1')).toBe(403);
    });
  });

  describe('health', () => {
    it('live is 200 without touching the database; ready is 200 with the database up', async () => {
      const live = await t.http.get<LivenessResponse>('/api/health/live');
      expect([live.status, live.body]).toEqual([200, { status: 'ok', uptimeSeconds: expect.any(Number) }]);
      const ready = await t.http.get<ReadinessResponse>('/api/health/ready');
      expect([ready.status, ready.body]).toEqual([200, { status: 'ready', database: 'up', engine, version: expect.stringMatching(/^\d+\.\d+\.\d+/) }]);
    });

    it('ready is 503 when the database does not answer, live stays 200; the probe warning carries the reqId', async () => {
      vi.spyOn(t.db, 'probe').mockRejectedValue(new Error('connection refused (probe)'));
      const ready = await t.http.get<ReadinessResponse>('/api/health/ready', { headers: { 'x-request-id': 'ready-down-1' } });
      expect([ready.status, ready.body.status, ready.body.database]).toEqual([503, 'unavailable', 'down']);
      expect(logs.withReqId('ready-down-1')).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'warn', context: 'Health', msg: expect.stringContaining('connection refused (probe)') })]));
      expect((await t.http.get('/api/health/live')).status).toBe(200);
    });

    // Last: the application stays draining.
    it('once draining (SIGTERM), ready and the combined health answer 503 while live and other routes still serve', async () => {
      t.app.get(ServingState).beginDrain();
      const ready = await t.http.get<ReadinessResponse>('/api/health/ready');
      expect([ready.status, ready.body.status, ready.body.database]).toEqual([503, 'draining', 'up']);
      const health = await t.http.get<HealthResponse>('/api/health');
      expect([health.status, health.body.status, health.body.database]).toEqual([503, 'unavailable', 'up']);
      expect((await t.http.get('/api/health/live')).status).toBe(200);
      // Requests already on their way are still served during the drain.
      const token = await t.login('admin');
      expect((await t.http.get('/api/servers', { token })).status).toBe(200);
    });
  });
});
