import { createRequire } from 'node:module';
import { ConsoleLogger, LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import hbs from 'hbs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module.js';
import { AllExceptionsFilter } from './common/http-exception.filter.js';
import { rejectDeepBodies } from './common/json-depth.js';
import { AppConfig, PROJECT_ROOT } from './config/app-config.js';
import { WritePath } from './database/write-path.js';
import { viewHelpers } from './i18n/view-helpers.js';
import { createOpenApiDocument } from './openapi/index.js';

const JSQR_PATH = createRequire(import.meta.url).resolve('jsqr');

export const VIEWS_DIR = join(PROJECT_ROOT, 'views');
export const PUBLIC_DIR = join(PROJECT_ROOT, 'public');

/**
 * Builds the configured application: used by main.ts, the e2e tests and the benchmark alike. The
 * settings are built once, by the caller (tests pass their own), and never read from process.env here.
 */
export async function createApp(options: { config: AppConfig; logLevels?: LogLevel[] }): Promise<NestExpressApplication> {
  const { config } = options;
  const logger = new ConsoleLogger({ json: config.isProduction, colors: !config.isProduction && process.stdout.isTTY, logLevels: options.logLevels });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger, bodyParser: false });
  configureApp(app, config);
  // The write path groups transactions only while no new connection waits (WritePath.connectionAccepted).
  const writePath = app.get(WritePath);
  app.getHttpServer().on('connection', () => writePath.connectionAccepted());
  return app;
}

function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  // An invitation list of 5,000 rows is larger than any other body; it alone gets more room.
  app.use('/api/seminars/:id/invitations', express.json({ limit: '2mb' }));
  // A CSV list may also be posted as the raw body; it is handed to the controller beside an empty JSON body.
  app.use('/api/seminars/:id/invitations', express.text({ type: 'text/csv', limit: '2mb' }), (request: express.Request, _response: express.Response, next: express.NextFunction) => {
    if (typeof request.body === 'string') {
      request.csvBody = request.body;
      request.body = {};
    }
    next();
  });
  app.use(express.json({ limit: '100kb' }));
  app.use(express.urlencoded({ extended: false, limit: '100kb' }));
  app.use(rejectDeepBodies);
  // The JSON API reads no cookie (bearer tokens only, see RolesGuard): only pages parse them.
  const parseCookies = cookieParser();
  app.use((request: express.Request, response: express.Response, next: express.NextFunction) => (request.url.startsWith('/api/') ? next() : parseCookies(request, response, next)));
  // The door's camera fallback (public/door-scanner.js) loads the kept jsQR library from here.
  app.use('/static/vendor/jsQR.js', (_request: express.Request, response: express.Response) => response.sendFile(JSQR_PATH, { maxAge: '1d' }));
  app.useStaticAssets(PUBLIC_DIR, { prefix: '/static/', maxAge: '1h' });
  app.setBaseViewsDir(VIEWS_DIR);
  app.setViewEngine('hbs');
  app.set('view options', { layout: 'layouts/main' });
  registerPartials(join(VIEWS_DIR, 'partials'));
  for (const [name, helper] of Object.entries(viewHelpers)) hbs.registerHelper(name, helper);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false }));
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  if (!config.openApiDocs) return;
  SwaggerModule.setup('api/docs', app, () => createOpenApiDocument(app));
}

/** hbs only registers partials asynchronously; read them synchronously so the first request finds them. */
function registerPartials(dir: string): void {
  for (const file of readdirSync(dir, { recursive: true }) as string[]) {
    if (file.endsWith('.hbs')) hbs.registerPartial(file.slice(0, -4).replace(/\\/g, '/'), readFileSync(join(dir, file), 'utf8'));
  }
}
