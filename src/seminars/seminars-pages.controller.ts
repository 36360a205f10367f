import { Controller, Get, Param, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { SEMINAR_LANGUAGES } from './seminar.entity.js';
import { SeminarsService } from './seminars.service.js';
import { seminarCard } from './seminar-card.js';

/** Public pages: the catalogue and a seminar's page. The sign-up form on it posts to registrations. */
@ApiExcludeController()
@Controller()
export class SeminarsPagesController {
  constructor(private readonly seminars: SeminarsService) {}

  @Get('/')
  @Render('public/catalogue')
  async catalogue(@Query('city') city: unknown, @Query('language') language: unknown, @Query('month') month: unknown, @Res({ passthrough: true }) response: Response) {
    const lang = response.locals.lang;
    const filter = {
      city: typeof city === 'string' && city.length <= 100 ? city : undefined,
      language: typeof language === 'string' && (SEMINAR_LANGUAGES as readonly string[]).includes(language) ? language : undefined,
      month: typeof month === 'string' && /^\d{4}-\d{2}$/.test(month) ? month : undefined,
    };
    const [upcoming, past, cities] = await Promise.all([this.seminars.listUpcoming(filter), this.seminars.listPast(filter), this.seminars.distinctCities()]);
    return {
      title: null,
      upcoming: upcoming.map((seminar) => seminarCard(seminar, lang)),
      past: past.map((seminar) => seminarCard(seminar, lang)),
      filter,
      cities: cities.map((name) => ({ name, selected: name === filter.city })),
      languages: SEMINAR_LANGUAGES.map((code) => ({ code, selected: code === filter.language })),
      months: nextMonths(lang).map((m) => ({ ...m, selected: m.value === filter.month })),
    };
  }

  @Get('/seminars/:id')
  @Render('public/seminar')
  async seminar(@Param('id') id: string, @Res({ passthrough: true }) response: Response) {
    const seminar = await this.seminars.getPublic(id);
    const card = seminarCard(seminar, response.locals.lang);
    return { title: seminar.title, seminar: card, form: { values: { language: response.locals.lang }, errors: {} } };
  }
}

function nextMonths(lang: string): { value: string; label: string }[] {
  const now = new Date();
  return Array.from({ length: 12 }, (_, index) => {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + index, 1));
    const label = new Intl.DateTimeFormat(lang === 'kk' ? 'kk-KZ' : lang === 'en' ? 'en-GB' : 'ru-RU', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
    return { value: date.toISOString().slice(0, 7), label };
  });
}
