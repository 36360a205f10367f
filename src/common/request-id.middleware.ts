import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** Gives every request an id (kept from `X-Request-Id` when sane), echoes it, and logs one line per request. */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  private readonly logger = new Logger('HTTP');

  use(request: Request, response: Response, next: NextFunction): void {
    const incoming = request.header('x-request-id');
    const id = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    (request as Request & { id: string }).id = id;
    response.setHeader('X-Request-Id', id);
    // No 'finish' listener at all when request logging is off: one closure less per request.
    if (process.env.LOG_REQUESTS === 'off') return next();
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const entry = { requestId: id, method: request.method, path: request.originalUrl.split('?')[0], status: response.statusCode, ms: Math.round(ms * 10) / 10 };
      // JSON logs in production keep the fields; a developer's terminal gets one readable line.
      if (process.env.NODE_ENV === 'production') this.logger.log(entry);
      else this.logger.log(`${entry.method} ${entry.path} ${entry.status} ${entry.ms}ms [${id}]`);
    });
    next();
  }
}
