import type { CalendarEventInput } from '../calendar/calendar.js';
import { toLanguage, translate } from '../i18n/i18n.js';
import type { Seminar } from '../seminars/index.js';
import type { Registration } from './registration.entity.js';

export interface CalendarSettings {
  /** CALENDAR_UID_DOMAIN: fixed for the installation, whatever PUBLIC_URL becomes. */
  uidDomain: string;
  mailFrom: { name: string; address: string };
}

/** Alarms offered, largest first: a day before, else an hour, else a quarter of an hour. */
const ALARM_MINUTES = [1440, 60, 15];
const MINUTE_MS = 60_000;

/** The UID never changes for a registration, so every update and cancellation replaces the same event. */
export function registrationUid(registrationId: string, uidDomain: string): string {
  return `registration-${registrationId}@${uidDomain}`;
}

/** The join link of an online seminar, when it is an http(s) link. */
function joinUrl(seminar: Pick<Seminar, 'onlineUrl'>): string | null {
  if (!seminar.onlineUrl) return null;
  try {
    const url = new URL(seminar.onlineUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The registrant's current calendar event, ready for `buildCalendar` (a download) or an outbox
 * message (`QueuedMessage.calendar`): REQUEST while the seat is confirmed, CANCEL once the
 * registration or the seminar is cancelled. SEQUENCE is `registration.calendarSequence`; callers raise it
 * before sending an update or cancellation. Waitlisted people have no event yet; callers do not send one.
 *
 * What goes into the event (README, "Calendar behaviour"):
 * - no manage link: calendars are shared and synced to other people's devices, and the link cancels;
 * - an online seminar (a link and no venue) has its join link as LOCATION and URL, not a city;
 * - the alarm is a day before, or an hour or 15 minutes before when the event is closer than that at
 *   `now`, and none when even that has passed: an alarm in the past fires at once or never.
 * Pure: no database, no Nest.
 */
export function registrationCalendar(registration: Registration, seminar: Seminar, settings: CalendarSettings, now = new Date()): CalendarEventInput {
  const cancelled = registration.status === 'cancelled' || seminar.status === 'cancelled';
  const lang = toLanguage(registration.language);
  const online = cancelled ? null : joinUrl(seminar);
  const lines = [seminar.description.trim()];
  if (online) lines.push(translate(lang, 'manage.calendarOnline', { url: online }));
  const place = seminar.venue ? [seminar.venue, seminar.city].filter(Boolean).join(', ') : (online ?? seminar.city);
  const minutesLeft = (seminar.startsAt.getTime() - now.getTime()) / MINUTE_MS;
  return {
    method: cancelled ? 'CANCEL' : 'REQUEST',
    uid: registrationUid(registration.id, settings.uidDomain),
    sequence: registration.calendarSequence,
    organizer: { name: settings.mailFrom.name, email: settings.mailFrom.address },
    attendee: { name: registration.fullName, email: registration.email },
    summary: seminar.title,
    description: lines.filter(Boolean).join('\n\n'),
    location: place || null,
    url: online,
    startsAt: seminar.startsAt,
    endsAt: seminar.endsAt,
    timeZone: seminar.timeZone,
    alarmMinutesBefore: ALARM_MINUTES.find((minutes) => minutes < minutesLeft) ?? null,
  };
}
