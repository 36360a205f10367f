import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { EntityManager, In, Repository } from 'typeorm';
import type { Actor } from '../accounts/index.js';
import { AuditService } from '../audit/index.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import { sha256Hex } from '../common/ids.js';
import { AppConfig } from '../config/app-config.js';
import { rawTimestamp } from '../database/columns.js';
import { runSql } from '../database/rows.js';
import { WritePath } from '../database/write-path.js';
import { toLanguage, type Language } from '../i18n/i18n.js';
import { seminarWhen, seminarWhere, OutboxService } from '../mail/index.js';
import { Registration, RegistrationsService } from '../registrations/index.js';
import { Seminar, isRegistrationOpen, registrationState, SeminarsService } from '../seminars/index.js';
import { CsvSyntaxError, decodeCsv, parseCsv } from './invitee-csv.js';
import { Invitation, INVITATION_STATUSES, type InvitationStatus } from './invitation.entity.js';
import { checkInvitee, inviteesFromCsv, MAX_INVITEES, type Invitee, type RowError } from './invitees.js';
import { SuppressionService } from './suppression.service.js';

/**
 * Rows written per transaction. On SQLite every write waits in one queue, so a 5,000-row list is
 * cut into short transactions and sign-ups slip in between them instead of waiting for the lot.
 */
export const INVITATION_BATCH_SIZE = 100;

export type SkipReason = 'duplicate' | 'already-invited' | 'already-registered' | 'seminar-closed' | 'unsubscribed';

export interface SkippedRow {
  row: number;
  email: string;
  reason: SkipReason;
}

/** The answer to one list: `queued` invitations went out; the rest are accounted for row by row. */
export interface InvitationReport {
  queued: number;
  skipped: SkippedRow[];
  errors: RowError[];
}

export interface InvitationProgress {
  seminarId: string;
  /** Invitations by their current status, and in total. */
  invitations: Record<InvitationStatus, number> & { total: number };
  /** The invitation emails by outbox status. */
  emails: { queued: number; sent: number; failed: number };
  list: InvitationListItem[];
}

export interface InvitationListItem {
  id: string;
  email: string;
  fullName: string | null;
  companyName: string | null;
  bin: string | null;
  status: InvitationStatus;
  createdAt: string;
  openedAt: string | null;
  registeredAt: string | null;
  emailStatus: string | null;
  emailError: string | null;
}

/** What a CSV upload looks like once multer has read it. */
export interface UploadedCsv {
  buffer: Buffer;
  originalname?: string;
  size?: number;
}

@Injectable()
export class InvitationsService implements OnModuleInit {
  private readonly logger = new Logger(InvitationsService.name);

  constructor(
    @InjectRepository(Invitation) private readonly invitations: Repository<Invitation>,
    private readonly seminars: SeminarsService,
    private readonly writePath: WritePath,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly registrations: RegistrationsService,
    private readonly suppression: SuppressionService,
  ) {}

  onModuleInit(): void {
    this.registrations.onSignUp((manager, registration) => this.markRegistered(manager, registration));
  }

  /** Invites a JSON list (`invitees`) or a CSV upload (`file`), whichever was sent. */
  inviteFromRequest(seminarId: string, invitees: unknown[] | undefined, file: UploadedCsv | undefined, actor: Actor | null): Promise<InvitationReport> {
    if (file && invitees) throw new InvalidInputError('invitees', 'send either a JSON list or a CSV file, not both');
    if (file) return this.inviteCsv(seminarId, decodeCsv(file.buffer), actor, 'file');
    if (invitees) return this.invite(seminarId, invitees.map((input, index) => ({ row: index + 1, input })), actor, 'json');
    throw new InvalidInputError('invitees', 'send {"invitees":[{"email":…}]} or a CSV file in the multipart field "file"');
  }

  /** Invites the lines of a CSV text (an upload, or lines pasted into the console). */
  async inviteCsv(seminarId: string, text: string, actor: Actor | null, field = 'file'): Promise<InvitationReport> {
    const records = await parseCsv(text).catch((error: unknown) => {
      throw error instanceof CsvSyntaxError ? new InvalidInputError(field, error.message) : error;
    });
    const { rows, headerError } = inviteesFromCsv(records);
    if (headerError) throw new InvalidInputError(field, headerError.replace(/^file: /, ''));
    if (rows.length === 0) throw new InvalidInputError(field, 'has no rows');
    return this.invite(seminarId, rows, actor, field === 'file' ? 'csv' : field);
  }

  async invite(seminarId: string, rows: { row: number; input: unknown }[], actor: Actor | null, source: string): Promise<InvitationReport> {
    if (rows.length > MAX_INVITEES) throw new InvalidInputError('invitees', `at most ${MAX_INVITEES} rows per request, got ${rows.length}`);
    const seminar = await this.seminars.get(seminarId);
    assertInvitable(seminar);

    const errors: RowError[] = [];
    const skipped: SkippedRow[] = [];
    const fresh: Invitee[] = [];
    const seen = new Set<string>();
    for (const { row, input } of rows) {
      const checked = checkInvitee(input, row);
      errors.push(...checked.errors);
      if (!checked.invitee) continue;
      if (seen.has(checked.invitee.email)) skipped.push({ row, email: checked.invitee.email, reason: 'duplicate' });
      else {
        seen.add(checked.invitee.email);
        fresh.push(checked.invitee);
      }
    }

    const batches: Invitee[][] = [];
    for (let start = 0; start < fresh.length; start += INVITATION_BATCH_SIZE) batches.push(fresh.slice(start, start + INVITATION_BATCH_SIZE));
    if (batches.length === 0) batches.push([]);

    let queued = 0;
    for (const [index, batch] of batches.entries()) {
      await this.writePath.transaction(async (manager) => {
        const current = await manager.findOneBy(Seminar, { id: seminarId });
        if (!current || !isRegistrationOpen(current)) {
          // Cancelled or closed while the list was going out: the rest is not sent.
          for (const invitee of batch) skipped.push({ row: invitee.row, email: invitee.email, reason: 'seminar-closed' });
        } else {
          const result = await this.insertBatch(manager, current, batch, actor);
          queued += result.queued;
          skipped.push(...result.skipped);
        }
        if (index === batches.length - 1) {
          await this.audit.record(manager, actor, 'invitations.queued', 'seminar', seminarId, {
            source,
            rows: rows.length,
            queued,
            skipped: skipped.length,
            errors: new Set(errors.map((error) => error.row)).size,
          });
        }
      });
    }
    skipped.sort((a, b) => a.row - b.row);
    this.logger.log(`seminar ${seminarId}: ${queued} invitations queued, ${skipped.length} skipped, ${errors.length} row errors (${source})`);
    return { queued, skipped, errors };
  }

  /**
   * Insert-or-ignore on the (seminar, email) unique index, so an address already invited (by an
   * earlier list, or a concurrent one on PostgreSQL) is skipped rather than failing the batch.
   * The rows that really went in are the ones whose fresh token hashes are found afterwards.
   */
  private async insertBatch(manager: EntityManager, seminar: Seminar, invitees: Invitee[], actor: Actor | null) {
    const skipped: SkippedRow[] = [];
    const emails = invitees.map((invitee) => invitee.email);
    // Someone already registered (confirmed or waitlisted) needs no invitation to sign up.
    const registered = new Set(
      emails.length === 0
        ? []
        : (
            await manager
              .createQueryBuilder(Registration, 'r')
              .select('r.email', 'email')
              .where('r.seminarId = :seminarId', { seminarId: seminar.id })
              .andWhere("r.status <> 'cancelled'")
              .andWhere('r.email IN (:...emails)', { emails })
              .getRawMany<{ email: string }>()
          ).map((row) => row.email),
    );
    // An address that unsubscribed is never invited again; the report says so row by row.
    const suppressed = await this.suppression.suppressed(manager, emails);
    const batch = invitees.filter((invitee) => {
      const reason: SkipReason | null = registered.has(invitee.email) ? 'already-registered' : suppressed.has(invitee.email) ? 'unsubscribed' : null;
      if (!reason) return true;
      skipped.push({ row: invitee.row, email: invitee.email, reason });
      return false;
    });
    if (batch.length === 0) return { queued: 0, skipped };
    const now = new Date();
    const tokens = new Map<string, string>();
    const values = batch.map((invitee) => {
      const token = randomBytes(24).toString('base64url');
      const tokenHash = sha256Hex(token);
      tokens.set(tokenHash, token);
      return {
        id: randomUUID(),
        seminarId: seminar.id,
        email: invitee.email,
        fullName: invitee.fullName,
        companyName: invitee.companyName,
        bin: invitee.bin,
        tokenHash,
        status: 'invited' as const,
        createdBy: actor?.id ?? null,
        createdAt: now,
      };
    });
    await manager.createQueryBuilder().insert().into(Invitation).values(values).orIgnore().updateEntity(false).execute();
    const inserted = await manager.find(Invitation, { where: { tokenHash: In([...tokens.keys()]) } });
    const insertedEmails = new Set(inserted.map((invitation) => invitation.email));
    for (const invitee of batch) {
      if (!insertedEmails.has(invitee.email)) skipped.push({ row: invitee.row, email: invitee.email, reason: 'already-invited' });
    }
    const common = this.emailData(seminar);
    for (const invitation of inserted) {
      await this.outbox.queue(manager, {
        kind: 'invitation',
        recipient: invitation.email,
        language: seminar.language,
        template: 'invitation',
        data: {
          ...common,
          fullName: invitation.fullName,
          companyName: invitation.companyName,
          signUpUrl: `${this.config.publicUrl}/i/${tokens.get(invitation.tokenHash)}`,
          unsubscribeUrl: this.suppression.url(invitation.email, seminar.language),
        },
        // Bulk mail (Gmail and Yahoo require both): one-click https (RFC 8058) and mailto.
        headers: {
          // The mailto reaches CONTACT_EMAIL, read by people, who add the address on the invitations page.
          'List-Unsubscribe': `<${this.suppression.url(invitation.email)}>, <mailto:${this.config.contactEmail}?subject=unsubscribe>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
        invitationId: invitation.id,
        seminarId: seminar.id,
      });
    }
    return { queued: inserted.length, skipped };
  }

  /** What the invitation email says about the seminar, in the seminar's language and zone. */
  private emailData(seminar: Seminar) {
    const language = toLanguage(seminar.language);
    // The same wording of time (with the zone) and place as every other email about this seminar.
    return { title: seminar.title, when: seminarWhen(seminar, language), where: seminarWhere(seminar, language), online: !!seminar.onlineUrl };
  }

  /**
   * Follows a personal link: marks the invitation opened (once) and returns it with its seminar.
   * The link carries the token alone: the page fills the form in from the invitation, on the server,
   * so no name, email or BIN ever sits in a URL (history, logs, Referer).
   */
  async open(token: string): Promise<{ invitation: Invitation; seminar: Seminar }> {
    if (typeof token !== 'string' || !/^[\w-]{16,100}$/.test(token)) throw new NotFoundError('invitation');
    const invitation = await this.invitations.findOneBy({ tokenHash: sha256Hex(token) });
    if (!invitation) throw new NotFoundError('invitation');
    if (invitation.status === 'invited') {
      await this.writePath.transaction((manager) =>
        manager.update(Invitation, { id: invitation.id, status: 'invited' }, { status: 'opened', openedAt: new Date() }),
      );
    }
    return { invitation, seminar: await this.seminars.get(invitation.seminarId, 'public') };
  }

  /**
   * Called inside the sign-up transaction: an invited address that signs up for the seminar
   * marks its invitation registered, and the registration remembers which invitation it came from.
   */
  async markRegistered(manager: EntityManager, registration: Registration): Promise<void> {
    // Plain SQL: this runs in every sign-up, and most sign-ups were not invited.
    const sql = 'SELECT id, status FROM invitation WHERE seminar_id = ? AND email = ? LIMIT 1';
    const invitation = (await runSql<Pick<Invitation, 'id' | 'status'>>(manager, sql, [registration.seminarId, registration.email.trim().toLowerCase()])).rows[0];
    if (!invitation) return;
    if (invitation.status !== 'registered') {
      await manager.update(Invitation, { id: invitation.id }, { status: 'registered', registeredAt: new Date() });
    }
    registration.invitationId = invitation.id;
    if (registration.id) await manager.update(Registration, { id: registration.id }, { invitationId: invitation.id });
  }

  async progress(seminarId: string, listOptions: { status?: InvitationStatus; limit?: number } = {}): Promise<InvitationProgress> {
    const seminar = await this.seminars.get(seminarId);
    const counts = { invited: 0, opened: 0, registered: 0, total: 0 };
    const byStatus = await this.invitations
      .createQueryBuilder('i')
      .select('i.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .where('i.seminarId = :seminarId', { seminarId: seminar.id })
      .groupBy('i.status')
      .getRawMany<{ status: string; count: string | number }>();
    for (const { status, count } of byStatus) {
      if ((INVITATION_STATUSES as readonly string[]).includes(status)) counts[status as InvitationStatus] = Number(count);
      counts.total += Number(count);
    }

    const emails = { queued: 0, sent: 0, failed: 0 };
    const byEmail = await this.invitations.manager
      .createQueryBuilder()
      .select('o.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .from('invitation', 'i')
      .innerJoin('outbox_email', 'o', 'o.invitation_id = i.id')
      .where('i.seminar_id = :seminarId', { seminarId: seminar.id })
      .groupBy('o.status')
      .getRawMany<{ status: string; count: string | number }>();
    for (const { status, count } of byEmail) {
      if (status in emails) emails[status as keyof typeof emails] = Number(count);
    }

    return { seminarId: seminar.id, invitations: counts, emails, list: await this.list(seminar.id, listOptions.status, listOptions.limit) };
  }

  /** Every invitation of a seminar with the state of its email, newest first. */
  async list(seminarId: string, status?: InvitationStatus, limit?: number): Promise<InvitationListItem[]> {
    const query = this.invitations.manager
      .createQueryBuilder()
      .select(['i.id AS id', 'i.email AS email', 'i.full_name AS full_name', 'i.company_name AS company_name', 'i.bin AS bin', 'i.status AS status'])
      .addSelect(['i.created_at AS created_at', 'i.opened_at AS opened_at', 'i.registered_at AS registered_at', 'o.status AS email_status', 'o.last_error AS email_error'])
      .from('invitation', 'i')
      .leftJoin('outbox_email', 'o', 'o.invitation_id = i.id')
      .where('i.seminar_id = :seminarId', { seminarId })
      .orderBy('i.created_at', 'DESC')
      .addOrderBy('i.email', 'ASC');
    if (status) query.andWhere('i.status = :status', { status });
    if (limit) query.limit(limit);
    const rows = await query.getRawMany<Record<string, unknown>>();
    const items = new Map<string, InvitationListItem>();
    for (const row of rows) {
      if (items.has(String(row.id))) continue;
      items.set(String(row.id), {
        id: String(row.id),
        email: String(row.email),
        fullName: (row.full_name as string | null) ?? null,
        companyName: (row.company_name as string | null) ?? null,
        bin: (row.bin as string | null) ?? null,
        status: row.status as InvitationStatus,
        createdAt: iso(row.created_at)!,
        openedAt: iso(row.opened_at),
        registeredAt: iso(row.registered_at),
        emailStatus: (row.email_status as string | null) ?? null,
        emailError: (row.email_error as string | null) ?? null,
      });
    }
    return [...items.values()];
  }

}

/** Invitations only make sense while people can still sign up. */
export function assertInvitable(seminar: Seminar, now = new Date()): void {
  const state = registrationState(seminar, now);
  if (state === 'cancelled') throw new ConflictError('seminar_cancelled', 'seminar: the seminar is cancelled');
  if (state === 'draft') throw new ConflictError('seminar_draft', 'seminar: publish the seminar before inviting people to it');
  if (state === 'ended') throw new ConflictError('seminar_past', 'seminar: the seminar is over');
  if (state !== 'open') throw new ConflictError('registration_closed', 'seminar: registration for this seminar is closed');
}

/** Raw timestamps as ISO text (see rawTimestamp); anything unreadable is passed through. */
function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const date = rawTimestamp(value instanceof Date ? value : String(value));
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}
