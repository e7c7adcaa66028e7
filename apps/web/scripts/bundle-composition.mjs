#!/usr/bin/env node
// @ts-check
// What a built chunk is made of, by package (or app folder), from its source map: the minified bytes each
// source produced. A diagnostic for the first-load budget (check-bundle-budget.mjs), not part of the build.
// Usage: node scripts/bundle-composition.mjs [--first-load] [chunk-name-substring ...]
//   --first-load   every file the budget counts for the pages it measures, summed together
// The "gzip≈" column compresses each group's bytes alone, so it overstates a little what the group adds to
// the compressed chunk; use it to rank, not to add up.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { firstLoadFiles, gzipSize } from './bundle-budget.mjs';

const distDir = resolve(import.meta.dirname, '..', 'dist');
const args = process.argv.slice(2);

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** @param {string} segment @returns {number[]} */
function decodeVlq(segment) {
  /** @type {number[]} */
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** node_modules/.pnpm/x@1/node_modules/@scope/pkg/... → @scope/pkg; app sources keep their folder. */
/** @param {string} source */
function groupOf(source) {
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(source);
  if (pkg?.[1]) {
    // Mantine is one package with many components: name the component, which is what an import pulls in.
    const component = /^esm\/(?:components|core)\/([^/]+)/.exec(pkg[2] ?? '')?.[1];
    return pkg[1].startsWith('@mantine/') && component ? `${pkg[1]} ${component}` : pkg[1];
  }
  const app = /(?:^|\/)(src|libs\/[^/]+\/src)\/(?:features\/)?([^/]+)/.exec(source);
  return app ? `${app[1] === "src" ? "app" : app[1].replace("/src", "")} ${app[2]}` : source;
}

/** @param {string} file relative to dist @returns {Map<string, string>} group → minified text it produced */
function compositionOf(file) {
  const code = readFileSync(join(distDir, file), 'utf8');
  const mapFile = join(distDir, `${file}.map`);
  /** @type {Map<string, string>} */
  const groups = new Map();
  const add = (/** @type {string} */ group, /** @type {string} */ text) => groups.set(group, (groups.get(group) ?? '') + text);
  if (!existsSync(mapFile)) {
    add('(no source map)', code);
    return groups;
  }
  /** @type {{ sources: string[], mappings: string }} */
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  const lines = code.split('\n');
  let sourceIndex = 0;
  map.mappings.split(';').forEach((lineMappings, lineNumber) => {
    const line = lines[lineNumber] ?? '';
    let column = 0;
    /** @type {{ column: number, source: number | null }[]} */
    const segments = [];
    for (const segment of lineMappings.split(',')) {
      if (!segment) continue;
      const [columnDelta = 0, sourceDelta] = decodeVlq(segment);
      column += columnDelta;
      if (sourceDelta !== undefined) sourceIndex += sourceDelta;
      segments.push({ column, source: sourceDelta === undefined ? null : sourceIndex });
    }
    if (segments.length === 0 || (segments[0]?.column ?? 0) > 0) add('(unmapped)', line.slice(0, segments[0]?.column ?? line.length));
    segments.forEach((s, i) => {
      const text = line.slice(s.column, segments[i + 1]?.column ?? line.length);
      add(s.source === null ? '(unmapped)' : groupOf(map.sources[s.source] ?? '?'), text);
    });
  });
  return groups;
}

/** @param {string} title @param {string[]} files */
function report(title, files) {
  /** @type {Map<string, string>} */
  const total = new Map();
  for (const file of files) for (const [group, text] of compositionOf(file)) total.set(group, (total.get(group) ?? '') + text);
  const rows = [...total].map(([group, text]) => ({ group, bytes: Buffer.byteLength(text), gzip: gzipSize(Buffer.from(text)) })).sort((a, b) => b.bytes - a.bytes);
  console.log(`\n${title} (${files.length} files)\n${'minified'.padStart(10)} ${'gzip≈'.padStart(9)}  group`);
  for (const row of rows) console.log(`${row.bytes.toString().padStart(10)} ${row.gzip.toString().padStart(9)}  ${row.group}`);
}

if (args.includes('--first-load')) {
  const indexHtml = readFileSync(join(distDir, 'index.html'), 'utf8');
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8'));
  for (const page of firstLoadFiles({ indexHtml, manifest })) report(`first load: ${page.name}`, page.files.filter((f) => f.endsWith('.js')));
} else {
  const wanted = args.filter((a) => !a.startsWith('--'));
  const all = readdirSync(join(distDir, 'assets')).filter((f) => f.endsWith('.js'));
  for (const file of all.filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))) report(file, [`assets/${file}`]);
}
