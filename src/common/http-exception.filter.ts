import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { consolePage } from './console-page.js';
import { isDatabaseUnavailable, isRejectedInput } from '../database/driver-errors.js';
import { DomainError, DomainErrorKind, TooManyError } from './domain-errors.js';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  'not-found': 404,
  conflict: 409,
  invalid: 400,
  forbidden: 403,
  unauthorized: 401,
  'too-many': 429,
  unavailable: 503,
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  code?: string;
}

/**
 * The one exception filter. HTTP and domain errors keep their status and message; a database
 * that does not answer is a 503; anything else is logged and answered with a bare 500 (no stack).
 * Page routes get the error page, API routes get `{ statusCode, error, message }`.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = this.toBody(exception, request);

    if (response.headersSent) {
      response.end();
      return;
    }
    if (body.statusCode === 503) response.setHeader('Retry-After', '5');
    if (exception instanceof TooManyError) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (wantsHtml(request)) {
      if (body.statusCode === 401 && request.path.startsWith('/admin')) {
        response.redirect(303, `/admin/login?next=${encodeURIComponent(request.originalUrl)}`);
        return;
      }
      if (request.path.startsWith('/admin')) {
        // Console errors (a role that may not, an expired form) keep the console's look and navigation.
        response.status(body.statusCode).render(
          'admin/error',
          consolePage(request.actor ?? null, null, {
            statusCode: body.statusCode,
            message: body.statusCode >= 500 ? null : Array.isArray(body.message) ? body.message.join('; ') : body.message,
          }),
        );
        return;
      }
      response.status(body.statusCode).render('public/error', {
        statusCode: body.statusCode,
        message: body.statusCode >= 500 ? null : Array.isArray(body.message) ? body.message.join('; ') : body.message,
      });
      return;
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = STATUS_BY_KIND[exception.kind];
      return { statusCode, error: STATUS_CODES[statusCode]!, message: exception.message, code: exception.code };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const payload = exception.getResponse();
      const message =
        typeof payload === 'string' ? payload : ((payload as { message?: string | string[] }).message ?? exception.message);
      if (statusCode >= 500) this.logger.error(`${request.method} ${request.url}: ${exception.message}`, exception.stack);
      return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
    }
    const bodyParserError = exception as { type?: string; status?: number; message?: string };
    if (bodyParserError?.type === 'entity.too.large') {
      return { statusCode: 413, error: STATUS_CODES[413]!, message: 'body: request body is larger than 100 kB' };
    }
    if (bodyParserError?.type === 'entity.parse.failed') {
      return { statusCode: 400, error: STATUS_CODES[400]!, message: 'body: malformed JSON' };
    }
    if (typeof bodyParserError?.status === 'number' && bodyParserError.status >= 400 && bodyParserError.status < 500) {
      return { statusCode: bodyParserError.status, error: STATUS_CODES[bodyParserError.status] ?? 'Error', message: bodyParserError.message ?? 'bad request' };
    }
    if (isRejectedInput(exception)) {
      return { statusCode: 400, error: STATUS_CODES[400]!, message: 'input: contains characters or values the database does not accept (e.g. a NUL character)' };
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`${request.method} ${request.url}: database unavailable: ${(exception as Error).message}`);
      return { statusCode: 503, error: STATUS_CODES[503]!, message: 'The service is briefly unavailable; please try again.' };
    }
    this.logger.error(`${request.method} ${request.url}: ${(exception as Error)?.message}`, (exception as Error)?.stack);
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, error: STATUS_CODES[500]!, message: 'Internal server error' };
  }
}

function wantsHtml(request: Request): boolean {
  return !request.path.startsWith('/api') && (request.accepts(['json', 'html']) === 'html');
}
