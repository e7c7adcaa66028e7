import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ErrorBody, FieldError, ItemProblem } from '@bdc/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from '../common/error-response';
import { envelope, LegacyError } from './legacy-envelope';
import { snakeField } from './legacy-fields';
import { LEGACY_PATHS } from './legacy-http';

export interface LegacyErrorAnswer {
  status: number;
  authenticated: boolean;
  message: string;
  data?: Record<string, unknown>;
}

/** "items.0.quantity" → "items[0].quantity", in the snake_case the client sent. */
function fieldProblem(field: FieldError): string {
  const path = field.field
    .split('.')
    .map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : `${index === 0 ? '' : '.'}${snakeField(part)}`))
    .join('');
  return `${path} ${field.reason}`;
}

const itemProblem = (item: ItemProblem) => `Item #${item.index + 1}: ${item.message}`;

/**
 * Any error → the BDC IMS envelope, through the same toErrorResponse as the REST API (so a 500 is
 * logged with its stack and answers only a correlation id: no SQL or stack text ever leaves).
 * Status choices (docs/bdc-ims-compatibility.md): validation stays 400 as BDC IMS had it, including
 * what REST answers 422 (ITEMS_INVALID, ASSIGNEE_NOT_ELIGIBLE), with each problem in `data.errors`;
 * 404 for an invisible ticket; 409 for a workflow conflict; 401 in BDC IMS's words.
 */
export function legacyErrorAnswer(exception: unknown, logger: Logger, label: string): LegacyErrorAnswer {
  if (exception instanceof LegacyError) {
    return { status: exception.status, authenticated: exception.authenticated, message: exception.message, data: exception.data };
  }
  const { status, body } = toErrorResponse(exception, logger, label);
  return fromErrorBody(status, body);
}

function fromErrorBody(status: number, body: ErrorBody): LegacyErrorAnswer {
  const details = body.details ?? {};
  switch (body.code) {
    case 'UNAUTHENTICATED':
    case 'TOKEN_INVALID':
      return { status: 401, authenticated: false, message: 'Valid JWT token required - please login' };
    case 'INVALID_CREDENTIALS':
      return { status: 401, authenticated: false, message: 'Invalid credentials' };
    case 'VALIDATION_FAILED': {
      const errors = (details.fields ?? []).map(fieldProblem);
      return { status: 400, authenticated: true, message: 'Validation failed', data: { errors: errors.length > 0 ? errors : [body.message] } };
    }
    case 'ITEMS_INVALID':
    case 'ASSIGNEE_NOT_ELIGIBLE': {
      const items = Array.isArray(details.items) ? (details.items as ItemProblem[]).map(itemProblem) : [];
      const fields = (details.fields ?? []).map(fieldProblem);
      const errors = [...items, ...fields];
      return { status: 400, authenticated: true, message: 'Validation failed', data: { errors: errors.length > 0 ? errors : [body.message] } };
    }
    case 'TICKET_NOT_FOUND':
      return { status: 404, authenticated: true, message: 'Ticket not found' };
    case 'FORBIDDEN': {
      const required = Array.isArray(details['required']) ? (details['required'] as string[]) : [];
      return required.length > 0
        ? { status: 403, authenticated: true, message: 'Permission denied', data: { required_permission: required.join(' or ') } }
        : { status: 403, authenticated: true, message: `Permission denied: ${body.message}` };
    }
    case 'SELF_APPROVAL_FORBIDDEN':
      return { status: 403, authenticated: true, message: 'Cannot approve or reject your own ticket (separation of duties)' };
    case 'ACCOUNT_DISABLED':
      return { status: 403, authenticated: false, message: body.message };
    case 'TOO_MANY_ATTEMPTS': {
      const retry = details['retryAfterSeconds'];
      return { status, authenticated: false, message: body.message, data: typeof retry === 'number' ? { retry_after_seconds: retry } : undefined };
    }
    case 'INTERNAL_ERROR':
      return { status: 500, authenticated: true, message: 'Internal server error', data: { correlation_id: details.correlationId } };
    default:
      return { status, authenticated: true, message: body.message };
  }
}

const LEGACY_URL = new RegExp(`^/(?:${LEGACY_PATHS.map((p) => p.replace(/[.]/g, '\\.')).join('|')})(?:\\?|$)`);

/** Whether a request is the action API's, also before routing (a body the parser refused). */
export function isLegacyUrl(url: string): boolean {
  return LEGACY_URL.test(url);
}

/** The adapter's routes answer the envelope, whatever failed (the global filter would answer `{code, message}`). */
@Catch()
export class LegacyExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('LegacyApi');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendLegacyError(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

export function sendLegacyError(exception: unknown, request: FastifyRequest & { auth?: unknown }, reply: FastifyReply, logger: Logger): void {
  if (reply.sent) return;
  const answer = legacyErrorAnswer(exception, logger, `${request.method} ${request.url.split('?', 1)[0]}`);
  // A valid token came along but this error is not about it: the caller is authenticated.
  const authenticated = answer.authenticated && request.auth !== undefined;
  const retry = answer.data?.['retry_after_seconds'];
  if (answer.status === 429 && typeof retry === 'number') void reply.header('retry-after', String(retry));
  void reply
    .status(answer.status)
    .header('content-type', 'application/json; charset=utf-8')
    .send(envelope(false, authenticated, answer.status, answer.message, answer.data));
}
