import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../common/domain-error';
import type { CatalogImportLimits } from '../../config/app-config';
import type { ImportFile } from './reader';
import { looksLikeZip, readZipArchive } from './zip';

/**
 * Busboy's limits for a catalog upload, enforced while the body streams in: bytes per file, files,
 * fields and their sizes, so an upload is bounded before it is buffered; zips are then bounded as
 * they expand (zip.ts). The JSON depth limit of json-body-parser.ts is applied to every file by the
 * importer (IMPORT_JSON_DEPTH_MAX) before it is parsed. Multipart itself is registered once for all
 * upload routes (common/upload-parsers.ts).
 */
function catalogPartLimits(limits: CatalogImportLimits) {
  return { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: 10, fieldNameSize: 100, fieldSize: 1024, parts: limits.maxFiles + 10, headerPairs: 100 };
}

export interface CatalogUpload {
  files: ImportFile[];
  dryRun: boolean;
}

const DRY_RUN_VALUES: Record<string, boolean> = { true: true, '1': true, yes: true, on: true, false: false, '0': false, no: false, off: false, '': false };

/** The files (JSON, or zips of JSON files) and the `dryRun` field of a catalog upload. */
export async function readCatalogUpload(request: FastifyRequest, limits: CatalogImportLimits): Promise<CatalogUpload> {
  if (!request.isMultipart()) {
    throw new DomainError('VALIDATION_FAILED', 'Send the catalog as multipart/form-data: one or more JSON files or a zip, and an optional dryRun field', {
      fields: [{ field: 'file', reason: 'required (multipart/form-data)' }],
    });
  }
  const files: ImportFile[] = [];
  let total = 0;
  let dryRun = false;
  const add = (file: ImportFile) => {
    total += Buffer.byteLength(file.text, 'utf8');
    if (files.length >= limits.maxFiles) throw new DomainError('PAYLOAD_TOO_LARGE', `At most ${limits.maxFiles} files per import`, { fields: [{ field: 'file', reason: `at most ${limits.maxFiles} files` }] });
    if (total > limits.maxTotalBytes) throw new DomainError('PAYLOAD_TOO_LARGE', `At most ${limits.maxTotalBytes} bytes per import`, { fields: [{ field: 'file', reason: `at most ${limits.maxTotalBytes} bytes in all` }] });
    files.push(file);
  };
  try {
    for await (const part of request.parts({ limits: catalogPartLimits(limits) })) {
      if (part.type === 'field') {
        if (part.fieldname !== 'dryRun') continue;
        const value = DRY_RUN_VALUES[String(part.value).trim().toLowerCase()];
        if (value === undefined) throw new DomainError('VALIDATION_FAILED', 'Invalid dryRun: must be true or false', { fields: [{ field: 'dryRun', reason: 'must be true or false' }] });
        dryRun = value;
        continue;
      }
      const data = await part.toBuffer();
      if (looksLikeZip(data)) {
        const remaining = { maxFiles: limits.maxFiles - files.length, maxTotalBytes: limits.maxTotalBytes - total };
        for (const file of readZipArchive(data, remaining)) add(file);
      } else {
        add({ name: part.filename || part.fieldname, text: data.toString('utf8') });
      }
    }
  } catch (error) {
    throw asUploadError(error);
  }
  if (files.length === 0) throw new DomainError('VALIDATION_FAILED', 'The upload holds no JSON file', { fields: [{ field: 'file', reason: 'required: JSON files or a zip of them' }] });
  return { files, dryRun };
}

/** Busboy's limit errors carry a status and a FST_ code; they become the API's own. */
function asUploadError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('FST_')) return error;
  const reason = error instanceof Error ? error.message : code;
  if (/LIMIT|TOO_LARGE/.test(code)) return new DomainError('PAYLOAD_TOO_LARGE', `The upload was refused: ${reason}`, { fields: [{ field: 'file', reason }] });
  return new DomainError('VALIDATION_FAILED', `The upload could not be read: ${reason}`, { fields: [{ field: 'file', reason }] });
}
