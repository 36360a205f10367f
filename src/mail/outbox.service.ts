import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/index.js';
import type { CalendarEventInput, CalendarMethod } from '../calendar/calendar.js';
import { ConflictError, NotFoundError } from '../common/domain-errors.js';
import { isAcceptedEmail, normaliseEmail } from '../common/email-address.js';
import { searchPattern } from '../common/search-text.js';
import { AppConfig } from '../config/app-config.js';
import { runSql, sqlTimestamp } from '../database/rows.js';
import { WritePath } from '../database/write-path.js';
import { toLanguage } from '../i18n/i18n.js';
import { EmailRenderer } from './email-renderer.js';
import { OutboxEmail, type OutboxStatus } from './outbox-email.entity.js';
import { storeCalendar, type OutboxPayload, type QrImage } from './outbox-payload.js';
import { OutboxRenderer } from './outbox-renderer.js';

export type { InlineImage, QrImage } from './outbox-payload.js';

/**
 * An email a feature hands to mail inside its own transaction. Everything in it is a snapshot taken
 * at that moment and must be JSON-serialisable (format dates before); mail renders it when it sends.
 */
export interface QueuedMessage {
  kind: string;
  recipient: string;
  language: string;
  /** views/emails/<template>.html.hbs and .txt.hbs; subject from i18n key email.<template>.subject */
  template: string;
  data: Record<string, unknown>;
  /** Another i18n key for the subject (its parameters come from `data`). */
  subjectKey?: string;
  /** Built into an .ics when sent; DTSTAMP defaults to the enqueue time so a retry is identical. */
  calendar?: CalendarEventInput;
  /** QR codes the HTML shows through `cid:`, drawn when sent (the ticket). */
  qrImages?: QrImage[];
  /** List-Unsubscribe and List-Unsubscribe-Post (bulk mail); other names are ignored. */
  headers?: Record<string, string>;
  dedupeKey?: string;
  registrationId?: string;
  seminarId?: string;
  invitationId?: string;
}

const INSERT_ROW =
  'INSERT INTO outbox_email (id, kind, recipient, registration_id, seminar_id, invitation_id, dedupe_key, language, subject, html, text, ics, ics_method, inline_images, payload, message_id, status, attempts, next_attempt_at, lease_until, last_error, sent_at, created_at)' +
  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', NULL, ?, NULL, ?, ?, 'queued', 0, ?, NULL, NULL, NULL, ?)";

/** One row as the console and the API list it (the bodies are left out). */
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

/** What the console's outbox page asks for. */
export interface OutboxSearch {
  status?: OutboxStatus;
  kind?: string;
  /** a whole address or a part of one */
  q?: string;
  page: number;
  pageSize: number;
}

/** A row with its parts rendered for a preview. */
export type OutboxPreview = OutboxEmail & { renderError: string | null };

/**
 * The transactional outbox: features call `queue` inside their own transaction, so an email exists
 * exactly when the change it reports was committed. The row holds a snapshot (template, data,
 * calendar input); the worker renders it when it sends. Nothing here can fail the caller's
 * transaction over the content of an email: a snapshot that cannot be rendered becomes a failed row
 * with its error, for the console to show.
 */
@Injectable()
export class OutboxService {
  constructor(
    @InjectRepository(OutboxEmail) private readonly rows: Repository<OutboxEmail>,
    private readonly emails: EmailRenderer,
    private readonly renderer: OutboxRenderer,
    private readonly writePath: WritePath,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async queue(manager: EntityManager, message: QueuedMessage): Promise<OutboxEmail> {
    const row = this.prepare(message);
    // One plain statement: this runs in every sign-up.
    const values = [
      row.id,
      row.kind,
      row.recipient,
      row.registrationId,
      row.seminarId,
      row.invitationId,
      row.dedupeKey,
      row.language,
      row.subject,
      row.icsMethod,
      row.payload,
      row.messageId,
      sqlTimestamp(manager, row.nextAttemptAt),
      sqlTimestamp(manager, row.createdAt),
    ];
    if (!row.dedupeKey) {
      await runSql(manager, INSERT_ROW, values);
      return row;
    }
    // "Insert or ignore": a unique violation would abort a PostgreSQL transaction, and two instances may race for the key.
    await runSql(manager, `${INSERT_ROW} ON CONFLICT DO NOTHING`, values);
    return (await manager.findOneBy(OutboxEmail, { dedupeKey: row.dedupeKey })) ?? row;
  }

  /**
   * Replaces what a row queued earlier in the same transaction says (kind, subject, snapshot), for a
   * caller that learns the outcome only later in that transaction (a sign-up queues its confirmation
   * before it takes the seat, and turns it into the waitlist email if there was none).
   */
  async requeue(manager: EntityManager, queued: OutboxEmail, message: QueuedMessage): Promise<OutboxEmail> {
    const row = this.prepare(message, queued.createdAt);
    await runSql(manager, 'UPDATE outbox_email SET kind = ?, subject = ?, ics_method = ?, payload = ? WHERE id = ?', [row.kind, row.subject, row.icsMethod, row.payload, queued.id]);
    return Object.assign(queued, { kind: row.kind, subject: row.subject, icsMethod: row.icsMethod, payload: row.payload });
  }

  /**
   * The row `queue` would insert, built without the database (synchronous and cheap: no template,
   * calendar or QR code is rendered here). For a caller that writes the row with its own statement.
   */
  prepare(message: QueuedMessage, now = new Date()): OutboxEmail {
    const id = randomUUID();
    const language = toLanguage(message.language);
    const payload: OutboxPayload = { template: message.template, data: message.data ?? {} };
    if (message.subjectKey) payload.subjectKey = message.subjectKey;
    if (message.calendar) payload.calendar = storeCalendar(message.calendar, now);
    if (message.qrImages?.length) payload.images = message.qrImages;
    if (message.headers) payload.headers = message.headers;
    return Object.assign(new OutboxEmail(), {
      id,
      kind: message.kind,
      recipient: String(message.recipient ?? '').slice(0, 254),
      registrationId: message.registrationId ?? null,
      seminarId: message.seminarId ?? null,
      invitationId: message.invitationId ?? null,
      dedupeKey: message.dedupeKey ?? null,
      language,
      subject: this.subjectOf(message, language),
      html: '',
      text: '',
      ics: null,
      icsMethod: message.calendar ? message.calendar.method : null,
      inlineImages: null,
      payload: JSON.stringify(payload),
      messageId: `<${id}@${this.config.mailFrom.address.split('@')[1]}>`,
      status: 'queued' as const,
      attempts: 0,
      nextAttemptAt: now,
      leaseUntil: null,
      lastError: null,
      sentAt: null,
      createdAt: now,
    });
  }

  /** Whether a registration (or anything else keyed the same way) was ever sent a calendar with this method. */
  async sentCalendar(manager: EntityManager, registrationId: string, method: CalendarMethod): Promise<boolean> {
    const found = await manager
      .createQueryBuilder()
      .select('1', 'found')
      .from(OutboxEmail, 'o')
      .where('o.registration_id = :registrationId AND o.ics_method = :method', { registrationId, method })
      .limit(1)
      .getRawOne();
    return !!found;
  }

  /**
   * The DTSTAMP of the latest calendar with this method sent for a registration, or null. A reminder
   * repeats that REQUEST with the same SEQUENCE and DTSTAMP, which RFC 5546 (2.1.5) makes a duplicate:
   * clients keep the attendee's answer and do not prompt again.
   */
  async lastCalendarStamp(manager: EntityManager, registrationId: string, method: CalendarMethod): Promise<Date | null> {
    const row = await manager
      .createQueryBuilder()
      .select('o.payload', 'payload')
      .from(OutboxEmail, 'o')
      .where('o.registration_id = :registrationId AND o.ics_method = :method AND o.payload IS NOT NULL', { registrationId, method })
      .orderBy('o.created_at', 'DESC')
      .limit(1)
      .getRawOne<{ payload: string }>();
    const stamp = row ? (JSON.parse(row.payload) as { calendar?: { stamp?: string } }).calendar?.stamp : undefined;
    return stamp ? new Date(stamp) : null;
  }

  /** Whether a row with this dedupe key exists (inside the caller's transaction). */
  async hasDedupeKey(manager: EntityManager, dedupeKey: string): Promise<boolean> {
    return manager.existsBy(OutboxEmail, { dedupeKey });
  }

  /** Newest first; the bodies stay out of the list. */
  async list(filter: { status?: OutboxStatus; limit?: number } = {}): Promise<OutboxSummary[]> {
    const rows = await this.rows.find({
      where: filter.status ? { status: filter.status } : {},
      order: { createdAt: 'DESC', id: 'ASC' },
      take: Math.min(Math.max(filter.limit ?? 100, 1), 500),
    });
    return rows.map(summarise);
  }

  /**
   * The console's outbox: newest first, filtered by status and kind, searched by recipient (a whole
   * address is looked up through its index, a part of one matched as text; addresses are stored
   * normalised, in lower case), a page at a time, with the number of matches.
   */
  async search(filter: OutboxSearch): Promise<{ rows: OutboxSummary[]; total: number }> {
    const query = this.rows.createQueryBuilder('o');
    if (filter.status) query.andWhere('o.status = :status', { status: filter.status });
    if (filter.kind) query.andWhere('o.kind = :kind', { kind: filter.kind });
    const q = filter.q?.trim();
    const like = q && !isAcceptedEmail(q) ? searchPattern(q) : null;
    if (q && isAcceptedEmail(q)) query.andWhere('o.recipient = :recipient', { recipient: normaliseEmail(q) });
    else if (like) query.andWhere("o.recipient LIKE :like ESCAPE '\\'", { like });
    // A part of an address matches anywhere in the table. SQLite would walk the created_at index
    // for the LIMIT and read every row through it when the part is rare (84-143 ms at 50,000 rows);
    // `+` keeps it on one scan and a sort (13 ms). PostgreSQL chooses from its statistics.
    const sqliteScan = like && this.rows.manager.connection.options.type === 'better-sqlite3';
    const [rows, total] = await query
      .orderBy(sqliteScan ? '+o.created_at' : 'o.createdAt', 'DESC')
      .addOrderBy('o.id', 'ASC')
      .offset((filter.page - 1) * filter.pageSize)
      .limit(filter.pageSize)
      .getManyAndCount();
    return { rows: rows.map(summarise), total };
  }

  /** The kinds of email there are, for the console's filter. */
  async kinds(): Promise<string[]> {
    const rows = await this.rows.createQueryBuilder('o').select('DISTINCT o.kind', 'kind').orderBy('kind', 'ASC').getRawMany<{ kind: string }>();
    return rows.map((row) => row.kind);
  }

  /** One row with its parts rendered from the snapshot now, for a preview. */
  async get(id: string): Promise<OutboxPreview> {
    const row = await this.rows.findOneBy({ id });
    if (!row) throw new NotFoundError('email');
    try {
      const rendered = this.renderer.render(row);
      return Object.assign(row, { html: rendered.html, text: rendered.text, ics: rendered.ics, renderError: null });
    } catch (error) {
      return Object.assign(row, { renderError: (error as Error).message });
    }
  }

  /** A failed email goes back into the queue with a fresh budget of attempts, due now; audited in the same transaction. */
  async resend(id: string, actor: { id: string; email: string }): Promise<OutboxSummary> {
    return this.writePath.transaction(async (manager) => {
      const row = await manager.findOneBy(OutboxEmail, { id });
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

  /** A subject that cannot be worked out must not fail the caller's transaction; the kind stands in. */
  private subjectOf(message: QueuedMessage, language: string): string {
    try {
      return this.emails.subject(message.template, language, message.data ?? {}, message.subjectKey);
    } catch {
      return String(message.kind).slice(0, 300);
    }
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
