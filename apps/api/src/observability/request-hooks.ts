import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config';
import type { MetricsService } from './metrics.service';
import { REQUEST_ID_HEADER, requestContext } from './request-context';

/**
 * Per request: the id goes back in X-Request-Id (so a caller can quote it, and a proxy's id round-
 * trips), the rest of the lifecycle runs inside its AsyncLocalStorage context, and the answer is
 * counted in the metrics. The context is entered twice: once on arrival and again just before the
 * handler, because a request body is read from socket events that belong to no request, and the
 * continuation after parsing it would otherwise have lost the context.
 */
export function registerRequestContext(app: NestFastifyApplication, config: AppConfig, metrics: MetricsService): void {
  const fastify = app.getHttpAdapter().getInstance();
  // Debugging a cluster: which worker answered (off by default: a pid is nobody else's business).
  const worker = config.operations.workerIdHeader ? String(process.pid) : null;
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    if (worker !== null) void reply.header('x-worker', worker);
    requestContext.run({ reqId: request.id }, done);
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    requestContext.run({ reqId: request.id }, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.observe(request, reply);
    done();
  });
}
