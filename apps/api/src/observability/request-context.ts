import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What every log line written while a request is handled carries. */
export interface RequestContext {
  reqId: string;
}

/**
 * The request being handled, for code that has no request object (services, the Nest logger, the
 * error mapping). Entered by an onRequest hook (see registerRequestContext) around the rest of the
 * request's lifecycle, so every continuation of its handler inherits it.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.reqId;
}

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * A proxy's or a caller's id is kept so one id follows a request through every hop; anything that is
 * not a short plain token (it goes into log lines and a response header) is replaced by a UUID.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function requestIdFor(raw: IncomingMessage): string {
  const incoming = raw.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
