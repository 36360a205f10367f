import ICAL from 'ical.js';
import { buildCalendar } from '../calendar/calendar.js';
import type { Seminar } from '../seminars/seminar.entity.js';
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

const config = { publicUrl: 'https://seminars.example.kz', mailFrom: { name: 'UN Business Seminars', address: 'no-reply@un.example.kz' } };
const manageUrl = 'https://seminars.example.kz/r/token123';

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return { calendar, event: calendar.getFirstSubcomponent('vevent')! };
}

describe('registrationCalendar', () => {
  it('is a REQUEST with a stable UID, the sequence, organizer, attendee, place and manage link while confirmed', () => {
    const { calendar, event } = parse(buildCalendar(registrationCalendar(registration, seminar, config, manageUrl)));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.getFirstPropertyValue('uid')).toBe('registration-7f1c2a3e-0b6d-4c1e-9a55-3d2f1e0c9b8a@seminars.example.kz');
    expect(event.getFirstPropertyValue('sequence')).toBe(2);
    expect(String(event.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:no-reply@un.example.kz');
    expect(String(event.getFirstPropertyValue('attendee')).toLowerCase()).toBe('mailto:aigul@example.kz');
    expect(event.getFirstPropertyValue('location')).toBe('UN House, Almaty');
    expect(event.getFirstPropertyValue('url')).toBe(manageUrl);
    expect(String(event.getFirstPropertyValue('description'))).toContain(manageUrl);
    expect(String(event.getFirstPropertyValue('description'))).toContain('https://meet.example.org/x');
    expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2026-12-03T05:00:00.000Z');
  });

  it('is a CANCEL once the registration or the seminar is cancelled, without the online link', () => {
    for (const [reg, sem] of [
      [{ ...registration, status: 'cancelled' }, seminar],
      [registration, { ...seminar, status: 'cancelled' }],
    ] as [Registration, Seminar][]) {
      const { calendar, event } = parse(buildCalendar(registrationCalendar(reg, sem, config, manageUrl)));
      expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
      expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(String(event.getFirstPropertyValue('description'))).not.toContain('meet.example.org');
    }
  });

  it('writes the description in the registrant language', () => {
    const input = registrationCalendar({ ...registration, language: 'ru' } as Registration, seminar, config, manageUrl);
    expect(input.description).toContain('Управление регистрацией');
  });

  it('uses the default MAIL_FROM (no-reply@localhost) as the ORGANIZER, as the contract says', () => {
    const input = registrationCalendar(registration, seminar, { ...config, mailFrom: { name: 'Seminars', address: 'no-reply@localhost' } }, manageUrl);
    expect(input.organizer.email).toBe('no-reply@localhost');
    expect(() => buildCalendar(input)).not.toThrow();
  });
});
