/**
 * iCalendar (RFC 5545 / iTIP RFC 5546) invite and cancellation builder.
 *
 * Pure module: no app imports, no database, no Nest. Produces the text of a
 * single-event `METHOD:REQUEST` or `METHOD:CANCEL` calendar that Outlook,
 * Gmail and Apple Calendar treat as a real meeting invite / cancellation.
 *
 * All times are written in UTC (`...Z`), so no VTIMEZONE is needed.
 */
import ical, {
  ICalAlarmType,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';

export type CalendarMethod = 'REQUEST' | 'CANCEL';

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarEventInput {
  method: CalendarMethod;
  /** Stable per registration, e.g. `reg-<uuid>@<host>`. */
  uid: string;
  /** Integer >= 0; a CANCEL must carry a higher value than the last REQUEST. */
  sequence: number;
  /** From MAIL_FROM. */
  organizer: CalendarPerson;
  /** The registrant. */
  attendee: CalendarPerson;
  summary: string;
  /** Plain text, includes the manage link. */
  description: string;
  /** Venue + city, or null. */
  location: string | null;
  /** Manage link or online link (absolute http/https), or null. */
  url: string | null;
  startsAt: Date;
  endsAt: Date;
  /** IANA zone of the seminar (informational; times are written in UTC). */
  timeZone: string;
  /** DTSTAMP, default `new Date()`. */
  stamp?: Date;
  /** Default 1440 (a day before); only used on REQUEST; null for no alarm. */
  alarmMinutesBefore?: number | null;
}

const PRODID = { company: 'UN Seminars Kazakhstan', product: 'Registration', language: 'EN' };
const DEFAULT_ALARM_MINUTES = 1440;
/** RFC 5545 INTEGER is a signed 32-bit value. */
const MAX_ICAL_INTEGER = 2_147_483_647;

/** C0 controls (except TAB and LF) and DEL are not allowed in iCalendar TEXT. */
// eslint-disable-next-line no-control-regex
const DISALLOWED_TEXT_CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
/** Every control character, including CR and LF. */
// eslint-disable-next-line no-control-regex
const ALL_CONTROLS = /[\u0000-\u001F\u007F]+/g;

/**
 * "Plausible" address: one `@`, a domain (dotless hosts such as the default
 * `no-reply@localhost` are allowed), no whitespace, no control
 * characters and none of the characters that would be unsafe in a
 * `mailto:` value or an iCalendar content line.
 */
const EMAIL_LOCAL = String.raw`[^\s\p{Cc}@"(),:;<>\[\]\\?#%]+`;
const EMAIL_LABEL = String.raw`[^\s\p{Cc}@"(),:;<>\[\]\\?#%.]+`;
const EMAIL_RE = new RegExp(`^${EMAIL_LOCAL}@(?:${EMAIL_LABEL}\\.)*${EMAIL_LABEL}$`, 'u');

/** Multi-line TEXT (summary, description, location): keep newlines, normalize them to LF. */
function cleanText(value: string): string {
  return String(value).replace(/\r\n?/g, '\n').replace(DISALLOWED_TEXT_CONTROLS, '');
}

/** Single-line value: CR, LF and other control characters become a single space. */
function cleanLine(value: string): string {
  return String(value).replace(ALL_CONTROLS, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Display name for a quoted CN parameter. Quoted parameter values cannot
 * contain DQUOTE and have no backslash escaping (RFC 5545 3.2), and `^` is an
 * escape character under RFC 6868 for some parsers, so `"` becomes `'` and
 * `\` / `^` are dropped. Falls back to the e-mail when nothing is left.
 */
function cleanName(value: string, fallback: string): string {
  const name = cleanLine(value).replace(/"/g, "'").replace(/[\\^]/g, '').trim();
  return name || fallback;
}

function checkEmail(value: unknown, field: string): string {
  const email = typeof value === 'string' ? value.trim() : '';
  if (!email || email.length > 254 || !EMAIL_RE.test(email)) {
    throw new Error(`${field} is not a plausible e-mail address`);
  }
  return email;
}

function checkPerson(value: CalendarPerson | undefined, field: string): CalendarPerson {
  if (!value || typeof value !== 'object') {
    throw new Error(`${field} is required`);
  }
  const email = checkEmail(value.email, `${field}.email`);
  return { email, name: cleanName(typeof value.name === 'string' ? value.name : '', email) };
}

/** Valid Date, truncated to whole seconds (iCalendar DATE-TIME has no fractions). */
function checkDate(value: unknown, field: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new Error(`${field} must be a valid Date`);
  }
  return new Date(Math.floor(value.getTime() / 1000) * 1000);
}

function checkUrl(value: string | null | undefined): string | null {
  if (value === null || value === undefined || cleanLine(value) === '') {
    return null;
  }
  let parsed: URL;
  try {
    parsed = new URL(cleanLine(value));
  } catch {
    throw new Error('url must be an absolute http(s) URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error('url must be an absolute http(s) URL');
  }
  // ical-generator TEXT-escapes `,` `;` `\` in the URI value, which URI-typed
  // parsers keep verbatim; percent-encode them so the link survives intact.
  return parsed.href.replace(/[,;\\]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * Build the `.ics` text (CRLF line endings, lines folded at 75 octets) for a
 * single-event invite (`REQUEST`) or cancellation (`CANCEL`).
 *
 * @throws Error naming the offending field when the input is invalid.
 */
export function buildCalendar(input: CalendarEventInput): string {
  if (!input || typeof input !== 'object') {
    throw new Error('input is required');
  }
  const { method } = input;
  if (method !== 'REQUEST' && method !== 'CANCEL') {
    throw new Error('method must be REQUEST or CANCEL');
  }

  const uid = cleanLine(typeof input.uid === 'string' ? input.uid : '');
  if (!uid) {
    throw new Error('uid is required');
  }

  const { sequence } = input;
  if (typeof sequence !== 'number' || !Number.isInteger(sequence) || sequence < 0 || sequence > MAX_ICAL_INTEGER) {
    throw new Error('sequence must be a non-negative integer');
  }

  const startsAt = checkDate(input.startsAt, 'startsAt');
  const endsAt = checkDate(input.endsAt, 'endsAt');
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw new Error('endsAt must be after startsAt');
  }
  const stamp = input.stamp === undefined ? checkDate(new Date(), 'stamp') : checkDate(input.stamp, 'stamp');

  const alarmMinutes = input.alarmMinutesBefore === undefined ? DEFAULT_ALARM_MINUTES : input.alarmMinutesBefore;
  if (alarmMinutes !== null && (typeof alarmMinutes !== 'number' || !Number.isSafeInteger(alarmMinutes) || alarmMinutes < 0)) {
    throw new Error('alarmMinutesBefore must be a non-negative integer');
  }

  const organizer = checkPerson(input.organizer, 'organizer');
  const attendee = checkPerson(input.attendee, 'attendee');
  const summary = cleanText(input.summary ?? '');
  const description = cleanText(input.description ?? '');
  const location = input.location == null ? '' : cleanText(input.location);
  const url = checkUrl(input.url);
  const isRequest = method === 'REQUEST';

  const calendar = ical({
    prodId: PRODID,
    method: isRequest ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });

  const event = calendar.createEvent({
    id: uid,
    sequence,
    stamp,
    start: startsAt,
    end: endsAt,
    summary,
    description: description || null,
    location: location.trim() ? location : null,
    url,
    organizer: { name: organizer.name, email: organizer.email },
    status: isRequest ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
  });

  event.createAttendee({
    name: attendee.name,
    email: attendee.email,
    role: ICalAttendeeRole.REQ,
    rsvp: false,
    status: isRequest ? ICalAttendeeStatus.NEEDSACTION : null,
  });

  if (isRequest && alarmMinutes !== null) {
    event.createAlarm({
      type: ICalAlarmType.display,
      triggerBefore: alarmMinutes * 60,
      description: summary || 'Reminder',
    });
  }

  let text = calendar.toString();

  if (isRequest && alarmMinutes !== null) {
    // ical-generator writes the trigger as e.g. `-P1D`; the contract asks for
    // the equivalent minute form `-PT{alarmMinutesBefore}M`.
    const triggerLine = /\r\nTRIGGER:-?P[0-9WDTHMS]+\r\n/;
    if (!triggerLine.test(text)) {
      throw new Error('internal: VALARM TRIGGER not found in generated calendar');
    }
    text = text.replace(triggerLine, `\r\nTRIGGER:-PT${alarmMinutes}M\r\n`);
  }

  // ical-generator omits the CRLF after END:VCALENDAR; RFC 5545 requires it.
  return text.endsWith('\r\n') ? text : text + '\r\n';
}
