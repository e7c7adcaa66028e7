/**
 * Hand-made JWTs for the authentication cases of the route matrix. Every forgery starts from a real
 * access token the API issued, so it keeps whatever claims the API puts in (a session id, say) and
 * differs from a valid token in exactly one respect. `resign(token, {}, TEST_JWT_SECRET)` is the
 * control: it must be accepted, or the forgeries prove nothing.
 */
import { createHmac } from 'node:crypto';

/** The secret the test harness configures (harness.ts). */
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256';

type Json = Record<string, unknown>;

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const encode = (value: Json) => b64url(JSON.stringify(value));

function parts(token: string): [string, string, string] {
  const [header, payload, signature, ...rest] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined || rest.length > 0) throw new Error(`not a JWT: ${token}`);
  return [header, payload, signature];
}

export function decodePayload(token: string): Json {
  return JSON.parse(Buffer.from(parts(token)[1], 'base64url').toString('utf8')) as Json;
}

function sign(header: Json, payload: Json, secret: string): string {
  const input = `${encode(header)}.${encode(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** The token's claims with `changes` applied, signed HS256 with `secret`. */
export function resign(token: string, changes: Json, secret: string): string {
  return sign({ alg: 'HS256', typ: 'JWT' }, { ...decodePayload(token), ...changes }, secret);
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Correctly signed, but expired a minute ago. */
export function expiredToken(token: string): string {
  return resign(token, { iat: nowSeconds() - 3600, exp: nowSeconds() - 60 }, TEST_JWT_SECRET);
}

/** `alg: none` and no signature: accepted only by a verifier that trusts the header. */
export function algNoneToken(token: string): string {
  return `${encode({ alg: 'none', typ: 'JWT' })}.${parts(token)[1]}.`;
}

/** The same claims signed with another key. */
export function wrongKeyToken(token: string): string {
  return resign(token, {}, 'another-secret-that-is-also-long-enough');
}

/** The payload edited (another user's id) while the original signature is kept. */
export function editedPayloadToken(token: string, sub: number): string {
  const [header, , signature] = parts(token);
  return `${header}.${encode({ ...decodePayload(token), sub })}.${signature}`;
}
