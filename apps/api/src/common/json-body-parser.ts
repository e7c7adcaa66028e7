import { LIMITS } from '@bdc/contracts';
import type { Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DomainError, fieldError } from './domain-error';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * How deeply the JSON text nests arrays and objects, counted on the raw text (brackets inside
 * strings do not count), giving up as soon as `limit` is passed. One pass, no recursion, no
 * allocation: a 100,000-deep `[[[…]]]` is refused before anything builds or walks it (V8's
 * JSON.parse copes, but class-transformer and class-validator recurse and overflow the stack).
 */
export function exceedsJsonDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

/**
 * The application/json parser: refuses bodies nested deeper than LIMITS.jsonDepthMax (400 naming
 * the limit), then parses exactly as Fastify's default does (prototype-poisoning keys refused,
 * empty bodies refused). It runs before authentication, so no anonymous caller reaches a stack
 * overflow either. Registered through Nest (useBodyParser), which then registers no parser of its
 * own: the API takes JSON only, and application/x-www-form-urlencoded is answered 415.
 */
export function registerJsonBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseDefault = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>('application/json', { bodyLimit }, (request, body, done) => {
    const text = body.toString('utf8');
    if (exceedsJsonDepth(text, LIMITS.jsonDepthMax)) {
      done(
        new DomainError('VALIDATION_FAILED', `The request body is nested too deeply (at most ${LIMITS.jsonDepthMax} levels)`, {
          fields: [{ field: 'body', reason: `must be nested at most ${LIMITS.jsonDepthMax} levels deep` }],
        }),
        undefined,
      );
      return;
    }
    parseDefault(request, text, (error, value) => {
      if (error && isPoisoningOnly(text)) {
        // Valid JSON that secure-json-parse refuses for a `__proto__` or `constructor.prototype` key
        // (prototype poisoning): say which property, like any other property that is not allowed.
        const field = text.includes('"__proto__"') ? '__proto__' : 'constructor';
        done(fieldError(field, 'is not an allowed property'), undefined);
        return;
      }
      done(error, value);
    });
  });
}

/**
 * Fastify's parser reports every refusal as "invalid JSON"; when the plain JSON.parse accepts the
 * text, the refusal was the prototype-poisoning check. (The parsed value is discarded.)
 */
function isPoisoningOnly(text: string): boolean {
  if (!text.includes('"__proto__"') && !text.includes('"constructor"')) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
