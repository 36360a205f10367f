import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildCalendar, type CalendarEventInput } from './calendar.js';

type Component = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;
type Time = InstanceType<typeof ICAL.Time>;
type Duration = InstanceType<typeof ICAL.Duration>;

const STARTS = new Date('2025-10-14T04:00:00Z'); // 09:00 in Asia/Almaty
const ENDS = new Date('2025-10-14T08:30:00Z');
const STAMP = new Date('2025-09-01T10:11:12Z');

const SUMMARY_RU = 'Семинар ООН: «Бизнес и права человека», Алматы; день 1';
const DESCRIPTION_KK =
  'Құрметті қатысушы, тіркеуіңіз расталды; рахмет!\n' +
  'Уважаемый участник, ваша регистрация подтверждена; спасибо.\n' +
  '<b>Разметка</b> & "кавычки" \\ обратный слэш\n\n' +
  'Управление регистрацией: https://seminars.example.kz/r/abc-123?lang=kk';
const LOCATION_RU = 'Отель «Казахстан», конференц-зал 2;\nпр. Абая 52, Алматы';

function baseInput(overrides: Partial<CalendarEventInput> = {}): CalendarEventInput {
  return {
    method: 'REQUEST',
    uid: 'reg-7f1c2a3e-0b6d-4c1e-9a55-3d2f1e0c9b8a@seminars.example.kz',
    sequence: 0,
    organizer: { name: 'UN Business Seminars', email: 'seminars@un.example.kz' },
    attendee: { name: 'Айгүл Нұрланқызы', email: 'aigul@example.kz' },
    summary: SUMMARY_RU,
    description: DESCRIPTION_KK,
    location: LOCATION_RU,
    url: 'https://seminars.example.kz/r/abc-123',
    startsAt: STARTS,
    endsAt: ENDS,
    timeZone: 'Asia/Almaty',
    stamp: STAMP,
    ...overrides,
  };
}

interface Parsed {
  root: Component;
  vevent: Component;
}

function parse(text: string): Parsed {
  const root = new ICAL.Component(ICAL.parse(text));
  expect(root.name).toBe('vcalendar');
  const vevents = root.getAllSubcomponents('vevent');
  expect(vevents).toHaveLength(1);
  return { root, vevent: vevents[0] };
}

function prop(component: Component, name: string): Property {
  const p = component.getFirstProperty(name);
  if (!p) throw new Error(`missing property ${name}`);
  return p;
}

function textValue(component: Component, name: string): string {
  const v = component.getFirstPropertyValue(name);
  if (typeof v !== 'string') throw new Error(`property ${name} is not a string: ${String(v)}`);
  return v;
}

function timeValue(component: Component, name: string): Time {
  return prop(component, name).getFirstValue() as Time;
}

/** Physical lines (split on CRLF), without the empty string after the final CRLF. */
function physicalLines(text: string): string[] {
  const lines = text.split('\r\n');
  expect(lines.pop()).toBe('');
  return lines;
}

/** Logical content lines (RFC 5545 unfolding). */
function contentLines(text: string): string[] {
  return physicalLines(text.replace(/\r\n[ \t]/g, ''));
}

function mailto(value: unknown): string {
  expect(typeof value).toBe('string');
  const m = /^mailto:(.*)$/i.exec(value as string);
  if (!m) throw new Error(`not a mailto URI: ${String(value)}`);
  return m[1];
}

describe('buildCalendar — REQUEST', () => {
  const text = buildCalendar(baseInput({ sequence: 3 }));
  const { root, vevent } = parse(text);

  it('is a VCALENDAR 2.0 with a PRODID, METHOD:REQUEST, one VEVENT and no VTIMEZONE', () => {
    expect(textValue(root, 'version')).toBe('2.0');
    expect(textValue(root, 'prodid')).toMatch(/^-\/\/.+\/\/.+\/\/EN$/);
    expect(textValue(root, 'method')).toBe('REQUEST');
    expect(root.getAllProperties('method')).toHaveLength(1);
    expect(root.getAllSubcomponents()).toHaveLength(1);
    expect(root.getAllSubcomponents('vtimezone')).toHaveLength(0);
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('carries UID, SEQUENCE and DTSTAMP', () => {
    expect(textValue(vevent, 'uid')).toBe(baseInput().uid);
    expect(vevent.getFirstPropertyValue('sequence')).toBe(3);
    expect(timeValue(vevent, 'dtstamp').toJSDate().getTime()).toBe(STAMP.getTime());
  });

  it('writes DTSTART/DTEND as the input instants in UTC form without TZID', () => {
    expect(timeValue(vevent, 'dtstart').toJSDate().getTime()).toBe(STARTS.getTime());
    expect(timeValue(vevent, 'dtend').toJSDate().getTime()).toBe(ENDS.getTime());
    expect(timeValue(vevent, 'dtstart').zone.tzid).toBe('UTC');
    expect(prop(vevent, 'dtstart').getParameter('tzid')).toBeUndefined();
    expect(prop(vevent, 'dtend').getParameter('tzid')).toBeUndefined();
    const lines = contentLines(text);
    expect(lines).toContain('DTSTART:20251014T040000Z');
    expect(lines).toContain('DTEND:20251014T083000Z');
    expect(text).not.toMatch(/TZID/);
  });

  it('has ORGANIZER with CN and mailto', () => {
    const organizers = vevent.getAllProperties('organizer');
    expect(organizers).toHaveLength(1);
    expect(mailto(organizers[0].getFirstValue())).toBe('seminars@un.example.kz');
    expect(organizers[0].getParameter('cn')).toBe('UN Business Seminars');
  });

  it('has exactly one ATTENDEE with CN, ROLE, PARTSTAT=NEEDS-ACTION, RSVP=FALSE and mailto', () => {
    const attendees = vevent.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    const a = attendees[0];
    expect(mailto(a.getFirstValue())).toBe('aigul@example.kz');
    expect(a.getParameter('cn')).toBe('Айгүл Нұрланқызы');
    expect(a.getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(a.getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(a.getParameter('rsvp')).toBe('FALSE');
  });

  it('is STATUS:CONFIRMED', () => {
    expect(textValue(vevent, 'status')).toBe('CONFIRMED');
  });

  it('has one DISPLAY VALARM triggering 1440 minutes before, with a DESCRIPTION', () => {
    const alarms = vevent.getAllSubcomponents('valarm');
    expect(alarms).toHaveLength(1);
    expect(textValue(alarms[0], 'action')).toBe('DISPLAY');
    const trigger = alarms[0].getFirstPropertyValue('trigger') as Duration;
    expect(trigger).toBeInstanceOf(ICAL.Duration);
    expect(trigger.toSeconds()).toBe(-1440 * 60);
    expect(contentLines(text)).toContain('TRIGGER:-PT1440M');
    expect(textValue(alarms[0], 'description').length).toBeGreaterThan(0);
  });

  it('round-trips Russian/Kazakh summary, description and location exactly', () => {
    expect(textValue(vevent, 'summary')).toBe(SUMMARY_RU);
    expect(textValue(vevent, 'description')).toBe(DESCRIPTION_KK);
    expect(textValue(vevent, 'location')).toBe(LOCATION_RU);
  });

  it('carries the URL unchanged', () => {
    expect(prop(vevent, 'url').getFirstValue()).toBe('https://seminars.example.kz/r/abc-123');
  });

  it('uses CRLF line endings only and folds lines at 75 octets', () => {
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of physicalLines(text)) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
    // The Cyrillic description is long enough that folding must have happened.
    expect(physicalLines(text).some((l) => l.startsWith(' '))).toBe(true);
  });
});

describe('buildCalendar — REQUEST details', () => {
  it('uses alarmMinutesBefore for the trigger', () => {
    const text = buildCalendar(baseInput({ alarmMinutesBefore: 90 }));
    const alarm = parse(text).vevent.getFirstSubcomponent('valarm');
    expect(alarm).not.toBeNull();
    expect((alarm!.getFirstPropertyValue('trigger') as Duration).toSeconds()).toBe(-90 * 60);
    expect(contentLines(text)).toContain('TRIGGER:-PT90M');
  });

  it('omits LOCATION and URL when null', () => {
    const { vevent } = parse(buildCalendar(baseInput({ location: null, url: null })));
    expect(vevent.getFirstProperty('location')).toBeNull();
    expect(vevent.getFirstProperty('url')).toBeNull();
  });

  it('keeps commas and semicolons in the URL usable (percent-encoded, not backslash-escaped)', () => {
    const { vevent } = parse(buildCalendar(baseInput({ url: 'https://meet.example.kz/j/1?ids=1,2;x=3' })));
    const value = prop(vevent, 'url').getFirstValue() as string;
    expect(value).not.toContain('\\');
    const parsed = new URL(value);
    expect(parsed.host).toBe('meet.example.kz');
    expect(parsed.searchParams.get('ids')).toBe('1,2;x=3');
  });

  it('folds very long non-Latin lines at <= 75 octets and they unfold to the exact text', () => {
    const longSummary = 'Қазақстандағы кәсіпкерлікті дамыту, «ООН»; ' + 'ә'.repeat(120);
    const longDescription = ('Тіркеуді басқару, сілтеме; ' + '😀'.repeat(5) + '\n').repeat(20);
    const text = buildCalendar(baseInput({ summary: longSummary, description: longDescription }));
    const lines = physicalLines(text);
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(10);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/[\uD800-\uDBFF]$/); // never splits a surrogate pair
    }
    const { vevent } = parse(text);
    expect(textValue(vevent, 'summary')).toBe(longSummary);
    expect(textValue(vevent, 'description')).toBe(longDescription);
  });

  it('runs with the line-folding patch applied (patches/ical-generator+10.2.0.patch, by npm install)', () => {
    // The library measures every character with a new TextEncoder: half the CPU of a meeting email.
    const dist = dirname(createRequire(import.meta.url).resolve('ical-generator'));
    for (const file of ['index.mjs', 'index.cjs']) {
      const library = readFileSync(join(dist, file), 'utf8');
      expect(library).toContain('Buffer.byteLength(i)');
      expect(library).not.toContain('new TextEncoder().encode(i)');
    }
  });

  it('normalizes CRLF inside text to LF (iCalendar escapes only \\n)', () => {
    const { vevent } = parse(buildCalendar(baseInput({ description: 'бір\r\nекі\rүш' })));
    expect(textValue(vevent, 'description')).toBe('бір\nекі\nүш');
  });

  it('defaults DTSTAMP to now', () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const text = buildCalendar(baseInput({ stamp: undefined }));
    const after = Date.now();
    const stamp = timeValue(parse(text).vevent, 'dtstamp').toJSDate().getTime();
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(stamp).toBeLessThanOrEqual(after);
  });

  it('is deterministic for a fixed stamp', () => {
    expect(buildCalendar(baseInput())).toBe(buildCalendar(baseInput()));
  });
});

describe('buildCalendar — CANCEL', () => {
  const request = parse(buildCalendar(baseInput({ sequence: 0 })));
  const cancelText = buildCalendar(baseInput({ method: 'CANCEL', sequence: 1 }));
  const cancel = parse(cancelText);

  it('is METHOD:CANCEL with STATUS:CANCELLED', () => {
    expect(textValue(cancel.root, 'method')).toBe('CANCEL');
    expect(textValue(cancel.vevent, 'status')).toBe('CANCELLED');
  });

  it('keeps the same UID with a higher SEQUENCE', () => {
    expect(textValue(cancel.vevent, 'uid')).toBe(textValue(request.vevent, 'uid'));
    expect(cancel.vevent.getFirstPropertyValue('sequence')).toBe(1);
    expect(request.vevent.getFirstPropertyValue('sequence')).toBe(0);
  });

  it('has no VALARM', () => {
    expect(cancel.vevent.getAllSubcomponents('valarm')).toHaveLength(0);
    expect(request.vevent.getAllSubcomponents('valarm')).toHaveLength(1);
    expect(cancelText).not.toMatch(/VALARM|TRIGGER/);
  });

  it('still names organizer and attendee, with the same times', () => {
    expect(mailto(prop(cancel.vevent, 'organizer').getFirstValue())).toBe('seminars@un.example.kz');
    const attendees = cancel.vevent.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(mailto(attendees[0].getFirstValue())).toBe('aigul@example.kz');
    expect(attendees[0].getParameter('cn')).toBe('Айгүл Нұрланқызы');
    expect(timeValue(cancel.vevent, 'dtstart').toJSDate().getTime()).toBe(STARTS.getTime());
    expect(timeValue(cancel.vevent, 'dtend').toJSDate().getTime()).toBe(ENDS.getTime());
  });
});

describe('buildCalendar — injection', () => {
  const evil = '\r\nATTENDEE:mailto:evil@x';

  function attendeeEmails(vevent: Component): string[] {
    return vevent.getAllProperties('attendee').map((p) => mailto(p.getFirstValue()));
  }

  it('an attendee name cannot add an attendee', () => {
    const text = buildCalendar(baseInput({ attendee: { name: 'Айгүл' + evil, email: 'aigul@example.kz' } }));
    const { vevent } = parse(text);
    expect(attendeeEmails(vevent)).toEqual(['aigul@example.kz']);
    expect(prop(vevent, 'attendee').getParameter('cn')).toBe('Айгүл ATTENDEE:mailto:evil@x');
    expect(contentLines(text).filter((l) => /^ATTENDEE[;:]/.test(l))).toHaveLength(1);
    expect(text).not.toMatch(/[\r\n]ATTENDEE:mailto:evil/);
  });

  it('an organizer name cannot add an attendee or a property', () => {
    const text = buildCalendar(
      baseInput({ organizer: { name: 'UN' + evil + '\nSTATUS:CANCELLED', email: 'seminars@un.example.kz' } }),
    );
    const { vevent } = parse(text);
    expect(attendeeEmails(vevent)).toEqual(['aigul@example.kz']);
    expect(vevent.getAllProperties('status')).toHaveLength(1);
    expect(textValue(vevent, 'status')).toBe('CONFIRMED');
    expect(prop(vevent, 'organizer').getParameter('cn')).toBe('UN ATTENDEE:mailto:evil@x STATUS:CANCELLED');
  });

  it('newlines in summary/description/location stay inside the text value', () => {
    const text = buildCalendar(
      baseInput({ summary: 'S' + evil, description: 'D' + evil, location: 'L' + evil }),
    );
    const { vevent } = parse(text);
    expect(attendeeEmails(vevent)).toEqual(['aigul@example.kz']);
    expect(textValue(vevent, 'summary')).toBe('S\nATTENDEE:mailto:evil@x');
    expect(textValue(vevent, 'description')).toBe('D\nATTENDEE:mailto:evil@x');
    expect(textValue(vevent, 'location')).toBe('L\nATTENDEE:mailto:evil@x');
  });

  it('a UID or URL cannot add properties', () => {
    const text = buildCalendar(
      baseInput({ uid: 'reg-1@example.kz' + evil, url: 'https://example.kz/m' + evil }),
    );
    const { vevent } = parse(text);
    expect(attendeeEmails(vevent)).toEqual(['aigul@example.kz']);
    expect(vevent.getAllProperties('uid')).toHaveLength(1);
    expect(textValue(vevent, 'uid')).toBe('reg-1@example.kz ATTENDEE:mailto:evil@x');
    expect(vevent.getAllProperties('url')).toHaveLength(1);
  });

  it('quotes, backslashes and carets in names cannot break out of the CN parameter', () => {
    const text = buildCalendar(
      baseInput({ attendee: { name: 'Иван "Ваня"\\ ^n Петров;ROLE=CHAIR:mailto:evil@x', email: 'ivan@example.kz' } }),
    );
    const { vevent } = parse(text);
    const attendees = vevent.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(mailto(attendees[0].getFirstValue())).toBe('ivan@example.kz');
    expect(attendees[0].getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(attendees[0].getParameter('cn')).toBe("Иван 'Ваня' n Петров;ROLE=CHAIR:mailto:evil@x");
  });

  it('other control characters are removed (names: replaced by a space; text: dropped, TAB kept)', () => {
    const text = buildCalendar(
      baseInput({
        attendee: { name: 'Ай\u0000гүл\u001b[31m', email: 'aigul@example.kz' },
        description: 'бір\u0007екі\tүш\u007f',
      }),
    );
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    const { vevent } = parse(text);
    expect(prop(vevent, 'attendee').getParameter('cn')).toBe('Ай гүл [31m');
    expect(textValue(vevent, 'description')).toBe('бірекі\tүш');
  });

  it('an e-mail containing CR/LF is rejected', () => {
    expect(() => buildCalendar(baseInput({ attendee: { name: 'A', email: 'aigul@example.kz' + evil } }))).toThrow(
      /attendee\.email/,
    );
  });
});

describe('buildCalendar — validation', () => {
  it.each([
    ['equal to startsAt', STARTS],
    ['before startsAt', new Date(STARTS.getTime() - 60_000)],
    ['equal once truncated to seconds', new Date(STARTS.getTime() + 999)],
  ])('throws naming endsAt when endsAt is %s', (_label, endsAt) => {
    expect(() => buildCalendar(baseInput({ endsAt }))).toThrow(/endsAt/);
  });

  it('throws naming startsAt / endsAt / stamp for invalid dates', () => {
    expect(() => buildCalendar(baseInput({ startsAt: new Date('nope') }))).toThrow(/startsAt/);
    expect(() => buildCalendar(baseInput({ endsAt: new Date(NaN) }))).toThrow(/endsAt/);
    expect(() => buildCalendar(baseInput({ stamp: new Date(NaN) }))).toThrow(/stamp/);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, '1' as unknown as number])(
    'throws naming sequence for %p',
    (sequence) => {
      expect(() => buildCalendar(baseInput({ sequence }))).toThrow(/sequence/);
    },
  );

  it('accepts sequence 0 and large valid sequences', () => {
    expect(parse(buildCalendar(baseInput({ sequence: 0 }))).vevent.getFirstPropertyValue('sequence')).toBe(0);
    expect(parse(buildCalendar(baseInput({ sequence: 41 }))).vevent.getFirstPropertyValue('sequence')).toBe(41);
  });

  it.each(['', 'not-an-email', 'a b@example.kz', 'a@@example.kz', 'a@example..kz', 'a;b@example.kz', 'a,b@example.kz', '"a"@example.kz', 'a@example.kz>'])(
    'throws naming attendee.email for %p',
    (email) => {
      expect(() => buildCalendar(baseInput({ attendee: { name: 'A', email } }))).toThrow(/attendee\.email/);
    },
  );

  it('throws naming organizer.email for an implausible organizer address', () => {
    expect(() => buildCalendar(baseInput({ organizer: { name: 'UN', email: 'seminars at un' } }))).toThrow(
      /organizer\.email/,
    );
  });

  it('accepts the default organizer no-reply@localhost (a dotless host)', () => {
    const { vevent } = parse(buildCalendar(baseInput({ organizer: { name: 'UN Business Seminars', email: 'no-reply@localhost' } })));
    expect(mailto(prop(vevent, 'organizer').getFirstValue())).toBe('no-reply@localhost');
  });

  it('accepts plausible addresses including IDN and plus-addressing', () => {
    const { vevent } = parse(buildCalendar(baseInput({ attendee: { name: 'A', email: 'a.b+seminar@мысал.қаз' } })));
    expect(mailto(prop(vevent, 'attendee').getFirstValue())).toBe('a.b+seminar@мысал.қаз');
  });

  it('throws naming alarmMinutesBefore for a negative or fractional value', () => {
    expect(() => buildCalendar(baseInput({ alarmMinutesBefore: -5 }))).toThrow(/alarmMinutesBefore/);
    expect(() => buildCalendar(baseInput({ alarmMinutesBefore: 2.5 }))).toThrow(/alarmMinutesBefore/);
  });

  it('throws naming url for a non-http(s) URL and uid for an empty UID', () => {
    expect(() => buildCalendar(baseInput({ url: 'javascript:alert(1)' }))).toThrow(/url/);
    expect(() => buildCalendar(baseInput({ url: 'not a url' }))).toThrow(/url/);
    expect(() => buildCalendar(baseInput({ uid: ' \r\n ' }))).toThrow(/uid/);
  });

  it('throws naming method for an unknown method', () => {
    expect(() => buildCalendar(baseInput({ method: 'PUBLISH' as never }))).toThrow(/method/);
  });
});
