import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { appVersion } from './app-version';

export const SWAGGER_UI_PATH = 'api/docs';
export const SWAGGER_JSON_PATH = 'api/docs-json';

/** Swagger UI at /api/docs and the OpenAPI document at /api/docs-json; each route lists its permission. */
export function setupSwagger(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('BDC IMS Change Tickets API')
    .setDescription(
      'Change requests for data-center hardware: create, approve, assign, deploy and audit. ' +
        'Sign in with POST /api/auth/login and send the access token as `Authorization: Bearer …`. ' +
        'Each route names the permission it needs in `x-permissions`; errors are `{code, message, details?}`.',
    )
    .setVersion(appVersion())
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup(SWAGGER_UI_PATH, app, document, {
    jsonDocumentUrl: SWAGGER_JSON_PATH,
    yamlDocumentUrl: 'api/docs-yaml',
    customSiteTitle: 'BDC IMS Change Tickets API',
    swaggerOptions: { persistAuthorization: true },
  });
  return document;
}
