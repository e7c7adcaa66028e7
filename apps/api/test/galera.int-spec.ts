/**
 * Three real API processes (dist/src/main.js), each connected to a different node of a 3-node MariaDB
 * Galera cluster (scripts/scale-out/galera.sh). Galera locks rows only on the node that runs the
 * transaction: two writers of the same row through different nodes both proceed, and the one that
 * certifies second is refused at COMMIT (ER_LOCK_DEADLOCK). The app re-runs such a transaction, so
 * numbering, approvals and stock reservations must come out exactly as on one server, never as a 500.
 * Then a node is killed under load: its process answers 503 until the node is back (restarted from its
 * recovered position), the others carry on, and every confirmed write is on every node afterwards.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { CatalogModelEntity } from '../src/inventory/catalog-model.entity';
import { ComponentStockEntity } from '../src/inventory/component-stock.entity';
import { seedDemoBase } from '../src/seed/demo-data';
import { seedReferenceData } from '../src/seed/reference-data';
import { startApiProcess, type ApiProcess } from './api-processes';
import { expectGapFree, freePort, sleep, waitFor } from './fault-support';
import { GaleraCluster, galeraMissing } from './galera-cluster';
import { addItem, MODEL, SERVER, ticketBody } from './ticket-helpers';

interface Reply {
  status: number;
  body: { code?: string; message?: string; details?: unknown; id?: number; ticketNumber?: string; status?: string };
}

/** One HTTP call to a process; a request that gets no answer at all is status 0 (and fails the suite). */
async function call(api: ApiProcess, method: 'GET' | 'POST', path: string, token?: string, body?: unknown): Promise<Reply> {
  try {
    const res = await fetch(`${api.baseUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Reply['body']) : {} };
  } catch (error) {
    return { status: 0, body: { code: `NO_ANSWER ${(error as Error).message}` } };
  }
}

async function rows<T>(conn: Connection, sql: string, params: unknown[] = []): Promise<T[]> {
  const [result] = await conn.query(sql, params);
  return result as T[];
}

const missing = galeraMissing();

if (missing) {
  describe.skip(`Galera: three API processes on three nodes (skipped: ${missing})`, () => {
    it('keeps numbering, approvals and stock exact across nodes and loses nothing when a node dies', () => undefined);
  });
} else {
  describe('Galera: three API processes on three nodes', () => {
    let cluster: GaleraCluster | null = null;
    let seeder: DataSource | null = null;
    let apis: ApiProcess[] = [];
    let requester = '';
    let managers: string[] = [];

    beforeAll(async () => {
      cluster = await GaleraCluster.allocate();
      await cluster.run('start');
      const admin = await cluster.connect(1);
      try {
        await admin.query('CREATE DATABASE ims CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
      } finally {
        await admin.end();
      }
      // Migrations and the demo base data through node 1, before any process starts: the processes
      // then find nothing to migrate, as in a rolling deployment where one runs the migrations.
      seeder = await new DataSource(await buildDataSourceOptions({ dbUrl: cluster.url(1, 'ims'), migrationsRun: true, poolSize: 2 })).initialize();
      await seedReferenceData(seeder);
      await seedDemoBase(seeder);
      // Enough spare RAM that approvals under load never run out of stock: two units each, and a process
      // approves up to ~40 tickets a second here (300 units ran out before the killed node was back).
      await seeder.manager.insert(
        ComponentStockEntity,
        Array.from({ length: 6_000 }, (_, i) => ({ componentType: 'ram', uuid: MODEL.ramSamsung32, serialNumber: `GAL-RAM-${i}`, status: 'available', location: 'Galera store' })),
      );
      const db = cluster;
      apis = await Promise.all([1, 2, 3].map(async (node) => startApiProcess({ dbUrl: db.url(node, 'ims'), redisUrl: process.env.TEST_REDIS_URL ?? null, port: await freePort() })));
      const login = async (username: string) => {
        const res = await fetch(`${apis[0]?.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });
        const body = (await res.json()) as { accessToken?: string };
        if (!body.accessToken) throw new Error(`login as ${username} failed: ${res.status}`);
        return body.accessToken;
      };
      requester = await login('requester');
      managers = [await login('manager'), await login('manager2')];
    }, 200_000);

    afterAll(async () => {
      // Always, even after a failure midway: the processes, the seeding pool, the cluster and its data.
      await Promise.all(apis.map((api) => api.stop().catch(() => undefined)));
      await seeder?.destroy().catch(() => undefined);
      await cluster?.stop().catch(() => undefined);
    }, 60_000);

    function api(index: number): ApiProcess {
      const found = apis[index % apis.length];
      if (!found) throw new Error('API processes not started');
      return found;
    }

    function nodes(): Promise<Connection[]> {
      if (!cluster) throw new Error('cluster not started');
      const db = cluster;
      return Promise.all([1, 2, 3].map((node) => db.connect(node, 'ims')));
    }

    it('has a primary key and InnoDB on every table (Galera replicates nothing else reliably)', async () => {
      const conns = await nodes();
      try {
        for (const conn of conns) {
          const tables = await rows<{ name: string; engine: string; pk: number }>(
            conn,
            `SELECT t.TABLE_NAME AS name, t.ENGINE AS engine,
               (SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS c
                 WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.CONSTRAINT_TYPE = 'PRIMARY KEY') AS pk
             FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'`,
          );
          expect(tables.length).toBeGreaterThan(20);
          expect(tables.filter((t) => Number(t.pk) !== 1 || t.engine !== 'InnoDB')).toEqual([]);
        }
      } finally {
        await Promise.all(conns.map((c) => c.end()));
      }
    });

    /** Transactions refused at certification or aborted by a write set from another node, on all nodes so far. */
    async function conflictsSoFar(): Promise<number> {
      const conns = await nodes();
      try {
        let total = 0;
        for (const conn of conns) {
          const status = await rows<{ Value: string }>(conn, "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts')");
          total += status.reduce((sum, row) => sum + Number(row.Value), 0);
        }
        return total;
      } finally {
        await Promise.all(conns.map((c) => c.end()));
      }
    }

    it('numbers 30 tickets created at once through the three nodes uniquely and without gaps', async () => {
      const conflictsBefore = await conflictsSoFar();
      // The point of the test is that the nodes do collide on the day's counter row (and the app re-runs
      // the losers). Whether 30 requests overlap is up to the scheduler of a busy machine: a burst that
      // happened to run one after another is numbered just as strictly, and another burst follows.
      let conflicts = conflictsBefore;
      const numbers: string[] = [];
      for (let burst = 0; burst < 5 && conflicts === conflictsBefore; burst++) {
        const results = await Promise.all(Array.from({ length: 30 }, (_, i) => call(api(i), 'POST', '/api/tickets', requester, ticketBody({ title: `Galera parallel ${burst}.${i}` }))));
        expect(results.map((r) => r.status)).toEqual(Array.from({ length: 30 }, () => 201));
        numbers.push(...results.map((r) => String(r.body.ticketNumber)));
        expect(new Set(numbers).size).toBe(numbers.length);
        expectGapFree(numbers);
        conflicts = await conflictsSoFar();
      }
      expect(conflicts, 'no burst of 30 creates collided on the counter row').toBeGreaterThan(conflictsBefore);
    });

    it('lets exactly one of two managers approving one ticket through different nodes win (200 and 409, never 500)', async () => {
      for (let round = 0; round < 5; round++) {
        const created = await call(api(round), 'POST', '/api/tickets', requester, ticketBody({ title: `Galera race ${round}` }));
        expect(created.status).toBe(201);
        const id = Number(created.body.id);
        const [a, b] = [api(round + 1), api(round + 2)];
        const results = await Promise.all([call(a, 'POST', `/api/tickets/${id}/approve`, managers[0], {}), call(b, 'POST', `/api/tickets/${id}/approve`, managers[1], {})]);
        expect(results.map((r) => `${r.status} ${r.status === 409 ? r.body.code : ''}`.trim()).sort()).toEqual(['200', '409 INVALID_TRANSITION']);
        const conns = await nodes();
        try {
          for (const conn of conns) {
            const history = await rows<{ action: string }>(conn, "SELECT action FROM ticket_history WHERE ticket_id = ? AND action IN ('status_change', 'stock_reserved')", [id]);
            expect(history.map((h) => h.action).sort()).toEqual(['status_change', 'stock_reserved']);
          }
        } finally {
          await Promise.all(conns.map((c) => c.end()));
        }
      }
    });

    it('reserves the last stock unit for one of two tickets approved at once through different nodes', async () => {
      if (!seeder) throw new Error('setup failed');
      for (let round = 0; round < 3; round++) {
        const model = randomUUID();
        await seeder.manager.save(CatalogModelEntity, { uuid: model, componentType: 'nic', brand: 'Test', model: `galera-nic-${round}`, specifications: { pcie_lanes: 4, power_W: 5 } });
        const [unit] = (await seeder.manager.insert(ComponentStockEntity, { componentType: 'nic', uuid: model, serialNumber: `GAL-NIC-${round}`, status: 'available', location: 'Galera store' })).identifiers;
        const tickets = await Promise.all(
          [0, 1].map((i) => call(api(round + i), 'POST', '/api/tickets', requester, ticketBody({ title: `Last unit ${round}.${i}`, targetServerUuid: SERVER.k8sNode05, items: [addItem('nic', model)] }))),
        );
        expect(tickets.map((t) => t.status)).toEqual([201, 201]);
        const results = await Promise.all(tickets.map((t, i) => call(api(round + i + 1), 'POST', `/api/tickets/${t.body.id}/approve`, managers[i], {})));
        expect(results.map((r) => `${r.status} ${r.status === 200 ? '' : r.body.code}`.trim()).sort()).toEqual(['200', '422 ITEMS_INVALID']);
        const conns = await nodes();
        try {
          for (const conn of conns) {
            expect(await rows(conn, 'SELECT status FROM component_stock WHERE id = ?', [unit?.id])).toEqual([{ status: 'reserved' }]);
            const held = await rows<{ n: number }>(conn, "SELECT COUNT(*) AS n FROM ticket_item_allocations WHERE component_id = ? AND state = 'reserved'", [unit?.id]);
            expect(Number(held[0]?.n)).toBe(1);
          }
        } finally {
          await Promise.all(conns.map((c) => c.end()));
        }
      }
    });

    it('answers 2xx, 409 or 503 (never 500) while a node is killed under load, rejoins from its recovered position, and loses nothing', { timeout: 180_000 }, async () => {
      if (!cluster) throw new Error('setup failed');
      const db = cluster;
      type Phase = 'up' | 'down' | 'back';
      interface Outcome {
        op: 'create' | 'approve' | 'comment';
        proc: number;
        phase: Phase;
        status: number;
        code?: string;
        /** A refusal's reasons, for the failure message. */
        detail?: string;
        id?: number;
        ticketNumber?: string;
      }
      let phase: Phase = 'up';
      let stop = false;
      const outcomes: Outcome[] = [];
      const pending: number[] = [];
      const createdIds: number[] = [];
      const count = (p: Phase, proc: number | null, ok: boolean, op?: Outcome['op']) =>
        outcomes.filter((o) => o.phase === p && (proc === null || o.proc === proc) && (op === undefined || o.op === op) && (o.status >= 200 && o.status < 300) === ok).length;

      // Two clients per process: create, approve one of the pending tickets, comment; a pause after a failure.
      const client = async (proc: number, n: number) => {
        for (let i = 0; !stop; i++) {
          const at = phase;
          const kind = (['create', 'approve', 'comment'] as const)[i % 3] ?? 'create';
          const approveId = kind === 'approve' ? pending.shift() : undefined;
          const commentOn = kind === 'comment' ? createdIds[Math.floor(Math.random() * createdIds.length)] : undefined;
          let op: Outcome['op'] = 'create';
          let res: Reply;
          if (approveId !== undefined) {
            op = 'approve';
            res = await call(api(proc), 'POST', `/api/tickets/${approveId}/approve`, managers[n % 2], {});
          } else if (commentOn !== undefined) {
            op = 'comment';
            res = await call(api(proc), 'POST', `/api/tickets/${commentOn}/comments`, requester, { comment: `load comment ${proc}.${n}.${i}` });
          } else {
            res = await call(api(proc), 'POST', '/api/tickets', requester, ticketBody({ title: `load ${proc}.${n}.${i}` }));
            if (res.status === 201 && res.body.id !== undefined) {
              pending.push(res.body.id);
              createdIds.push(res.body.id);
            }
          }
          const id = op === 'approve' ? approveId : res.body.id;
          outcomes.push({ op, proc, phase: at === phase ? at : 'down', status: res.status, code: res.body.code, detail: res.status >= 300 ? JSON.stringify(res.body.details ?? res.body.message)?.slice(0, 300) : undefined, id, ticketNumber: op === 'create' ? res.body.ticketNumber : undefined });
          if (res.status >= 300) await sleep(100);
        }
      };
      const clients = [0, 1, 2].flatMap((proc) => [0, 1].map((n) => client(proc, n)));
      let healthWhileDown: number | undefined;
      let restart: string | undefined;
      const healthAfter: number[] = [];
      try {
        await waitFor('15 creates and 5 approvals before the kill', () => count('up', null, true, 'create') >= 15 && count('up', null, true, 'approve') >= 5, 60_000);
        phase = 'down';
        await db.run('kill-node', '3');
        const downSince = Date.now();
        await waitFor(
          'failures on the killed node and successes on the others, for 3 seconds',
          () => count('down', 2, false) >= 3 && count('down', 0, true) + count('down', 1, true) >= 6 && Date.now() - downSince >= 3000,
          45_000,
        );
        healthWhileDown = (await call(api(2), 'GET', '/api/health')).status;
        restart = await db.run('start-node', '3');
        phase = 'back';
        await waitFor('3 creates through the restarted node', () => count('back', 2, true, 'create') >= 3, 60_000).catch((error: unknown) => {
          const recent = outcomes.filter((o) => o.proc === 2).slice(-8).map((o) => `${o.phase} ${o.op} ${o.status} ${o.code ?? ''} ${o.detail ?? ''}`.trim());
          throw new Error(`${(error as Error).message}; last answers of process 3: ${recent.join(' | ')}\n${api(2).output()}`);
        });
      } finally {
        stop = true;
        await Promise.all(clients);
      }
      for (const proc of [0, 1, 2]) healthAfter.push((await call(api(proc), 'GET', '/api/health')).status);
      const tally = new Map<string, number>();
      for (const o of outcomes) tally.set(`${o.phase} p${o.proc + 1} ${o.op} ${o.status}`, (tally.get(`${o.phase} p${o.proc + 1} ${o.op} ${o.status}`) ?? 0) + 1);
      console.info(`Galera kill-node run: ${restart?.trim()}; answers by phase, process, operation, status: ${JSON.stringify(Object.fromEntries([...tally].sort()))}`);
      // The script recovered the killed node's last committed position (the cluster's state id and a
      // seqno) and started it there, so that it can catch up from a donor's gcache (IST) instead of a full
      // copy, and the node came back Synced. Which transfer the cluster then chose is Galera's decision and
      // is reported, not asserted: on CI it took a full copy (SST) in some runs after the rest of the API's
      // files, never in runs of this file alone; the cause is not found (see docs/deploy.md).
      const clusterState = await (async () => {
        const conn = await db.connect(1);
        try {
          return (await rows<{ Value: string }>(conn, "SHOW GLOBAL STATUS LIKE 'wsrep_cluster_state_uuid'"))[0]?.Value;
        } finally {
          await conn.end();
        }
      })();
      const recovered = /recovered position ([0-9a-f-]{36}):(\d+)/.exec(restart ?? '');
      expect(recovered?.[1], `the killed node's recovered position, from: ${restart}`).toBe(clusterState);
      expect(Number(recovered?.[2])).toBeGreaterThan(0);
      expect(restart).toMatch(/node 3 Synced by (IST|SST \(full copy\)) \(cluster size 3\)/);
      if (!restart?.includes('Synced by IST')) console.warn(`Galera chose a full copy (SST) although the position was recovered:\n${restart}`);

      const unexpected = outcomes.filter((o) => !(o.status >= 200 && o.status < 300) && o.status !== 409 && !(o.status === 503 && o.code === 'DATABASE_UNAVAILABLE'));
      expect(unexpected).toEqual([]);
      expect(count('down', 2, false), 'failures of the killed node’s process').toBeGreaterThan(0);
      expect(outcomes.filter((o) => o.proc === 2 && o.phase === 'down' && o.status >= 300).map((o) => o.status)).toEqual(expect.arrayContaining([503]));
      expect(healthWhileDown).toBe(503);
      expect(healthAfter).toEqual([200, 200, 200]);

      const confirmedCreates = outcomes.filter((o) => o.op === 'create' && o.status === 201);
      const confirmedApprovals = outcomes.filter((o) => o.op === 'approve' && o.status === 200).map((o) => Number(o.id));
      const confirmedComments = outcomes.filter((o) => o.op === 'comment' && o.status === 201).map((o) => Number(o.id));
      expect(confirmedApprovals.length).toBeGreaterThan(0);
      expect(confirmedComments.length).toBeGreaterThan(0);

      const conns = await nodes();
      const pictures: unknown[] = [];
      try {
        for (const conn of conns) {
          const tickets = await rows<{ id: number; ticket_number: string; status: string }>(conn, 'SELECT id, ticket_number, status FROM tickets ORDER BY id');
          const byNumber = new Map(tickets.map((t) => [t.ticket_number, t]));
          // Every 201 is there, with its items and its creation entry (a 503 whose COMMIT did reach the cluster may be there too).
          expect(confirmedCreates.filter((o) => !byNumber.has(String(o.ticketNumber)))).toEqual([]);
          const withItems = new Set((await rows<{ ticket_id: number }>(conn, 'SELECT DISTINCT ticket_id FROM ticket_items')).map((r) => Number(r.ticket_id)));
          const withCreation = new Set((await rows<{ ticket_id: number }>(conn, "SELECT ticket_id FROM ticket_history WHERE action = 'ticket_created'")).map((r) => Number(r.ticket_id)));
          expect(confirmedCreates.filter((o) => !withItems.has(Number(o.id)) || !withCreation.has(Number(o.id)))).toEqual([]);
          // Every 200 approval left its status entry and its reservations (two RAM units per ticket).
          const approvedEntries = new Set(
            (await rows<{ ticket_id: number }>(conn, "SELECT ticket_id FROM ticket_history WHERE action = 'status_change' AND new_value = 'approved'")).map((r) => Number(r.ticket_id)),
          );
          expect(confirmedApprovals.filter((id) => !approvedEntries.has(id))).toEqual([]);
          const reservations = await rows<{ ticket_id: number; n: number }>(
            conn,
            "SELECT i.ticket_id, COUNT(*) AS n FROM ticket_item_allocations a JOIN ticket_items i ON i.id = a.ticket_item_id WHERE a.state = 'reserved' GROUP BY i.ticket_id",
          );
          const reservedByTicket = new Map(reservations.map((r) => [Number(r.ticket_id), Number(r.n)]));
          expect(confirmedApprovals.filter((id) => reservedByTicket.get(id) !== 2)).toEqual([]);
          const comments = new Set((await rows<{ id: number }>(conn, 'SELECT id FROM ticket_comments')).map((r) => Number(r.id)));
          expect(confirmedComments.filter((id) => !comments.has(id))).toEqual([]);
          // No unit is held by two allocations, and every held unit is marked reserved.
          expect(await rows(conn, "SELECT component_id FROM ticket_item_allocations WHERE state IN ('reserved', 'applied') GROUP BY component_id HAVING COUNT(*) > 1")).toEqual([]);
          expect(await rows(conn, "SELECT a.component_id FROM ticket_item_allocations a JOIN component_stock s ON s.id = a.component_id WHERE a.state = 'reserved' AND s.status <> 'reserved'")).toEqual([]);
          // Numbering: unique, gap-free per day, and each day's counter equals its number of tickets.
          expectGapFree(tickets.map((t) => t.ticket_number));
          const perDay = await rows<{ day: string; seq: number; n: number }>(
            conn,
            "SELECT c.day, c.seq, (SELECT COUNT(*) FROM tickets t WHERE t.ticket_number LIKE CONCAT('TKT-', c.day, '-%')) AS n FROM ticket_counters c ORDER BY c.day",
          );
          expect(perDay.filter((d) => Number(d.seq) !== Number(d.n))).toEqual([]);
          // What each node holds, to compare them with each other.
          pictures.push({
            tickets: tickets.map((t) => `${t.id}|${t.ticket_number}|${t.status}`),
            history: await rows(conn, 'SELECT COUNT(*) AS n, MAX(id) AS last FROM ticket_history'),
            allocations: await rows(conn, 'SELECT state, COUNT(*) AS n FROM ticket_item_allocations GROUP BY state ORDER BY state'),
            stock: await rows(conn, 'SELECT status, COUNT(*) AS n FROM component_stock GROUP BY status ORDER BY status'),
            comments: comments.size,
          });
        }
      } finally {
        await Promise.all(conns.map((c) => c.end()));
      }
      expect(pictures[1]).toEqual(pictures[0]);
      expect(pictures[2]).toEqual(pictures[0]);
    });
  });
}
