import cluster, { type Worker } from 'node:cluster';
import type { Logger as PinoLogger } from 'pino';
import { Counter, Gauge, Registry } from 'prom-client';
import { isLiveIpcMessage } from '../notifications/live/live-bus';
import { aggregateMetricsForWorkers } from '../observability/cluster-metrics';
import { isWorkerListening } from './messages';

export interface ClusterOptions {
  workers: number;
  /** Added to each worker's environment. */
  env: Record<string, string>;
  log: PinoLogger;
  /** After SIGTERM, workers that have not exited by then are killed. */
  stopDeadlineMs: number;
  /** Once, when the first worker accepts connections. */
  onFirstListening(port: number): void;
}

/** A worker that lived this long before dying counts as a fresh failure, not one of a crash loop. */
const STABLE_AFTER_MS = 30_000;
const FIRST_RESTART_DELAY_MS = 250;
const MAX_RESTART_DELAY_MS = 30_000;

/**
 * The cluster primary (WORKERS > 1): it serves no HTTP itself. It forks the workers, which share
 * the listening port (node:cluster hands connections out round-robin), restarts one that dies after
 * a delay that doubles with each quick failure (a worker that cannot boot does not spin the CPU),
 * relays live events between workers when there is no Redis, answers metrics scrapes for the whole
 * cluster, and forwards SIGTERM so every worker drains and stops before the primary exits.
 */
export function runClusterPrimary(options: ClusterOptions): void {
  const { log } = options;
  const listening = new Set<Worker>();
  const startedAt = new Map<Worker, number>();
  const restartTimers = new Set<NodeJS.Timeout>();
  let quickFailures = 0;
  let announced = false;
  let stopping = false;

  const registry = new Registry();
  new Gauge({
    name: 'bdc_cluster_workers',
    help: 'API worker processes accepting connections',
    registers: [registry],
    collect() {
      this.set(listening.size);
    },
  });
  const restarts = new Counter({ name: 'bdc_cluster_worker_restarts_total', help: 'Workers restarted after dying', registers: [registry] });
  aggregateMetricsForWorkers(() => [...listening], registry);

  cluster.on('message', (from: Worker, message: unknown) => {
    if (isLiveIpcMessage(message)) {
      for (const worker of Object.values(cluster.workers ?? {})) if (worker?.isConnected()) worker.send(message);
    } else if (isWorkerListening(message)) {
      listening.add(from);
      log.info({ workerPid: from.process.pid, port: message.port }, 'worker listening');
      if (!announced) {
        announced = true;
        options.onFirstListening(message.port);
      }
    }
  });

  const fork = () => {
    const worker = cluster.fork(options.env);
    startedAt.set(worker, Date.now());
  };

  cluster.on('exit', (worker, code, signal) => {
    listening.delete(worker);
    const lived = Date.now() - (startedAt.get(worker) ?? Date.now());
    startedAt.delete(worker);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        log.info('all workers stopped');
        process.exit(0);
      }
      return;
    }
    quickFailures = lived >= STABLE_AFTER_MS ? 1 : quickFailures + 1;
    const delay = Math.min(MAX_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** (quickFailures - 1));
    log.warn({ workerPid: worker.process.pid, code, signal, livedMs: lived, restartInMs: delay }, 'worker died; starting another');
    restarts.inc();
    const timer = setTimeout(() => {
      restartTimers.delete(timer);
      if (!stopping) fork();
    }, delay);
    restartTimers.add(timer);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const timer of restartTimers) clearTimeout(timer);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    log.info({ signal, workers: workers.length }, 'stopping the workers');
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker.process.kill('SIGTERM');
    setTimeout(() => {
      log.error('workers did not stop in time; killing them');
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }, options.stopDeadlineMs).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  for (let i = 0; i < options.workers; i++) fork();
}
