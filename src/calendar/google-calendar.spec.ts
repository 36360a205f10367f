import { googleCalendarUrl } from './google-calendar.js';

describe('googleCalendarUrl', () => {
  it('carries the title, UTC times, place and details', () => {
    const url = new URL(
      googleCalendarUrl({
        title: 'БҰҰ сатып алулары & UNGM',
        startsAt: new Date('2026-12-03T05:00:00Z'),
        endsAt: new Date('2026-12-03T09:30:00Z'),
        location: 'UN House, Almaty',
        details: 'Manage: https://seminars.example.kz/r/abc',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(url.searchParams.get('action')).toBe('TEMPLATE');
    expect(url.searchParams.get('text')).toBe('БҰҰ сатып алулары & UNGM');
    expect(url.searchParams.get('dates')).toBe('20261203T050000Z/20261203T093000Z');
    expect(url.searchParams.get('location')).toBe('UN House, Almaty');
    expect(url.searchParams.get('details')).toBe('Manage: https://seminars.example.kz/r/abc');
  });

  it('leaves the location out when there is none', () => {
    const url = new URL(googleCalendarUrl({ title: 'x', startsAt: new Date(0), endsAt: new Date(3_600_000), location: null, details: '' }));
    expect(url.searchParams.has('location')).toBe(false);
  });
});
