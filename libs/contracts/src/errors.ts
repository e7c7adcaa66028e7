import type { BuildProblem } from './api';
/**
 * Every error the API returns carries one of these codes; the API maps them to HTTP in one exhaustive
 * switch and the SPA turns them into typed errors it can explain.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'TOKEN_INVALID',
  'ACCOUNT_DISABLED',
  'FORBIDDEN',
  'SELF_APPROVAL_FORBIDDEN',
  'NOT_FOUND',
  'TICKET_NOT_FOUND',
  'SERVER_NOT_FOUND',
  'COMPONENT_NOT_FOUND',
  'USER_NOT_FOUND',
  'COMMENT_NOT_FOUND',
  'ATTACHMENT_NOT_FOUND',
  'INVALID_TRANSITION',
  'CONFLICT',
  'ASSIGNEE_NOT_ELIGIBLE',
  'ITEMS_INVALID',
  'DEPLOY_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'TOO_MANY_ATTEMPTS',
  'DATABASE_UNAVAILABLE',
  'STORAGE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function httpStatusForError(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
      return 400;
    case 'UNAUTHENTICATED':
    case 'INVALID_CREDENTIALS':
    case 'TOKEN_INVALID':
      return 401;
    case 'ACCOUNT_DISABLED':
    case 'FORBIDDEN':
    case 'SELF_APPROVAL_FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
    case 'TICKET_NOT_FOUND':
    case 'SERVER_NOT_FOUND':
    case 'COMPONENT_NOT_FOUND':
    case 'USER_NOT_FOUND':
    case 'COMMENT_NOT_FOUND':
    case 'ATTACHMENT_NOT_FOUND':
      return 404;
    case 'INVALID_TRANSITION':
    case 'CONFLICT':
    case 'DEPLOY_FAILED':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'TOO_MANY_ATTEMPTS':
      return 429;
    case 'ASSIGNEE_NOT_ELIGIBLE':
    case 'ITEMS_INVALID':
      return 422;
    case 'DATABASE_UNAVAILABLE':
    case 'STORAGE_UNAVAILABLE':
      return 503;
    case 'INTERNAL_ERROR':
      return 500;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

/** One field-level problem, as returned in `details.fields` of a 400. */
export interface FieldError {
  field: string;
  reason: string;
}

/** The body of every error response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: {
    fields?: FieldError[];
    items?: ItemProblem[];
    /** 422 ITEMS_INVALID: build-wide errors (power, slot counts), each once. */
    build?: BuildProblem[];
    correlationId?: string;
    [key: string]: unknown;
  };
}

/** Why one ticket item blocks a submit or approval (422 ITEMS_INVALID). */
export interface ItemProblem {
  index: number;
  itemId?: number;
  status: 'invalid' | 'warning';
  message: string;
  /** Code of the first rule behind the message (docs/compatibility.md). */
  rule?: string;
}
