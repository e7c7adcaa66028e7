import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@bdc/contracts';
import { DomainError } from './domain-error';

/**
 * Global request validation: unknown properties are rejected (not silently dropped), payloads are
 * transformed into the DTO classes, and every failure becomes 400 VALIDATION_FAILED naming each
 * field by its path (`items.0.quantity`).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) => {
      const fields = flattenValidationErrors(errors);
      const first = fields[0];
      const message =
        fields.length === 1 && first ? `Invalid ${first.field}: ${first.reason}` : `Invalid input in ${fields.map((f) => f.field).join(', ')}`;
      return new DomainError('VALIDATION_FAILED', message, { fields });
    },
  });
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      const reasons = Object.entries(error.constraints).map(([key, text]) =>
        key === 'whitelistValidation' ? 'is not an allowed property' : stripPropertyName(text, error.property),
      );
      out.push({ field, reason: reasons.join('; ') });
    }
    if (error.children && error.children.length > 0) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** class-validator messages start with the property name ("quantity must be…"); the field says it already. */
function stripPropertyName(text: string, property: string): string {
  return text.startsWith(`${property} `) ? text.slice(property.length + 1) : text;
}
