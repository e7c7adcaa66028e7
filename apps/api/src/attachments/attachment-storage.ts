import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { DomainError } from '../common/domain-error';

const logger = new Logger('AttachmentStorage');

/** A disk fault (full, read-only, no permission): the client learns the storage failed, the log learns why. */
export function storageError(cause: unknown): DomainError {
  logger.error(`attachment storage failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  return new DomainError('STORAGE_UNAVAILABLE', 'The file could not be stored; nothing was saved. Try again later or tell an administrator.');
}

/** `tickets/{ticketId}/{sha256}`, relative to UPLOAD_DIR (the row keeps this, not the absolute path). */
export function storedPath(ticketId: number, sha256: string): string {
  return `tickets/${ticketId}/${sha256}`;
}

/**
 * After a ticket is deleted (its rows went with it, ON DELETE CASCADE): its directory. A failure only
 * leaves disk space behind, so it is logged, not raised.
 */
export async function removeTicketFiles(uploadDir: string, ticketId: number): Promise<void> {
  try {
    await rm(join(uploadDir, storedPath(ticketId, '')), { recursive: true, force: true });
  } catch (error) {
    logger.warn(`could not remove the files of ticket ${ticketId}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266): the ASCII fallback has quotes,
 * backslashes and anything outside printable ASCII replaced, so no name can break out of the header.
 */
export function contentDisposition(kind: 'attachment' | 'inline', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'download';
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
