/**
 * The application's route table, read from the running app rather than written down: the matrix and
 * fuzz tests compare it with their own hand-written tables, so a route added without an entry there
 * fails them.
 *
 * Two sources, checked against each other by route-matrix.int-spec.ts:
 * - Nest's controller metadata (what RouterExplorer maps), with the handler's access metadata
 *   (`@Public()`, `@RequirePermission(...)`), read the way AccessGuard reads it;
 * - every route Fastify registered (an `onRoute` hook on the adapter's instance, installed by
 *   `recordingFastifyAdapter` before any route exists), which also sees routes added to Fastify
 *   directly (SPA, Swagger UI) that no controller declares.
 */
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { RequestMethod, type Type } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Permission } from '@bdc/contracts';
import { API_PREFIX, PREFIX_EXCLUDES } from '../src/app.factory';
import { IS_PUBLIC_KEY, REQUIRED_PERMISSIONS_KEY } from '../src/access/decorators';

export interface NestRoute {
  /** `METHOD /api/path/:param`, the key of the hand-written tables. */
  key: string;
  method: string;
  path: string;
  isPublic: boolean;
  /** Any one of these passes the route check; empty when the route declares none. */
  permissions: Permission[];
}

export interface FastifyRouteRecord {
  method: string;
  url: string;
}

const joinPath = (...parts: string[]) =>
  '/' +
  parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter((p) => p !== '')
    .join('/');

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : ['']);

/** Every controller route of the app with the access metadata AccessGuard acts on. */
export function nestRoutes(app: NestFastifyApplication): NestRoute[] {
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: NestRoute[] = [];
  const seen = new Set<Type<unknown>>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller || seen.has(controller)) continue;
      seen.add(controller);
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function') continue;
        const methodCode: unknown = Reflect.getMetadata(METHOD_METADATA, handler);
        if (typeof methodCode !== 'number') continue;
        const method = RequestMethod[methodCode];
        const targets = [handler, controller];
        const isPublic = reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets) === true;
        const permissions = reflector.getAllAndOverride<Permission[] | undefined>(REQUIRED_PERMISSIONS_KEY, targets) ?? [];
        for (const base of asList(Reflect.getMetadata(PATH_METADATA, controller))) {
          for (const sub of asList(Reflect.getMetadata(PATH_METADATA, handler))) {
            // Paths excluded from the global prefix (app.factory.ts) are served as written.
            const unprefixed = joinPath(base, sub);
            const excluded = PREFIX_EXCLUDES.some((e) => joinPath(e.path) === unprefixed && (e.method === RequestMethod[method as keyof typeof RequestMethod] || e.method === RequestMethod.ALL));
            const path = excluded ? unprefixed : joinPath(API_PREFIX, base, sub);
            routes.push({ key: `${method} ${path}`, method, path, isPublic, permissions: [...permissions] });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}
