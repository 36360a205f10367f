import ICAL from 'ical.js';
import { buildCalendar } from '../calendar/calendar.js';
import { meetingCalendar, type MeetingCalendarInput } from './meeting-calendar.js';

const startsAt = new Date('2026-12-04T06:00:00Z');
const input: MeetingCalendarInput = {
  method: 'REQUEST',
  meeting: { calendarUid: 'meeting-1@seminars.example.kz', calendarSequence: 0, startsAt, endsAt: new Date('2026-12-04T06:15:00Z') },
  desk: { agency: 'UNDP', tableLabel: 'Table 7', officerName: 'A. Officer' },
  seminar: { title: 'БҰҰ сатып алулары', venue: 'Rixos', city: 'Almaty', timeZone: 'Asia/Almaty' },
  registrant: { fullName: 'Әсел Қуанышқызы', email: 'asel@example.kz', language: 'kk' },
  organizer: { name: 'UN Business Seminars', address: 'no-reply@un.example.kz' },
};

function eventOf(now: Date) {
  const ics = buildCalendar({ ...meetingCalendar(input, now), stamp: now });
  return { ics, event: new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')! };
}

describe('meetingCalendar', () => {
  it('holds no manage link (calendars are shared; the link cancels), and names desk and officer in the registrant language', () => {
    const { ics, event } = eventOf(new Date('2026-11-27T06:00:00Z'));
    expect(ics).not.toMatch(/\/r\//);
    expect(event.getFirstPropertyValue('url')).toBeNull();
    expect(event.getFirstPropertyValue('location')).toBe('Table 7, Rixos, Almaty');
    expect(String(event.getFirstPropertyValue('description'))).toContain('A. Officer');
    expect(String(event.getFirstPropertyValue('summary'))).toContain('UNDP');
  });

  it('alarms 15 minutes before, unless that moment has passed when the invite is made', () => {
    const alarms = (now: Date) => eventOf(now).event.getAllSubcomponents('valarm').map((alarm) => String(alarm.getFirstPropertyValue('trigger')));
    expect(alarms(new Date(startsAt.getTime() - 60 * 60_000))).toEqual(['-PT15M']);
    expect(alarms(new Date(startsAt.getTime() - 16 * 60_000))).toEqual(['-PT15M']);
    expect(alarms(new Date(startsAt.getTime() - 15 * 60_000))).toEqual([]);
    expect(alarms(new Date(startsAt.getTime() - 4 * 60_000))).toEqual([]);
  });
});
