import { formatDateTime, formatTime, isLanguage, zoneLabel, type Language } from '../i18n/i18n.js';
import type { Seminar } from './seminar.entity.js';
import { isRegistrationOpen, registrationClosesAt } from './seminar.view.js';

/** A seminar prepared for a page: dates in its own zone and the reader's language, seat state. */
export function seminarCard(seminar: Seminar, language: string, now = new Date()) {
  const lang: Language = isLanguage(language) ? language : 'ru';
  const seatsLeft = Math.max(0, seminar.capacity - seminar.seatsTaken);
  const sameDay = formatDateTime(seminar.startsAt, seminar.timeZone, lang).slice(0, -5) === formatDateTime(seminar.endsAt, seminar.timeZone, lang).slice(0, -5);
  return {
    id: seminar.id,
    title: seminar.title,
    description: seminar.description,
    city: seminar.city,
    venue: seminar.venue,
    online: !!seminar.onlineUrl,
    language: seminar.language,
    capacity: seminar.capacity,
    seatsTaken: seminar.seatsTaken,
    seatsLeft,
    waitlistCount: seminar.waitlistCount,
    full: seatsLeft === 0,
    status: seminar.status,
    cancelled: seminar.status === 'cancelled',
    registrationOpen: isRegistrationOpen(seminar, now),
    ended: seminar.endsAt <= now,
    startsAtIso: seminar.startsAt.toISOString(),
    when: sameDay
      ? `${formatDateTime(seminar.startsAt, seminar.timeZone, lang, true)}–${formatTime(seminar.endsAt, seminar.timeZone, lang)}`
      : `${formatDateTime(seminar.startsAt, seminar.timeZone, lang, true)} – ${formatDateTime(seminar.endsAt, seminar.timeZone, lang, true)}`,
    closesAt: formatDateTime(registrationClosesAt(seminar), seminar.timeZone, lang),
    zone: zoneLabel(seminar.startsAt, seminar.timeZone),
  };
}
