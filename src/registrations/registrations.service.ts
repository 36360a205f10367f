import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, Repository, IsNull } from 'typeorm';
import { type Actor, TokensService } from '../accounts/index.js';
import { AuditService } from '../audit/index.js';
import { ConflictError, NotFoundError } from '../common/domain-errors.js';
import { sha256Hex } from '../common/ids.js';
import { searchText } from '../common/search-text.js';
import { CompaniesService, Company } from '../companies/index.js';
import { AppConfig } from '../config/app-config.js';
import { driverError, isUniqueViolation } from '../database/driver-errors.js';
import { rawTimestamp } from '../database/columns.js';
import { runSql, sqlTimestamp } from '../database/rows.js';
import { WritePath } from '../database/write-path.js';
import { Seminar, registrationClosesAt, registrationState, SeminarsService, type SeminarChange } from '../seminars/index.js';
import type { SignUpDto } from './dto/sign-up.dto.js';
import { RegistrantMailer, type RegistrantEmailKind } from './registrant-mailer.js';
import { Registration, type RegistrationStatus } from './registration.entity.js';
import { generateTicketCode } from './ticket-code.js';
import { afterCancellation, afterPromotion, seatsToPromote, type SeatCounts } from './waitlist.js';

/** The version of the consent text shown on the form (signup.consent in the locales says the same). */
export const CONSENT_VERSION = '2026-11';

/**
 * Called inside the sign-up transaction, after the registration row exists and before the seat is
 * taken: `status` and `waitlistPosition` are settled only after the handlers ran.
 */
export type SignUpHandler = (manager: EntityManager, registration: Registration) => Promise<void>;

/** Called inside the cancel transaction of a registration that was confirmed (meetings cancel theirs). */
export type CancelHandler = (manager: EntityManager, registration: Registration, seminar: Seminar) => Promise<void>;

export class AlreadyRegisteredError extends ConflictError {
  constructor() {
    super('already_registered', 'email: this address is already registered for this seminar; the link to manage the registration was sent to it again');
  }
}

export class RegistrationClosedError extends ConflictError {
  constructor(reason: string) {
    super('registration_closed', `seminar: registration is closed (${reason})`);
  }
}

/** A registration with what its pages and emails need. */
export interface RegistrationDetails {
  registration: Registration;
  seminar: Seminar;
  company: Company;
}

interface PreparedSignUp {
  id: string;
  token: string;
  ticketCode: string;
}

/** A sign-up found the seminar changed (moved, cancelled) between reading it and taking the seat: tried again. */
class SeminarChangedError extends Error {}

/** How many seat-changing transactions of one seminar one PostgreSQL instance runs at once (see `inTurn`). */
const SIGN_UPS_AT_ONCE_POSTGRES = 4;

interface SeminarRow {
  id: string;
  title: string;
  description: string;
  starts_at: Date | string;
  ends_at: Date | string;
  time_zone: string;
  format: Seminar['format'];
  city: string;
  venue: string | null;
  online_url: string | null;
  language: Seminar['language'];
  capacity: number;
  seats_taken: number;
  waitlist_count: number;
  registration_closes_at: Date | string | null;
  status: Seminar['status'];
  version: number;
  /** This address's active registration for the seminar, if any. */
  existing_id: string | null;
}

/**
 * The seminar with what a sign-up needs, and the address's active registration. The condition is
 * written literally as the partial unique index UQ_registration_active_email has it (`status <> 'cancelled'`):
 * SQLite uses a partial index only when the query repeats its WHERE term, and `status IN (?, ?)` made it
 * walk every active registration of the seminar instead (0.26 ms at 3,000 sign-ups, growing with each one).
 */
const SELECT_SEMINAR_FOR_SIGN_UP =
  'SELECT s.id, s.title, s.description, s.starts_at, s.ends_at, s.time_zone, s.format, s.city, s.venue, s.online_url, s.language, s.capacity,' +
  ' s.seats_taken, s.waitlist_count, s.registration_closes_at, s.status, s.version,' +
  " (SELECT r.id FROM registration r WHERE r.seminar_id = ? AND r.email = ? AND r.status <> 'cancelled' LIMIT 1) AS existing_id" +
  ' FROM seminar s WHERE s.id = ?';

const INSERT_REGISTRATION =
  'INSERT INTO registration (id, seminar_id, company_id, full_name, email, search_text, phone, "position", language, status, waitlist_position,' +
  ' token_hash, ticket_code, consent_at, consent_version, calendar_sequence, checked_in_at, checked_in_by, cancelled_at, invitation_id, erased_at, created_at, updated_at)' +
  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'confirmed', NULL, ?, ?, ?, ?, 0, NULL, NULL, NULL, NULL, NULL, ?, ?)";

/**
 * placeNewRegistration (waitlist.ts) as one statement under the row lock: a seat while one is free
 * and nobody waits, otherwise the end of the waitlist. SET reads the row as it was, so both CASEs
 * decide alike. Only for a published seminar of the version the sign-up read (its emails describe that one).
 */
const TAKE_SEAT =
  'UPDATE seminar SET' +
  ' seats_taken = CASE WHEN waitlist_count = 0 AND seats_taken < capacity THEN seats_taken + 1 ELSE seats_taken END,' +
  ' waitlist_count = CASE WHEN waitlist_count = 0 AND seats_taken < capacity THEN 0 ELSE waitlist_count + 1 END' +
  " WHERE id = ? AND status = 'published' AND version = ? RETURNING seats_taken, waitlist_count";

function seminarFromRow(row: SeminarRow): Seminar {
  return Object.assign(new Seminar(), {
    id: row.id,
    title: row.title,
    description: row.description,
    startsAt: rawTimestamp(row.starts_at),
    endsAt: rawTimestamp(row.ends_at),
    timeZone: row.time_zone,
    format: row.format,
    city: row.city,
    venue: row.venue,
    onlineUrl: row.online_url,
    language: row.language,
    capacity: Number(row.capacity),
    seatsTaken: Number(row.seats_taken),
    waitlistCount: Number(row.waitlist_count),
    registrationClosesAt: row.registration_closes_at === null ? null : rawTimestamp(row.registration_closes_at),
    status: row.status,
    version: Number(row.version),
  });
}

const ACTIVE = ['confirmed', 'waitlisted'] as const;
/** The manage token is base64url(HMAC-SHA256): 43 characters. */
const MANAGE_TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** Someone signing up again with the same address gets their link again, but at most this often. */
const MANAGE_LINK_RESEND_MS = 10 * 60_000;
/**
 * Sign-ups, capacity and the waitlist, and self-service by link.
 *
 * Every change that touches seats runs in one WritePath transaction holding the seminar's row lock
 * (a sign-up takes it with its last statement, see `trySignUp`), so the counters in `Seminar` and the
 * waitlist positions (always 1..N) stay exact when hundreds of people sign up at once, on SQLite and
 * on PostgreSQL with several app instances. The emails that report a change are written to the
 * outbox in the same transaction.
 *
 * Manage tokens are not stored: token = HMAC(APP_SECRET, "manage:" + id), and only its SHA-256 is
 * kept for the lookup. A database dump alone yields no working link; later emails rebuild it.
 */
@Injectable()
export class RegistrationsService implements OnModuleInit {
  private readonly logger = new Logger(RegistrationsService.name);
  private readonly signUpHandlers: SignUpHandler[] = [];
  private readonly cancelHandlers: CancelHandler[] = [];
  /** Per seminar, this instance's seat-changing transactions running and waiting (see `inTurn`). */
  private readonly seminarTurns = new Map<string, { running: number; waiting: (() => void)[] }>();
  private readonly perSeminar: number;

  constructor(
    @InjectRepository(Registration) private readonly registrations: Repository<Registration>,
    private readonly writePath: WritePath,
    private readonly companies: CompaniesService,
    private readonly seminars: SeminarsService,
    private readonly mailer: RegistrantMailer,
    private readonly audit: AuditService,
    private readonly tokens: TokensService,
    private readonly config: AppConfig,
  ) {
    this.perSeminar = writePath.isPostgres ? SIGN_UPS_AT_ONCE_POSTGRES : 1;
  }

  onModuleInit(): void {
    this.seminars.onChange((manager, seminar, change) => this.onSeminarChange(manager, seminar, change));
  }

  /** Invitations subscribe here to mark an invitation registered in the same transaction. */
  onSignUp(handler: SignUpHandler): void {
    this.signUpHandlers.push(handler);
  }

  /** Meetings subscribe here to cancel a registration's meetings in the same transaction. */
  onCancel(handler: CancelHandler): void {
    this.cancelHandlers.push(handler);
  }

  manageTokenFor(registrationId: string): string {
    return this.tokens.manageToken(registrationId);
  }

  /** The emailed manage link: PUBLIC_URL + /r/ + token. */
  manageUrlFor(registrationId: string): string {
    return this.tokens.manageUrl(registrationId);
  }

  async signUp(seminarId: string, input: SignUpDto, now = new Date()): Promise<Registration> {
    for (let attempt = 1; ; attempt++) {
      try {
        // Prepared outside the seminar's queue: what needs no database must not make the queue longer.
        const prepared = this.prepareSignUp();
        return await this.inTurn(seminarId, () => this.trySignUp(seminarId, input, now, prepared));
      } catch (error) {
        if (error instanceof SeminarChangedError) {
          // PostgreSQL only: the seminar was moved or cancelled between our read and our seat. Again, with what it is now.
          if (attempt >= 3) throw new ConflictError('conflict', 'registration: could not be saved because of a conflicting change; please try again');
          continue;
        }
        if (!isUniqueViolation(error)) throw error;
        // Two sign-ups of one address at the same moment (PostgreSQL, where the duplicate check holds no
        // lock): the loser tries again, finds the winner's registration and gets the manage link resent.
        if (isActiveEmailViolation(error)) {
          if (attempt >= 2) throw new AlreadyRegisteredError();
          continue;
        }
        // Any other unique index (ticket code) is a one-in-10^14 collision: a fresh code on the next attempt.
        if (attempt >= 3) throw new ConflictError('conflict', 'registration: could not be saved because of a conflicting change; please try again');
        this.logger.warn(`sign-up retried after a unique collision: ${(error as Error).message}`);
      }
    }
  }

  /** Everything that needs no database: ids, the manage token's hash, a ticket code (its unique index catches the one-in-10^14 repeat). */
  private prepareSignUp(): PreparedSignUp {
    const id = randomUUID();
    const token = this.manageTokenFor(id);
    return { id, token, ticketCode: generateTicketCode() };
  }

  /**
   * One write-path transaction of plain SQL (src/database/rows.ts), in this order:
   * 1. the seminar and this address's active registration for it, in one SELECT (no lock);
   * 2. the company by BIN, created if new;
   * 3. the registration, written as confirmed, and the sign-up handlers (invitations);
   * 4. its confirmation email in the outbox;
   * 5. the seat, as the last statement: one conditional UPDATE of the seminar's counters that takes a
   *    seat while one is free and nobody waits, or else the next waitlist place, and RETURNs which.
   * On PostgreSQL only step 5 takes the seminar's row lock, so it is held for one round trip and the
   * COMMIT, not for the whole sign-up. On the waitlist, the registration and its email are then set
   * to what they are (two more statements, still under the lock, so positions stay 1..N in order).
   */
  private async trySignUp(seminarId: string, input: SignUpDto, now: Date, prepared: PreparedSignUp): Promise<Registration> {
    const { id, token, ticketCode } = prepared;
    const outcome = await this.writePath.transaction(async (manager) => {
      const found = (await runSql<SeminarRow>(manager, SELECT_SEMINAR_FOR_SIGN_UP, [seminarId, input.email, seminarId])).rows[0];
      if (!found || found.status === 'draft') throw new NotFoundError('seminar');
      const seminar = seminarFromRow(found);
      assertOpen(seminar, now);

      if (found.existing_id) {
        const existing = await manager.findOneByOrFail(Registration, { id: found.existing_id });
        await this.resendManageLink(manager, existing, seminar, now);
        return null;
      }

      const company = await this.companies.findOrCreate(manager, input.company);
      const registration = Object.assign(new Registration(), {
        id,
        seminarId,
        companyId: company.id,
        fullName: input.fullName,
        email: input.email,
        searchText: searchText(input.fullName, input.email),
        phone: input.phone ?? null,
        position: input.position ?? null,
        language: input.language ?? seminar.language,
        status: 'confirmed' as RegistrationStatus,
        waitlistPosition: null as number | null,
        tokenHash: sha256Hex(token),
        ticketCode,
        consentAt: now,
        consentVersion: CONSENT_VERSION,
        calendarSequence: 0,
        checkedInAt: null,
        checkedInBy: null,
        cancelledAt: null,
        invitationId: null as string | null,
        erasedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      const at = sqlTimestamp(manager, now);
      await runSql(manager, INSERT_REGISTRATION, [
        id,
        seminarId,
        company.id,
        registration.fullName,
        registration.email,
        registration.searchText,
        registration.phone,
        registration.position,
        registration.language,
        registration.tokenHash,
        ticketCode,
        at,
        CONSENT_VERSION,
        at,
        at,
      ]);
      for (const handler of this.signUpHandlers) await handler(manager, registration);
      const email = { kind: 'confirmation' as RegistrantEmailKind, registration, seminar, company, manageUrl: this.manageUrlFor(id) };
      const queued = await this.mailer.queueSignUp(manager, email);

      // The seat, last. Both counters are worked out from the row as it is under the lock.
      const seat = (await runSql<{ seats_taken: number; waitlist_count: number }>(manager, TAKE_SEAT, [seminarId, seminar.version])).rows[0];
      if (!seat) throw new SeminarChangedError();
      seminar.seatsTaken = Number(seat.seats_taken);
      seminar.waitlistCount = Number(seat.waitlist_count);
      // A seat leaves the waitlist at 0; a waitlist place makes it at least 1, and is its new length.
      if (seminar.waitlistCount > 0) {
        registration.status = 'waitlisted';
        registration.waitlistPosition = seminar.waitlistCount;
        await runSql(manager, "UPDATE registration SET status = 'waitlisted', waitlist_position = ? WHERE id = ?", [registration.waitlistPosition, id]);
        await this.mailer.requeueSignUp(manager, queued, { ...email, kind: 'waitlisted' });
      }
      return registration;
    });

    if (!outcome) throw new AlreadyRegisteredError();
    return outcome;
  }

  /** The registration behind a manage token, with its seminar and company; 404 for anything else. */
  async findByToken(token: string): Promise<RegistrationDetails> {
    if (typeof token !== 'string' || !MANAGE_TOKEN.test(token)) throw new NotFoundError('registration');
    const registration = await this.registrations.findOne({ where: { tokenHash: sha256Hex(token) }, relations: { seminar: true, company: true } });
    if (!registration || registration.erasedAt || !registration.seminar || !registration.company) throw new NotFoundError('registration');
    return { registration, seminar: registration.seminar, company: registration.company };
  }

  /** The registrant cancels by link. Cancelling twice is harmless: the second call changes nothing and sends nothing. */
  async cancelByToken(token: string): Promise<Registration> {
    const { registration } = await this.findByToken(token);
    return this.inTurn(registration.seminarId, () => this.cancel(registration.id, null, 'registrant'));
  }

  /** An organizer cancels someone's registration: the same emails as a self-cancel, and an audit entry. */
  async cancelByOrganizer(registrationId: string, actor: Actor): Promise<Registration> {
    const registration = await this.registrations.findOneBy({ id: registrationId });
    if (!registration) throw new NotFoundError('registration');
    return this.inTurn(registration.seminarId, () => this.cancel(registrationId, actor, 'organizer'));
  }

  /**
   * Runs seat-changing transactions of one seminar in turn within this instance, at most
   * `perSeminar` at a time. Correctness comes from the seminar's row lock (instances on one database
   * still take turns on it) or, on SQLite, from the write path's queue; this only keeps a rush from
   * parking every pooled PostgreSQL connection on that lock, where the requests behind them would time
   * out waiting for a connection (and answer 503), and it keeps the order first come, first served.
   * On PostgreSQL a sign-up holds the lock only at its end, so a few run at once: while one holds
   * it, the next ones do their reads and inserts. SQLite runs writes one at a time anyway; one per
   * seminar there also keeps other writers (the mail worker) from queueing behind a whole rush. It also
   * keeps a seminar's sign-ups out of the write path's groups (group commit): with 32 at a time, paired
   * runs (2026-12-02) did 1,646 and 1,947 sign-ups/s against 987 and 1,072, but the mail worker sent 91-94
   * emails during the 10 s burst instead of ~300 and 16,000-18,700 after it (all sent 59.2 s after it in
   * one run, not within 60 s in the other).
   */
  private inTurn<T>(seminarId: string, work: () => Promise<T>): Promise<T> {
    let turns = this.seminarTurns.get(seminarId);
    if (!turns) {
      turns = { running: 0, waiting: [] };
      this.seminarTurns.set(seminarId, turns);
    }
    const own = turns;
    const run = async (): Promise<T> => {
      own.running++;
      try {
        return await work();
      } finally {
        own.running--;
        const next = own.waiting.shift();
        if (next) next();
        else if (own.running === 0) this.seminarTurns.delete(seminarId);
      }
    };
    if (own.running < this.perSeminar) return run();
    return new Promise<void>((resolve) => own.waiting.push(resolve)).then(run);
  }

  /** The current calendar file of a registration: REQUEST while confirmed, CANCEL once cancelled. */
  async invite(token: string): Promise<{ ics: string; registration: Registration }> {
    const { registration, seminar } = await this.findByToken(token);
    if (registration.status === 'waitlisted') {
      throw new ConflictError('waitlisted', 'status: this registration is on the waitlist; the invite comes with a confirmed seat');
    }
    const ics = this.mailer.inviteFile(registration, seminar);
    return { ics, registration };
  }

  private async cancel(registrationId: string, actor: Actor | null, by: 'registrant' | 'organizer', now = new Date()): Promise<Registration> {
    return this.writePath.transaction(async (manager) => {
      const found = await manager.findOneBy(Registration, { id: registrationId });
      if (!found || found.erasedAt) throw new NotFoundError('registration');
      const seminar = await this.writePath.lockRow(manager, Seminar, found.seminarId);
      if (!seminar) throw new NotFoundError('seminar');
      // Read again under the seminar lock: a promotion may have changed it meanwhile.
      const registration = await manager.findOneByOrFail(Registration, { id: registrationId });
      if (registration.status === 'cancelled') return registration;
      if (seminar.endsAt <= now) throw new ConflictError('seminar_ended', 'registration: the seminar has already ended');

      const previous = registration.status;
      const position = registration.waitlistPosition;
      const seminarLive = seminar.status !== 'cancelled';
      registration.status = 'cancelled';
      registration.waitlistPosition = null;
      registration.cancelledAt = now;
      // Only a confirmed seat had an invite in the calendar; raising SEQUENCE makes the CANCEL win over it.
      if (previous === 'confirmed' && seminarLive) registration.calendarSequence += 1;
      await manager.update(
        Registration,
        { id: registration.id },
        { status: 'cancelled', waitlistPosition: null, cancelledAt: now, calendarSequence: registration.calendarSequence },
      );

      if (previous === 'waitlisted' && position !== null) {
        await manager
          .createQueryBuilder()
          .update(Registration)
          .set({ waitlistPosition: () => 'waitlist_position - 1' })
          .where('seminar_id = :seminarId AND status = :status AND waitlist_position > :position', { seminarId: seminar.id, status: 'waitlisted', position })
          .execute();
      }
      await saveCounts(manager, seminar, afterCancellation(seminar, previous));

      // Confirmed or waitlisted, the person hears that it is done; only a confirmed seat's email carries a CANCEL.
      if (seminarLive) {
        const company = await manager.findOneByOrFail(Company, { id: registration.companyId });
        await this.queue(manager, 'cancelled', registration, seminar, company);
      }
      if (previous === 'confirmed') for (const handler of this.cancelHandlers) await handler(manager, registration, seminar);
      if (seminar.status === 'published') await this.promote(manager, seminar);
      await this.audit.record(manager, actor, 'registration.cancelled', 'registration', registration.id, { by, previousStatus: previous, seminarId: seminar.id });
      return registration;
    });
  }

  /** Moves the first people on the waitlist into free seats and tells them; positions behind them close up. */
  private async promote(manager: EntityManager, seminar: Seminar): Promise<number> {
    const count = seatsToPromote(seminar);
    if (count === 0) return 0;
    const promoted = await manager.find(Registration, {
      where: { seminarId: seminar.id, status: 'waitlisted' },
      order: { waitlistPosition: 'ASC' },
      take: count,
      relations: { company: true },
    });
    if (promoted.length === 0) return 0;
    await manager.update(Registration, { id: In(promoted.map((registration) => registration.id)) }, { status: 'confirmed', waitlistPosition: null });
    await manager
      .createQueryBuilder()
      .update(Registration)
      .set({ waitlistPosition: () => `waitlist_position - ${promoted.length}` })
      .where('seminar_id = :seminarId AND status = :status', { seminarId: seminar.id, status: 'waitlisted' })
      .execute();
    await saveCounts(manager, seminar, afterPromotion(seminar, promoted.length));
    for (const registration of promoted) {
      registration.status = 'confirmed';
      registration.waitlistPosition = null;
      if (!registration.erasedAt) await this.queue(manager, 'promoted', registration, seminar, registration.company!);
    }
    this.logger.log(`promoted ${promoted.length} from the waitlist of seminar ${seminar.id}`);
    return promoted.length;
  }

  /** Runs inside the seminar's own update or cancel transaction (SeminarsService.onChange). */
  private async onSeminarChange(manager: EntityManager, seminar: Seminar, change: SeminarChange): Promise<void> {
    if (change.cancelled) {
      await this.raiseSequences(manager, seminar.id);
      // Waitlisted people get the news too; they never had an invite, so the mail leaves the calendar off.
      for (const registration of await this.active(manager, seminar.id, [...ACTIVE])) {
        await this.queue(manager, 'seminar-cancelled', registration, seminar, registration.company!);
      }
      return;
    }
    // Updates first: people promoted below get an invite with the new details already.
    if (change.moved) {
      await this.raiseSequences(manager, seminar.id);
      // Waitlisted people are told too (without an invite: they have no event yet); the email says what changed.
      for (const registration of await this.active(manager, seminar.id, [...ACTIVE])) {
        await this.mailer.queue(manager, {
          kind: 'updated',
          registration,
          seminar,
          company: registration.company!,
          manageUrl: this.manageUrlFor(registration.id),
          before: change.before,
        });
      }
    }
    if (change.capacityRaised) await this.promote(manager, seminar);
  }

  private async raiseSequences(manager: EntityManager, seminarId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Registration)
      .set({ calendarSequence: () => 'calendar_sequence + 1' })
      .where('seminar_id = :seminarId AND status = :status', { seminarId, status: 'confirmed' })
      .execute();
  }

  private active(manager: EntityManager, seminarId: string, statuses: string[]): Promise<Registration[]> {
    return manager.find(Registration, {
      // Erased registrants have no address left to write to.
      where: { seminarId, status: In(statuses), erasedAt: IsNull() },
      order: { status: 'ASC', waitlistPosition: 'ASC', createdAt: 'ASC' },
      relations: { company: true },
    });
  }

  /** A repeated sign-up tells nobody anything new, but the person gets their manage link again (at most every 10 minutes). */
  private async resendManageLink(manager: EntityManager, registration: Registration, seminar: Seminar, now: Date): Promise<void> {
    const dedupeKey = `manage-link:${registration.id}:${Math.floor(now.getTime() / MANAGE_LINK_RESEND_MS)}`;
    // Checked first so that the usual repeat costs no insert; a sign-up repeated at the same moment
    // elsewhere may still queue the key meanwhile, and the queue's insert-or-ignore keeps one.
    const sent = await manager.createQueryBuilder().select('1', 'found').from('outbox_email', 'o').where('o.dedupe_key = :dedupeKey', { dedupeKey }).getRawOne();
    if (sent) return;
    const company = await manager.findOneByOrFail(Company, { id: registration.companyId });
    await this.queue(manager, 'manage-link', registration, seminar, company, dedupeKey);
  }

  private async queue(manager: EntityManager, kind: RegistrantEmailKind, registration: Registration, seminar: Seminar, company: Company, dedupeKey?: string) {
    await this.mailer.queue(manager, { kind, registration, seminar, company, manageUrl: this.manageUrlFor(registration.id), dedupeKey });
  }
}

/** Sign-ups close when the seminar is cancelled, has started, or at registrationClosesAt (seminar-rules.ts). */
function assertOpen(seminar: Seminar, now: Date): void {
  const state = registrationState(seminar, now);
  if (state === 'open') return;
  if (state === 'cancelled') throw new RegistrationClosedError('the seminar was cancelled');
  if (state === 'closed') throw new RegistrationClosedError(`sign-ups closed at ${registrationClosesAt(seminar).toISOString()}`);
  throw new RegistrationClosedError('the seminar has already started');
}

/** Writes counts worked out under the seminar's row lock, and keeps the entity in step for later handlers. */
async function saveCounts(manager: EntityManager, seminar: Seminar, counts: SeatCounts): Promise<void> {
  await manager.update(Seminar, { id: seminar.id }, { seatsTaken: counts.seatsTaken, waitlistCount: counts.waitlistCount });
  seminar.seatsTaken = counts.seatsTaken;
  seminar.waitlistCount = counts.waitlistCount;
}

function isActiveEmailViolation(error: unknown): boolean {
  const driver = driverError(error);
  return driver?.constraint === 'UQ_registration_active_email' || /registration\.seminar_id, registration\.email/.test(driver?.message ?? '');
}
