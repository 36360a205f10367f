import type { CalendarEventInput } from '../calendar/calendar.js';
import { isLanguage, translate } from '../i18n/i18n.js';

export interface MeetingCalendarInput {
  method: 'REQUEST' | 'CANCEL';
  meeting: { calendarUid: string; calendarSequence: number; startsAt: Date; endsAt: Date };
  desk: { agency: string; tableLabel: string; officerName: string | null };
  seminar: { title: string; venue: string | null; city: string; timeZone: string };
  registrant: { fullName: string; email: string; language: string };
  organizer: { name: string; address: string };
}

/** A meeting's alarm: 15 minutes before, unless that has passed when the invite is made (it would fire at once, or never). */
const ALARM_MINUTES = 15;

/** A meeting's UID: made once, when the meeting is, and stored (with the installation's UID domain). */
export function meetingUid(meetingId: string, uidDomain: string): string {
  return `meeting-${meetingId}@${uidDomain}`;
}

/**
 * A meeting's own calendar event (pure): its UID, never the registration's; the desk's table in
 * LOCATION. Like the seminar's event, it holds no manage link (calendars are shared and synced, and
 * the link cancels; README, "Calendar behaviour").
 */
export function meetingCalendar(input: MeetingCalendarInput, now = new Date()): CalendarEventInput {
  const { meeting, desk, seminar, registrant } = input;
  const lang = isLanguage(registrant.language) ? registrant.language : 'ru';
  const lines = [translate(lang, 'meetings.calendarDescription', { agency: desk.agency, seminar: seminar.title })];
  if (desk.officerName) lines.push(translate(lang, 'meetings.calendarOfficer', { name: desk.officerName }));
  return {
    method: input.method,
    uid: meeting.calendarUid,
    sequence: meeting.calendarSequence,
    organizer: { name: input.organizer.name, email: input.organizer.address },
    attendee: { name: registrant.fullName, email: registrant.email },
    summary: translate(lang, 'meetings.calendarSummary', { agency: desk.agency }),
    description: lines.join('\n\n'),
    location: [desk.tableLabel, seminar.venue, seminar.city].filter(Boolean).join(', '),
    url: null,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    timeZone: seminar.timeZone,
    alarmMinutesBefore: meeting.startsAt.getTime() - now.getTime() > ALARM_MINUTES * 60_000 ? ALARM_MINUTES : null,
  };
}
