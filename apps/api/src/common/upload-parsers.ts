import multipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { DomainError } from './domain-error';

/** The routes that take a file rather than JSON: anywhere else these content types are refused. */
export const UPLOAD_ROUTES = ['/api/components/import'];

const isUploadRoute = (url: string) => UPLOAD_ROUTES.some((route) => url === route || url.startsWith(`${route}?`));

/**
 * `text/csv` bodies (as text) and `multipart/form-data` (one file, read by the handler) for the
 * upload routes, at most `limitBytes`. Both refuse with 415 on every other route, so no JSON route
 * ever receives a string or a stream where its DTO expects an object.
 */
export async function registerUploadParsers(app: NestFastifyApplication, limitBytes: number): Promise<void> {
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
  await app.register(multipart as unknown as Parameters<NestFastifyApplication['register']>[0], { limits: { fileSize: limitBytes, files: 1, fields: 10, parts: 11 } });
  fastify.addHook('preValidation', async (request) => {
    if ((request as unknown as FastifyRequest).isMultipart() && !isUploadRoute(request.url)) throw unsupported();
  });
}
