import fastifyCors from '@fastify/cors';
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config';

/**
 * Content-Security-Policy for everything we serve: the SPA (Vite build: scripts and styles from our
 * own origin; Mantine sets style attributes and injects <style> tags, hence 'unsafe-inline' for
 * styles only) and Swagger UI (its scripts are files, its page has inline <style>, its icons are
 * data: URLs). No inline or foreign script runs, and no site may frame us (clickjacking).
 * `upgrade-insecure-requests` is left out: on a plain-HTTP install (http://host:3000) it would make
 * the browser fetch our own scripts over HTTPS and break the page.
 */
export const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  // blob: the SPA previews image attachments from object URLs (fetched with the token, not by <img src>).
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every response (API, SPA files, Swagger, errors), HSTS only over TLS, and CORS
 * only for the origins listed in CORS_ORIGINS. Registered on Fastify before any route, so even a 404
 * or a body-parser error carries them.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // @nestjs/platform-fastify bundles its own fastify release, so the plugins' types name a different
  // (structurally equal) FastifyInstance: the casts only bridge the two declarations.
  type Plugin = Parameters<typeof fastify.register>[0];
  const helmetOptions: FastifyHelmetOptions = {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // Swagger UI and the SPA load nothing cross-origin; COEP would only get in the way of a future CDN.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Set below, per request: a browser that saw HSTS over plain HTTP on an install without TLS
    // would be locked out of it.
    strictTransportSecurity: false,
  };
  await fastify.register(fastifyHelmet as unknown as Plugin, helmetOptions);
  fastify.addHook('onRequest', async (request, reply) => {
    // request.protocol is 'https' on a TLS socket, or from X-Forwarded-Proto when TRUST_PROXY is on.
    if (request.protocol === 'https') void reply.header('strict-transport-security', HSTS);
  });

  if (config.corsOrigins.length > 0) {
    await fastify.register(fastifyCors as unknown as Plugin, {
      origin: config.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type'],
      exposedHeaders: ['retry-after'],
      // Bearer tokens, not cookies: no credentials mode needed.
      credentials: false,
      maxAge: 600,
    });
  }
}
