import type { Language } from '../i18n/i18n.js';
import { seminarCard } from './seminar-card.js';
import type { Seminar } from './seminar.entity.js';

/** A seminar row for console lists and page headers: the public card plus what organizers watch. */
export function consoleSeminarRow(seminar: Seminar, language: Language, now = new Date()) {
  const card = seminarCard(seminar, language, now);
  return {
    ...card,
    fillPercent: Math.min(100, Math.round((seminar.seatsTaken / Math.max(1, seminar.capacity)) * 100)),
    draft: seminar.status === 'draft',
    published: seminar.status === 'published',
  };
}

/** `SeminarsService.listAll()` (latest start first) split into not yet ended, soonest first, and ended. */
export function splitByEnd(all: Seminar[], now = new Date()): { upcoming: Seminar[]; past: Seminar[] } {
  return {
    upcoming: all.filter((seminar) => seminar.endsAt > now).reverse(),
    past: all.filter((seminar) => seminar.endsAt <= now),
  };
}
