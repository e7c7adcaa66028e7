// @ts-check
// The logic of the first-load JavaScript budget (issue 9), kept apart from the command line so that it can be
// tested on a fake dist. "First load" is every script the browser must download before a page can render:
// the entry script of index.html, its static imports (the modulepreload links), and, for a page whose
// route is lazy, that route's chunk and its static imports. Chunks loaded later, on navigation, do not count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * zlib's default level, which is what Apache's mod_deflate, Express's `compression` and Vite's own size
 * report use; nginx defaults to 1 (bigger output), so level 6 is the typical server, not the best case (9).
 */
export const GZIP_LEVEL = 6;
/** Kilobytes of 1,000 bytes, as Vite prints them, so the numbers can be compared with the build log. */
export const BYTES_PER_KB = 1000;
export const DEFAULT_BUDGET_KB = 150;

/**
 * The pages measured, with the lazy modules (src/app/router.tsx) the browser downloads before it can render
 * each (src/main.tsx starts them all at once, preloadPageCode): the entry plus the sign-in page's chunk, or
 * plus the shell's chunk and that of the default signed-in page ("My work", the index route). A module listed
 * here must be a chunk of its own in the manifest.
 * @type {{ name: string, routeSources: string[] }[]}
 */
export const FIRST_LOAD_PAGES = [
  { name: 'sign-in', routeSources: ['src/features/auth/routes/login-route.tsx'] },
  { name: 'my work', routeSources: ['src/app/app-layout.tsx', 'src/features/my-work/routes/my-work-route.tsx'] },
];

/**
 * @typedef {{ file: string, src?: string, isEntry?: boolean, isDynamicEntry?: boolean, imports?: string[], dynamicImports?: string[], css?: string[] }} ManifestChunk
 * @typedef {Record<string, ManifestChunk>} Manifest
 * @typedef {{ file: string, rawBytes: number, gzipBytes: number }} FileSize
 * @typedef {{ name: string, files: FileSize[], rawBytes: number, gzipBytes: number }} PageReport
 */

/**
 * The scripts index.html makes the browser fetch at once: module scripts and modulepreload links, in order.
 * @param {string} html
 * @returns {string[]} paths relative to dist, without a leading slash
 */
export function scriptsInIndexHtml(html) {
  /** @type {string[]} */
  const found = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const isModuleScript = /^<script/i.test(tag) && /\btype\s*=\s*["']?module\b/i.test(tag);
    const isModulePreload = /^<link/i.test(tag) && /\brel\s*=\s*["']?modulepreload\b/i.test(tag);
    if (!isModuleScript && !isModulePreload) continue;
    const url = /\b(?:src|href)\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    // An inline script or an external URL is not a file of this build.
    if (!url || /^[a-z]+:\/\//i.test(url)) continue;
    const file = url.replace(/^\.?\//, '');
    if (!found.includes(file)) found.push(file);
  }
  return found;
}

/**
 * The files of a manifest chunk and of everything it imports statically, transitively (not dynamic imports).
 * @param {Manifest} manifest
 * @param {string} key
 * @returns {string[]}
 */
export function staticClosure(manifest, key) {
  /** @type {string[]} */
  const files = [];
  const seen = new Set();
  /** @param {string} k */
  const visit = (k) => {
    if (seen.has(k)) return;
    seen.add(k);
    const chunk = manifest[k];
    if (!chunk) throw new Error(`The Vite manifest has no chunk "${k}"`);
    files.push(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(key);
  return files;
}

/**
 * @param {Manifest} manifest
 * @param {string} source a source path relative to the web app (the manifest's keys and `src`)
 */
function manifestKeyOf(manifest, source) {
  const key = Object.keys(manifest).find((k) => k === source || manifest[k]?.src === source);
  if (!key) throw new Error(`The Vite manifest has no chunk for ${source}: was the route renamed? Update FIRST_LOAD_PAGES.`);
  return key;
}

/**
 * The JavaScript files each page downloads before its first render.
 * @param {{ indexHtml: string, manifest: Manifest, pages?: typeof FIRST_LOAD_PAGES }} input
 * @returns {{ name: string, files: string[] }[]}
 */
export function firstLoadFiles({ indexHtml, manifest, pages = FIRST_LOAD_PAGES }) {
  const entryKeys = Object.keys(manifest).filter((k) => manifest[k]?.isEntry);
  if (entryKeys.length === 0) throw new Error('The Vite manifest has no entry chunk');
  // index.html is the truth for what loads at once; the manifest adds nothing for a correct build, but
  // following it too means a preload link Vite failed to write still counts.
  const entryFiles = unique([...scriptsInIndexHtml(indexHtml), ...entryKeys.flatMap((k) => staticClosure(manifest, k))]);
  return pages.map((page) => ({
    name: page.name,
    files: unique([...entryFiles, ...page.routeSources.flatMap((source) => staticClosure(manifest, manifestKeyOf(manifest, source)))]),
  }));
}

/**
 * @param {Buffer} content
 * @returns {number}
 */
export function gzipSize(content) {
  return gzipSync(content, { level: GZIP_LEVEL }).length;
}

/**
 * Reads a built dist and sizes the first load of each page.
 * @param {string} distDir
 * @param {typeof FIRST_LOAD_PAGES} [pages]
 * @returns {PageReport[]}
 */
export function measureDist(distDir, pages = FIRST_LOAD_PAGES) {
  const indexHtml = readFileSync(join(distDir, 'index.html'), 'utf8');
  /** @type {Manifest} */
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${join(distDir, '.vite', 'manifest.json')} (build.manifest must be on): ${String(error)}`, { cause: error });
  }
  /** @type {Map<string, FileSize>} */
  const sizes = new Map();
  /** @param {string} file */
  const sizeOf = (file) => {
    let size = sizes.get(file);
    if (!size) {
      const content = readFileSync(join(distDir, file));
      size = { file, rawBytes: content.length, gzipBytes: gzipSize(content) };
      sizes.set(file, size);
    }
    return size;
  };
  return firstLoadFiles({ indexHtml, manifest, pages }).map(({ name, files }) => {
    const measured = files.filter((f) => f.endsWith('.js')).map(sizeOf);
    return {
      name,
      files: measured,
      rawBytes: measured.reduce((sum, f) => sum + f.rawBytes, 0),
      gzipBytes: measured.reduce((sum, f) => sum + f.gzipBytes, 0),
    };
  });
}

/**
 * The budget in kB from the environment (BUDGET_KB), or the default.
 * @param {string | undefined} value
 * @returns {number}
 */
export function parseBudgetKb(value) {
  if (value === undefined || value.trim() === '') return DEFAULT_BUDGET_KB;
  const kb = Number(value);
  if (!Number.isFinite(kb) || kb <= 0) throw new Error(`BUDGET_KB must be a positive number of kB, not "${value}"`);
  return kb;
}

/** @param {number} bytes */
const kb = (bytes) => (bytes / BYTES_PER_KB).toFixed(2);

/**
 * A plain-text table per page, largest files first, and the verdict.
 * @param {PageReport[]} reports
 * @param {number} budgetKb
 * @returns {{ text: string, overBudget: PageReport[] }}
 */
export function formatReport(reports, budgetKb) {
  const budgetBytes = budgetKb * BYTES_PER_KB;
  const lines = [`First-load JavaScript, gzip level ${GZIP_LEVEL}, budget ${budgetKb} kB (1 kB = ${BYTES_PER_KB} bytes)`];
  const width = Math.max(20, ...reports.flatMap((r) => r.files.map((f) => f.file.length)));
  for (const report of reports) {
    lines.push('', `${report.name}:`, `  ${'file'.padEnd(width)}  ${'raw kB'.padStart(9)}  ${'gzip kB'.padStart(9)}`);
    for (const f of [...report.files].sort((a, b) => b.gzipBytes - a.gzipBytes)) {
      lines.push(`  ${f.file.padEnd(width)}  ${kb(f.rawBytes).padStart(9)}  ${kb(f.gzipBytes).padStart(9)}`);
    }
    const verdict = report.gzipBytes > budgetBytes ? `OVER the budget by ${kb(report.gzipBytes - budgetBytes)} kB` : `${kb(budgetBytes - report.gzipBytes)} kB under the budget`;
    lines.push(`  ${`total (${report.files.length} files)`.padEnd(width)}  ${kb(report.rawBytes).padStart(9)}  ${kb(report.gzipBytes).padStart(9)}  ${verdict}`);
  }
  return { text: lines.join('\n'), overBudget: reports.filter((r) => r.gzipBytes > budgetBytes) };
}

/**
 * @param {string[]} items
 * @returns {string[]}
 */
function unique(items) {
  return [...new Set(items)];
}
