import type { LegacyEnvelope } from '@bdc/contracts';

/** PHP `date('Y-m-d H:i:s')` in UTC, as BDC IMS printed every timestamp. */
export function legacyDateTime(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The BDC IMS envelope (`send_json_response`): the HTTP status is always `code`, and `data` is left
 * out entirely when there is none, as PHP did for `$data === null`.
 */
export function envelope<T>(success: boolean, authenticated: boolean, code: number, message: string, data?: T): LegacyEnvelope<T> {
  const body: LegacyEnvelope<T> = { success, authenticated, message, timestamp: legacyDateTime(new Date()) ?? '', code };
  if (data !== undefined && data !== null) body.data = data;
  return body;
}

/**
 * An answer the adapter itself decides in BDC IMS words (missing action, missing field, permission
 * named the BDC way). Everything the services throw is a DomainError, mapped by the filter.
 */
export class LegacyError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly data?: Record<string, unknown>,
    readonly authenticated = true,
  ) {
    super(message);
    this.name = 'LegacyError';
  }
}

/** What a handler returns: the controller sends it as the envelope with `status` as the HTTP code. */
export interface LegacyResult {
  status: number;
  message: string;
  data?: unknown;
}
