import { Controller, Get, Param, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { SEMINAR_LANGUAGES } from './seminar.entity.js';
import { SeminarsService } from './seminars.service.js';
import { seminarCard } from './seminar-card.js';
import { CatalogueService, type RenderedPage } from './catalogue.service.js';
import { ParseId } from '../common/ids.js';

/** Public pages: the catalogue and a seminar's page. The sign-up form on it posts to registrations. */
@ApiExcludeController()
@Controller()
export class SeminarsPagesController {
  constructor(
    private readonly seminars: SeminarsService,
    private readonly cataloguePages: CatalogueService,
  ) {}

  @Get('/')
  async catalogue(@Query('city') city: unknown, @Query('language') language: unknown, @Query('month') month: unknown, @Req() request: Request, @Res() response: Response) {
    const lang = response.locals.lang;
    const filter = {
      city: typeof city === 'string' && city.length <= 100 ? city : undefined,
      language: typeof language === 'string' && (SEMINAR_LANGUAGES as readonly string[]).includes(language) ? language : undefined,
      month: typeof month === 'string' && /^\d{4}-\d{2}$/.test(month) ? month : undefined,
    };
    const render = async (): Promise<RenderedPage> => {
      const html = await renderView(response, 'public/catalogue', await this.cataloguePages.page(filter, lang));
      const body = Buffer.from(html);
      return { body, etag: etag(body) };
    };
    // The page is the same for everyone reading this URL in this language (the language links come
    // from the URL), so it is rendered once a second at most. The check guards the day someone puts
    // a form with this visitor's CSRF token on it: such a page is never shared.
    const shared = await this.cataloguePages.renderedPage(lang, request.originalUrl, async () => {
      const page = await render();
      return page.body.includes(String(response.locals.csrfToken)) ? null : page;
    });
    const page = shared ?? (await render());
    response.setHeader('ETag', page.etag);
    response.type('html').send(page.body);
  }

  @Get('/seminars/:id')
  @Render('public/seminar')
  async seminar(@Param('id', ParseId('seminar')) id: string, @Res({ passthrough: true }) response: Response) {
    const seminar = await this.seminars.get(id, 'public');
    const card = seminarCard(seminar, response.locals.lang);
    // No pre-filling from the query string: personal data stays out of URLs. An invitation's link
    // (/i/:token) shows this page filled in on the server.
    return { title: seminar.title, seminar: card, form: { values: { language: response.locals.lang }, errors: {} } };
  }
}

/** res.render as a promise, so a failing template reaches the exception filter like any error. */
function renderView(response: Response, view: string, model: object): Promise<string> {
  return new Promise((resolve, reject) => response.render(view, { ...model }, (error: Error | null, html: string) => (error ? reject(error) : resolve(html))));
}

/** The weak ETag express would compute for the body (express skips its own when one is set). */
function etag(body: Buffer): string {
  return `W/"${body.length.toString(16)}-${createHash('sha1').update(body).digest('base64').slice(0, 27)}"`;
}
