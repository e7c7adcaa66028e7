import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BYTES_PER_KB, firstLoadFiles, formatReport, measureDist, parseBudgetKb, scriptsInIndexHtml, staticClosure } from './bundle-budget.mjs';

const CLI = join(import.meta.dirname, 'check-bundle-budget.mjs');
const LOGIN_SOURCE = 'src/features/auth/routes/login-route.tsx';
const SHELL_SOURCE = 'src/app/app-layout.tsx';
const MY_WORK_SOURCE = 'src/features/my-work/routes/my-work-route.tsx';

const INDEX_HTML = `<!doctype html>
<html><head>
  <script type="module" crossorigin src="/assets/index-a.js"></script>
  <link rel="modulepreload" crossorigin href="/assets/vendor-b.js">
  <link rel="stylesheet" crossorigin href="/assets/index-c.css">
  <script type="module">console.log('inline')</script>
  <script type="module" src="https://cdn.example.com/analytics.js"></script>
</head><body><div id="root"></div></body></html>`;

/** A manifest shaped like Vite's: an entry, a shared vendor chunk, the lazy pages FIRST_LOAD_PAGES names and a lazy page it does not. */
const MANIFEST = {
  'index.html': {
    file: 'assets/index-a.js',
    src: 'index.html',
    isEntry: true,
    imports: ['_vendor-b.js'],
    dynamicImports: [LOGIN_SOURCE, SHELL_SOURCE, MY_WORK_SOURCE, 'src/reports.tsx'],
    css: ['assets/index-c.css'],
  },
  '_vendor-b.js': { file: 'assets/vendor-b.js', imports: ['index.html'] },
  [LOGIN_SOURCE]: { file: 'assets/login-h.js', src: LOGIN_SOURCE, isDynamicEntry: true, imports: ['index.html', '_vendor-b.js'] },
  [SHELL_SOURCE]: { file: 'assets/shell-i.js', src: SHELL_SOURCE, isDynamicEntry: true, imports: ['index.html', '_cards-e.js'] },
  [MY_WORK_SOURCE]: { file: 'assets/my-work-d.js', src: MY_WORK_SOURCE, isDynamicEntry: true, imports: ['index.html', '_cards-e.js'] },
  '_cards-e.js': { file: 'assets/cards-e.js', imports: ['_vendor-b.js'] },
  'src/reports.tsx': { file: 'assets/reports-f.js', src: 'src/reports.tsx', isDynamicEntry: true, imports: ['_charts-g.js'] },
  '_charts-g.js': { file: 'assets/charts-g.js' },
};

describe('which files count as first load', () => {
  it('takes the module scripts and modulepreload links of index.html, not stylesheets, inline or external scripts', () => {
    expect(scriptsInIndexHtml(INDEX_HTML)).toEqual(['assets/index-a.js', 'assets/vendor-b.js']);
  });

  it('follows static imports transitively through cycles, and not dynamic imports', () => {
    expect(staticClosure(MANIFEST, 'index.html')).toEqual(['assets/index-a.js', 'assets/vendor-b.js']);
    expect(staticClosure(MANIFEST, MY_WORK_SOURCE)).toEqual(['assets/my-work-d.js', 'assets/index-a.js', 'assets/vendor-b.js', 'assets/cards-e.js']);
  });

  it('gives each page the entry plus the lazy chunks it renders with, never a page loaded on navigation', () => {
    const pages = firstLoadFiles({ indexHtml: INDEX_HTML, manifest: MANIFEST });
    expect(pages).toEqual([
      { name: 'sign-in', files: ['assets/index-a.js', 'assets/vendor-b.js', 'assets/login-h.js'] },
      { name: 'my work', files: ['assets/index-a.js', 'assets/vendor-b.js', 'assets/shell-i.js', 'assets/cards-e.js', 'assets/my-work-d.js'] },
    ]);
  });

  it('counts a static import of the entry even when index.html lacks its preload link', () => {
    const html = INDEX_HTML.replace(/<link rel="modulepreload"[^>]*>/, '');
    const pages = [{ name: 'entry only', routeSources: [] }];
    expect(firstLoadFiles({ indexHtml: html, manifest: MANIFEST, pages })[0]?.files).toEqual(['assets/index-a.js', 'assets/vendor-b.js']);
  });

  it('fails loudly when a measured route is no longer in the manifest, rather than measuring less', () => {
    const { [MY_WORK_SOURCE]: _removed, ...withoutMyWork } = MANIFEST;
    expect(() => firstLoadFiles({ indexHtml: INDEX_HTML, manifest: withoutMyWork })).toThrow(/no chunk for src\/features\/my-work/);
  });
});

describe('the budget', () => {
  it('reads BUDGET_KB, defaults to 150 and refuses nonsense', () => {
    expect(parseBudgetKb(undefined)).toBe(150);
    expect(parseBudgetKb('')).toBe(150);
    expect(parseBudgetKb('120.5')).toBe(120.5);
    for (const bad of ['abc', '0', '-5', 'Infinity']) expect(() => parseBudgetKb(bad)).toThrow(/BUDGET_KB/);
  });

  it('lists every page with its total and names only the pages over the budget', () => {
    const file = (name: string, gzipKb: number) => ({ file: name, rawBytes: gzipKb * 3 * BYTES_PER_KB, gzipBytes: gzipKb * BYTES_PER_KB });
    const signIn = { name: 'sign-in', files: [file('assets/index-a.js', 100)], rawBytes: 300_000, gzipBytes: 100_000 };
    const myWork = { name: 'my work', files: [file('assets/index-a.js', 100), file('assets/my-work-d.js', 51)], rawBytes: 453_000, gzipBytes: 151_000 };
    const { text, overBudget } = formatReport([signIn, myWork], 150);
    expect(overBudget.map((r) => r.name)).toEqual(['my work']);
    expect(text).toMatch(/sign-in:[\s\S]*total \(1 files\)\s+300\.00\s+100\.00\s+50\.00 kB under the budget/);
    expect(text).toMatch(/my work:[\s\S]*total \(2 files\)\s+453\.00\s+151\.00\s+OVER the budget by 1\.00 kB/);
  });
});

describe('on a built dist', () => {
  let dist = '';
  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  /** Random bytes do not compress, so each file's gzip size is its size plus a few bytes of framing. */
  function fakeDist(kbByFile: Record<string, number>): string {
    dist = mkdtempSync(join(tmpdir(), 'bundle-budget-'));
    mkdirSync(join(dist, 'assets'));
    mkdirSync(join(dist, '.vite'));
    writeFileSync(join(dist, 'index.html'), INDEX_HTML);
    writeFileSync(join(dist, '.vite', 'manifest.json'), JSON.stringify(MANIFEST));
    writeFileSync(join(dist, 'assets', 'index-c.css'), 'body{}'.repeat(100_000));
    for (const [name, kb] of Object.entries(kbByFile)) writeFileSync(join(dist, 'assets', name), randomBytes(kb * BYTES_PER_KB).toString('latin1'), 'latin1');
    return dist;
  }

  function runCli(distDir: string, budgetKb?: string) {
    const env = { ...process.env, BUDGET_KB: budgetKb ?? '' };
    return spawnSync(process.execPath, [CLI, distDir], { env, encoding: 'utf8' });
  }

  const SIZES = { 'index-a.js': 60, 'vendor-b.js': 20, 'login-h.js': 5, 'shell-i.js': 10, 'my-work-d.js': 10, 'cards-e.js': 5, 'reports-f.js': 400, 'charts-g.js': 400 };

  it('gzips the first-load scripts of each page and leaves CSS and lazy pages out', () => {
    const [signIn, myWork] = measureDist(fakeDist(SIZES));
    expect(signIn?.files.map((f) => f.file)).toEqual(['assets/index-a.js', 'assets/vendor-b.js', 'assets/login-h.js']);
    expect(signIn?.gzipBytes).toBeGreaterThan(85_000);
    expect(signIn?.gzipBytes).toBeLessThan(85_200);
    expect(myWork?.gzipBytes).toBeGreaterThan(105_000);
    expect(myWork?.gzipBytes).toBeLessThan(105_200);
  });

  it('exits 0 with a table when every page is under the budget', () => {
    const result = runCli(fakeDist(SIZES));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('budget 150 kB');
    expect(result.stdout).toMatch(/my work:[\s\S]*assets\/my-work-d\.js/);
    expect(result.stdout).not.toContain('reports-f.js');
  });

  it('exits 1 and names the page over the budget when the entry grows past it', () => {
    const result = runCli(fakeDist({ ...SIZES, 'index-a.js': 140 }));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('over the 150 kB budget for: sign-in, my work');
  });

  it('honours BUDGET_KB: 90 kB fails My work (105 kB) and passes the sign-in page (85 kB)', () => {
    const result = runCli(fakeDist(SIZES), '90');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('over the 90 kB budget for: my work.');
  });

  it('exits 2 when the dist has no manifest, instead of passing a build it could not measure', () => {
    const distDir = fakeDist(SIZES);
    rmSync(join(distDir, '.vite'), { recursive: true });
    const result = runCli(distDir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('build.manifest must be on');
  });
});
