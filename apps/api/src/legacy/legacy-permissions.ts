import type { Type } from '@nestjs/common';
import type { Permission } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { REQUIRED_PERMISSIONS_KEY } from '../access/decorators';
import { DomainError } from '../common/domain-error';
import { createValidationPipe } from '../common/validation.pipe';

/**
 * The permission a REST route declares with @RequirePermission, read from that route's own metadata:
 * an action of the adapter needs exactly what its REST twin needs, with no table of its own to
 * drift. Checked before the parameters are validated (403 before 400).
 */
export function routePermissions(handler: unknown): Permission[] {
  if (typeof handler !== 'function') return [];
  const declared: unknown = Reflect.getMetadata(REQUIRED_PERMISSIONS_KEY, handler);
  return Array.isArray(declared) ? (declared as Permission[]) : [];
}

export function requireRoute(auth: AuthContext, handler: unknown): void {
  const required = routePermissions(handler);
  if (required.length > 0 && !required.some((p) => auth.permissions.includes(p))) {
    throw new DomainError('FORBIDDEN', `This action requires the ${required.join(' or ')} permission`, { required });
  }
}

const pipe = createValidationPipe();

/**
 * The REST DTO class, validated by the same pipe the REST API runs (whitelist, transforms, the
 * shared text and limit rules): a field passes or fails here exactly as it would there.
 * Undefined entries are left out so that "not given" stays "not given".
 */
export async function validated<T extends object>(type: Type<T>, value: Record<string, unknown>, where: 'body' | 'query' = 'body'): Promise<T> {
  const defined = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  return (await pipe.transform(defined, { type: where, metatype: type })) as T;
}
