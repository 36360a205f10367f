import { buildCalendar, type CalendarEventInput } from '../calendar/calendar.js';
import { ticketQrPng } from '../common/ticket-qr.js';

/** A QR code the HTML part shows through `cid:` (the ticket); drawn when the email is sent. */
export interface QrImage {
  cid: string;
  filename: string;
  /** What the QR code encodes. */
  text: string;
}

/** An image the HTML part shows through `cid:`. */
export interface InlineImage {
  cid: string;
  filename: string;
  contentType: string;
  base64: string;
}

/** Headers a message may add to the fixed ones; anything else in a payload is ignored. */
export const EXTRA_HEADERS = ['List-Unsubscribe', 'List-Unsubscribe-Post'] as const;

/** The calendar as stored: `CalendarEventInput` with its dates as ISO strings. */
export type StoredCalendar = Omit<CalendarEventInput, 'startsAt' | 'endsAt' | 'stamp'> & { startsAt: string; endsAt: string; stamp: string };

/**
 * What an outbox row keeps until it is sent: the template and a snapshot of its data, written in the
 * feature's transaction. The worker renders HTML, text, calendar and QR codes from it when it sends,
 * so a sign-up pays for none of that, and a retry renders the same message again.
 */
export interface OutboxPayload {
  template: string;
  subjectKey?: string;
  data: Record<string, unknown>;
  calendar?: StoredCalendar;
  images?: QrImage[];
  headers?: Record<string, string>;
}

export function storeCalendar(calendar: CalendarEventInput, stamp: Date): StoredCalendar {
  return {
    ...calendar,
    startsAt: toIso(calendar.startsAt),
    endsAt: toIso(calendar.endsAt),
    // Fixed at enqueue time: a retry must carry the same DTSTAMP, byte for byte.
    stamp: toIso(calendar.stamp ?? stamp),
  };
}

/** The .ics text of a stored calendar; throws (naming the field) when the snapshot cannot make one. */
export function renderStoredCalendar(stored: StoredCalendar): string {
  return buildCalendar({ ...stored, startsAt: new Date(stored.startsAt), endsAt: new Date(stored.endsAt), stamp: new Date(stored.stamp) });
}

export function renderQrImages(images: QrImage[] | undefined): InlineImage[] {
  return (images ?? []).map((image) => ({ cid: image.cid, filename: image.filename, contentType: 'image/png', base64: ticketQrPng(image.text).toString('base64') }));
}

function toIso(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  // An invalid date is stored as it is; rendering reports it and the row fails, not the transaction.
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}
