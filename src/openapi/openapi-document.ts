import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../app.module.js';
import { AppConfig } from '../config/app-config.js';

export const OPENAPI_FILE = 'docs/openapi.json';

/**
 * The OpenAPI document of the JSON API, built from the controllers' decorators. The running app
 * serves it at /api/docs; `npm run openapi` writes it to docs/openapi.json (a test fails when
 * that copy is stale).
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('UN Business Seminars API')
    .setDescription(
      'Sign-up for the UN business seminars in Kazakhstan, and the organizers\' API. JSON in and out; times are ISO 8601 in UTC. ' +
        'Errors are `{statusCode, error, message}` with `message` naming the offending field(s). Organizer routes need ' +
        '`Authorization: Bearer <accessToken>` from `POST /api/auth/login`. The guide is docs/api.md in the repository.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** The document as committed: two-space JSON with a final newline. */
export function serializeOpenApiDocument(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * docs/openapi.json's content, built without a running app: the module is created in preview mode
 * (modules and controllers are read, no provider is created), so nothing connects to a database
 * or listens. The settings only complete the module (nothing reads them to describe the routes).
 */
export async function buildOpenApiJson(config: AppConfig = new AppConfig()): Promise<string> {
  const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: false, abortOnError: false });
  try {
    return serializeOpenApiDocument(createOpenApiDocument(app));
  } finally {
    await app.close();
  }
}
