import type { FastifyRequest } from 'fastify';
import { DomainError, fieldError } from '../common/domain-error';
import { csvUploadLimits } from '../common/upload-parsers';


/**
 * The CSV text of an import, whichever way it came: a text/csv body (parsed as text by
 * common/upload-parsers), a multipart/form-data `file` part, or JSON `{ "csv": "…" }`.
 */
export async function readCsvUpload(request: FastifyRequest, body: unknown, limitBytes: number): Promise<string> {
  if (request.isMultipart()) {
    let file;
    try {
      file = await request.file({ limits: csvUploadLimits(limitBytes) });
    } catch {
      throw fieldError('file', 'the multipart body could not be read');
    }
    if (!file) throw fieldError('file', 'is required: send the CSV as the part named file');
    try {
      return (await file.toBuffer()).toString('utf8');
    } catch (error) {
      const tooLarge = (error as { code?: unknown } | null)?.code === 'FST_REQ_FILE_TOO_LARGE';
      if (tooLarge) throw new DomainError('PAYLOAD_TOO_LARGE', 'The file is too large');
      throw fieldError('file', 'could not be read');
    }
  }
  if (typeof body === 'string') return body;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const fields = body as Record<string, unknown>;
    const extra = Object.keys(fields).filter((k) => k !== 'csv');
    if (extra.length > 0) throw fieldError(extra[0] ?? 'body', 'is not an allowed property');
    if (typeof fields['csv'] === 'string') return fields['csv'];
  }
  throw fieldError('csv', 'send the CSV as a text/csv body, a multipart file, or JSON {"csv": "…"}');
}
