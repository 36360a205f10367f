import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseLanguage, formatDateTime, keysOf, toLanguage, translate, translateAny } from './i18n.js';

describe('i18n', () => {
  it('has exactly the same keys in Kazakh, Russian and English', () => {
    expect(keysOf('kk')).toEqual(keysOf('en'));
    expect(keysOf('ru')).toEqual(keysOf('en'));
    expect(keysOf('en').length).toBeGreaterThan(20);
  });

  it('keeps the same placeholders in every language', () => {
    for (const key of keysOf('en')) {
      const placeholders = (lang: 'en' | 'ru' | 'kk') => (translateAny(lang, key).match(/\{\w+\}/g) ?? []).sort();
      expect({ key, ru: placeholders('ru') }).toEqual({ key, ru: placeholders('en') });
      expect({ key, kk: placeholders('kk') }).toEqual({ key, kk: placeholders('en') });
    }
  });

  it('knows every key that a template names literally ({{t "section.name"}})', () => {
    const known = new Set(keysOf('en'));
    const views = join(import.meta.dirname, '..', '..', 'views');
    const unknown: string[] = [];
    let checked = 0;
    for (const file of readdirSync(views, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.hbs'))) {
      for (const [, key] of readFileSync(join(views, file), 'utf8').matchAll(/(?<![\w.])t ["']([\w.]+)["']/g)) {
        checked++;
        if (!known.has(key)) unknown.push(`${file}: ${key}`);
      }
    }
    expect(unknown).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('falls back to Russian for anything that is not a language', () => {
    expect(toLanguage('kk')).toBe('kk');
    expect(toLanguage('de')).toBe('ru');
    expect(toLanguage(undefined)).toBe('ru');
  });

  it('fills placeholders', () => {
    expect(translate('en', 'catalogue.seatsLeft', { count: 7 })).toBe('7 seats left');
    expect(translate('ru', 'catalogue.seatsLeft', { count: 7 })).toBe('Осталось мест: 7');
  });

  it('chooses ?lang=, then cookie, then Accept-Language, then Russian', () => {
    expect(chooseLanguage('kk', 'en', 'en-US')).toBe('kk');
    expect(chooseLanguage('xx', 'en', 'kk')).toBe('en');
    expect(chooseLanguage(undefined, undefined, 'de-DE,kk;q=0.8')).toBe('kk');
    expect(chooseLanguage(undefined, undefined, 'de-DE')).toBe('ru');
    expect(chooseLanguage(undefined, undefined, undefined)).toBe('ru');
  });

  it('writes dates in the seminar time zone', () => {
    const instant = new Date('2026-12-03T05:00:00.000Z');
    expect(formatDateTime(instant, 'Asia/Almaty', 'en')).toContain('10:00');
    expect(formatDateTime(instant, 'Europe/London', 'en')).toContain('05:00');
    expect(formatDateTime(instant, 'Asia/Almaty', 'ru')).toContain('декабря');
  });
});
