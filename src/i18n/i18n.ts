import { DEFAULT_LANGUAGE, isLanguage, LOCALE_TAG, type Language } from './language.js';
import { catalogues, type MessageKey } from './locales/index.js';

export { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, LOCALE_TAG, toLanguage, type Language } from './language.js';
export type { MessageKey } from './locales/index.js';

export type MessageParams = Record<string, unknown>;
/** The names under one section of the messages: `KeysUnder<'reports.columns.'>` is `'company' | 'bin' | …`. */
export type KeysUnder<Prefix extends string> = MessageKey extends infer Key ? (Key extends `${Prefix}${infer Name}` ? Name : never) : never;
/** `translate` bound to one language: what pages get as `response.locals.t`. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Looks up `key` ("section.name") in `language`, filling {placeholders} from `params`. */
export function translate(language: Language, key: MessageKey, params: MessageParams = {}): string {
  return translateAny(language, key, params);
}

/**
 * `translate` for a key known only at run time (a template's `{{t "..."}}`): an unknown key shows
 * as itself. Code uses `translate`, whose keys the compiler checks.
 */
export function translateAny(language: Language, key: string, params: MessageParams = {}): string {
  const found = lookup(language, key);
  if (found === undefined) return key;
  if (!found.includes('{')) return found;
  return found.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const resolved: Record<Language, Map<string, string | undefined>> = { ru: new Map(), kk: new Map(), en: new Map() };

/** A page translates a few hundred keys; walking the catalogue for each showed up in the profile. */
function lookup(language: Language, key: string): string | undefined {
  const cache = resolved[language];
  if (cache.has(key)) return cache.get(key);
  const found = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogues[language]);
  const text = typeof found === 'string' ? found : undefined;
  // Keys come from templates and code, so they are few; the bound only guards against a caller
  // passing user input as a key.
  if (cache.size > 5000) cache.clear();
  cache.set(key, text);
  return text;
}

/** Every key path of a catalogue, for the test that all languages have the same keys. */
export function keysOf(language: Language): string[] {
  const walk = (node: object, prefix: string): string[] =>
    Object.entries(node).flatMap(([key, value]) => (typeof value === 'string' ? [prefix + key] : walk(value, `${prefix}${key}.`)));
  return walk(catalogues[language], '').sort();
}

/**
 * The language of a request: `?lang=` first, then the `lang` cookie, then Accept-Language, then Russian.
 */
export function chooseLanguage(query: unknown, cookie: unknown, acceptLanguage: string | undefined): Language {
  if (isLanguage(query)) return query;
  if (isLanguage(cookie)) return cookie;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase().slice(0, 2);
    if (isLanguage(tag)) return tag;
  }
  return DEFAULT_LANGUAGE;
}

/** "3 December 2026, 11:00" in the seminar's own time zone and the reader's language. */
export function formatDateTime(date: Date, timeZone: string, language: Language, withWeekday = false): string {
  return zonedFormat(withWeekday ? 'W' : 'D', timeZone, language).format(date);
}

export function formatTime(date: Date, timeZone: string, language: Language): string {
  return zonedFormat('T', timeZone, language).format(date);
}

const ZONED_OPTIONS: Record<'W' | 'D' | 'T', Intl.DateTimeFormatOptions> = {
  W: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  D: { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  T: { hour: '2-digit', minute: '2-digit' },
};
const zonedFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The formatters of the three shapes above, by a short key: a card formats ~6 dates, and building
 * the generic key (options spread + JSON.stringify) cost more than the formatting itself (profile of
 * the catalogue). Bounded like `dateTimeFormat`.
 */
function zonedFormat(shape: 'W' | 'D' | 'T', timeZone: string, language: Language): Intl.DateTimeFormat {
  const key = `${shape}|${language}|${timeZone}`;
  let formatter = zonedFormatters.get(key);
  if (!formatter) {
    if (zonedFormatters.size > 1000) zonedFormatters.clear();
    formatter = new Intl.DateTimeFormat(LOCALE_TAG[language], { timeZone, ...ZONED_OPTIONS[shape] });
    zonedFormatters.set(key, formatter);
  }
  return formatter;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Building an Intl.DateTimeFormat costs ~50 µs and native memory that only a full GC returns; the
 * catalogue formats ~150 dates per page, so formatters are built once per locale, zone and options
 * (the benchmark went from 72 to thousands of pages/s). Bounded: zones and option sets are few.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    if (formatters.size > 1000) formatters.clear();
    formatter = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

const zoneLabels = new Map<string, Intl.DateTimeFormat>();

/** Kazakhstan's zones by their cities' names (Russian in the genitive: "время Уральска"); other zones show the IANA city. */
const ZONE_CITIES: Record<string, Record<Language, string>> = {
  'Asia/Almaty': { kk: 'Алматы', ru: 'Алматы', en: 'Almaty' },
  'Asia/Aqtobe': { kk: 'Ақтөбе', ru: 'Актобе', en: 'Aktobe' },
  'Asia/Aqtau': { kk: 'Ақтау', ru: 'Актау', en: 'Aktau' },
  'Asia/Atyrau': { kk: 'Атырау', ru: 'Атырау', en: 'Atyrau' },
  'Asia/Oral': { kk: 'Орал', ru: 'Уральска', en: 'Oral' },
  'Asia/Qyzylorda': { kk: 'Қызылорда', ru: 'Кызылорды', en: 'Kyzylorda' },
  'Asia/Qostanay': { kk: 'Қостанай', ru: 'Костаная', en: 'Kostanay' },
  'Europe/Moscow': { kk: 'Мәскеу', ru: 'Москвы', en: 'Moscow' },
};
const ZONE_PATTERN: Record<Language, (city: string, offset: string) => string> = {
  kk: (city, offset) => `${city} уақыты (${offset})`,
  ru: (city, offset) => `время ${city} (${offset})`,
  en: (city, offset) => `${city} time (${offset})`,
};

/**
 * A zone as people read it: "Алматы уақыты (UTC+5)", "время Алматы (UTC+5)", "Almaty time (UTC+5)";
 * without a language, the organizers' "Asia/Almaty (UTC+5)".
 */
export function zoneLabel(date: Date, timeZone: string, language?: Language): string {
  if (language) {
    const city = ZONE_CITIES[timeZone]?.[language] ?? (timeZone === 'UTC' ? 'UTC' : timeZone.split('/').pop()!.replace(/_/g, ' '));
    return ZONE_PATTERN[language](city, zoneOffset(date, timeZone));
  }
  return `${timeZone.replace(/_/g, ' ')} (${zoneOffset(date, timeZone)})`;
}

/** "UTC+5" for a zone at a given instant. */
function zoneOffset(date: Date, timeZone: string): string {
  let formatter = zoneLabels.get(timeZone);
  if (!formatter) {
    if (zoneLabels.size > 1000) zoneLabels.clear();
    formatter = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' });
    zoneLabels.set(timeZone, formatter);
  }
  const part = formatter.formatToParts(date).find((p) => p.type === 'timeZoneName');
  return (part?.value ?? 'UTC').replace('GMT', 'UTC');
}

/**
 * Short month names for a Node built without full ICU (small-icu knows English only): Node's
 * official builds do have them, and `monthName` prefers what Intl says.
 */
const MONTHS: Record<Language, readonly string[]> = {
  kk: ['қаң.', 'ақп.', 'нау.', 'сәу.', 'мам.', 'мау.', 'шіл.', 'там.', 'қыр.', 'қаз.', 'қар.', 'жел.'],
  ru: ['янв.', 'февр.', 'март', 'апр.', 'май', 'июнь', 'июль', 'авг.', 'сент.', 'окт.', 'нояб.', 'дек.'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};
const fullIcu = new Set(Intl.DateTimeFormat.supportedLocalesOf(Object.values(LOCALE_TAG)));

/** The short name of a month (1-12) standing alone, as a chart's axis shows it: "қар.", "нояб.", "Nov". */
export function monthName(month: number, language: Language): string {
  if (!fullIcu.has(LOCALE_TAG[language])) return MONTHS[language][month - 1];
  return dateTimeFormat(LOCALE_TAG[language], { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, month - 1, 15)));
}
