import ICAL from 'ical.js';
import { buildCalendar } from '../calendar/calendar.js';
import type { Seminar } from '../seminars/index.js';
import { registrationCalendar } from './registration-calendar.js';
import type { Registration } from './registration.entity.js';

const seminar = {
  id: 's1',
  title: 'Selling to the UN',
  description: 'How UN procurement works.',
  startsAt: new Date('2026-12-03T05:00:00Z'),
  endsAt: new Date('2026-12-03T09:00:00Z'),
  timeZone: 'Asia/Almaty',
  city: 'Almaty',
  venue: 'UN House',
  onlineUrl: 'https://meet.example.org/x',
  language: 'ru',
  status: 'published',
} as Seminar;

const registration = {
  id: '7f1c2a3e-0b6d-4c1e-9a55-3d2f1e0c9b8a',
  fullName: 'Айгүл "<b>" Нұрланқызы',
  email: 'aigul@example.kz',
  language: 'en',
  status: 'confirmed',
  calendarSequence: 2,
} as Registration;

const config = { uidDomain: 'seminars.example.kz', mailFrom: { name: 'UN Business Seminars', address: 'no-reply@un.example.kz' } };
const manageUrl = 'https://seminars.example.kz/r/token123';
/** A week before the seminar: the day-before alarm lies ahead. */
const now = new Date('2026-11-26T05:00:00Z');

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return { calendar, event: calendar.getFirstSubcomponent('vevent')! };
}

describe('registrationCalendar', () => {
  it('is a REQUEST with a stable UID, the sequence, organizer, attendee and place while confirmed; no manage link', () => {
    const { calendar, event } = parse(buildCalendar(registrationCalendar(registration, seminar, config, now)));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.getFirstPropertyValue('uid')).toBe('registration-7f1c2a3e-0b6d-4c1e-9a55-3d2f1e0c9b8a@seminars.example.kz');
    expect(event.getFirstPropertyValue('sequence')).toBe(2);
    expect(String(event.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:no-reply@un.example.kz');
    expect(String(event.getFirstPropertyValue('attendee')).toLowerCase()).toBe('mailto:aigul@example.kz');
    expect(event.getFirstPropertyValue('location')).toBe('UN House, Almaty');
    // A hybrid seminar (venue and link): the venue is the place, the link is the URL.
    expect(event.getFirstPropertyValue('url')).toBe('https://meet.example.org/x');
    expect(buildCalendar(registrationCalendar(registration, seminar, config, now))).not.toContain(manageUrl);
    expect(String(event.getFirstPropertyValue('description'))).toContain('https://meet.example.org/x');
    expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2026-12-03T05:00:00.000Z');
  });

  it('is a CANCEL once the registration or the seminar is cancelled, without the online link', () => {
    for (const [reg, sem] of [
      [{ ...registration, status: 'cancelled' }, seminar],
      [registration, { ...seminar, status: 'cancelled' }],
    ] as [Registration, Seminar][]) {
      const { calendar, event } = parse(buildCalendar(registrationCalendar(reg, sem, config, now)));
      expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
      expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(String(event.getFirstPropertyValue('description'))).not.toContain('meet.example.org');
    }
  });

  it('keeps the UID whatever the public address: it uses the stored UID domain only', () => {
    const input = registrationCalendar(registration, seminar, { ...config, uidDomain: 'first-host.example' }, now);
    expect(input.uid).toBe('registration-7f1c2a3e-0b6d-4c1e-9a55-3d2f1e0c9b8a@first-host.example');
  });

  it('an online seminar (a link, no venue) has the join link as LOCATION', () => {
    const { event } = parse(buildCalendar(registrationCalendar(registration, { ...seminar, venue: null } as Seminar, config, now)));
    expect(event.getFirstPropertyValue('location')).toBe('https://meet.example.org/x');
    const cancelled = registrationCalendar({ ...registration, status: 'cancelled' } as Registration, { ...seminar, venue: null } as Seminar, config, now);
    expect(cancelled.location).toBe('Almaty');
  });

  it.each([
    [7 * 24 * 60, 1440],
    [23 * 60, 60],
    [59, 15],
    [14, null],
    [-5, null],
  ])('with %i minutes to go the alarm is %s minutes before', (minutesToGo, alarm) => {
    const at = new Date(seminar.startsAt.getTime() - minutesToGo * 60_000);
    const input = registrationCalendar(registration, seminar, config, at);
    expect(input.alarmMinutesBefore).toBe(alarm);
    const { event } = parse(buildCalendar(input));
    expect(event.getAllSubcomponents('valarm')).toHaveLength(alarm === null ? 0 : 1);
  });

  it('writes the description in the registrant language', () => {
    const input = registrationCalendar({ ...registration, language: 'ru' } as Registration, seminar, config, now);
    expect(input.description).toContain('meet.example.org');
    expect(input.description).not.toContain('Управление регистрацией');
  });

  it('uses the default MAIL_FROM (no-reply@localhost) as the ORGANIZER, as the contract says', () => {
    const input = registrationCalendar(registration, seminar, { ...config, mailFrom: { name: 'Seminars', address: 'no-reply@localhost' } }, now);
    expect(input.organizer.email).toBe('no-reply@localhost');
    expect(() => buildCalendar(input)).not.toThrow();
  });
});
