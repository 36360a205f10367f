import ICAL from 'ical.js';
import type { ReceivedMail } from './smtp-sink.js';

export interface MimePart {
  contentType: string;
  headers: string;
  body: string;
}

/** Every leaf part of a MIME message with its headers (a small walker, so the structure itself is checked). */
export function mimeParts(raw: string): MimePart[] {
  const split = (entity: string): MimePart[] => {
    const index = entity.indexOf('\r\n\r\n');
    const headers = index < 0 ? entity : entity.slice(0, index);
    const body = index < 0 ? '' : entity.slice(index + 4);
    const unfolded = headers.replace(/\r\n[ \t]+/g, ' ');
    const contentType = /^content-type:\s*([^\r\n]+)/im.exec(unfolded)?.[1] ?? 'text/plain';
    const boundary = /boundary="?([^";\r\n]+)"?/i.exec(contentType)?.[1];
    if (!/^multipart\//i.test(contentType) || !boundary) return [{ contentType, headers: unfolded, body }];
    const pieces = body.split(`--${boundary}`).slice(1);
    return pieces.filter((piece) => !piece.startsWith('--')).flatMap((piece) => split(piece.replace(/^\r\n/, '')));
  };
  return split(raw);
}

/** The structure of the message as a list of content types, nesting included. */
export function mimeTree(raw: string): string[] {
  const walk = (entity: string, depth: number): string[] => {
    const index = entity.indexOf('\r\n\r\n');
    const headers = (index < 0 ? entity : entity.slice(0, index)).replace(/\r\n[ \t]+/g, ' ');
    const body = index < 0 ? '' : entity.slice(index + 4);
    const contentType = /^content-type:\s*([^\r\n]+)/im.exec(headers)?.[1] ?? 'text/plain';
    const type = contentType.split(';')[0].trim().toLowerCase();
    const boundary = /boundary="?([^";\r\n]+)"?/i.exec(contentType)?.[1];
    const own = `${'  '.repeat(depth)}${type}`;
    if (!type.startsWith('multipart/') || !boundary) return [own];
    const pieces = body.split(`--${boundary}`).slice(1).filter((piece) => !piece.startsWith('--'));
    return [own, ...pieces.flatMap((piece) => walk(piece.replace(/^\r\n/, ''), depth + 1))];
  };
  return walk(raw, 0);
}

export function decodePart(part: MimePart): string {
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(part.headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const soft = part.body.replace(/=\r\n/g, '');
    return Buffer.from(soft.replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  }
  return part.body;
}

export interface ParsedInvite {
  method: string;
  events: number;
  uid: string;
  sequence: number;
  status: string | null;
  dtstamp: Date;
  start: Date;
  end: Date;
  organizer: string;
  organizerName: string | null;
  attendee: string;
  attendeeName: string | null;
  summary: string;
  description: string;
  location: string | null;
  url: string | null;
  alarms: number;
  /** TZIDs used by DTSTART/DTEND and VTIMEZONEs present. */
  tzids: string[];
  timezones: string[];
}

/** Parses the calendar with ical.js, property by property. */
export function parseInvite(ics: string): ParsedInvite {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents('vevent');
  const event = events[0];
  const organizer = event.getFirstProperty('organizer')!;
  const attendee = event.getFirstProperty('attendee')!;
  const time = (name: string) => (event.getFirstPropertyValue(name) as ICAL.Time).toJSDate();
  const tzids = ['dtstart', 'dtend'].map((name) => event.getFirstProperty(name)?.getParameter('tzid')).filter(Boolean) as string[];
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    events: events.length,
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    status: (event.getFirstPropertyValue('status') as string | null) ?? null,
    dtstamp: time('dtstamp'),
    start: time('dtstart'),
    end: time('dtend'),
    organizer: String(organizer.getFirstValue()),
    organizerName: (organizer.getParameter('cn') as string | undefined) ?? null,
    attendee: String(attendee.getFirstValue()),
    attendeeName: (attendee.getParameter('cn') as string | undefined) ?? null,
    summary: String(event.getFirstPropertyValue('summary')),
    description: String(event.getFirstPropertyValue('description') ?? ''),
    location: (event.getFirstPropertyValue('location') as string | null) ?? null,
    url: (event.getFirstPropertyValue('url') as string | null) ?? null,
    alarms: event.getAllSubcomponents('valarm').length,
    tzids,
    timezones: calendar.getAllSubcomponents('vtimezone').map((zone) => String(zone.getFirstPropertyValue('tzid'))),
  };
}

/** The two copies of the calendar in a message: the text/calendar alternative and the invite.ics attachment. */
export function calendarsOf(mail: ReceivedMail): { alternative: MimePart | null; attachment: MimePart | null } {
  const parts = mimeParts(mail.raw);
  return {
    alternative: parts.find((part) => /^text\/calendar/i.test(part.contentType)) ?? null,
    attachment: parts.find((part) => /^application\/ics/i.test(part.contentType)) ?? null,
  };
}
