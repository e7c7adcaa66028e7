import type { ComponentType } from '@bdc/contracts';
import { isRecord, textIn, type Raw } from './units';

/** One file of an import, as read from a folder, a zip or an upload. */
export interface ImportFile {
  /** Relative path (`cpu-jsons/Cpu-details-level-3.json`): its folder names the component type. */
  name: string;
  text: string;
}

/** Where a model sat in the brand → series → family tree, gathered on the way down. */
export interface ModelContext {
  brand: string | null;
  series: string | null;
  family: string | null;
  generation: string | null;
  subtype: string | null;
}

/** A model record as found, with its type and where it was. */
export interface FoundModel {
  componentType: ComponentType;
  where: string;
  record: Raw;
  context: ModelContext;
}

/** Nesting beyond this is not a catalog; refused before parsing (V8's parser copes, walkers may not). */
export const IMPORT_JSON_DEPTH_MAX = 64;

/**
 * JSON as BDC IMS files hold it, tolerating what hand-edited files contain: a byte-order mark,
 * comments, trailing commas, and junk after the top-level value. Strict JSON is tried first.
 */
export function parseLenientJson(text: string): { value: unknown } | { error: string } {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return { value: JSON.parse(body) };
  } catch (strictError) {
    const cleaned = withoutTrailingJunk(withoutCommentsAndTrailingCommas(body));
    try {
      return { value: JSON.parse(cleaned) };
    } catch {
      return { error: strictError instanceof Error ? strictError.message : 'not JSON' };
    }
  }
}

/** Removes // and /* *\/ comments and commas before a closing bracket, outside strings. */
function withoutCommentsAndTrailingCommas(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else if (c === ',') {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j] ?? '')) j++;
      if (text[j] !== '}' && text[j] !== ']') out += c;
    } else {
      out += c ?? '';
    }
  }
  return out;
}

/** The text up to the end of the first complete top-level array or object. */
function withoutTrailingJunk(text: string): string {
  const start = text.search(/[[{]/);
  if (start === -1) return text;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return text;
}

/**
 * The component type a file holds, from its folder or file name as BDC IMS names them ("cpu-jsons",
 * "motherboad-jsons" sic, "chasis-jsons" sic, "Ram-jsons", "pci-jsons", …), or null.
 */
export function componentTypeOfPath(path: string): ComponentType | null {
  const text = path.toLowerCase();
  const rules: [RegExp, ComponentType][] = [
    [/hba/, 'hbacard'],
    [/mother|mainboard|board/, 'motherboard'],
    [/chass|chasis|case/, 'chassis'],
    [/cadd/, 'caddy'],
    [/\bnic|nic[-_ ]|network/, 'nic'],
    [/pci|riser|adaptor|adapter/, 'pciecard'],
    [/ram|memory|dimm/, 'ram'],
    [/storage|disk|drive|ssd|hdd/, 'storage'],
    [/cpu|processor/, 'cpu'],
  ];
  // The folder speaks first (a file "ram_detail.json" in "cpu-jsons" would be odd, but the folder is the catalog).
  const segments = text.split('/');
  for (const segment of [...segments.slice(0, -1).reverse(), segments[segments.length - 1] ?? '']) {
    for (const [pattern, type] of rules) if (pattern.test(segment)) return type;
  }
  return null;
}

/** A subtype inside a file may name another type: pci-jsons holds "HBA Card" families too. */
function typeOfSubtype(subtype: string | null, fallback: ComponentType): ComponentType {
  if (!subtype) return fallback;
  const text = subtype.toLowerCase();
  if (/\bhba\b|host bus/.test(text)) return 'hbacard';
  if (/network|\bnic\b/.test(text)) return 'nic';
  return fallback;
}

/** An object is a model when it names a model or carries a UUID: descriptions of series and families do neither. */
export function uuidOf(record: Raw): string | null {
  for (const key of Object.keys(record)) if (key.toLowerCase() === 'uuid') return textIn(record[key]);
  return null;
}

function isModelRecord(record: Raw): boolean {
  return uuidOf(record) !== null || Object.keys(record).some((k) => k.toLowerCase() === 'uuid') || textIn(record['model']) !== null;
}

const MODEL_LISTS = new Set(['models', 'caddies', 'items', 'products']);

/**
 * Every model record of a parsed file, with the brand/series/family context of the levels above
 * it. Files nest differently per type (brand → series → models; chassis_specifications →
 * manufacturers → series → models; a flat `caddies` list), so the walk goes by key names, not by
 * fixed paths: lists named `models` (or `caddies`) hold models; `brand`/`manufacturer`, `series`/
 * `series_name`/`name`, `family`, `generation` and `component_subtype` on the way down are context.
 */
export function findModels(value: unknown, file: string, fileType: ComponentType): FoundModel[] {
  const found: FoundModel[] = [];
  const empty: ModelContext = { brand: null, series: null, family: null, generation: null, subtype: null };
  // An explicit stack: the depth is bounded before parsing, but a work list keeps it obvious.
  const pending: { node: unknown; path: string; context: ModelContext; inModelList: boolean }[] = [{ node: value, path: '', context: empty, inModelList: false }];
  while (pending.length > 0) {
    const next = pending.pop();
    if (!next) break;
    const { node, path, context, inModelList } = next;
    if (Array.isArray(node)) {
      // Reverse so that pop() visits elements in file order.
      for (let i = node.length - 1; i >= 0; i--) pending.push({ node: node[i], path: `${path}[${i}]`, context, inModelList });
      continue;
    }
    if (!isRecord(node)) continue;
    if (inModelList && isModelRecord(node)) {
      found.push({ componentType: typeOfSubtype(context.subtype, fileType), where: `${file}#${path.replace(/^\./, '')}`, record: node, context });
      continue;
    }
    const here = contextOf(node, context);
    const children: { node: unknown; path: string; context: ModelContext; inModelList: boolean }[] = [];
    for (const [key, child] of Object.entries(node)) {
      if (typeof child !== 'object' || child === null) continue;
      children.push({ node: child, path: `${path}.${key}`, context: here, inModelList: MODEL_LISTS.has(key.toLowerCase()) && Array.isArray(child) });
    }
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) pending.push(child);
    }
  }
  return found;
}

function contextOf(node: Raw, parent: ModelContext): ModelContext {
  const brand = textIn(node['brand']) ?? textIn(node['manufacturer']);
  const series = textIn(node['series']) ?? textIn(node['series_name']);
  // A level's own `name` is its series when a brand is above it and no series yet, else its family.
  const name = textIn(node['name']);
  return {
    brand: brand ?? parent.brand,
    series: series ?? (name && parent.brand && !parent.series ? name : parent.series),
    family: textIn(node['family']) ?? (name && parent.series ? name : parent.family),
    generation: textIn(node['generation']) ?? parent.generation,
    subtype: textIn(node['component_subtype']) ?? textIn(node['category']) ?? parent.subtype,
  };
}
