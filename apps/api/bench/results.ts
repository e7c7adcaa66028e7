/**
 * Benchmark results as data: every scenario group writes `bench/results/<group>.json` at the workspace
 * root, and docs/performance.md is rendered from all of them (renderPerformanceMd), so a group can be
 * re-measured on its own (`BENCH_ONLY=<group>`) without losing the others' figures, and every figure in
 * the document comes with the command that produced it and the baseline measured in the same run.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import type { Summary } from './load';

/** One measured scenario: a load, its latencies and rate, and how many clients ran it. */
export interface BenchRow extends Summary {
  concurrency: number;
  /** A same-run baseline (a raw driver transaction, one worker, …) rather than the product itself. */
  baseline?: boolean;
}

/** A target of the issue, and whether this run met it. */
export interface BenchTarget {
  name: string;
  /** e.g. "p95 < 50 ms", "≥ 0.5× raw" */
  target: string;
  /** e.g. "31.2 ms", "0.61× (412 / 675 req/s)" */
  measured: string;
  met: boolean;
}

/** A latency target: the limit is written once, so the text shown and the verdict cannot disagree. */
export function p95Target(name: string, p95Ms: number, limitMs: number, detail = ''): BenchTarget {
  return { name, target: `p95 < ${limitMs} ms`, measured: `${p95Ms.toFixed(1)} ms${detail ? ` (${detail})` : ''}`, met: p95Ms < limitMs };
}

export interface BenchResult {
  /** File name and section key: `create`, `list-100k`, `workers`, … */
  group: string;
  /** Section heading in docs/performance.md. */
  title: string;
  /** The command that produced it, e.g. `BENCH_ONLY=list BENCH_LIST_TICKETS=1000000 pnpm bench`. */
  command: string;
  measuredAt: string;
  machine: MachineInfo;
  rows: BenchRow[];
  targets: BenchTarget[];
  /** Markdown shown under the table: what a row measures, where the time goes. */
  notes?: string;
}

export interface MachineInfo {
  cores: number;
  memoryGiB: number;
  node: string;
  database: string;
  /** NODE_OPTIONS of the API process under test (absent in results from before it was recorded). */
  apiNodeOptions?: string;
}

/**
 * `apiNodeOptions`: what the API process under test ran with (run-bench starts it with the deployed
 * options); null where nothing of that is known (an in-process measurement, an API started by hand).
 */
export function machineInfo(database: string, apiNodeOptions: string | null = deployedNodeOptions()): MachineInfo {
  const machine: MachineInfo = { cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, database };
  return apiNodeOptions === null ? machine : { ...machine, apiNodeOptions };
}

/**
 * The Node options the API is deployed with: the Docker image's `ENV NODE_OPTIONS` (docs/deploy.md gives
 * systemd the same), so that the memory and speed measured are those of the shipped process.
 * BENCH_NODE_OPTIONS overrides it (`BENCH_NODE_OPTIONS=` measures V8's default heap sizing).
 */
export function deployedNodeOptions(): string {
  if (process.env.BENCH_NODE_OPTIONS !== undefined) return process.env.BENCH_NODE_OPTIONS;
  const dockerfile = readFileSync(join(workspaceRoot(), 'Dockerfile'), 'utf8');
  // NODE_OPTIONS=--one or NODE_OPTIONS="--one --two".
  const match = /^ENV .*\bNODE_OPTIONS=(?:"([^"]*)"|(\S+))/m.exec(dockerfile);
  const found = match?.[1] ?? match?.[2];
  if (!found) throw new Error('Dockerfile: no ENV NODE_OPTIONS=… to run the API under (set BENCH_NODE_OPTIONS to choose)');
  return found;
}

export function row(summary: Summary, concurrency: number, baseline = false): BenchRow {
  return baseline ? { ...summary, concurrency, baseline } : { ...summary, concurrency };
}

/** The pnpm workspace root (where bench/ and docs/ live), wherever this file was compiled to. */
export function workspaceRoot(from: string = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
  }
  throw new Error(`no pnpm-workspace.yaml above ${from}`);
}

export function resultsDir(root = workspaceRoot()): string {
  return process.env.BENCH_RESULTS_DIR ?? join(root, 'bench/results');
}

/** Writes bench/results/<group>.json and returns its path. */
export function writeResult(result: BenchResult, dir = resultsDir()): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${result.group}.json`);
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

export function readResults(dir = resultsDir()): BenchResult[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as BenchResult);
}

const fmt = (n: number | null | undefined, digits = 1) => (n === null || n === undefined || Number.isNaN(n) ? '' : n.toFixed(digits));

export function renderTable(rows: readonly BenchRow[]): string {
  return [
    '| scenario | clients | requests | req/s | p50 ms | p95 ms | p99 ms | API CPU ms/req |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.baseline ? `*${r.name}* (baseline)` : r.name} | ${r.concurrency} | ${r.count} | ${fmt(r.rate)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.apiCpuPerRequestMs, 2)} |`,
    ),
  ].join('\n');
}

/** docs/performance.md: a summary of every target, then one section per result group. */
export function renderPerformanceMd(results: readonly BenchResult[], preface = ''): string {
  const targets = results.flatMap((r) => r.targets.map((t) => ({ ...t, group: r.group })));
  const summary = [
    '| target | group | required | measured | met |',
    '|---|---|---|---|:---:|',
    ...targets.map((t) => `| ${t.name} | ${t.group} | ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`),
  ].join('\n');
  const sections = results.map((r) => {
    const m = r.machine;
    return [
      `## ${r.title}`,
      '',
      `Measured ${r.measuredAt.slice(0, 10)} by \`${r.command}\` (${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}${m.apiNodeOptions ? `, API under NODE_OPTIONS=${m.apiNodeOptions}` : ''}, ${m.database}); data: \`bench/results/${r.group}.json\`.`,
      '',
      // Groups whose figures are not request latencies (memory, catalog import) put their own table in the notes.
      ...(r.rows.length ? [renderTable(r.rows), ''] : []),
      ...(r.notes ? [r.notes.trim(), ''] : []),
    ].join('\n');
  });
  return [
    '# Performance',
    '',
    'Generated from `bench/results/*.json` by `pnpm bench` (each group re-measured alone with `BENCH_ONLY=<group>`).',
    'The API, the database and the load generator share the machine, so every figure is read beside a baseline',
    'measured in the same run, never against a figure from another day.',
    '',
    ...(preface ? [preface.trim(), ''] : []),
    '## Targets',
    '',
    targets.length ? summary : '(no results yet)',
    '',
    ...sections,
  ].join('\n');
}

/**
 * Re-renders docs/performance.md from every stored result. The preface (what the figures mean, where
 * the time goes, what is not met and why) is hand-written in bench/performance-preface.md, so that a
 * new run never loses it.
 */
export function writePerformanceMd(root = workspaceRoot(), preface = ''): string {
  const out = process.env.BENCH_OUT ?? join(root, 'docs/performance.md');
  const prefaceFile = join(root, 'bench/performance-preface.md');
  const text = preface || (existsSync(prefaceFile) ? readFileSync(prefaceFile, 'utf8') : '');
  writeFileSync(out, renderPerformanceMd(readResults(resultsDir(root)), text));
  return out;
}
