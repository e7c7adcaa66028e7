import { RequestMethod } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { FORBIDDEN_KEYS, type LegacyParams } from './legacy-fields';

/** Where BDC IMS clients call: `api/api.php` beside the front end, or `api.php` at the root. */
export const LEGACY_PATHS = ['api/api.php', 'api.php'] as const;

/** For `setGlobalPrefix(…, { exclude })`: the paths already are what clients call, no `/api` added. */
export const LEGACY_PREFIX_EXCLUDES: RouteInfo[] = LEGACY_PATHS.flatMap((path) => [
  { path, method: RequestMethod.GET },
  { path, method: RequestMethod.POST },
]);

const FORM = 'application/x-www-form-urlencoded';

/** `a=1&a=2` keeps the last value (PHP's `$_POST`); `a[]=1&a[]=2` is the list `a`. */
export function formFields(entries: Iterable<[string, string]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of entries) {
    const list = rawKey.endsWith('[]');
    const key = list ? rawKey.slice(0, -2) : rawKey;
    if (key === '' || FORBIDDEN_KEYS.has(key)) continue;
    if (list) {
      const current = out[key];
      out[key] = Array.isArray(current) ? [...(current as unknown[]), value] : [value];
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * Form bodies for the BDC IMS adapter (the REST API stays JSON-only: it never reads them, and a
 * form sent to it fails its DTO validation). Parsed with Node's URLSearchParams under the same size
 * limit as JSON; @fastify/formbody is not a dependency. Multipart is registered once for every route
 * that takes it (common/upload-parsers.ts, which lists these paths); the handler reads the fields
 * itself (readMultipartFields) with the limits below.
 */
export async function registerLegacyBodyParsers(app: NestFastifyApplication, bodyLimit: number): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  if (!fastify.hasContentTypeParser(FORM)) {
    fastify.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit }, (_request, body, done) => {
      done(null, formFields(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
    });
  }
}

/** Busboy's limits for an action-API form sent as multipart: text fields only, each up to the body limit. */
export function legacyMultipartLimits(bodyLimit: number) {
  return { fieldSize: bodyLimit, fields: 200, fileSize: bodyLimit, files: 10, parts: 210 };
}

type MultipartRequest = FastifyRequest & {
  isMultipart?: () => boolean;
  parts?: (options?: { limits?: Record<string, number> }) => AsyncIterableIterator<{ type: 'field' | 'file'; fieldname: string; value?: unknown; toBuffer?: () => Promise<Buffer> }>;
};

/** The text fields of a multipart body; files are read and discarded (the action API takes none). */
async function readMultipartFields(request: MultipartRequest, bodyLimit: number): Promise<Record<string, unknown>> {
  const entries: [string, string][] = [];
  if (!request.parts) return {};
  for await (const part of request.parts({ limits: legacyMultipartLimits(bodyLimit) })) {
    if (part.type === 'field') entries.push([part.fieldname, typeof part.value === 'string' ? part.value : String(part.value ?? '')]);
    else await part.toBuffer?.();
  }
  return formFields(entries);
}

/** Multipart bodies attached by another registration (`attachFieldsToBody`): `{name: {value}}`. */
function attachedFields(body: Record<string, unknown>): Record<string, unknown> {
  const entries: [string, string][] = [];
  for (const [key, part] of Object.entries(body)) {
    for (const one of Array.isArray(part) ? part : [part]) {
      const value = (one as { value?: unknown } | null)?.value;
      if (typeof value === 'string') entries.push([key, value]);
    }
  }
  return formFields(entries);
}

/** The query string overlaid by the body, whatever the body's type. */
export async function legacyParams(request: FastifyRequest, bodyLimit: number): Promise<LegacyParams> {
  const query = typeof request.query === 'object' && request.query !== null ? (request.query as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) if (!FORBIDDEN_KEYS.has(key)) out[key] = Array.isArray(value) ? value[value.length - 1] : value;
  const multipartRequest = request as MultipartRequest;
  let body: unknown = request.body;
  if (multipartRequest.isMultipart?.() === true) {
    body = body && typeof body === 'object' ? attachedFields(body as Record<string, unknown>) : await readMultipartFields(multipartRequest, bodyLimit);
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) if (!FORBIDDEN_KEYS.has(key)) out[key] = value;
  }
  return out;
}
