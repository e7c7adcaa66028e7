import { createRequire } from 'node:module';
import type { LoggerService } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import pino, { type DestinationStream, type Logger as PinoLogger, type LevelWithSilent } from 'pino';
import { currentRequestId } from './request-context';

/**
 * Never in a log line, whoever logs what: credentials in headers and in bodies or objects that a
 * caller might log whole. pino replaces them before serialising.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'accessToken',
  'refreshToken',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.authorization',
];

/**
 * The process's one logger: JSON lines (level as a name, ISO time, pid) on stdout, or on the
 * destination a test passes. Fastify writes its request lines through it and Nest's Logger through
 * PinoNestLogger, so every line has the same shape.
 */
export function createRootLogger(level: LevelWithSilent, destination?: DestinationStream): PinoLogger {
  const options: pino.LoggerOptions = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** LOG_FORMAT=pretty: each JSON line rewritten for a person at a terminal (logs for machines stay JSON). */
export function prettyDestination(out: NodeJS.WritableStream = process.stdout): DestinationStream {
  return { write: (line: string) => void out.write(formatPretty(line)) };
}

/** `12:00:01.234 WARN  [Context] message  reqId=… key=value`, then the stack when there is one. */
export function formatPretty(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const { level, time, msg, context, reqId, pid: _pid, stack, err, ...rest } = entry;
  const clock = typeof time === 'string' ? time.slice(11, 23) : '';
  const label = (typeof level === 'string' ? level : String(level)).toUpperCase().padEnd(5);
  let text = `${clock} ${label}${typeof context === 'string' ? ` [${context}]` : ''} ${typeof msg === 'string' ? msg : ''}`;
  const extras = Object.entries(rest).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  if (typeof reqId === 'string') extras.unshift(`reqId=${reqId}`);
  if (extras.length > 0) text += `  ${extras.join(' ')}`;
  const trace = typeof stack === 'string' ? stack : (err as { stack?: unknown } | undefined)?.stack;
  if (typeof trace === 'string') text += `\n${trace}`;
  return `${text}\n`;
}

/** Nest's start-up chatter (a line per module and per route): only at debug. */
const BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

type PinoMethod = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's LoggerService over pino: `new Logger('Context').warn(...)` anywhere in the code becomes a
 * JSON line with `context`, and with `reqId` when it is written while a request is handled
 * (AsyncLocalStorage, see request-context.ts), so service-level lines can be found by request.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: PinoLogger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: PinoMethod, message: unknown, params: unknown[]): void {
    // Nest's Logger passes its context last; error() passes the stack before it.
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' && !isStack(rest[rest.length - 1]) ? (rest.pop() as string) : undefined;
    const effective: PinoMethod = level === 'info' && context !== undefined && BOOT_CONTEXTS.has(context) ? 'debug' : level;
    if (!this.root.isLevelEnabled(effective)) return;
    const fields: Record<string, unknown> = {};
    if (context !== undefined) fields.context = context;
    const reqId = currentRequestId();
    if (reqId !== undefined) fields.reqId = reqId;
    const stack = rest.find((p): p is string => typeof p === 'string');
    if (stack !== undefined) fields.stack = stack;
    if (message instanceof Error) {
      fields.err = message;
      this.root[effective](fields, message.message);
    } else if (typeof message === 'string') {
      this.root[effective](fields, message);
    } else {
      this.root[effective]({ ...fields, data: message }, 'log');
    }
  }
}

function isStack(value: unknown): boolean {
  return typeof value === 'string' && /\n\s+at /.test(value);
}

/** The request and reply fields the completion line reads (structural: see requestLogController). */
interface CompletedRequest {
  method: string;
  url: string;
  routeOptions: { url?: string };
}
interface CompletedReply {
  statusCode: number;
  elapsedTime: number;
  log: FastifyReply['log'];
}

/**
 * One line per request when it is answered (Fastify's default writes two, and the raw URL with its
 * query string): method, the route pattern, the path without the query (a legacy sign-in may carry a
 * password there), status and time. The line carries reqId through Fastify's request logger.
 *
 * Fastify accepts only an instance of its own LogController, and the Fastify that runs is the one
 * @nestjs/platform-fastify depends on (which may be another copy than this package's), so the class
 * is taken from there.
 */
export function requestLogController<Controller>(): Controller {
  const nestRequire = createRequire(createRequire(__filename).resolve('@nestjs/platform-fastify'));
  const { LogController: Base } = nestRequire('fastify') as { LogController: new () => { requestCompleted(...args: unknown[]): void } };
  const noisy = new Set(['incomingRequest', 'routeNotFound']);
  class RequestLogController extends Base {
    override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
      logCompletion(error, request as unknown as CompletedRequest, reply as unknown as CompletedReply);
    }
  }
  const controller = new RequestLogController();
  // The completion line says everything: no "incoming request" line, no separate "not found" line.
  for (const name of noisy) Object.defineProperty(controller, name, { value: () => undefined });
  return controller as Controller;
}

function logCompletion(error: Error | null | undefined, request: CompletedRequest, reply: CompletedReply): void {
  const fields = {
    method: request.method,
    route: request.routeOptions.url ?? null,
    path: request.url.split('?', 1)[0],
    statusCode: reply.statusCode,
    responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
  };
  if (error) reply.log.error({ ...fields, err: error }, 'request errored');
  else reply.log.info(fields, 'request completed');
}
