import { Injectable } from '@nestjs/common';
import hbs from 'hbs';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, PROJECT_ROOT } from '../config/app-config.js';
import { toLanguage, translate, translateAny } from '../i18n/i18n.js';
import { viewHelpers } from '../i18n/view-helpers.js';
import { oneLine } from './email-format.js';

export const EMAIL_VIEWS_DIR = join(PROJECT_ROOT, 'views', 'emails');

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

type Template = (context: object) => string;

/**
 * Renders views/emails/<template>.html.hbs and .txt.hbs. Registrant data goes in through `{{ }}`, which
 * Handlebars HTML-escapes; the plain-text part is compiled without escaping because it is not HTML.
 * A Handlebars instance of its own keeps email partials apart from the page partials.
 */
@Injectable()
export class EmailRenderer {
  private readonly handlebars = hbs.create().handlebars;
  private readonly cache = new Map<string, Template>();

  constructor(private readonly config: AppConfig) {
    for (const [name, helper] of Object.entries(viewHelpers)) this.handlebars.registerHelper(name, helper);
    const partials = join(EMAIL_VIEWS_DIR, 'partials');
    for (const file of existsSync(partials) ? readdirSync(partials) : []) {
      if (file.endsWith('.hbs')) this.handlebars.registerPartial(file.slice(0, -4), readFileSync(join(partials, file), 'utf8'));
    }
  }

  /** `subjectKey` defaults to `email.<template>.subject`; subject parameters come from `data`. */
  render(template: string, language: string, data: Record<string, unknown>, subjectKey = `email.${template}.subject`): RenderedEmail {
    assertTemplateName(template);
    const lang = toLanguage(language);
    const context = {
      ...data,
      lang,
      contactEmail: this.config.contactEmail,
      organizerName: this.config.organizerNameIn(lang),
      siteName: translate(lang, 'layout.siteName'),
    };
    return {
      subject: this.subject(template, lang, data, subjectKey),
      html: this.compiled(template, 'html')(context),
      text: this.compiled(template, 'txt')(context).replace(/\n{3,}/g, '\n\n').trim() + '\n',
    };
  }

  /** The subject alone: cheap (no template), so the outbox stores it at enqueue time for lists. */
  subject(template: string, language: string, data: Record<string, unknown>, subjectKey = `email.${template}.subject`): string {
    assertTemplateName(template);
    return oneLine(translateAny(toLanguage(language), subjectKey, data), 300);
  }

  private compiled(template: string, part: 'html' | 'txt'): Template {
    const key = `${template}.${part}`;
    let compiled = this.cache.get(key);
    if (!compiled) {
      const source = readFileSync(join(EMAIL_VIEWS_DIR, `${template}.${part}.hbs`), 'utf8');
      compiled = this.handlebars.compile(source, { noEscape: part === 'txt', strict: false });
      this.cache.set(key, compiled);
    }
    return compiled;
  }
}

function assertTemplateName(template: string): void {
  if (!/^[a-z][a-z0-9-]*$/.test(template)) throw new Error(`email template name "${template}" is not allowed`);
}
