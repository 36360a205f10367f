import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../config/app-config.js';
import { chooseLanguage, isLanguage, LANGUAGES, translate, type Language } from './i18n.js';

/**
 * Chooses the page language (`?lang=`, then the cookie, then Accept-Language, then Russian),
 * remembers an explicit choice in a cookie, and gives templates what the language switch needs.
 */
@Injectable()
export class LanguageMiddleware implements NestMiddleware {
  constructor(private readonly config: AppConfig) {}

  use(request: Request, response: Response, next: NextFunction): void {
    // The JSON API renders no page, so it needs no page language (profiled: ~5% of a sign-up's CPU).
    if (request.originalUrl.startsWith('/api/')) return next();
    const query = request.query.lang;
    const lang = chooseLanguage(query, request.cookies?.lang, request.header('accept-language'));
    if (query === lang && request.cookies?.lang !== lang) {
      response.cookie('lang', lang, { httpOnly: true, sameSite: 'lax', secure: this.config.secureCookies, maxAge: 365 * 86_400_000, path: '/' });
    }
    this.apply(request, response, lang);
    response.locals.applyLanguage = (other: Language) => this.apply(request, response, other);
    next();
  }

  private apply(request: Request, response: Response, lang: Language): void {
    response.locals.lang = lang;
    response.locals.t = (key, params) => translate(lang, key, params);
    // Who organises and whom to write to: in every page's footer.
    response.locals.organizerName = this.config.organizerNameIn(lang);
    response.locals.contactEmail = this.config.contactEmail;
    // Only pages show the language switch: built when a template's locals are read (express spreads
    // res.locals when it renders), not for every API request.
    let links: Express.Locals['languageLinks'] | undefined;
    Object.defineProperty(response.locals, 'languageLinks', {
      enumerable: true,
      configurable: true,
      get: () => (links ??= languageLinks(request, lang)),
      set: (value) => (links = value),
    });
    response.setHeader('Content-Language', lang);
  }
}

/**
 * A page about one registration opens in that registration's language unless the visitor picked
 * one for this request (`?lang=`): the registrant chose it on the form.
 */
export function preferLanguage(request: Request, response: Response, preferred: string): void {
  if (isLanguage(request.query.lang) || !isLanguage(preferred) || response.locals.lang === preferred) return;
  response.locals.applyLanguage?.(preferred);
}

const LANGUAGE_NAMES = Object.fromEntries(LANGUAGES.map((code) => [code, translate(code, 'meta.languageName')])) as Record<Language, string>;

function languageLinks(request: Request, lang: Language) {
  // `//evil.example/` (or `/\\evil.example/`) as a path would make the link protocol-relative: off-site.
  const path = request.originalUrl.split('?')[0].replace(/^[/\\]+/, '/');
  return LANGUAGES.map((code) => {
    const params = new URLSearchParams(request.query as Record<string, string>);
    params.set('lang', code);
    return { code, name: LANGUAGE_NAMES[code], href: `${path}?${params.toString()}`, current: code === lang };
  });
}
