import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { buildCalendar, type CalendarMethod } from '../calendar/calendar.js';
import type { Company } from '../companies/index.js';
import { AppConfig } from '../config/app-config.js';
import { formatDateTime, toLanguage, type Language } from '../i18n/i18n.js';
import { CALENDAR_UID_DOMAIN, safeHttpUrl, seminarWhen, seminarWhere, type OutboxEmail, OutboxService, type QueuedMessage } from '../mail/index.js';
import { type Seminar, describeSeminarChanges, type SeminarDetails } from '../seminars/index.js';
import { registrationCalendar } from './registration-calendar.js';
import type { Registration } from './registration.entity.js';

/**
 * What a registrant can be told. Calendar rules (the caller keeps `registration.calendarSequence`):
 * - confirmation, promoted, updated: METHOD:REQUEST with SEQUENCE = registration.calendarSequence
 * - cancelled, seminar-cancelled: METHOD:CANCEL with SEQUENCE = registration.calendarSequence
 * - reminder: the last REQUEST again, same SEQUENCE and same DTSTAMP, so that clients treat it as a
 *   duplicate (RFC 5546 2.1.5: no answer reset, no new prompt), plus a link to download the current invite
 * - waitlisted, manage-link: no calendar; `updated` to a waitlisted person too (they are told of a move)
 * Before queueing `updated`, `cancelled` or `seminar-cancelled`, the caller raises and saves
 * registration.calendarSequence, so each such message carries a higher SEQUENCE than the last.
 *
 * Two guards on top: a REQUEST goes only to a registration that is confirmed now, and a CANCEL only
 * to one that was sent a REQUEST before (a waitlisted person never had an event to remove).
 */
export type RegistrantEmailKind = 'confirmation' | 'waitlisted' | 'promoted' | 'updated' | 'cancelled' | 'seminar-cancelled' | 'reminder' | 'manage-link';

export interface RegistrantEmail {
  kind: RegistrantEmailKind;
  registration: Registration;
  seminar: Seminar;
  company: Pick<Company, 'name'> | null;
  /** PUBLIC_URL + /r/ + token */
  manageUrl: string;
  /** Database-enforced "at most once", e.g. `reminder:<registrationId>:24`. */
  dedupeKey?: string;
  /** For an update: the seminar as it was, so the email says what changed. */
  before?: SeminarDetails;
}

const REQUEST_KINDS = new Set<RegistrantEmailKind>(['confirmation', 'promoted', 'updated']);
/** Kinds that show the seat (online link, ticket) to a confirmed person. */
const SEAT_KINDS = new Set<RegistrantEmailKind>(['confirmation', 'promoted', 'updated', 'reminder']);
const CANCEL_KINDS = new Set<RegistrantEmailKind>(['cancelled', 'seminar-cancelled']);
const TICKET_KINDS = new Set<RegistrantEmailKind>(['confirmation', 'promoted', 'reminder']);
/** i18n keys are camelCase; kinds are the stable names stored in the outbox. */
const KIND_KEY: Record<RegistrantEmailKind, string> = {
  confirmation: 'confirmation',
  waitlisted: 'waitlisted',
  promoted: 'promoted',
  updated: 'updated',
  cancelled: 'cancelled',
  'seminar-cancelled': 'seminarCancelled',
  reminder: 'reminder',
  'manage-link': 'manageLink',
};
const TICKET_CID = 'ticket-qr@seminars';

const datesCache = new Map<string, { date: string; when: string }>();

/**
 * The seminar's date and "when" in words: the same for every email of a seminar in one language, and
 * formatting them was the largest part of building a sign-up's message (profile). Keyed by what they
 * are made of, so a moved seminar gets new ones; bounded.
 */
function seminarDates(seminar: Seminar, language: Language): { date: string; when: string } {
  const key = `${seminar.startsAt.getTime()}|${seminar.endsAt.getTime()}|${seminar.timeZone}|${language}`;
  let dates = datesCache.get(key);
  if (!dates) {
    if (datesCache.size > 1000) datesCache.clear();
    dates = { date: formatDateTime(seminar.startsAt, seminar.timeZone, language), when: seminarWhen(seminar, language) };
    datesCache.set(key, dates);
  }
  return dates;
}

function signUpMethod(email: RegistrantEmail): CalendarMethod | null {
  if (email.kind !== 'confirmation' && email.kind !== 'waitlisted') throw new Error(`not a sign-up email: ${email.kind}`);
  return REQUEST_KINDS.has(email.kind) && email.registration.status === 'confirmed' ? 'REQUEST' : null;
}

/**
 * The emails a registrant gets: their kinds, wording and calendar rules. Each becomes a message
 * (template `registrant`, a snapshot of the data, the calendar input) that mail renders when it sends.
 */
@Injectable()
export class RegistrantMailer {
  constructor(
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    @Inject(CALENDAR_UID_DOMAIN) private readonly uidDomain: string,
  ) {}

  /** The registrant's current calendar file (the invite.ics download): REQUEST while confirmed, CANCEL once cancelled. */
  inviteFile(registration: Registration, seminar: Seminar, now = new Date()): string {
    return buildCalendar(registrationCalendar(registration, seminar, this.calendarSettings(), now));
  }

  private calendarSettings() {
    return { uidDomain: this.uidDomain, mailFrom: this.config.mailFrom };
  }

  /** Queues one email inside the caller's transaction. */
  async queue(manager: EntityManager, email: RegistrantEmail) {
    const method = await this.calendarMethod(manager, email.kind, email.registration);
    const stamp = email.kind === 'reminder' && method ? await this.outbox.lastCalendarStamp(manager, email.registration.id, 'REQUEST') : null;
    return this.outbox.queue(manager, this.message(email, method, stamp));
  }

  /**
   * The sign-up's own email (confirmation or waitlisted), queued without a database read: the
   * calendar rule for these two kinds needs none (a REQUEST for a confirmed seat, none on the waitlist).
   */
  queueSignUp(manager: EntityManager, email: RegistrantEmail): Promise<OutboxEmail> {
    return this.outbox.queue(manager, this.message(email, signUpMethod(email)));
  }

  /** Turns the sign-up email queued above into the one for the place the sign-up got after all (the waitlist). */
  requeueSignUp(manager: EntityManager, queued: OutboxEmail, email: RegistrantEmail): Promise<OutboxEmail> {
    return this.outbox.requeue(manager, queued, this.message(email, signUpMethod(email)));
  }

  /** The message for `email`, given the calendar method the rules above chose (pure, no database). */
  message(email: RegistrantEmail, method: CalendarMethod | null, stamp: Date | null = null): QueuedMessage {
    const { kind, registration, seminar, company, manageUrl } = email;
    const language = toLanguage(registration.language);
    const confirmed = registration.status === 'confirmed';
    const showsSeat = SEAT_KINDS.has(kind) && confirmed;
    const onlineUrl = showsSeat ? safeHttpUrl(seminar.onlineUrl) : null;
    // An online seminar has no door: no ticket to show at an entrance.
    const ticket = TICKET_KINDS.has(kind) && confirmed && seminar.format !== 'online' ? { code: registration.ticketCode, cid: TICKET_CID } : null;
    const calendar = method ? { ...registrationCalendar(registration, seminar, this.calendarSettings()), method, ...(stamp ? { stamp } : {}) } : undefined;
    // The manage link's last part is the token.
    const token = new URL(manageUrl).pathname.split('/').pop();
    const icsUrl = kind === 'reminder' && confirmed ? `${this.config.publicUrl}/api/registrations/${token}/invite.ics` : null;
    const introKey = kind === 'updated' && !confirmed ? 'email.updatedWaitlisted.intro' : `email.${KIND_KEY[kind]}.intro`;
    return {
      kind,
      recipient: registration.email,
      language,
      template: 'registrant',
      subjectKey: `email.${KIND_KEY[kind]}.subject`,
      data: {
        introKey,
        fullName: registration.fullName,
        waitlistPosition: registration.waitlistPosition ?? '',
        title: seminar.title,
        ...seminarDates(seminar, language),
        where: seminarWhere(seminar, language),
        onlineUrl,
        onlineLater: !onlineUrl && !!seminar.onlineUrl && !CANCEL_KINDS.has(kind),
        companyName: company?.name ?? null,
        ticket,
        // A cancellation has nothing left to manage: no "manage" button.
        cancelled: CANCEL_KINDS.has(kind),
        calendarKey: method === 'REQUEST' ? 'email.calendarRequest' : method === 'CANCEL' ? 'email.calendarCancel' : null,
        icsUrl,
        manageUrl,
        // "When: 10:00 – 13:00 → 11:00 – 14:00", in the registrant's language.
        changes: email.before ? describeSeminarChanges(email.before, seminar, language) : [],
      },
      calendar,
      qrImages: ticket ? [{ cid: TICKET_CID, filename: 'ticket.png', text: ticket.code }] : undefined,
      dedupeKey: email.dedupeKey,
      registrationId: registration.id,
      seminarId: seminar.id,
    };
  }

  /** REQUEST only to a confirmed seat; CANCEL only where a REQUEST went out before. */
  private async calendarMethod(manager: EntityManager, kind: RegistrantEmailKind, registration: Registration): Promise<CalendarMethod | null> {
    if (REQUEST_KINDS.has(kind)) return registration.status === 'confirmed' ? 'REQUEST' : null;
    // The contract: a reminder carries the invite. It repeats the last REQUEST (see above), so only where one went out.
    if (kind === 'reminder') return registration.status === 'confirmed' && (await this.outbox.sentCalendar(manager, registration.id, 'REQUEST')) ? 'REQUEST' : null;
    if (!CANCEL_KINDS.has(kind) || registration.status === 'waitlisted') return null;
    return (await this.outbox.sentCalendar(manager, registration.id, 'REQUEST')) ? 'CANCEL' : null;
  }
}
