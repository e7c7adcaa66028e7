import type { ErrorBody, ErrorCode } from '@bdc/contracts';

/**
 * Services throw this, never HttpException: the code is part of the contract and one filter maps it
 * to an HTTP status (httpStatusForError) and to the legacy envelope.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorBody['details'],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A 400 naming one field, worded as the validation pipe words its own (`Invalid <field>: <reason>`). */
export function fieldError(field: string, reason: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `Invalid ${field}: ${reason}`, { fields: [{ field, reason }] });
}
