import { dateTimeFormat, formatDateTime, formatTime, translate, zoneLabel, type Language } from '../i18n/i18n.js';

/** What the wording of time and place needs from a seminar (mail knows no feature entity). */
export interface EventTimes {
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
}

export interface EventPlace {
  venue: string | null;
  city: string;
  onlineUrl: string | null;
  /** "online": no venue or city to show, only "Online" */
  format?: string;
}

/** "Thursday, 3 December 2026, 11:00 – 15:00, Almaty time (UTC+5)": always in the seminar's own zone, named in words. */
export function seminarWhen(seminar: EventTimes, language: Language): string {
  const { startsAt, endsAt, timeZone } = seminar;
  // Cached formatter: building an Intl.DateTimeFormat per email cost more than the rest of the text.
  const day = (date: Date) => dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  const end = day(startsAt) === day(endsAt) ? formatTime(endsAt, timeZone, language) : formatDateTime(endsAt, timeZone, language);
  return `${formatDateTime(startsAt, timeZone, language, true)} – ${end}, ${zoneLabel(startsAt, timeZone, language)}`;
}

/** Venue and city; "Online" when there is no venue but a link. */
export function seminarWhere(seminar: EventPlace, language: Language): string {
  if (seminar.format === 'online') return translate(language, 'email.online');
  if (seminar.venue) return `${seminar.venue}, ${seminar.city}`;
  if (seminar.onlineUrl) return translate(language, 'email.online');
  return seminar.city;
}

/** Only http(s) links reach an email or a calendar; anything else is dropped rather than rendered. */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Header-safe single line: CR, LF and other controls would otherwise start a new header. */
export function oneLine(value: string, maxLength = 300): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, maxLength);
}
