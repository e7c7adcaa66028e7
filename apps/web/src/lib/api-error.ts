import { ERROR_CODES, type ErrorBody, type ErrorCode, type FieldError, type ItemProblem } from '@bdc/contracts';

/** Codes the client produces itself when the API could not answer with an ErrorBody. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

/** Every failed API call surfaces as one of these, so the UI can explain it without guessing. */
export class ApiError extends Error {
  readonly code: ErrorCode | ClientErrorCode;
  readonly status: number;
  readonly fields: FieldError[];
  readonly items: ItemProblem[];
  readonly correlationId: string | null;

  constructor(init: {
    code: ErrorCode | ClientErrorCode;
    status: number;
    message: string;
    fields?: FieldError[];
    items?: ItemProblem[];
    correlationId?: string | null;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.fields = init.fields ?? [];
    this.items = init.items ?? [];
    this.correlationId = init.correlationId ?? null;
  }

  /** Form field errors keyed by form path (`items[2].quantity` → `items.2.quantity`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of this.fields) out[normaliseFieldPath(f.field)] = f.reason;
    return out;
  }
}

export function normaliseFieldPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFieldError(value: unknown): value is FieldError {
  return isRecord(value) && typeof value.field === 'string' && typeof value.reason === 'string';
}

function isItemProblem(value: unknown): value is ItemProblem {
  return isRecord(value) && typeof value.index === 'number' && typeof value.message === 'string';
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    isRecord(value) &&
    typeof value.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(value.code) &&
    typeof value.message === 'string'
  );
}

/** Turns whatever a failed response carried into an ApiError; tolerant of proxies answering with HTML. */
export function parseErrorBody(status: number, body: unknown): ApiError {
  if (!isErrorBody(body)) {
    const message =
      status === 502 || status === 503 || status === 504
        ? 'The server is not reachable right now. Try again in a moment.'
        : `The server answered with an unexpected response (HTTP ${status}).`;
    return new ApiError({ code: 'UNEXPECTED_RESPONSE', status, message });
  }
  const details = body.details;
  const fields = Array.isArray(details?.fields) ? details.fields.filter(isFieldError) : [];
  const items = Array.isArray(details?.items) ? details.items.filter(isItemProblem) : [];
  const correlationId = typeof details?.correlationId === 'string' ? details.correlationId : null;
  return new ApiError({ code: body.code, status, message: body.message, fields, items, correlationId });
}

/** A sentence for a notification or an alert, including what an operator needs to trace a 500. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const parts = [error.message];
    if (error.fields.length > 0) parts.push(error.fields.map((f) => `${f.field}: ${f.reason}`).join('; '));
    if (error.items.length > 0) parts.push(error.items.map((i) => `item ${i.index + 1}: ${i.message}`).join('; '));
    if (error.correlationId) parts.push(`(reference ${error.correlationId})`);
    return parts.join(' — ');
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
