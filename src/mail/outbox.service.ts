import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CalendarEventInput } from '../calendar/calendar.js';
import type { Company } from '../companies/company.entity.js';
import type { Registration } from '../registrations/registration.entity.js';
import type { Seminar } from '../seminars/seminar.entity.js';
import { OutboxEmail } from './outbox-email.entity.js';

/**
 * What a registrant can be told. Calendar rules (the caller keeps `registration.calendarSequence`):
 * - confirmation, promoted, reminder, updated: METHOD:REQUEST with SEQUENCE = registration.calendarSequence
 * - cancelled, seminar-cancelled: METHOD:CANCEL with SEQUENCE = registration.calendarSequence
 * - waitlisted, manage-link: no calendar
 * Before queueing `updated`, `cancelled` or `seminar-cancelled`, the caller raises and saves
 * registration.calendarSequence, so each such message carries a higher SEQUENCE than the last.
 */
export type RegistrantEmailKind = 'confirmation' | 'waitlisted' | 'promoted' | 'updated' | 'cancelled' | 'seminar-cancelled' | 'reminder' | 'manage-link';

export interface RegistrantEmail {
  kind: RegistrantEmailKind;
  registration: Registration;
  seminar: Seminar;
  company: Company;
  /** PUBLIC_URL + /r/ + token */
  manageUrl: string;
  /** Database-enforced "at most once", e.g. `reminder:<registrationId>:24`. */
  dedupeKey?: string;
}

export interface QueuedMessage {
  kind: string;
  recipient: string;
  language: string;
  /** views/emails/<template>.html.hbs and .txt.hbs; subject from i18n key email.<template>.subject */
  template: string;
  data: Record<string, unknown>;
  calendar?: CalendarEventInput;
  dedupeKey?: string;
  registrationId?: string;
  seminarId?: string;
  invitationId?: string;
}

/**
 * The transactional outbox: features call these inside their own transaction, so an email exists
 * exactly when the change it reports was committed.
 */
@Injectable()
export class OutboxService {
  async queueRegistrantEmail(manager: EntityManager, email: RegistrantEmail): Promise<OutboxEmail> {
    // Placeholder until the mail feature renders templates and calendars.
    return this.queue(manager, {
      kind: email.kind,
      recipient: email.registration.email,
      language: email.registration.language,
      template: email.kind,
      data: { manageUrl: email.manageUrl },
      dedupeKey: email.dedupeKey,
      registrationId: email.registration.id,
      seminarId: email.seminar.id,
    });
  }

  async queue(manager: EntityManager, message: QueuedMessage): Promise<OutboxEmail> {
    const row = manager.create(OutboxEmail, {
      kind: message.kind,
      recipient: message.recipient,
      language: message.language,
      subject: message.kind,
      html: `<p>${message.kind}</p>`,
      text: message.kind,
      ics: null,
      icsMethod: null,
      messageId: `<${crypto.randomUUID()}@seminars>`,
      status: 'queued',
      nextAttemptAt: new Date(),
      dedupeKey: message.dedupeKey ?? null,
      registrationId: message.registrationId ?? null,
      seminarId: message.seminarId ?? null,
      invitationId: message.invitationId ?? null,
    });
    await manager.insert(OutboxEmail, row);
    return row;
  }
}
