import { applyDecorators } from '@nestjs/common';
import { hasControlCharacters, hasLoneSurrogates, textLength, type TextKind } from '@bdc/contracts';
import { Transform, type TransformFnParams } from 'class-transformer';
import { IsNotEmpty, IsString, ValidateBy, ValidateIf, isEmail } from 'class-validator';

/**
 * Optional but not clearable (PATCH): absent skips the field's rules, while `null` is validated like
 * any other value and refused (IsOptional would let null through to a NOT NULL column).
 */
export function Present(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}

export const trim = ({ value }: TransformFnParams): unknown => (typeof value === 'string' ? value.trim() : value);

/**
 * At most `max` code points, as MariaDB counts a utf8mb4 column (class-validator's MaxLength
 * does not count variation selectors, so 255 "❤️" would pass it and overflow VARCHAR(255)).
 */
export function MaxChars(max: number): PropertyDecorator {
  return ValidateBy({
    name: 'maxChars',
    constraints: [max],
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || textLength(value) <= max,
      defaultMessage: () => `must be at most ${max} characters`,
    },
  });
}

export function NoControlCharacters(kind: TextKind): PropertyDecorator {
  return ValidateBy({
    name: 'noControlCharacters',
    constraints: [kind],
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !hasControlCharacters(value, kind),
      defaultMessage: () =>
        kind === 'single-line' ? 'contains control characters' : 'contains control characters (only line breaks and tabs are allowed)',
    },
  });
}

/** Refuses lone UTF-16 surrogates, which no column can store (they would come back as U+FFFD). */
export function WellFormedText(): PropertyDecorator {
  return ValidateBy({
    name: 'wellFormedText',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !hasLoneSurrogates(value),
      defaultMessage: () => 'contains an invalid character (an unpaired UTF-16 surrogate)',
    },
  });
}

/**
 * An email address. class-validator's IsEmail throws (a URIError from validator's byte count) on an
 * unpaired surrogate instead of answering false: such a text is no address, and WellFormedText names why.
 */
export function EmailAddress(): PropertyDecorator {
  return ValidateBy({
    name: 'emailAddress',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && !hasLoneSurrogates(value) && isEmail(value),
      defaultMessage: () => 'must be an email address',
    },
  });
}

export interface TextRuleOptions {
  max: number;
  /** single-line: titles, names, values; multi-line: descriptions, comments, notes, reasons. */
  kind: TextKind;
  /** Refuse an empty (after trimming) text. */
  required?: boolean;
  /** Trim surrounding whitespace first (default true for single-line texts, and for required ones). */
  trim?: boolean;
}

/** The rules of one text field; compose with IsOptional / ValidateIf for optional ones. */
export function TextRules(options: TextRuleOptions): PropertyDecorator {
  const trims = options.trim ?? (options.kind === 'single-line' || options.required === true);
  const decorators: PropertyDecorator[] = [];
  if (trims) decorators.push(Transform(trim));
  decorators.push(IsString(), NoControlCharacters(options.kind), WellFormedText(), MaxChars(options.max));
  if (options.required) decorators.push(IsNotEmpty({ message: 'must not be blank' }));
  return applyDecorators(...decorators);
}
