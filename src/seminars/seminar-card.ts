import { formatDateTime, formatTime, toLanguage, zoneLabel, type Language } from '../i18n/i18n.js';
import type { Seminar } from './seminar.entity.js';
import { isRegistrationOpen, registrationClosesAt } from './seminar-rules.js';

/** A seminar prepared for a page: dates in its own zone and the reader's language, seat state. */
export function seminarCard(seminar: Seminar, language: string, now = new Date()) {
  const lang = toLanguage(language);
  const seatsLeft = Math.max(0, seminar.capacity - seminar.seatsTaken);
  const zone = seminar.timeZone;
  // Each date is formatted once per shape: the catalogue builds a card per seminar per page.
  const startsPlain = formatDateTime(seminar.startsAt, zone, lang);
  const endsPlain = formatDateTime(seminar.endsAt, zone, lang);
  const sameDay = startsPlain.slice(0, -5) === endsPlain.slice(0, -5);
  const startsLong = formatDateTime(seminar.startsAt, zone, lang, true);
  const closes = registrationClosesAt(seminar);
  return {
    id: seminar.id,
    title: seminar.title,
    description: seminar.description,
    city: seminar.city,
    venue: seminar.venue,
    online: !!seminar.onlineUrl,
    /** An online seminar: no city needed, no ticket for a door. */
    isOnline: seminar.format === 'online',
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
    when: sameDay ? `${startsLong}–${formatTime(seminar.endsAt, zone, lang)}` : `${startsLong} – ${formatDateTime(seminar.endsAt, zone, lang, true)}`,
    closesAt: closes.getTime() === seminar.startsAt.getTime() ? startsPlain : formatDateTime(closes, zone, lang),
    zone: zoneLabel(seminar.startsAt, zone, lang),
  };
}
