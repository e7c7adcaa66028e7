import 'reflect-metadata';
import type { LoggerService, LogLevel } from '@nestjs/common';
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
import { AppConfig, type AppConfigValues } from './config/app-config';

export interface CreateAppOptions {
  /** A ready AppConfig; otherwise one is built from `env` (default process.env) plus `configOverrides`. */
  config?: AppConfig;
  configOverrides?: Partial<AppConfigValues>;
  env?: Record<string, string | undefined>;
  logger?: LoggerService | LogLevel[] | false;
  /** Build the OpenAPI document and serve /api/docs (default true). */
  swagger?: boolean;
}

/** URL prefix of every controller: `@Controller('tickets')` answers at /api/tickets. */
export const API_PREFIX = 'api';

/**
 * The whole HTTP application, initialised (migrations applied) but not listening: main.ts calls
 * listen(), the test harness uses fastify inject(). Everything both need is set up here, so tests
 * exercise exactly what production serves.
 */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const config = options.config ?? AppConfig.fromEnv(options.env ?? process.env, options.configOverrides ?? {});
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // Client addresses go into history rows: X-Forwarded-For is believed only when configured.
    trustProxy: config.trustProxy,
    logger: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: options.logger ?? ['log', 'warn', 'error'],
    abortOnError: false,
  });
  registerJsonBodyParser(app, config.bodyLimitBytes);
  await registerUploadParsers(app, csvUploadBytes(config), config.catalogImport, config.uploadMaxBytes);
  await registerLegacyBodyParsers(app, config.bodyLimitBytes);
  await registerSecurityHeaders(app, config);
  // The BDC IMS action API answers where its clients call: /api/api.php and /api.php.
  app.setGlobalPrefix(API_PREFIX, { exclude: LEGACY_PREFIX_EXCLUDES });
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalPipes(createValidationPipe());

  // Errors Fastify raises before routing (body too large, malformed JSON) reach the same filter:
  // Nest installs Fastify's error handler and maps them to HttpExceptions with their status.
  if (options.swagger !== false) setupSwagger(app);
  await serveSpa(app, config.webDistDir);
  await app.init();
  return app;
}
