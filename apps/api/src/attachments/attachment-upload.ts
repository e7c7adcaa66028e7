import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LIMITS } from '@bdc/contracts';
import type { FastifyRequest } from 'fastify';
import { DomainError, fieldError } from '../common/domain-error';
import { storageError } from './attachment-storage';

/** An uploaded file, hashed and counted while it streamed into a temporary file under UPLOAD_DIR. */
export interface ReceivedFile {
  tempPath: string;
  originalName: string;
  sha256: string;
  size: number;
}

export interface AttachmentUpload {
  file: ReceivedFile;
  commentId: number | null;
}

const FILENAME_MAX = 255;

/**
 * The name as shown and offered on download: the last path segment (some browsers send the whole
 * path), without control characters, at most 255 characters with the extension kept.
 */
export function cleanFilename(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (clean.length <= FILENAME_MAX) return clean;
  const dot = clean.lastIndexOf('.');
  const extension = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
  return clean.slice(0, FILENAME_MAX - extension.length) + extension;
}

/**
 * Reads `file` (exactly one) and the optional `commentId` field. The file goes to `tmpDir` while it
 * streams in, never into memory; past `maxBytes` busboy stops and the upload is refused with 413,
 * its partial file removed. Whatever fails, no temporary file is left behind.
 */
export async function readAttachmentUpload(request: FastifyRequest, tmpDir: string, maxBytes: number): Promise<AttachmentUpload> {
  if (!request.isMultipart()) throw fieldError('file', 'is required: send the file as multipart/form-data, in the part named file');
  let file: ReceivedFile | null = null;
  let commentId: number | null = null;
  let tempPath: string | null = null;
  try {
    const parts = request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 5, fieldNameSize: 100, fieldSize: 1024, parts: 6, headerPairs: 100 } });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.fieldname !== 'commentId') throw fieldError(part.fieldname, 'is not an allowed field (file, commentId)');
        commentId = parseCommentId(part.value);
        continue;
      }
      if (part.fieldname !== 'file') throw fieldError(part.fieldname, 'is not an allowed field: send the file in the part named file');
      const originalName = cleanFilename(part.filename ?? '');
      tempPath = join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}.part`);
      try {
        await mkdir(tmpDir, { recursive: true });
      } catch (error) {
        // The rest of the body is not read: the answer goes out and Fastify discards it.
        part.file.resume();
        throw storageError(error);
      }
      const hash = createHash('sha256');
      let size = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      try {
        await pipeline(part.file, counter, createWriteStream(tempPath, { flags: 'wx' }));
      } catch (error) {
        if (isFileTooLarge(error)) throw tooLarge(maxBytes);
        if (isStorageFault(error)) throw storageError(error);
        throw error;
      }
      if (part.file.truncated) throw tooLarge(maxBytes);
      file = { tempPath, originalName, sha256: hash.digest('hex'), size };
    }
  } catch (error) {
    if (tempPath) await unlink(tempPath).catch(() => undefined);
    throw asUploadError(error, maxBytes);
  }
  if (!file) throw fieldError('file', 'is required: send the file in the part named file');
  if (file.originalName === '' || file.size === 0) {
    await unlink(file.tempPath).catch(() => undefined);
    throw fieldError('file', file.originalName === '' ? 'must have a file name' : 'is empty');
  }
  return { file, commentId };
}

function parseCommentId(value: unknown): number {
  const text = typeof value === 'string' ? value.trim() : '';
  const id = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1 || id > LIMITS.idMax) throw fieldError('commentId', `must be a positive integer of at most ${LIMITS.idMax}`);
  return id;
}

const tooLarge = (maxBytes: number) =>
  new DomainError('PAYLOAD_TOO_LARGE', `The file is larger than the limit of ${maxBytes} bytes`, { fields: [{ field: 'file', reason: `at most ${maxBytes} bytes` }] });

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;
const isFileTooLarge = (error: unknown) => codeOf(error) === 'FST_REQ_FILE_TOO_LARGE';
const isStorageFault = (error: unknown) => typeof codeOf(error) === 'string' && /^E[A-Z]+$/.test(String(codeOf(error))) && (error as { syscall?: unknown }).syscall !== undefined;

/** Busboy's limit and parse errors carry an FST_ code; they become the API's own. */
function asUploadError(error: unknown, maxBytes: number): unknown {
  if (error instanceof DomainError) return error;
  const code = codeOf(error);
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  if (code === 'FST_FILES_LIMIT') return fieldError('file', 'one file per upload');
  if (typeof code === 'string' && code.startsWith('FST_')) return fieldError('file', `the multipart body could not be read (${code})`);
  if (error instanceof Error && /terminated early|Unexpected end of form|Malformed/i.test(error.message)) return fieldError('file', 'the multipart body could not be read');
  return error;
}
