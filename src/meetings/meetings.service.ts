import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, QueryFailedError, Repository } from 'typeorm';
import type { Actor } from '../accounts/index.js';
import { AuditService } from '../audit/index.js';
import { ConflictError, NotFoundError } from '../common/domain-errors.js';
import { sha256Hex } from '../common/ids.js';
import { Company } from '../companies/index.js';
import { AppConfig } from '../config/app-config.js';
import { rawTimestamp } from '../database/columns.js';
import { runSql } from '../database/rows.js';
import type { Language } from '../i18n/i18n.js';
import { WritePath } from '../database/write-path.js';
import { CALENDAR_UID_DOMAIN } from '../mail/index.js';
import { Registration, RegistrationsService, normalizeTicketCode } from '../registrations/index.js';
import { Seminar, type SeminarFormat, SeminarsService, type SeminarChange } from '../seminars/index.js';
import { Desk } from './desk.entity.js';
import { DesksService } from './desks.service.js';
import { MeetingChanges } from './meeting-changes.js';
import { MeetingMailer } from './meeting-mailer.js';
import { meetingUid } from './meeting-calendar.js';
import { Meeting, type MeetingOrigin } from './meeting.entity.js';
import { Slot } from './slot.entity.js';
import { overlaps, type SlotTimes } from './slots.js';

/** A meeting as the API shows it (contract: Meeting). */
export interface MeetingView {
  id: string;
  registrationId: string;
  deskId: string;
  slotId: string | null;
  agency: string;
  table: string;
  startsAt: string;
  endsAt: string;
  status: 'booked' | 'cancelled';
  heldAt: string | null;
}

/** For organizers: who the meeting is with. */
export interface SeminarMeetingView extends MeetingView {
  company: { bin: string; name: string };
  fullName: string;
}

export class MeetingConflictError extends ConflictError {}

/** A row of the booking read (column names as both databases give them). */
interface BookingRow {
  registration_id: string;
  registration_status: string;
  company_id: string;
  language: Language;
  email: string;
  full_name: string;
  starts_at: Date | string;
  ends_at: Date | string;
  desk_id: string;
  agency: string;
  table_label: string;
  officer_name: string | null;
  seminar_id: string;
  seminar_status: string;
  title: string;
  venue: string | null;
  city: string;
  online_url: string | null;
  format: SeminarFormat;
  time_zone: string;
  requests_open: number | string;
}

const conflict = {
  slotTaken: () => new MeetingConflictError('slot_taken', 'slotId: this slot is already taken; please choose another one'),
  notConfirmed: () => new MeetingConflictError('not_confirmed', 'registration: only a confirmed registration can book meetings'),
  overlap: () => new MeetingConflictError('meeting_overlap', 'slotId: you already have a meeting at an overlapping time'),
  sameDesk: () => new MeetingConflictError('desk_already_booked', 'slotId: you already have a meeting with this desk'),
  limit: (limit: number) => new MeetingConflictError('meeting_limit', `registration: a registration may hold at most ${limit} meetings at once (MEETINGS_PER_REGISTRATION)`),
};

/**
 * Booking, cancelling and holding one-to-one meetings.
 *
 * The rules between meetings are the database's: partial unique indexes on booked meetings (slot;
 * registration and desk; registration and place 1..MEETINGS_PER_REGISTRATION) and an insert
 * trigger (no overlap, confirmed registrations only). Booking does not read them first; it inserts
 * and turns a refusal into its 409 (see `book`). The allocation, which plans many meetings at
 * once, checks them in code first and leaves the database the last word. On PostgreSQL a booking
 * locks its registration row FOR UPDATE, so one registration's bookings take turns across
 * instances, and its desk FOR SHARE, so a desk being moved or deleted waits; companies racing for
 * one slot are decided by the unique index: the first insert wins and the others wait for it,
 * fail, and answer 409. Ids come parsed (ParseId at the routes).
 */
@Injectable()
export class MeetingsService implements OnModuleInit {
  private readonly logger = new Logger(MeetingsService.name);

  constructor(
    @InjectRepository(Meeting) private readonly meetings: Repository<Meeting>,
    private readonly writePath: WritePath,
    private readonly registrations: RegistrationsService,
    private readonly seminars: SeminarsService,
    private readonly desks: DesksService,
    private readonly changes: MeetingChanges,
    private readonly mailer: MeetingMailer,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    @Inject(CALENDAR_UID_DOMAIN) private readonly uidDomain: string,
  ) {}

  onModuleInit(): void {
    this.registrations.onCancel((manager, registration) => this.onRegistrationCancelled(manager, registration));
    this.seminars.onChange((manager, seminar, change) => this.onSeminarChange(manager, seminar, change));
  }

  get limit(): number {
    return this.config.meetingsPerRegistration;
  }

  /** The registrant books a slot by their manage token. */
  async bookByToken(token: string, slotId: string, now = new Date()): Promise<MeetingView> {
    return this.book({ tokenHash: sha256Hex(token) }, slotId, 'booking', null, now);
  }

  /** Door staff book a walk-in by ticket code into a slot of this seminar. */
  async bookWalkIn(seminarId: string, slotId: string, ticketCode: string, actor: Actor, now = new Date()): Promise<MeetingView> {
    const registration = await this.byTicket(seminarId, ticketCode);
    return this.book({ registrationId: registration.id }, slotId, 'walk-in', actor, now);
  }

  /**
   * The booking path, the hot one (`npm run bench -- --only meetings`), in one write-path
   * transaction: one read of everything the answer and the email need (registration, slot, desk,
   * seminar, whether requests are open), then one INSERT … SELECT that inserts only when the slot is
   * free and the registration has no meeting with that desk or at an overlapping time and fewer than
   * MEETINGS_PER_REGISTRATION, taking its lowest free place in the same statement; then the outbox
   * row. Nothing is read beforehand to check those rules, and when the INSERT inserts nothing, a
   * read on that refusal path names the rule for the 409.
   *
   * The database stays the judge: two transactions racing for a slot on PostgreSQL both see it
   * free, and the unique index makes the second wait and fail (translateViolation gives the same
   * 409); the trigger and the other indexes refuse whatever slips past. The ordinary refusals are
   * not left to fail as statements: every failed statement costs two error objects with stacks and
   * an error line in the log with its SQL, for what is an everyday answer (a taken slot).
   */
  private async book(who: { tokenHash: string } | { registrationId: string }, slotId: string, via: MeetingOrigin, actor: Actor | null, now: Date): Promise<MeetingView> {
    try {
      return await this.writePath.transaction(async (manager) => {
        const booking = await this.bookingContext(manager, who, slotId);
        if (via === 'walk-in' ? booking.slot.endsAt <= now : booking.slot.startsAt <= now) {
          throw new ConflictError('slot_past', 'slotId: this slot has already started');
        }
        if (via === 'booking' && booking.requestsOpen) {
          throw new ConflictError('requests_open', 'slotId: meetings are being requested and allocated; rank your desks instead');
        }
        const { registration, desk, seminar, slot } = booking;
        const id = randomUUID();
        const meeting = { id, calendarUid: meetingUid(id, this.uidDomain), calendarSequence: 0, startsAt: slot.startsAt, endsAt: slot.endsAt };
        const places = Array.from({ length: this.limit }, (_, index) => `SELECT ${index + 1} AS place`).join(' UNION ALL ');
        const inserted = await runSql(
          manager,
          `INSERT INTO meeting (id, seminar_id, desk_id, slot_id, registration_id, company_id, place, status, starts_at, ends_at, calendar_uid, calendar_sequence, via)
           SELECT ?, ?, ?, s.id, ?, ?,
                  (SELECT MIN(free.place) FROM (${places}) AS free
                    WHERE free.place NOT IN (SELECT m.place FROM meeting m WHERE m.registration_id = ? AND m.status = 'booked')),
                  'booked', s.starts_at, s.ends_at, ?, 0, ?
           FROM slot s
           WHERE s.id = ?
             AND NOT EXISTS (SELECT 1 FROM meeting m WHERE m.slot_id = s.id AND m.status = 'booked')
             AND NOT EXISTS (SELECT 1 FROM meeting m WHERE m.registration_id = ? AND m.status = 'booked'
                               AND (m.desk_id = s.desk_id OR (m.starts_at < s.ends_at AND s.starts_at < m.ends_at)))
             AND (SELECT COUNT(*) FROM meeting m WHERE m.registration_id = ? AND m.status = 'booked') < ${this.limit}`,
          [id, seminar.id, desk.id, registration.id, registration.companyId, registration.id, meeting.calendarUid, via, slotId, registration.id, registration.id],
        );
        if (!inserted.affected) throw await this.refusal(manager, registration.id, desk.id, slot, slotId);
        await this.mailer.send(manager, 'booked', meeting, desk, seminar, registration);
        if (actor) await this.audit.record(manager, actor, 'meeting.walk-in', 'meeting', id, { registrationId: registration.id, slotId });
        return toMeetingView({ ...meeting, registrationId: registration.id, deskId: desk.id, slotId, status: 'booked', heldAt: null }, desk);
      });
    } catch (error) {
      throw translateViolation(error, this.limit);
    }
  }

  /**
   * One statement: the registration (on PostgreSQL locked FOR UPDATE, so one registration's
   * bookings take turns across instances) with the slot, its live desk of the same seminar (FOR
   * SHARE: a desk being moved or deleted waits) and the seminar. When nothing matches, a second
   * read, on this refusal path only, tells an unknown registration from an unknown slot.
   */
  private async bookingContext(manager: EntityManager, who: { tokenHash: string } | { registrationId: string }, slotId: string) {
    const [registrationWhere, registrationKey] = 'tokenHash' in who ? ['r.token_hash', who.tokenHash] : ['r.id', who.registrationId];
    const { rows } = await runSql<BookingRow>(
      manager,
      `SELECT r.id AS registration_id, r.status AS registration_status, r.company_id, r.language, r.email, r.full_name,
              s.starts_at, s.ends_at, d.id AS desk_id, d.agency, d.table_label, d.officer_name,
              sem.id AS seminar_id, sem.status AS seminar_status, sem.title, sem.venue, sem.city, sem.online_url, sem.format, sem.time_zone,
              CASE WHEN EXISTS (SELECT 1 FROM meeting_round mr WHERE mr.seminar_id = sem.id AND mr.status = 'open') THEN 1 ELSE 0 END AS requests_open
       FROM registration r
       JOIN slot s ON s.id = ?
       JOIN desk d ON d.id = s.desk_id AND d.seminar_id = r.seminar_id AND d.deleted_at IS NULL
       JOIN seminar sem ON sem.id = d.seminar_id
       WHERE ${registrationWhere} = ? AND r.erased_at IS NULL${this.writePath.isPostgres ? ' FOR UPDATE OF r FOR SHARE OF d' : ''}`,
      [slotId, registrationKey],
    );
    const row = rows[0];
    if (!row) {
      const [registration] = (await runSql<{ status: string }>(manager, `SELECT r.status FROM registration r WHERE ${registrationWhere} = ? AND r.erased_at IS NULL`, [registrationKey])).rows;
      if (!registration) throw new NotFoundError('registration');
      if (registration.status !== 'confirmed') throw conflict.notConfirmed();
      throw new NotFoundError('slot');
    }
    if (row.registration_status !== 'confirmed') throw conflict.notConfirmed();
    if (row.seminar_status === 'cancelled') throw new ConflictError('seminar_cancelled', 'seminar: the seminar was cancelled');
    return {
      registration: { id: row.registration_id, companyId: row.company_id, language: row.language, email: row.email, fullName: row.full_name, erasedAt: null },
      slot: { startsAt: rawTimestamp(row.starts_at), endsAt: rawTimestamp(row.ends_at) },
      desk: { id: row.desk_id, agency: row.agency, tableLabel: row.table_label, officerName: row.officer_name },
      seminar: { id: row.seminar_id, title: row.title, venue: row.venue, city: row.city, onlineUrl: row.online_url, format: row.format, timeZone: row.time_zone },
      requestsOpen: Number(row.requests_open) === 1,
    };
  }

  /** Why the booking INSERT inserted nothing (the refusal path only; the order of the checks is the answer's). */
  private async refusal(manager: EntityManager, registrationId: string, deskId: string, slot: SlotTimes, slotId: string): Promise<Error> {
    const { rows } = await runSql<{ registration_id: string; desk_id: string; slot_id: string | null; starts_at: Date | string; ends_at: Date | string }>(
      manager,
      `SELECT registration_id, desk_id, slot_id, starts_at, ends_at FROM meeting WHERE registration_id = ? AND status = 'booked'
       UNION ALL SELECT registration_id, desk_id, slot_id, starts_at, ends_at FROM meeting WHERE slot_id = ? AND status = 'booked'`,
      [registrationId, slotId],
    );
    const mine = rows.filter((row) => row.registration_id === registrationId).map((row) => ({ deskId: row.desk_id, startsAt: rawTimestamp(row.starts_at), endsAt: rawTimestamp(row.ends_at) }));
    if (mine.some((meeting) => meeting.deskId === deskId)) return conflict.sameDesk();
    if (mine.length >= this.limit) return conflict.limit(this.limit);
    if (mine.some((meeting) => overlaps(meeting, slot))) return conflict.overlap();
    if (rows.some((row) => row.slot_id === slotId)) return conflict.slotTaken();
    return new NotFoundError('slot');
  }

  /** Inserts a booked meeting (the caller has checked the rules; the database checks them again). */
  async insertMeeting(manager: EntityManager, registration: Registration, desk: Desk, slot: Slot, via: MeetingOrigin, place: number): Promise<Meeting> {
    const id = randomUUID();
    const meeting = manager.create(Meeting, {
      id,
      seminarId: desk.seminarId,
      deskId: desk.id,
      slotId: slot.id,
      registrationId: registration.id,
      companyId: registration.companyId,
      place,
      status: 'booked',
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      calendarUid: meetingUid(id, this.uidDomain),
      calendarSequence: 0,
      via,
      heldAt: null,
      heldBy: null,
      cancelledAt: null,
      cancelReason: null,
    });
    await manager.insert(Meeting, meeting);
    return meeting;
  }

  /** Booked meetings of the registrant, soonest first. */
  async listByToken(token: string): Promise<MeetingView[]> {
    const { registration } = await this.registrations.findByToken(token);
    return this.listForRegistration(registration.id);
  }

  async listForRegistration(registrationId: string): Promise<MeetingView[]> {
    const rows = await this.meetings
      .createQueryBuilder('m')
      .innerJoinAndMapOne('m.desk', Desk, 'd', 'd.id = m.deskId')
      .where('m.registrationId = :registrationId AND m.status = :status', { registrationId, status: 'booked' })
      .orderBy('m.startsAt', 'ASC')
      .getMany();
    return rows.map((row) => toMeetingView(row, (row as Meeting & { desk: Desk }).desk));
  }

  /** The registrant cancels one of their meetings; the slot is free again at once. Repeating it is harmless. */
  async cancelByToken(token: string, meetingId: string): Promise<MeetingView> {
    const { registration } = await this.registrations.findByToken(token);
    return this.writePath.transaction(async (manager) => {
      await this.writePath.lockRow(manager, Registration, registration.id);
      const meeting = await manager.findOneBy(Meeting, { id: meetingId, registrationId: registration.id });
      if (!meeting) throw new NotFoundError('meeting');
      await this.changes.cancel(manager, [meeting], 'registrant');
      return toMeetingView(meeting, await manager.findOneByOrFail(Desk, { id: meeting.deskId }));
    });
  }

  /** An organizer cancels a meeting (from the desk grid), e.g. to free a slot for a walk-in. */
  async cancelByOrganizer(seminarId: string, meetingId: string, actor: Actor): Promise<MeetingView> {
    return this.writePath.transaction(async (manager) => {
      const meeting = await this.writePath.lockRow(manager, Meeting, meetingId);
      if (!meeting || meeting.seminarId !== seminarId) throw new NotFoundError('meeting');
      if (meeting.status === 'booked') {
        await this.changes.cancel(manager, [meeting], 'organizer');
        await this.audit.record(manager, actor, 'meeting.cancelled', 'meeting', meeting.id, { seminarId });
      }
      return toMeetingView(meeting, await manager.findOneByOrFail(Desk, { id: meeting.deskId }));
    });
  }

  /** Marks a booked meeting held, at any time (desks often start early). Marking twice keeps the first time. */
  async markHeld(seminarId: string, meetingId: string, actor: Actor, now = new Date()): Promise<MeetingView> {
    return this.writePath.transaction(async (manager) => {
      const meeting = await this.writePath.lockRow(manager, Meeting, meetingId);
      if (!meeting || meeting.seminarId !== seminarId) throw new NotFoundError('meeting');
      if (meeting.status !== 'booked') throw new ConflictError('meeting_cancelled', 'meetingId: this meeting was cancelled');
      if (!meeting.heldAt) {
        meeting.heldAt = now;
        meeting.heldBy = actor.id;
        await manager.update(Meeting, { id: meeting.id }, { heldAt: now, heldBy: actor.id });
        await this.audit.record(manager, actor, 'meeting.held', 'meeting', meeting.id, { seminarId });
      }
      return toMeetingView(meeting, await manager.findOneByOrFail(Desk, { id: meeting.deskId }));
    });
  }

  /** The door has a ticket code and a desk: the registrant's booked meeting at that desk is held. */
  async markHeldByTicket(seminarId: string, deskId: string, ticketCode: string, actor: Actor): Promise<MeetingView> {
    const registration = await this.byTicket(seminarId, ticketCode);
    const meeting = await this.meetings.findOneBy({ registrationId: registration.id, deskId, status: 'booked' });
    if (!meeting) throw new NotFoundError('meeting');
    return this.markHeld(seminarId, meeting.id, actor);
  }

  /** Every meeting of a seminar (cancelled ones too), with company and person, by desk and time. */
  async listForSeminar(seminarId: string): Promise<SeminarMeetingView[]> {
    await this.seminars.get(seminarId);
    const rows = await this.meetings
      .createQueryBuilder('m')
      .innerJoinAndMapOne('m.desk', Desk, 'd', 'd.id = m.deskId')
      .innerJoinAndMapOne('m.registration', Registration, 'r', 'r.id = m.registrationId')
      .innerJoinAndMapOne('m.company', Company, 'c', 'c.id = m.companyId')
      .where('m.seminarId = :seminarId', { seminarId })
      .orderBy('d.agency', 'ASC')
      .addOrderBy('d.tableLabel', 'ASC')
      .addOrderBy('m.startsAt', 'ASC')
      .addOrderBy('m.createdAt', 'ASC')
      .getMany();
    return rows.map((row) => {
      const joined = row as Meeting & { desk: Desk; registration: Registration; company: Company };
      return { ...toMeetingView(row, joined.desk), company: { bin: joined.company.bin, name: joined.company.name }, fullName: joined.registration.fullName };
    });
  }

  private async byTicket(seminarId: string, ticketCode: string): Promise<Registration> {
    const code = normalizeTicketCode(ticketCode);
    const registration = code ? await this.meetings.manager.findOneBy(Registration, { ticketCode: code }) : null;
    if (!registration || registration.seminarId !== seminarId) throw new NotFoundError('ticketCode');
    return registration;
  }

  /** RegistrationsService.onCancel: a cancelled registration's meetings go too, with their cancellations. */
  private async onRegistrationCancelled(manager: EntityManager, registration: Registration): Promise<void> {
    const meetings = await manager.find(Meeting, { where: { registrationId: registration.id, status: 'booked' } });
    await this.changes.cancel(manager, meetings, 'registration');
  }

  /** SeminarsService.onChange: cancelled → every meeting is cancelled; moved → desks follow and meetings are updated. */
  private async onSeminarChange(manager: EntityManager, seminar: Seminar, change: SeminarChange): Promise<void> {
    if (change.cancelled) {
      await this.desks.lockDesks(manager, seminar.id);
      const meetings = await manager.find(Meeting, { where: { seminarId: seminar.id, status: 'booked' } });
      await this.changes.cancel(manager, meetings, 'seminar');
      return;
    }
    if (change.moved) await this.desks.followSeminar(manager, seminar, change.previousStartsAt);
  }
}

/** The lowest place 1..limit that none of the registration's booked meetings holds. */
export function freePlace(mine: Array<Pick<Meeting, 'place'>>, limit: number): number {
  const used = new Set(mine.map((meeting) => meeting.place));
  for (let place = 1; place <= limit; place++) if (!used.has(place)) return place;
  return limit + 1; // refused by the caller's count check; never inserted
}

export function toMeetingView(meeting: Pick<Meeting, 'id' | 'registrationId' | 'deskId' | 'slotId' | 'startsAt' | 'endsAt' | 'status' | 'heldAt'>, desk: Pick<Desk, 'agency' | 'tableLabel'>): MeetingView {
  return {
    id: meeting.id,
    registrationId: meeting.registrationId,
    deskId: meeting.deskId,
    slotId: meeting.slotId,
    agency: desk.agency,
    table: desk.tableLabel,
    startsAt: meeting.startsAt.toISOString(),
    endsAt: meeting.endsAt.toISOString(),
    status: meeting.status,
    heldAt: meeting.heldAt ? meeting.heldAt.toISOString() : null,
  };
}

/** A database refusal (unique index or trigger) becomes the same 409 the checks above give. */
export function translateViolation(error: unknown, limit: number): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const driver = error.driverError as { code?: string; constraint?: string; message?: string };
  const text = `${driver.constraint ?? ''} ${driver.message ?? ''} ${error.message}`;
  if (/meeting_overlap/.test(text)) return conflict.overlap();
  if (/meeting_registration_not_confirmed/.test(text)) return conflict.notConfirmed();
  if (/UQ_meeting_booked_slot|meeting\.slot_id/.test(text)) return conflict.slotTaken();
  if (/UQ_meeting_booked_desk|meeting\.registration_id, meeting\.desk_id/.test(text)) return conflict.sameDesk();
  // No free place 1..limit: the booking INSERT's place is NULL (NOT NULL) or, from other code, taken (unique).
  if (/UQ_meeting_booked_place|meeting\.registration_id, meeting\.place|CHK_meeting_place|meeting\.place\b|column "place"/.test(text)) return conflict.limit(limit);
  return error;
}
