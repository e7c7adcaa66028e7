import { randomUUID } from 'node:crypto';
import { HttpException, type LoggerService } from '@nestjs/common';
import { httpStatusForError, isOneOf, ERROR_CODES, type ErrorBody, type ErrorCode } from '@bdc/contracts';
import { driverCode, isDatabaseUnavailable } from '../database/database-errors';
import { currentRequestId } from '../observability/request-context';
import { DomainError } from './domain-error';

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
}

/**
 * The one place that turns anything thrown into `{code, message, details?}` and an HTTP status.
 * Used by the Nest exception filter and by Fastify's own error handler (body parsing happens before
 * Nest sees the request), so both paths answer alike. A 500 hides the error behind a correlation id
 * that is logged with the stack. The correlation id is the request's id (X-Request-Id, on every log
 * line of the request), so whoever quotes it finds all of them; a fresh UUID outside a request.
 */
export function toErrorResponse(error: unknown, logger: LoggerService, requestLabel = '', requestId: string | undefined = currentRequestId()): ErrorResponse {
  if (error instanceof DomainError) {
    return { status: httpStatusForError(error.code), body: withDetails({ code: error.code, message: error.message }, error.details) };
  }
  if (isDatabaseUnavailable(error)) {
    logger.warn?.(`Database unavailable${requestLabel ? ` (${requestLabel})` : ''}: ${describe(error)}`);
    return { status: 503, body: { code: 'DATABASE_UNAVAILABLE', message: 'The database is unavailable; try again shortly' } };
  }
  if (isUniqueViolation(error)) {
    return { status: 409, body: { code: 'CONFLICT', message: 'A record with the same unique key already exists' } };
  }
  const http = httpStatusOf(error);
  if (http !== null && http < 500) {
    const code = codeForStatus(http);
    return { status: httpStatusForError(code), body: { code, message: clientMessage(error, http) } };
  }
  const correlationId = requestId ?? randomUUID();
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  logger.error(`Unhandled error ${correlationId}${requestLabel ? ` (${requestLabel})` : ''}`, stack);
  return {
    status: 500,
    body: {
      code: 'INTERNAL_ERROR',
      message: `Something went wrong on our side; quote ${correlationId} when reporting it`,
      details: { correlationId },
    },
  };
}

function withDetails(body: ErrorBody, details: ErrorBody['details']): ErrorBody {
  return details && Object.keys(details).length > 0 ? { ...body, details } : body;
}

/** Status of a Nest HttpException or of a Fastify error (which carry `statusCode`). */
function httpStatusOf(error: unknown): number | null {
  if (error instanceof HttpException) return error.getStatus();
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 600 ? statusCode : null;
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
    case 405:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    default:
      return 'VALIDATION_FAILED';
  }
}

function clientMessage(error: unknown, status: number): string {
  const fastifyCode = (error as { code?: unknown } | null)?.code;
  if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) return 'The request body is too large';
  if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) return 'Unsupported Content-Type: send application/json';
  if (fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'The request body is empty but Content-Type is application/json';
  if (error instanceof SyntaxError || fastifyCode === 'FST_ERR_CTP_INVALID_JSON_BODY') return 'The request body is not valid JSON';
  if (status === 400 && error instanceof Error && /not valid JSON|Unexpected token|JSON at position/i.test(error.message)) {
    return 'The request body is not valid JSON';
  }
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    if (status === 404 && typeof message === 'string' && message.startsWith('Cannot ')) {
      return `No such endpoint: ${message.slice('Cannot '.length)}`;
    }
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.join('; ');
  }
  return error instanceof Error && error.message ? error.message : 'Bad request';
}

function isUniqueViolation(error: unknown): boolean {
  const code = driverCode(error);
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Guards a code coming from outside (e.g. a proxied error) before it is echoed to the client. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return isOneOf(ERROR_CODES, value);
}
