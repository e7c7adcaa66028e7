import cluster from 'node:cluster';
import { Injectable } from '@nestjs/common';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DatabaseService } from '../database/database.service';
import { TicketNotificationEntity } from '../notifications/ticket-notification.entity';
import { LiveEventsService } from '../notifications/live/live-events.service';
import { requestClusterMetrics, serveMetricsToPrimary } from './cluster-metrics';

/** Seconds: fine below 50 ms (the latency targets), coarse above. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The parts of mysql2's pool that say how busy it is (not in its types; read defensively). */
interface Mysql2PoolInternals {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
}

/**
 * Prometheus metrics of one API process, on a registry of its own (tests run many applications in
 * one process; the global registry would refuse the second). Under WORKERS > 1 a scrape reaches one
 * worker, which asks the primary for the whole cluster's figures (cluster-metrics.ts): counters and
 * histograms are summed over the workers, and gauges say how they aggregate.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route' | 'status'>;

  constructor(db: DatabaseService, live: LiveEventsService) {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    const labelNames = ['method', 'route', 'status'] as const;
    this.requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by route pattern, method and status class', labelNames, registers });
    this.latency = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from the request arriving to the response being written, by route pattern, method and status class',
      labelNames,
      buckets: LATENCY_BUCKETS,
      registers,
    });

    new Gauge({
      name: 'bdc_sse_clients',
      help: 'Live-event streams (GET /api/events) open',
      registers,
      collect() {
        this.set(live.streamCount);
      },
    });

    new Gauge({
      name: 'bdc_notification_outbox_backlog',
      help: 'Notification outbox rows not sent yet (status pending)',
      // One database: every worker counts the same rows, so the cluster's figure is any one of them.
      aggregator: 'max',
      registers,
      async collect() {
        try {
          this.set(await db.dataSource.manager.count(TicketNotificationEntity, { where: { status: 'pending' } }));
        } catch {
          // The database is down: readiness says so; a scrape must still answer.
          this.reset();
        }
      },
    });

    if (db.engine === 'mysql') {
      new Gauge({
        name: 'bdc_db_pool_connections',
        help: 'MariaDB/MySQL connection pool: open connections (total), idle ones (free), and requests waiting for one (queued)',
        labelNames: ['state'],
        registers,
        collect() {
          const pool = (db.dataSource.driver as { pool?: Mysql2PoolInternals }).pool;
          if (!pool) return;
          this.set({ state: 'total' }, pool._allConnections?.length ?? 0);
          this.set({ state: 'free' }, pool._freeConnections?.length ?? 0);
          this.set({ state: 'queued' }, pool._connectionQueue?.length ?? 0);
        },
      });
    }

    if (cluster.isWorker) serveMetricsToPrimary(this.registry);
  }

  /** Called once per answered request (onResponse). Unmatched URLs share one label: raw paths would grow without bound. */
  observe(request: { method: string; routeOptions: { url?: string } }, reply: { statusCode: number; elapsedTime: number }): void {
    const labels = { method: request.method, route: request.routeOptions.url ?? '(unmatched)', status: `${Math.floor(reply.statusCode / 100)}xx` };
    this.requests.inc(labels);
    this.latency.observe(labels, reply.elapsedTime / 1000);
  }

  /** The exposition text: this process's, or the whole cluster's when it is a worker. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    if (cluster.isWorker) return { contentType: AggregatorRegistry.PROMETHEUS_CONTENT_TYPE, body: await requestClusterMetrics() };
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
