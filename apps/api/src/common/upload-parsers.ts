import multipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { CatalogImportLimits } from '../config/app-config';
import { LEGACY_PATHS } from '../legacy/legacy-http';
import { DomainError } from './domain-error';

/** The routes that take a file rather than JSON: anywhere else these content types are refused. */
export const UPLOAD_ROUTES = ['/api/components/import', '/api/catalog/import', ...LEGACY_PATHS.map((path) => `/${path}`)];

/** POST /api/tickets/:id/attachments (any id: the route's own pipe refuses a malformed one). */
const ATTACHMENT_UPLOAD_ROUTE = /^\/api\/tickets\/[^/?]+\/attachments(\?|$)/;

const isUploadRoute = (url: string) => UPLOAD_ROUTES.some((route) => url === route || url.startsWith(`${route}?`)) || ATTACHMENT_UPLOAD_ROUTE.test(url);

/** CSV imports are bigger than any JSON request: a few thousand rows fit in 5 body limits. */
export function csvUploadBytes(config: { bodyLimitBytes: number }): number {
  return config.bodyLimitBytes * 5;
}

/** The stock CSV upload: one file of at most this many bytes (its reader asks busboy for these limits). */
export function csvUploadLimits(limitBytes: number) {
  return { fileSize: limitBytes, files: 1, fields: 10, parts: 11 };
}

/**
 * `text/csv` bodies (as text) and `multipart/form-data` (read by the handler) for the upload routes.
 * Both are refused on every other route, so no JSON route ever receives a string or a stream where its
 * DTO expects an object. Multipart is registered once for every route that takes it, with generous
 * limits; each reader passes its own, tighter limits to busboy while the body streams in (the stock
 * CSV: one file of `limitBytes`; the catalog: `catalog`'s files and bytes; the BDC IMS action API:
 * text fields, legacyMultipartLimits; attachments: one file of UPLOAD_MAX_BYTES).
 */
export async function registerUploadParsers(app: NestFastifyApplication, limitBytes: number, catalog: CatalogImportLimits, attachmentBytes: number): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const unsupported = () => new DomainError('VALIDATION_FAILED', 'Unsupported Content-Type: send application/json', { fields: [{ field: 'body', reason: 'must be application/json' }] });
  fastify.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: limitBytes }, (request, body, done) => {
    if (!isUploadRoute(request.url)) {
      done(unsupported(), undefined);
      return;
    }
    done(null, body);
  });
  // The cast: Nest's adapter is typed against its own copy of fastify, the plugin against the app's.
  await app.register(multipart as unknown as Parameters<NestFastifyApplication['register']>[0], {
    throwFileSizeLimit: true,
    limits: {
      fileSize: Math.max(limitBytes, catalog.maxFileBytes, attachmentBytes),
      files: Math.max(10, catalog.maxFiles),
      fields: 200,
      fieldNameSize: 100,
      fieldSize: limitBytes,
      parts: Math.max(10, catalog.maxFiles) + 200,
      headerPairs: 100,
    },
  });
  fastify.addHook('preValidation', async (request) => {
    if ((request as unknown as FastifyRequest).isMultipart() && !isUploadRoute(request.url)) throw unsupported();
  });
}
