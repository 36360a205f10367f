import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../config/app-config.js';
import { chooseLanguage, LANGUAGES, translate } from './i18n.js';

/**
 * Chooses the page language (`?lang=`, then the cookie, then Accept-Language, then Russian),
 * remembers an explicit choice in a cookie, and gives templates what the language switch needs.
 */
@Injectable()
export class LanguageMiddleware implements NestMiddleware {
  constructor(private readonly config: AppConfig) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const query = request.query.lang;
    const lang = chooseLanguage(query, request.cookies?.lang, request.header('accept-language'));
    if (query === lang && request.cookies?.lang !== lang) {
      response.cookie('lang', lang, { httpOnly: true, sameSite: 'lax', secure: this.config.secureCookies, maxAge: 365 * 86_400_000, path: '/' });
    }
    response.locals.lang = lang;
    response.locals.t = (key: string, params?: Record<string, unknown>) => translate(lang, key, params);
    response.locals.languageLinks = LANGUAGES.map((code) => {
      const params = new URLSearchParams(request.query as Record<string, string>);
      params.set('lang', code);
      return { code, name: translate(code, 'meta.languageName'), href: `${request.originalUrl.split('?')[0]}?${params.toString()}`, current: code === lang };
    });
    response.setHeader('Content-Language', lang);
    next();
  }
}
