import { Unzip, UnzipInflate, UnzipPassThrough, type UnzipFile } from 'fflate';
import { DomainError } from '../../common/domain-error';
import type { ImportFile } from './reader';

export interface ArchiveLimits {
  /** Most files an upload may hold (JSON files, counted across the archive). */
  maxFiles: number;
  /** Most bytes all files together may expand to. */
  maxTotalBytes: number;
}

/** Compressed input is fed in slices this big: one slice of deflate expands to at most ~1,032× it. */
const SLICE = 16 * 1024;

const refused = (reason: string) =>
  new DomainError('PAYLOAD_TOO_LARGE', `The archive was refused: ${reason}`, { fields: [{ field: 'file', reason }] });

/**
 * The JSON files of a zip archive, with the expansion bounded as it happens: entries' declared sizes
 * are not believed (a zip bomb lies about them), the bytes actually inflated are counted slice by
 * slice and the whole archive is refused (413) as soon as the total or the file count passes its
 * limit. Folders, non-JSON files and macOS resource forks are ignored; so at most one slice's worth
 * of output is ever held beyond the limit.
 */
export function readZipArchive(data: Uint8Array, limits: ArchiveLimits): ImportFile[] {
  const files: ImportFile[] = [];
  let total = 0;
  let entries = 0;
  /** Entries started and not yet finished: left over at the end means the archive was cut short. */
  let open = 0;
  let failure: DomainError | null = null;
  const decoder = new TextDecoder('utf-8');

  const unzip = new Unzip((file: UnzipFile) => {
    if (failure) return;
    const name = file.name.replace(/\\/g, '/');
    if (name.endsWith('/') || !name.toLowerCase().endsWith('.json') || name.split('/').some((s) => s.startsWith('__MACOSX') || s.startsWith('._'))) return;
    if (++entries > limits.maxFiles) {
      failure = refused(`more than ${limits.maxFiles} JSON files`);
      return;
    }
    const chunks: Uint8Array[] = [];
    open++;
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) {
        failure = new DomainError('VALIDATION_FAILED', `The archive is damaged (${name}): ${error.message}`, { fields: [{ field: 'file', reason: 'is not a readable zip archive' }] });
        return;
      }
      total += chunk.length;
      if (total > limits.maxTotalBytes) {
        failure = refused(`it expands to more than ${limits.maxTotalBytes} bytes`);
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) {
        open--;
        files.push({ name, text: decoder.decode(concat(chunks)) });
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    for (let offset = 0; offset < data.length && !failure; offset += SLICE) {
      unzip.push(data.subarray(offset, Math.min(offset + SLICE, data.length)), offset + SLICE >= data.length);
    }
  } catch (error) {
    if (!failure) {
      const reason = error instanceof Error ? error.message : 'unreadable';
      failure = new DomainError('VALIDATION_FAILED', `The archive could not be read: ${reason}`, { fields: [{ field: 'file', reason: 'is not a readable zip archive' }] });
    }
  }
  if (failure) throw failure;
  if (open > 0) throw new DomainError('VALIDATION_FAILED', 'The archive is cut short: a file in it ends early', { fields: [{ field: 'file', reason: 'is not a complete zip archive' }] });
  return files;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** A zip archive starts with a local file header ("PK\x03\x04") or, when empty, an end record. */
export function looksLikeZip(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && (data[2] === 0x03 || data[2] === 0x05) && (data[3] === 0x04 || data[3] === 0x06);
}
