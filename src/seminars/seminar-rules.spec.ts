import type { Seminar } from './seminar.entity.js';
import { isRegistrationOpen, registrationClosesAt, registrationState, type RegistrationState } from './seminar-rules.js';

const startsAt = new Date('2026-12-10T05:00:00Z');
const endsAt = new Date('2026-12-10T09:00:00Z');

function seminar(overrides: Partial<Seminar> = {}): Seminar {
  return { status: 'published', startsAt, endsAt, registrationClosesAt: null, ...overrides } as Seminar;
}

describe('registrationState', () => {
  const closes = new Date('2026-12-08T12:00:00Z');
  const cases: [string, Partial<Seminar>, string, RegistrationState][] = [
    ['published, before everything', {}, '2026-12-01T00:00:00Z', 'open'],
    ['published, a second before the start', {}, '2026-12-10T04:59:59Z', 'open'],
    ['published, at the start', {}, '2026-12-10T05:00:00Z', 'started'],
    ['published, during the seminar', {}, '2026-12-10T07:00:00Z', 'started'],
    ['published, at the end', {}, '2026-12-10T09:00:00Z', 'ended'],
    ['published, before its own closing time', { registrationClosesAt: closes }, '2026-12-08T11:59:59Z', 'open'],
    ['published, at its own closing time', { registrationClosesAt: closes }, '2026-12-08T12:00:00Z', 'closed'],
    ['published, a closing time after the start counts as the start', { registrationClosesAt: new Date('2026-12-10T06:00:00Z') }, '2026-12-10T05:30:00Z', 'started'],
    ['draft', { status: 'draft' }, '2026-12-01T00:00:00Z', 'draft'],
    ['cancelled', { status: 'cancelled' }, '2026-12-01T00:00:00Z', 'cancelled'],
    ['cancelled after the end', { status: 'cancelled' }, '2026-12-11T00:00:00Z', 'cancelled'],
  ];
  it.each(cases)('%s', (_name, overrides, now, expected) => {
    expect(registrationState(seminar(overrides), new Date(now))).toBe(expected);
    expect(isRegistrationOpen(seminar(overrides), new Date(now))).toBe(expected === 'open');
  });

  it('closes at the earlier of the closing time and the start', () => {
    expect(registrationClosesAt(seminar())).toEqual(startsAt);
    expect(registrationClosesAt(seminar({ registrationClosesAt: new Date('2026-12-08T12:00:00Z') }))).toEqual(new Date('2026-12-08T12:00:00Z'));
    expect(registrationClosesAt(seminar({ registrationClosesAt: new Date('2026-12-11T00:00:00Z') }))).toEqual(startsAt);
  });
});
