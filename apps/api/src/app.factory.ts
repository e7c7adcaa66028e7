import 'reflect-metadata';
import { RequestMethod, type LoggerService, type LogLevel } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { registerJsonBodyParser } from './common/json-body-parser';
import { registerSecurityHeaders } from './common/security-headers';
import { LEGACY_PREFIX_EXCLUDES, registerLegacyBodyParsers } from './legacy/legacy-http';
import { serveSpa } from './common/spa';
import { setupSwagger } from './common/swagger';
import { csvUploadBytes, registerUploadParsers } from './common/upload-parsers';
import { createValidationPipe } from './common/validation.pipe';
import { AppConfig, type AppConfigValues, type LogLevelName } from './config/app-config';
import type { DestinationStream } from 'pino';
import { createRootLogger, PinoNestLogger, prettyDestination, requestLogController } from './observability/logging';
import { METRICS_PATH } from './observability/metrics.controller';
import { MetricsService } from './observability/metrics.service';
import { registerRequestContext } from './observability/request-hooks';
import { requestIdFor } from './observability/request-context';

export interface CreateAppOptions {
  /** A ready AppConfig; otherwise one is built from `env` (default process.env) plus `configOverrides`. */
  config?: AppConfig;
  configOverrides?: Partial<AppConfigValues>;
  env?: Record<string, string | undefined>;
  /**
   * Nest's logger. Default: JSON lines through the process's pino logger at LOG_LEVEL. A list of
   * levels keeps that logger but starts at the lowest one listed (tests pass ['error', 'warn']).
   */
  logger?: LoggerService | LogLevel[] | false;
  /** Where the JSON log lines go (default stdout): tests read them from here. */
  logDestination?: DestinationStream;
  /** Build the OpenAPI document and serve /api/docs (default true). */
  swagger?: boolean;
}

/** URL prefix of every controller: `@Controller('tickets')` answers at /api/tickets. */
export const API_PREFIX = 'api';

/** Routes served outside /api: the BDC IMS action API where its clients call, and /metrics where Prometheus looks. */
export const PREFIX_EXCLUDES: RouteInfo[] = [...LEGACY_PREFIX_EXCLUDES, { path: METRICS_PATH, method: RequestMethod.GET }];

/** The LogController type of the Fastify that @nestjs/platform-fastify runs (see requestLogController). */
type AdapterLogController = Extract<NonNullable<ConstructorParameters<typeof FastifyAdapter>[0]>, { logController?: unknown }>['logController'];

const NEST_TO_PINO: Record<LogLevel, LogLevelName> = { fatal: 'fatal', error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };
const PINO_ORDER: readonly LogLevelName[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

function logLevelFor(option: CreateAppOptions['logger'], configured: LogLevelName): LogLevelName {
  if (option === false) return 'silent';
  if (!Array.isArray(option)) return configured;
  const levels = option.map((level) => NEST_TO_PINO[level]);
  return PINO_ORDER.find((level) => levels.includes(level)) ?? 'silent';
}

/**
 * The whole HTTP application, initialised (migrations applied) but not listening: main.ts calls
 * listen(), the test harness uses fastify inject(). Everything both need is set up here, so tests
 * exercise exactly what production serves.
 */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const config = options.config ?? AppConfig.fromEnv(options.env ?? process.env, options.configOverrides ?? {});
  const destination = options.logDestination ?? (config.operations.logFormat === 'pretty' ? prettyDestination() : undefined);
  const rootLogger = createRootLogger(logLevelFor(options.logger, config.operations.logLevel), destination);
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // Client addresses go into history rows: X-Forwarded-For is believed only when configured.
    trustProxy: config.trustProxy,
    // Fastify's request logger is the process's pino logger: each request's lines carry its reqId.
    loggerInstance: rootLogger,
    logController: requestLogController<AdapterLogController>(),
    genReqId: requestIdFor,
  });
  const nestLogger = options.logger !== undefined && !Array.isArray(options.logger) ? options.logger : new PinoNestLogger(rootLogger);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: nestLogger,
    abortOnError: false,
  });
  // First of all hooks: everything after it (other hooks, guards, handlers, the error filter) runs
  // inside the request's context.
  registerRequestContext(app, config, app.get(MetricsService));
  registerJsonBodyParser(app, config.bodyLimitBytes);
  await registerUploadParsers(app, csvUploadBytes(config), config.catalogImport, config.uploadMaxBytes);
  await registerLegacyBodyParsers(app, config.bodyLimitBytes);
  await registerSecurityHeaders(app, config);
  // The BDC IMS action API answers where its clients call: /api/api.php and /api.php.
  app.setGlobalPrefix(API_PREFIX, { exclude: PREFIX_EXCLUDES });
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalPipes(createValidationPipe());

  // Errors Fastify raises before routing (body too large, malformed JSON) reach the same filter:
  // Nest installs Fastify's error handler and maps them to HttpExceptions with their status.
  if (options.swagger !== false) setupSwagger(app);
  await serveSpa(app, config.webDistDir);
  await app.init();
  return app;
}
