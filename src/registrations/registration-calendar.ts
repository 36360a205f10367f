import type { CalendarEventInput } from '../calendar/calendar.js';
import { toLanguage, translate } from '../i18n/i18n.js';
import type { Seminar } from '../seminars/seminar.entity.js';
import type { Registration } from './registration.entity.js';

export interface CalendarSettings {
  publicUrl: string;
  mailFrom: { name: string; address: string };
}

/** The UID never changes for a registration, so every update and cancellation replaces the same event. */
export function registrationUid(registrationId: string, publicUrl: string): string {
  return `registration-${registrationId}@${new URL(publicUrl).hostname}`;
}

/**
 * The registrant's current calendar event, ready for `buildCalendar` (a download) or an outbox
 * message (`QueuedMessage.calendar`): REQUEST while the seat is confirmed, CANCEL once the
 * registration or the seminar is cancelled. SEQUENCE is `registration.calendarSequence`; callers raise it
 * before sending an update or cancellation. Waitlisted people have no event yet; callers do not send one.
 * Pure: no database, no Nest.
 */
export function registrationCalendar(registration: Registration, seminar: Seminar, config: CalendarSettings, manageUrl: string): CalendarEventInput {
  const cancelled = registration.status === 'cancelled' || seminar.status === 'cancelled';
  const lang = toLanguage(registration.language);
  const lines = [seminar.description.trim()];
  if (!cancelled && seminar.onlineUrl) lines.push(translate(lang, 'manage.calendarOnline', { url: seminar.onlineUrl }));
  lines.push(translate(lang, 'manage.calendarManage', { url: manageUrl }));
  return {
    method: cancelled ? 'CANCEL' : 'REQUEST',
    uid: registrationUid(registration.id, config.publicUrl),
    sequence: registration.calendarSequence,
    organizer: { name: config.mailFrom.name, email: config.mailFrom.address },
    attendee: { name: registration.fullName, email: registration.email },
    summary: seminar.title,
    description: lines.filter(Boolean).join('\n\n'),
    location: [seminar.venue, seminar.city].filter(Boolean).join(', ') || null,
    url: manageUrl,
    startsAt: seminar.startsAt,
    endsAt: seminar.endsAt,
    timeZone: seminar.timeZone,
  };
}
