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
    const [upcoming, past, cities, allUpcoming] = await Promise.all([
      this.seminars.listUpcoming(filter),
      this.seminars.listPast(filter),
      this.seminars.distinctCities(),
      this.seminars.listUpcoming(),
    ]);
    const filtered = !!(filter.city || filter.language || filter.month);
    return {
      title: null,
      upcoming: upcoming.map((seminar) => seminarCard(seminar, lang)),
      past: past.map((seminar) => seminarCard(seminar, lang)),
      filter,
      filtered,
      cities: cities.map((name) => ({ name, selected: name === filter.city })),
      languages: SEMINAR_LANGUAGES.map((code) => ({ code, selected: code === filter.language })),
      months: monthOptions(allUpcoming.map((seminar) => seminar.startsAt), filter.month, lang),
    };
  }

  @Get('/seminars/:id')
  @Render('public/seminar')
  async seminar(@Param('id') id: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const seminar = await this.seminars.getPublic(id);
    const card = seminarCard(seminar, response.locals.lang);
    // Personal invitation links prefill the sign-up form (?fullName=&email=&companyName=&bin=).
    const prefill: Record<string, string> = {};
    for (const field of ['fullName', 'email', 'companyName', 'bin']) {
      const value = query[field];
      if (typeof value === 'string' && value.length <= 254) prefill[field] = value;
    }
    return { title: seminar.title, seminar: card, form: { values: { ...prefill, language: response.locals.lang }, errors: {} } };
  }
}

/**
 * The months that have upcoming seminars (plus the one asked for), so the month filter never offers
 * an empty choice. Months are UTC months, as the service filters by them.
 */
function monthOptions(starts: Date[], selected: string | undefined, lang: string): { value: string; label: string; selected: boolean }[] {
  const values = new Set(starts.map((date) => date.toISOString().slice(0, 7)));
  if (selected) values.add(selected);
  const format = new Intl.DateTimeFormat(lang === 'kk' ? 'kk-KZ' : lang === 'en' ? 'en-GB' : 'ru-RU', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return [...values].sort().map((value) => {
    const [year, month] = value.split('-').map(Number);
    const label = format.format(new Date(Date.UTC(year, month - 1, 1)));
    return { value, label: label.charAt(0).toLocaleUpperCase(lang) + label.slice(1), selected: value === selected };
  });
}
