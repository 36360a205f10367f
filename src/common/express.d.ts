/**
 * What the app's middleware and guards add to Express's request and response, declared once so
 * handlers read them typed (no casts).
 */
import type { Actor } from '../accounts/index.js';
import type { Language, Translate } from '../i18n/i18n.js';

declare global {
  namespace Express {
    interface Request {
      /** Set by RequestIdMiddleware: `X-Request-Id` when sane, else a new UUID. */
      id: string;
      /** Set by RolesGuard on routes behind `@Auth(...)`. */
      actor?: Actor;
      /** A raw `text/csv` invitation upload (bootstrap.ts). */
      csvBody?: string;
    }
    interface Locals {
      /** Set by LanguageMiddleware for pages (not for /api/). */
      lang: Language;
      t: Translate;
      languageLinks: { code: Language; name: string; href: string; current: boolean }[];
      /** Set by CsrfMiddleware for pages; every form posts it back. */
      csrfToken: string;
      /** Set by LanguageMiddleware: who organises and whom to write to, for every page's footer. */
      organizerName: string;
      contactEmail: string;
      /** Set by LanguageMiddleware: switches this response to another language (see preferLanguage). */
      applyLanguage?: (lang: Language) => void;
    }
  }
}
