import { LIMITS, hasControlCharacters, textLength } from '@bdc/contracts';
import { ValidateBy } from 'class-validator';

type Scalar = string | number | boolean | null;

function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Why `value` is not acceptable as an item's `specifications`, or null when it is: an object of at
 * most LIMITS.specificationsKeysMax keys whose values are scalars or (one level down) objects of
 * scalars, at most LIMITS.specificationsBytesMax bytes as JSON. The depth is checked before anything
 * walks further, so a deep value costs nothing. Arrays are refused: no catalog spec is a list, and
 * a list inside a list is how an unbounded shape gets in.
 */
export function specificationsProblem(value: unknown): string | null {
  if (!isPlainObject(value)) return 'must be an object';
  // [object, depth]: a work list instead of recursion, though the depth is bounded anyway.
  const pending: [Record<string, unknown>, number][] = [[value, 1]];
  let keys = 0;
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [object, depth] = next;
    for (const [key, child] of Object.entries(object)) {
      keys++;
      if (keys > LIMITS.specificationsKeysMax) return `must have at most ${LIMITS.specificationsKeysMax} keys in all`;
      if (textLength(key) > LIMITS.specificationsKeyMax) return `keys must be at most ${LIMITS.specificationsKeyMax} characters`;
      if (key.trim() === '' || hasControlCharacters(key, 'single-line')) return 'keys must not be blank or contain control characters';
      if (isScalar(child)) {
        if (typeof child === 'string' && hasControlCharacters(child, 'multi-line')) return `value of "${key}" contains control characters`;
        continue;
      }
      if (!isPlainObject(child)) return `value of "${key}" must be a string, number, boolean, null or an object of those`;
      if (depth + 1 > LIMITS.specificationsDepthMax) return `must be nested at most ${LIMITS.specificationsDepthMax} levels deep`;
      pending.push([child, depth + 1]);
    }
  }
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > LIMITS.specificationsBytesMax) return `must be at most ${LIMITS.specificationsBytesMax} bytes as JSON (is ${bytes})`;
  return null;
}

export function IsSpecifications(): PropertyDecorator {
  return ValidateBy({
    name: 'isSpecifications',
    validator: {
      validate: (value: unknown) => specificationsProblem(value) === null,
      defaultMessage: (args) => specificationsProblem(args?.value) ?? 'is invalid',
    },
  });
}
