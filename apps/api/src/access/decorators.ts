import { createParamDecorator, SetMetadata, applyDecorators, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Permission } from '@bdc/contracts';
import type { AuthContext } from './auth-context';

export const IS_PUBLIC_KEY = 'access:public';
export const REQUIRED_PERMISSIONS_KEY = 'access:permissions';

/** Opt a route out of the global authentication guard. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * The caller needs at least one of these permissions. Also documents itself in OpenAPI
 * (`x-permissions` and the description), so Swagger shows what each route requires.
 */
export function RequirePermission(...anyOf: Permission[]) {
  return applyDecorators(
    SetMetadata(REQUIRED_PERMISSIONS_KEY, anyOf),
    ApiBearerAuth(),
    ApiExtension('x-permissions', anyOf),
    ApiUnauthorizedResponse({ description: 'No or invalid bearer token' }),
    ApiForbiddenResponse({ description: `Requires ${anyOf.join(' or ')}` }),
  );
}

/** The authenticated caller, as resolved by the guard. */
export const CurrentAuth = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthContext => {
  const request = ctx.switchToHttp().getRequest<{ auth?: AuthContext }>();
  if (!request.auth) throw new Error('CurrentAuth used on a route without authentication');
  return request.auth;
});
