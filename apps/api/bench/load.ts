import { request, Agent } from 'node:http';

/** One scenario's measurements. */
export interface Sample {
  name: string;
  count: number;
  seconds: number;
  latenciesMs: number[];
  /** CPU the API process spent on the scenario, when it runs on this machine (Linux /proc). */
  apiCpuMs?: number;
}

export interface Summary {
  name: string;
  count: number;
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  apiCpuPerRequestMs: number | null;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] ?? NaN;
}

export function summarise(s: Sample): Summary {
  const sorted = [...s.latenciesMs].sort((a, b) => a - b);
  return {
    name: s.name,
    count: s.count,
    rate: s.count / s.seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    apiCpuPerRequestMs: s.apiCpuMs === undefined ? null : s.apiCpuMs / s.count,
  };
}

/** Requests per second over several runs of one kind: all requests over all their time. */
export function aggregateRate(samples: readonly Sample[]): number {
  return samples.reduce((n, s) => n + s.count, 0) / samples.reduce((t, s) => t + s.seconds, 0);
}

/** Runs `total` calls of `task` with `concurrency` in flight; every call is timed. */
export async function load(name: string, total: number, concurrency: number, task: (i: number) => Promise<void>): Promise<Sample> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      const t0 = performance.now();
      await task(i);
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { name, count: total, seconds: (performance.now() - started) / 1000, latenciesMs: latencies };
}

export interface HttpReply {
  status: number;
  body: string;
}

/**
 * A keep-alive HTTP/1.1 client on node:http. The load generator shares the machine's cores with the
 * API and the database, so it must be cheap: Node 20's fetch (undici) spent ~2 ms of CPU per
 * request here, node:http ~0.7 ms, and the difference was taken from the API under test.
 */
export class HttpClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(base: string, maxSockets: number) {
    const url = new URL(base);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  send(method: string, path: string, options: { token?: string; json?: unknown } = {}): Promise<HttpReply> {
    const payload = options.json === undefined ? undefined : JSON.stringify(options.json);
    const headers: Record<string, string | number> = {};
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    return new Promise((resolve, reject) => {
      const req = request({ host: this.host, port: this.port, path, method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
