import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../config/app-config.js';

/**
 * Path segments that are keys in themselves: manage tokens (/r/:token, /api/registrations/:token),
 * invitation and unsubscribe tokens. Anything of 22+ URL-safe characters that is not a UUID counts
 * (128 bits in base64url are 22 characters), so a route added later is covered too; so does the
 * earlier unsubscribe form, `<base64url(address)>.<signature>`, whose dot the first rule stops at.
 */
const TOKEN_SEGMENT = /^(?![0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)(?:[\w-]{22,}|[\w-]+\.[\w-]{43})$/i;

/** The path of a request as the log may show it: no query string, token segments replaced. */
export function loggablePath(originalUrl: string): string {
  return originalUrl
    .split('?')[0]
    .split('/')
    .map((segment) => (TOKEN_SEGMENT.test(segment) ? '[redacted]' : segment))
    .join('/');
}

/** Gives every request an id (kept from `X-Request-Id` when sane), echoes it, and logs one line per request. */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly config: AppConfig) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const incoming = request.header('x-request-id');
    const id = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    request.id = id;
    response.setHeader('X-Request-Id', id);
    // No 'finish' listener at all when request logging is off: one closure less per request.
    if (!this.config.logRequests) return next();
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const entry = { requestId: id, method: request.method, path: loggablePath(request.originalUrl), status: response.statusCode, ms: Math.round(ms * 10) / 10 };
      // JSON logs in production keep the fields; a developer's terminal gets one readable line.
      if (this.config.isProduction) this.logger.log(entry);
      else this.logger.log(`${entry.method} ${entry.path} ${entry.status} ${entry.ms}ms [${id}]`);
    });
    next();
  }
}
