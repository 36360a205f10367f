import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { buildCalendar, type CalendarEventInput, type CalendarMethod } from '../calendar/calendar.js';
import { ConflictError, NotFoundError } from '../common/domain-errors.js';
import type { Company } from '../companies/company.entity.js';
import { AppConfig } from '../config/app-config.js';
import { WritePath } from '../database/write-path.js';
import { formatDateTime, toLanguage, type Language } from '../i18n/i18n.js';
import { registrationCalendar } from '../registrations/registration-calendar.js';
import type { Registration } from '../registrations/registration.entity.js';
import type { Seminar } from '../seminars/seminar.entity.js';
import { safeHttpUrl, seminarWhen, seminarWhere } from './email-format.js';
import { EmailRenderer } from './email-renderer.js';
import { OutboxEmail, type OutboxStatus } from './outbox-email.entity.js';
import { ticketQrPng } from './ticket-qr.js';

/**
 * What a registrant can be told. Calendar rules (the caller keeps `registration.calendarSequence`):
 * - confirmation, promoted, reminder, updated: METHOD:REQUEST with SEQUENCE = registration.calendarSequence
 * - cancelled, seminar-cancelled: METHOD:CANCEL with SEQUENCE = registration.calendarSequence
 * - waitlisted, manage-link: no calendar
 * Before queueing `updated`, `cancelled` or `seminar-cancelled`, the caller raises and saves
 * registration.calendarSequence, so each such message carries a higher SEQUENCE than the last.
 *
 * Mail adds two guards of its own: a REQUEST goes only to a registration that is confirmed now, and a
 * CANCEL only to one that was sent a REQUEST before (a waitlisted person never had an event to remove).
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

/** An image the HTML part shows through `cid:`. */
export interface InlineImage {
  cid: string;
  filename: string;
  contentType: string;
  base64: string;
}

/** One row as the console and the API list it (the rendered bodies are left out). */
export interface OutboxSummary {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  language: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
  messageId: string;
  registrationId: string | null;
  seminarId: string | null;
  invitationId: string | null;
  icsMethod: string | null;
}

const REQUEST_KINDS = new Set<RegistrantEmailKind>(['confirmation', 'promoted', 'updated', 'reminder']);
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

/**
 * The transactional outbox: features call these inside their own transaction, so an email exists
 * exactly when the change it reports was committed. Everything is rendered here, at enqueue time,
 * so the worker sends what was true when the change happened, and a retry sends the same message.
 */
@Injectable()
export class OutboxService {
  constructor(
    @InjectRepository(OutboxEmail) private readonly rows: Repository<OutboxEmail>,
    private readonly renderer: EmailRenderer,
    private readonly writePath: WritePath,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async queueRegistrantEmail(manager: EntityManager, email: RegistrantEmail): Promise<OutboxEmail> {
    const { kind, registration, seminar, company, manageUrl } = email;
    const language = toLanguage(registration.language);
    const confirmed = registration.status === 'confirmed';
    const showsSeat = REQUEST_KINDS.has(kind) && confirmed;
    const onlineUrl = showsSeat ? safeHttpUrl(seminar.onlineUrl) : null;

    const method = await this.calendarMethod(manager, kind, registration);
    const calendar = method ? { ...registrationCalendar(registration, seminar, this.config, manageUrl), method } : undefined;

    const ticket = TICKET_KINDS.has(kind) && confirmed ? { code: registration.ticketCode, cid: TICKET_CID } : null;
    const inlineImages: InlineImage[] = ticket
      ? [{ cid: TICKET_CID, filename: 'ticket.png', contentType: 'image/png', base64: ticketQrPng(ticket.code).toString('base64') }]
      : [];

    const rendered = this.renderer.render(
      'registrant',
      language,
      {
        introKey: `email.${KIND_KEY[kind]}.intro`,
        fullName: registration.fullName,
        waitlistPosition: registration.waitlistPosition ?? '',
        title: seminar.title,
        date: formatDateTime(seminar.startsAt, seminar.timeZone, language),
        when: seminarWhen(seminar, language),
        where: seminarWhere(seminar, language),
        onlineUrl,
        onlineLater: !onlineUrl && !!seminar.onlineUrl && !CANCEL_KINDS.has(kind),
        companyName: company?.name ?? null,
        ticket,
        calendarKey: method === 'REQUEST' ? 'email.calendarRequest' : method === 'CANCEL' ? 'email.calendarCancel' : null,
        manageUrl,
      },
      `email.${KIND_KEY[kind]}.subject`,
    );
    return this.insert(manager, {
      kind,
      recipient: registration.email,
      language,
      ...rendered,
      ics: calendar ? buildCalendar(calendar) : null,
      icsMethod: calendar ? calendar.method : null,
      inlineImages,
      dedupeKey: email.dedupeKey,
      registrationId: registration.id,
      seminarId: seminar.id,
      invitationId: null,
    });
  }

  async queue(manager: EntityManager, message: QueuedMessage): Promise<OutboxEmail> {
    const rendered = this.renderer.render(message.template, message.language, message.data);
    return this.insert(manager, {
      kind: message.kind,
      recipient: message.recipient,
      language: toLanguage(message.language),
      ...rendered,
      ics: message.calendar ? buildCalendar(message.calendar) : null,
      icsMethod: message.calendar ? message.calendar.method : null,
      inlineImages: [],
      dedupeKey: message.dedupeKey,
      registrationId: message.registrationId ?? null,
      seminarId: message.seminarId ?? null,
      invitationId: message.invitationId ?? null,
    });
  }

  /** Newest first; the rendered bodies stay out of the list. */
  async list(filter: { status?: OutboxStatus; limit?: number } = {}): Promise<OutboxSummary[]> {
    const rows = await this.rows.find({
      where: filter.status ? { status: filter.status } : {},
      order: { createdAt: 'DESC', id: 'ASC' },
      take: Math.min(Math.max(filter.limit ?? 100, 1), 500),
    });
    return rows.map(summarise);
  }

  /** One row with its rendered parts, for a preview. */
  async get(id: string): Promise<OutboxEmail> {
    const row = typeof id === 'string' && id.length <= 36 ? await this.rows.findOneBy({ id }) : null;
    if (!row) throw new NotFoundError('email');
    return row;
  }

  /** A failed email goes back into the queue with a fresh budget of attempts, due now; audited in the same transaction. */
  async resend(id: string, actor: { id: string; email: string }): Promise<OutboxSummary> {
    return this.writePath.transaction(async (manager) => {
      const row = typeof id === 'string' && id.length <= 36 ? await manager.findOneBy(OutboxEmail, { id }) : null;
      if (!row) throw new NotFoundError('email');
      if (row.status !== 'failed') throw new ConflictError('not_failed', `status: only a failed email can be sent again; this one is ${row.status}`);
      const result = await manager.update(
        OutboxEmail,
        { id, status: 'failed' },
        { status: 'queued', attempts: 0, nextAttemptAt: new Date(), leaseUntil: null, lastError: null },
      );
      if (!result.affected) throw new ConflictError('not_failed', 'status: the email changed meanwhile');
      await this.audit.record(manager, actor, 'email.resent', 'outbox_email', id);
      return summarise({ ...row, status: 'queued', attempts: 0, nextAttemptAt: new Date(), leaseUntil: null, lastError: null });
    });
  }

  /** REQUEST only to a confirmed seat; CANCEL only where a REQUEST went out before. */
  private async calendarMethod(manager: EntityManager, kind: RegistrantEmailKind, registration: Registration): Promise<CalendarMethod | null> {
    if (REQUEST_KINDS.has(kind)) return registration.status === 'confirmed' ? 'REQUEST' : null;
    if (!CANCEL_KINDS.has(kind) || registration.status === 'waitlisted') return null;
    const invited = await manager
      .createQueryBuilder()
      .select('1', 'found')
      .from(OutboxEmail, 'o')
      .where('o.registration_id = :id AND o.ics_method = :method', { id: registration.id, method: 'REQUEST' })
      .limit(1)
      .getRawOne();
    return invited ? 'CANCEL' : null;
  }

  /**
   * With a dedupe key the insert is "insert or ignore" (ON CONFLICT DO NOTHING / INSERT OR IGNORE):
   * a unique violation would abort a PostgreSQL transaction, and two instances may race for the same key.
   * Returns the row that holds the key, whichever inserted it.
   */
  private async insert(
    manager: EntityManager,
    values: Omit<Partial<OutboxEmail>, 'inlineImages' | 'dedupeKey'> & { inlineImages: InlineImage[]; dedupeKey?: string },
  ): Promise<OutboxEmail> {
    const id = randomUUID();
    const now = new Date();
    const row = manager.create(OutboxEmail, {
      ...values,
      id,
      dedupeKey: values.dedupeKey ?? null,
      inlineImages: values.inlineImages.length ? JSON.stringify(values.inlineImages) : null,
      messageId: `<${id}@${this.config.mailFrom.address.split('@')[1]}>`,
      status: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      leaseUntil: null,
      lastError: null,
      sentAt: null,
      createdAt: now,
    });
    if (!row.dedupeKey) {
      await manager.insert(OutboxEmail, row);
      return row;
    }
    await manager.createQueryBuilder().insert().into(OutboxEmail).values(row).orIgnore().execute();
    return (await manager.findOneBy(OutboxEmail, { dedupeKey: row.dedupeKey })) ?? row;
  }
}

function summarise(row: OutboxEmail): OutboxSummary {
  return {
    id: row.id,
    kind: row.kind,
    recipient: row.recipient,
    subject: row.subject,
    language: row.language,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError,
    sentAt: row.sentAt,
    createdAt: row.createdAt,
    messageId: row.messageId,
    registrationId: row.registrationId,
    seminarId: row.seminarId,
    invitationId: row.invitationId,
    icsMethod: row.icsMethod,
  };
}
