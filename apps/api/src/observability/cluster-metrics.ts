import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue, type Registry } from 'prom-client';

/**
 * Metrics across the workers of one machine (WORKERS > 1). A scrape lands on whichever worker the
 * primary hands the connection to; that worker asks the primary, which gathers every worker's
 * registry as JSON over the cluster IPC channel, adds its own (worker count, restarts) and merges
 * them with prom-client's AggregatorRegistry.aggregate: counters and histograms summed, gauges as
 * each declares (`aggregator`). Per-worker labels were the alternative: exact per process, but every
 * series multiplied by N and renamed at each restart; a sum is what a dashboard of the service wants.
 * prom-client's own clusterMetrics() waits for every connected worker, so one still booting (or
 * restarting) would fail the scrape after 5 s; here a worker that does not answer in time is left out.
 */
export const METRICS_REQUEST = 'bdc:metrics-request';
export const METRICS_RESULT = 'bdc:metrics-result';
export const METRICS_COLLECT = 'bdc:metrics-collect';
export const METRICS_PART = 'bdc:metrics-part';

const WORKER_ANSWER_MS = 2000;
const PRIMARY_ANSWER_MS = 5000;

type Metrics = MetricObjectWithValues<MetricValue<string>>[];

interface MetricsRequest {
  type: typeof METRICS_REQUEST;
  id: string;
}
interface MetricsResult {
  type: typeof METRICS_RESULT;
  id: string;
  body?: string;
  error?: string;
}
interface MetricsCollect {
  type: typeof METRICS_COLLECT;
  id: string;
}
interface MetricsPart {
  type: typeof METRICS_PART;
  id: string;
  metrics?: Metrics;
}

function isMessage<T extends { type: string }>(message: unknown, type: T['type']): message is T {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;
}

// ---- in a worker ------------------------------------------------------------------------------

let servedRegistry: Registry | null = null;
let requestSeq = 0;
const waiting = new Map<string, (result: MetricsResult) => void>();

/** Answers the primary's collection requests with this worker's registry (the latest one given). */
export function serveMetricsToPrimary(registry: Registry): void {
  const first = servedRegistry === null;
  servedRegistry = registry;
  if (!first) return;
  process.on('message', (message: unknown) => {
    if (isMessage<MetricsCollect>(message, METRICS_COLLECT)) {
      const reply = (metrics?: Metrics) => process.send?.({ type: METRICS_PART, id: message.id, metrics } satisfies MetricsPart);
      (servedRegistry?.getMetricsAsJSON() ?? Promise.resolve(undefined)).then(
        (metrics) => reply(metrics as Metrics | undefined),
        () => reply(undefined),
      );
    } else if (isMessage<MetricsResult>(message, METRICS_RESULT)) {
      waiting.get(message.id)?.(message);
    }
  });
}

/** The whole cluster's exposition text, from the primary. */
export function requestClusterMetrics(): Promise<string> {
  const id = `${process.pid}-${++requestSeq}`;
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      reject(new Error('the cluster primary did not answer the metrics request'));
    }, PRIMARY_ANSWER_MS);
    waiting.set(id, (result) => {
      clearTimeout(timer);
      waiting.delete(id);
      if (result.body !== undefined) resolve(result.body);
      else reject(new Error(result.error ?? 'no metrics'));
    });
    process.send?.({ type: METRICS_REQUEST, id } satisfies MetricsRequest);
  });
}

// ---- in the primary ---------------------------------------------------------------------------

/**
 * Serves workers' metrics requests. `workers()` lists the workers to ask (those listening);
 * `own` is the primary's registry, merged in.
 */
export function aggregateMetricsForWorkers(workers: () => Worker[], own: Registry): void {
  let collectSeq = 0;
  const parts = new Map<string, (worker: Worker, metrics: Metrics | undefined) => void>();
  cluster.on('message', (from: Worker, message: unknown) => {
    if (isMessage<MetricsPart>(message, METRICS_PART)) {
      parts.get(message.id)?.(from, message.metrics);
      return;
    }
    if (!isMessage<MetricsRequest>(message, METRICS_REQUEST)) return;
    const id = `c${++collectSeq}`;
    const asked = workers().filter((w) => w.isConnected());
    const answers: Metrics[] = [];
    let pending = asked.length;
    const finish = () => {
      parts.delete(id);
      clearTimeout(timer);
      own
        .getMetricsAsJSON()
        .then((mine) => AggregatorRegistry.aggregate([...answers, mine as Metrics]).metrics())
        .then(
          (body) => send(from, { type: METRICS_RESULT, id: message.id, body }),
          (error: Error) => send(from, { type: METRICS_RESULT, id: message.id, error: error.message }),
        );
    };
    const timer = setTimeout(finish, WORKER_ANSWER_MS);
    parts.set(id, (_worker, metrics) => {
      if (metrics) answers.push(metrics);
      if (--pending === 0) finish();
    });
    for (const worker of asked) send(worker, { type: METRICS_COLLECT, id });
    if (asked.length === 0) finish();
  });
}

function send(worker: Worker, message: MetricsResult | MetricsCollect): void {
  if (worker.isConnected()) worker.send(message);
}
