import { ForbiddenException, Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../config/app-config.js';
import { APP_SECRET } from '../database/database.module.js';

export const CSRF_FIELD = '_csrf';

/**
 * CSRF protection for every server-rendered form (the JSON API under /api takes bearer tokens only,
 * never the session cookie, see RolesGuard, so it needs none). Each browser gets a random HttpOnly cookie; forms
 * carry an HMAC of it in the hidden field `_csrf` (templates: `{{> csrf}}`). A state-changing request
 * outside /api without the right value gets 403. Multipart forms pass it in the query string.
 */
@Injectable()
export class CsrfMiddleware implements NestMiddleware {
  constructor(
    @Inject(APP_SECRET) private readonly secret: string,
    private readonly config: AppConfig,
  ) {}

  use(request: Request, response: Response, next: NextFunction): void {
    // Nest mounts middleware on a route pattern, so req.path is relative; originalUrl is not.
    const path = request.originalUrl.split('?')[0];
    if (path.startsWith('/api/') || path.startsWith('/static/')) return next();
    // RFC 8058 one-click unsubscribe: the mail provider POSTs with no cookie or form token; the signed
    // address in the link is the only key, and all it can do is stop invitations to that address.
    if (request.method === 'POST' && /^\/unsubscribe\/[\w.-]+$/.test(path)) return next();
    let seed: string | undefined = request.cookies?.[this.config.csrfCookie];
    if (!seed || !/^[\w-]{20,64}$/.test(seed)) {
      seed = randomBytes(18).toString('base64url');
      response.cookie(this.config.csrfCookie, seed, { httpOnly: true, sameSite: 'lax', secure: this.config.secureCookies, path: '/' });
      request.cookies = { ...(request.cookies ?? {}), [this.config.csrfCookie]: seed };
    }
    const expected = this.tokenFor(seed);
    response.locals.csrfToken = expected;
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return next();
    const given = String((request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD] ?? request.query[CSRF_FIELD] ?? request.header('x-csrf-token') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
      return next(new ForbiddenException('_csrf: the form expired; reload the page and try again'));
    }
    next();
  }

  private tokenFor(seed: string): string {
    return createHmac('sha256', this.secret).update(`csrf:${seed}`).digest('base64url');
  }
}
