import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic, { type FastifyStaticOptions } from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ErrorBody } from '@bdc/contracts';

/**
 * Serves the built SPA from `webDistDir` at `/`: files as they are, and index.html for any other GET
 * outside /api (client-side routes such as /tickets/12), so a reload or a deep link works. Unknown
 * /api paths stay JSON 404s. Returns false when there is no build to serve.
 */
export async function serveSpa(app: NestFastifyApplication, webDistDir: string): Promise<boolean> {
  if (!existsSync(join(webDistDir, 'index.html'))) return false;
  const fastify = app.getHttpAdapter().getInstance();
  const staticOptions: FastifyStaticOptions = {
    root: webDistDir,
    prefix: '/',
    // Only files present at boot get routes; everything else reaches the fallback below.
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (res, path) => {
      // Vite puts content hashes in asset names: cache them for good, never index.html.
      res.setHeader('cache-control', path.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  };
  // @nestjs/platform-fastify bundles its own fastify release, so the plugin's types name a different
  // (structurally equal) FastifyInstance: the cast only bridges the two declarations.
  type Plugin = Parameters<typeof fastify.register>[0];
  await fastify.register(fastifyStatic as unknown as Plugin, staticOptions);
  for (const url of ['/', '/*']) {
    fastify.get(url, async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (path === '/api' || path.startsWith('/api/')) {
        const body: ErrorBody = { code: 'NOT_FOUND', message: `No such endpoint: ${request.method} ${path}` };
        return reply.status(404).send(body);
      }
      // Read per request (it is tiny) so a rebuilt SPA is served without a restart.
      const html = await readFile(join(webDistDir, 'index.html'));
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
    });
  }
  return true;
}
