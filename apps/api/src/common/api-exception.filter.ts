import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLegacyUrl, sendLegacyError } from '../legacy/legacy-exception.filter';
import { toErrorResponse } from './error-response';

/** Global: every error leaves as `{code, message, details?}` (see toErrorResponse). */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    // The BDC IMS action API answers its envelope even for a body refused before routing.
    if (isLegacyUrl(request.url)) return sendLegacyError(exception, request, reply, this.logger);
    const { status, body } = toErrorResponse(exception, this.logger, `${request.method} ${request.url.split('?', 1)[0]}`, request.id);
    if (reply.sent) return;
    // A 429 says when to come back (login throttling puts the wait in details.retryAfterSeconds).
    const retryAfter = body.details?.retryAfterSeconds;
    if (status === 429 && typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
