import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '@bdc/contracts';
import { looksLikeApiToken } from '../auth/api-token-secret';
import { DomainError } from '../common/domain-error';
import type { AuthContext } from './auth-context';
import { API_TOKEN_STRATEGY, AuthPassport, JWT_STRATEGY } from './auth-passport';
import { bearerToken } from './bearer';
import { IS_PUBLIC_KEY, REQUIRED_PERMISSIONS_KEY } from './decorators';

type AuthRequest = FastifyRequest & { auth?: AuthContext };

/**
 * Global guard: every route needs a valid Bearer credential unless marked @Public(). Two passport
 * strategies authenticate (access/jwt.strategy.ts, access/api-token.strategy.ts), picked by the
 * credential's shape: personal API tokens start with `bdcpat_`, anything else is taken for a JWT (a
 * garbled one is then TOKEN_INVALID like any bad JWT). Either reads the caller's status, session or
 * token state and the access version in one query per request (roles and permissions: cached under
 * that version, which every grant change bumps), so logging out, disabling a user, revoking a token
 * or changing a grant takes effect immediately, on every API process.
 * The strategies know nothing of routes: whatever route runs this guard accepts both kinds.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly passport: AuthPassport,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<AuthRequest>();
    const reply = http.getResponse<FastifyReply>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets) === true;
    const token = bearerToken(request);

    if (isPublic) {
      // Public routes (logout) may still use the caller when a valid token comes along.
      if (token) request.auth = (await this.authenticate(token, request, reply).catch(() => null)) ?? undefined;
      return true;
    }
    if (!token) throw new DomainError('UNAUTHENTICATED', 'Sign in first: this endpoint needs a Bearer access token');
    const auth = await this.authenticate(token, request, reply);
    request.auth = auth;

    const required = this.reflector.getAllAndOverride<Permission[] | undefined>(REQUIRED_PERMISSIONS_KEY, targets);
    if (required && required.length > 0 && !required.some((p) => auth.permissions.includes(p))) {
      throw new DomainError('FORBIDDEN', `This action requires the ${required.join(' or ')} permission`, { required });
    }
    return true;
  }

  /**
   * passport.authenticate with a callback, as @nestjs/passport's AuthGuard runs it, on this
   * application's passport instance (see AuthPassport). Its handleRequest would turn a failure
   * without an error into UnauthorizedException; here an error (a strategy's DomainError) is passed
   * on unchanged and a failure without one is TOKEN_INVALID, so the API's codes are all a client sees.
   */
  private authenticate(token: string, request: FastifyRequest, reply: FastifyReply): Promise<AuthContext> {
    const strategy = looksLikeApiToken(token) ? API_TOKEN_STRATEGY : JWT_STRATEGY;
    return new Promise<AuthContext>((resolve, reject) => {
      const invalid = () => new DomainError('TOKEN_INVALID', 'The access token is invalid or has expired');
      const middleware = this.passport.authenticate(strategy, { session: false }, (error: unknown, user: AuthContext | false | null | undefined) => {
        if (error) reject(error);
        else if (user) resolve(user);
        else reject(invalid());
      }) as (req: FastifyRequest, res: FastifyReply, next: (error?: unknown) => void) => void;
      middleware(request, reply, (error?: unknown) => reject(error ?? invalid()));
    });
  }
}
