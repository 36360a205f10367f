import { buildCalendar } from '../calendar/calendar.js';
import { isAcceptedEmail, normaliseEmail } from './email-address.js';

describe('the one address rule', () => {
  it.each([
    'first.person@example.com',
    "o'brien@example.kz",
    'sales+kz@example.com',
    'a_b-c~d@sub.example.org',
    'anna@пример.рф',
    'anna@xn--e1afmkfd.xn--p1ai',
  ])('accepts %s', (address) => {
    expect(isAcceptedEmail(normaliseEmail(address))).toBe(true);
  });

  it.each([
    'sales#kz@example.com',
    'fifty%off@example.com',
    'why?@example.com',
    '"quoted local"@example.com',
    '"a@b"@example.com',
    'a&b@example.com',
    'a/b@example.com',
    'a=b@example.com',
    'a{b}@example.com',
    'a|b@example.com',
    'a^b@example.com',
    'a`b@example.com',
    '.lead@example.com',
    'trail.@example.com',
    'two..dots@example.com',
    'no-at.example.com',
    'no-tld@localhost',
    'space in@example.com',
    'ctrl\r\n@example.com',
    'a@-example.com',
    'a@example.c',
    'a@[127.0.0.1]',
    'айгерим@example.kz',
    `${'a'.repeat(65)}@example.com`,
    `a@${'b'.repeat(250)}.com`,
  ])('refuses %j', (address) => {
    expect(isAcceptedEmail(normaliseEmail(address))).toBe(false);
  });

  it('gives NFC and NFD spellings of one address one form', () => {
    const nfc = 'Anna@Ёлка.Рф'.normalize('NFC');
    const nfd = 'Anna@Ёлка.Рф'.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(normaliseEmail(nfd)).toBe(normaliseEmail(nfc));
    expect(normaliseEmail(`  ${nfd} `)).toBe('anna@ёлка.рф');
    expect(isAcceptedEmail(normaliseEmail(nfd))).toBe(true);
    expect(normaliseEmail('anna@xn--e1afmkfd.xn--p1ai')).toBe('anna@пример.рф');
  });

  it('accepts only what the calendar builder also accepts', () => {
    const candidates = ['first.person@example.com', "o'brien@example.kz", 'sales#kz@example.com', 'x%y@example.com', '"q"@example.com', 'a?b@example.com', 'anna@пример.рф'];
    for (const address of candidates) {
      const calendar = () =>
        buildCalendar({
          method: 'REQUEST',
          uid: 'u@test',
          sequence: 0,
          organizer: { name: 'O', email: 'no-reply@localhost' },
          attendee: { name: 'A', email: address },
          summary: 'S',
          description: '',
          location: null,
          url: null,
          startsAt: new Date('2030-01-01T10:00:00Z'),
          endsAt: new Date('2030-01-01T11:00:00Z'),
          timeZone: 'UTC',
        });
      if (isAcceptedEmail(normaliseEmail(address))) expect(calendar).not.toThrow();
    }
  });
});
