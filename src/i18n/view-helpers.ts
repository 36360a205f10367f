import type { HelperOptions } from 'handlebars';
import { toLanguage, translateAny } from './i18n.js';

/** Handlebars helpers shared by pages and emails. `{{t "catalogue.title" count=3}}` translates. */
export const viewHelpers: Record<string, (...args: any[]) => unknown> = {
  t(key: string, options: HelperOptions) {
    const root = options.data?.root ?? {};
    return translateAny(toLanguage(root.lang), key, options.hash ?? {});
  },
  eq: (a: unknown, b: unknown) => a === b,
  not: (a: unknown) => !a,
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  json: (value: unknown) => JSON.stringify(value),
  concat: (...args: unknown[]) => args.slice(0, -1).join(''),
};
