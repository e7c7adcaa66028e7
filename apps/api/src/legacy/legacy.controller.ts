import { Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthContext } from '../access/auth-context';
import { Public } from '../access/decorators';
import { LegacyAuthActions } from './legacy-auth.actions';
import { envelope, LegacyError } from './legacy-envelope';
import { LegacyExceptionFilter } from './legacy-exception.filter';
import { text } from './legacy-fields';
import { AppConfig } from '../config/app-config';
import { LEGACY_PATHS, legacyParams } from './legacy-http';
import { LegacyTicketActions } from './legacy-ticket.actions';

type AuthRequest = FastifyRequest & { auth?: AuthContext };

/**
 * The BDC IMS action API: `action=<module>-<operation>` from the body or the query string.
 *
 * @Public() because `auth-login` must be reachable without a token; the global AccessGuard still
 * runs first and, as on every public route, resolves a Bearer token when one comes along
 * (request.auth). Every other action requires that caller, and then the permission its REST twin
 * declares (legacy-permissions.ts), so this route grants nothing the REST routes would not.
 * Left out of the OpenAPI document: its contract is docs/bdc-ims-compatibility.md.
 */
@ApiExcludeController()
@UseFilters(LegacyExceptionFilter)
@Controller()
export class LegacyController {
  constructor(
    private readonly authActions: LegacyAuthActions,
    private readonly ticketActions: LegacyTicketActions,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get([...LEGACY_PATHS])
  get(@Req() request: AuthRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.handle(request, reply);
  }

  @Public()
  @Post([...LEGACY_PATHS])
  post(@Req() request: AuthRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.handle(request, reply);
  }

  private async handle(request: AuthRequest, reply: FastifyReply): Promise<void> {
    const params = await legacyParams(request, this.config.bodyLimitBytes);
    const action = text(params, 'action')?.trim() ?? '';
    const caller = request.auth;
    if (action === '') throw new LegacyError(400, 'Action parameter is required', undefined, caller !== undefined);
    const dash = action.indexOf('-');
    const module = dash < 0 ? action : action.slice(0, dash);
    const operation = dash < 0 ? '' : action.slice(dash + 1);
    let result;
    if (module === 'auth') {
      const userAgent = request.headers['user-agent'];
      result = await this.authActions.run(operation, params, caller, { ip: request.ip ?? null, userAgent: typeof userAgent === 'string' ? userAgent : null });
    } else {
      if (!caller) throw new LegacyError(401, 'Valid JWT token required - please login', undefined, false);
      if (module !== 'ticket') throw new LegacyError(400, `Invalid action: ${action.slice(0, 100)}`);
      result = await this.ticketActions.run(operation.slice(0, 100), params, caller);
    }
    const authenticated = caller !== undefined || (module === 'auth' && result.status < 300 && operation !== 'logout');
    await reply
      .status(result.status)
      .header('content-type', 'application/json; charset=utf-8')
      .send(envelope(true, authenticated, result.status, result.message, result.data));
  }
}
