/**
 * Minimal files of every allowed type, built here (no fixtures): enough of each format for its magic
 * bytes to be recognised, and a multipart body to send them in.
 */
import { strToU8, zipSync } from 'fflate';
import type { TestApp } from './harness';

/** A real 1×1 PNG (it renders, so the SPA can preview it). */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(64)]);
/** An OLE2 compound file header: what .doc and .xls files are. */
export const OLE2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126)]);
export const HTML = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');

const OOXML_MAIN = {
  word: { part: 'word/document.xml', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml' },
  xl: { part: 'xl/workbook.xml', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml' },
};

/** A zip-based OOXML package: [Content_Types].xml naming its main part, and that part (stored, not deflated). */
function ooxml(kind: keyof typeof OOXML_MAIN): Buffer {
  const main = OOXML_MAIN[kind];
  const types = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/${main.part}" ContentType="${main.type}"/></Types>`;
  return Buffer.from(zipSync({ '[Content_Types].xml': strToU8(types), [main.part]: strToU8('<x/>') }, { level: 0 }));
}
export const DOCX = ooxml('word');
export const XLSX = ooxml('xl');

export interface Part {
  name: string;
  filename?: string;
  content: Uint8Array | string;
  contentType?: string;
}

/** A multipart/form-data body, as a browser sends it. */
export function multipart(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----attach${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    const type = part.filename !== undefined ? `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`), Buffer.from(part.content), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface UploadResponse<T> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

export async function upload<T = unknown>(t: TestApp, token: string, ticketId: number | string, parts: Part[]): Promise<UploadResponse<T>> {
  const { payload, contentType } = multipart(parts);
  const res = await t.app.getHttpAdapter().getInstance().inject({
    method: 'POST',
    url: `/api/tickets/${ticketId}/attachments`,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    payload,
  });
  return { status: res.statusCode, body: JSON.parse(res.body) as T, headers: res.headers };
}

/** Uploads one file as the part `file` (plus optional extra fields). */
export function uploadFile<T = unknown>(t: TestApp, token: string, ticketId: number | string, filename: string, content: Uint8Array | string, fields: Record<string, string> = {}): Promise<UploadResponse<T>> {
  return upload<T>(t, token, ticketId, [...Object.entries(fields).map(([name, value]) => ({ name, content: value })), { name: 'file', filename, content }]);
}
