import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, Repository, IsNull } from 'typeorm';
import type { Actor } from '../accounts/accounts.service.js';
import { TokensService } from '../accounts/tokens.service.js';
import { AuditService } from '../audit/audit.service.js';
import { ConflictError, NotFoundError } from '../common/domain-errors.js';
import { sha256Hex } from '../common/ids.js';
import { searchText } from '../common/search-text.js';
import { CompaniesService } from '../companies/companies.service.js';
import { Company } from '../companies/company.entity.js';
import { AppConfig } from '../config/app-config.js';
import { driverError, isUniqueViolation } from '../database/driver-errors.js';
import { WritePath } from '../database/write-path.js';
import { Seminar } from '../seminars/seminar.entity.js';
import { registrationClosesAt, registrationState } from '../seminars/seminar-rules.js';
import { SeminarsService, type SeminarChange } from '../seminars/seminars.service.js';
import type { SignUpDto } from './dto/sign-up.dto.js';
import { RegistrantMailer, type RegistrantEmailKind } from './registrant-mailer.js';
import { Registration } from './registration.entity.js';
import { generateTicketCode } from './ticket-code.js';
import { afterCancellation, afterPromotion, placeNewRegistration, seatsToPromote, type SeatCounts } from './waitlist.js';

/** The version of the consent text shown on the form (signup.consent in the locales says the same). */
export const CONSENT_VERSION = '2026-11';

/** Called inside the sign-up transaction, after the registration row exists. */
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
  company: Company;
}

const ACTIVE = ['confirmed', 'waitlisted'] as const;
/** The manage token is base64url(HMAC-SHA256): 43 characters. */
const MANAGE_TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** Someone signing up again with the same address gets their link again, but at most this often. */
const MANAGE_LINK_RESEND_MS = 10 * 60_000;
/**
 * Sign-ups, capacity and the waitlist, and self-service by link.
 *
 * Every change that touches seats runs in one WritePath transaction holding the seminar's row lock,
 * so the counters in `Seminar` and the waitlist positions (always 1..N) stay exact when hundreds of
 * people sign up at once, on SQLite and on PostgreSQL with several app instances. The emails that
 * report a change are written to the outbox in the same transaction.
 *
 * Manage tokens are not stored: token = HMAC(APP_SECRET, "manage:" + id), and only its SHA-256 is
 * kept for the lookup. A database dump alone yields no working link; later emails rebuild it.
 */
@Injectable()
export class RegistrationsService implements OnModuleInit {
  private readonly logger = new Logger(RegistrationsService.name);
  private readonly signUpHandlers: SignUpHandler[] = [];
  private readonly cancelHandlers: CancelHandler[] = [];
  /** Per seminar, the tail of this instance's queue of seat-changing transactions (see `oneAtATime`). */
  private readonly seminarQueues = new Map<string, Promise<unknown>>();

  constructor(
    @InjectRepository(Registration) private readonly registrations: Repository<Registration>,
    private readonly writePath: WritePath,
    private readonly companies: CompaniesService,
    private readonly seminars: SeminarsService,
    private readonly mailer: RegistrantMailer,
    private readonly audit: AuditService,
    private readonly tokens: TokensService,
    private readonly config: AppConfig,
  ) {}

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

  /** The emailed manage link, carrying the registration's language when given. */
  manageUrlFor(registrationId: string, lang?: string): string {
    return this.tokens.manageUrl(registrationId, lang);
  }

  async signUp(seminarId: string, input: SignUpDto, now = new Date()): Promise<Registration> {
    for (let attempt = 1; ; attempt++) {
      try {
        // Prepared outside the seminar's queue: what needs no lock must not make the queue longer.
        const prepared = await this.prepareSignUp(input);
        return await this.oneAtATime(seminarId, () => this.trySignUp(seminarId, input, now, prepared));
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // The seminar lock rules out a duplicate sign-up, so the active-email index only fires if
        // something bypassed it; any other unique index (ticket code) is a one-in-10^14 collision.
        if (isActiveEmailViolation(error)) throw new AlreadyRegisteredError();
        if (attempt >= 3) throw new ConflictError('conflict', 'registration: could not be saved because of a conflicting change; please try again');
        this.logger.warn(`sign-up retried after a unique collision: ${(error as Error).message}`);
      }
    }
  }

  /** Everything that needs no lock, so the seminar's queue and lock are held as briefly as possible. */
  private async prepareSignUp(input: SignUpDto): Promise<PreparedSignUp> {
    const id = randomUUID();
    const token = this.manageTokenFor(id);
    const ticketCode = await this.freshTicketCode();
    // The company is the same company whatever happens to this sign-up, so it is found or created in
    // its own short transaction: on PostgreSQL that keeps its statements out of the seminar lock.
    const company = await this.writePath.transaction((manager) => this.companies.findOrCreate(manager, input.company));
    return { id, token, ticketCode, company };
  }

  private async trySignUp(seminarId: string, input: SignUpDto, now: Date, prepared: PreparedSignUp): Promise<Registration> {
    const { id, token, ticketCode, company } = prepared;
    const outcome = await this.writePath.transaction(async (manager) => {
      const seminar = await this.writePath.lockRow(manager, Seminar, seminarId);
      if (!seminar || seminar.status === 'draft') throw new NotFoundError('seminar');
      assertOpen(seminar, now);

      const existing = await activeRegistrationByEmail(manager, seminarId, input.email);
      if (existing) {
        await this.resendManageLink(manager, existing, seminar, now);
        return null;
      }

      const placement = placeNewRegistration(seminar);
      const registration = manager.create(Registration, {
        id,
        seminarId,
        companyId: company.id,
        fullName: input.fullName,
        email: input.email,
        searchText: searchText(input.fullName, input.email),
        phone: input.phone ?? null,
        position: input.position ?? null,
        language: input.language ?? seminar.language,
        status: placement.status,
        waitlistPosition: placement.waitlistPosition,
        tokenHash: sha256Hex(token),
        ticketCode,
        consentAt: now,
        consentVersion: CONSENT_VERSION,
        calendarSequence: 0,
        checkedInAt: null,
        checkedInBy: null,
        cancelledAt: null,
        invitationId: null,
        erasedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(Registration, registration);
      const counts: SeatCounts =
        placement.status === 'confirmed' ? { ...seminar, seatsTaken: seminar.seatsTaken + 1 } : { ...seminar, waitlistCount: seminar.waitlistCount + 1 };
      await saveCounts(manager, seminar, counts);

      await this.queue(manager, placement.status === 'confirmed' ? 'confirmation' : 'waitlisted', registration, seminar, company);
      for (const handler of this.signUpHandlers) await handler(manager, registration);
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
    return this.oneAtATime(registration.seminarId, () => this.cancel(registration.id, null, 'registrant'));
  }

  /** An organizer cancels someone's registration: the same emails as a self-cancel, and an audit entry. */
  async cancelByOrganizer(registrationId: string, actor: Actor): Promise<Registration> {
    const registration = await this.registrations.findOneBy({ id: registrationId });
    if (!registration) throw new NotFoundError('registration');
    return this.oneAtATime(registration.seminarId, () => this.cancel(registrationId, actor, 'organizer'));
  }

  /**
   * Runs seat-changing transactions of one seminar one after another within this instance.
   * Correctness comes from the row lock (instances on one database still take turns on it); this
   * queue only keeps a rush from parking every pooled PostgreSQL connection on that lock, where the
   * requests behind them would time out waiting for a connection (and answer 503).
   */
  private oneAtATime<T>(seminarId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.seminarQueues.get(seminarId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.seminarQueues.set(seminarId, tail);
    void tail.then(() => {
      if (this.seminarQueues.get(seminarId) === tail) this.seminarQueues.delete(seminarId);
    });
    return next;
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

      if (previous === 'confirmed' && seminarLive) {
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
          manageUrl: this.manageUrlFor(registration.id, registration.language),
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
    // Checked, not caught: a unique violation would abort the PostgreSQL transaction. The seminar
    // lock is held, so nobody else can queue this key meanwhile.
    const sent = await manager.createQueryBuilder().select('1', 'found').from('outbox_email', 'o').where('o.dedupe_key = :dedupeKey', { dedupeKey }).getRawOne();
    if (sent) return;
    const company = await manager.findOneByOrFail(Company, { id: registration.companyId });
    await this.queue(manager, 'manage-link', registration, seminar, company, dedupeKey);
  }

  private async queue(manager: EntityManager, kind: RegistrantEmailKind, registration: Registration, seminar: Seminar, company: Company, dedupeKey?: string) {
    await this.mailer.queue(manager, { kind, registration, seminar, company, manageUrl: this.manageUrlFor(registration.id, registration.language), dedupeKey });
  }

  private async freshTicketCode(): Promise<string> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = generateTicketCode();
      if (!(await this.registrations.existsBy({ ticketCode: code }))) return code;
    }
    throw new ConflictError('conflict', 'ticketCode: could not find a free ticket code; please try again');
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

/**
 * The active (not cancelled) registration of this address for this seminar, if any. The condition is
 * written literally as the partial unique index UQ_registration_active_email has it (`status <> 'cancelled'`):
 * SQLite uses a partial index only when the query repeats its WHERE term, and `status IN (?, ?)` made it
 * walk every active registration of the seminar instead (0.26 ms at 3,000 sign-ups, growing with each one).
 */
function activeRegistrationByEmail(manager: EntityManager, seminarId: string, email: string): Promise<Registration | null> {
  return manager
    .getRepository(Registration)
    .createQueryBuilder('r')
    .where('r.seminarId = :seminarId AND r.email = :email', { seminarId, email })
    .andWhere("r.status <> 'cancelled'")
    .getOne();
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
