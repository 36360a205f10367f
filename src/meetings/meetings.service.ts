import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, QueryFailedError, Repository } from 'typeorm';
import type { Actor } from '../accounts/accounts.service.js';
import { AuditService } from '../audit/audit.service.js';
import { ConflictError, NotFoundError } from '../common/domain-errors.js';
import { Company } from '../companies/company.entity.js';
import { AppConfig } from '../config/app-config.js';
import { WritePath } from '../database/write-path.js';
import { CALENDAR_UID_DOMAIN } from '../mail/calendar-uid-domain.js';
import { Registration } from '../registrations/registration.entity.js';
import { RegistrationsService } from '../registrations/registrations.service.js';
import { normalizeTicketCode } from '../registrations/ticket-code.js';
import { Seminar } from '../seminars/seminar.entity.js';
import { SeminarsService, type SeminarChange } from '../seminars/seminars.service.js';
import { Desk } from './desk.entity.js';
import { DesksService } from './desks.service.js';
import { MeetingChanges } from './meeting-changes.js';
import { MeetingMailer } from './meeting-mailer.js';
import { MeetingRound } from './meeting-request.entity.js';
import { meetingUid } from './meeting-calendar.js';
import { Meeting, type MeetingOrigin } from './meeting.entity.js';
import { overlaps } from './slots.js';
import { Slot } from './slot.entity.js';

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
 * Every rule is checked here first, for a clear answer, and again by the database, which has the
 * last word when requests race: partial unique indexes on booked meetings (slot; registration and
 * desk; registration and place 1..MEETINGS_PER_REGISTRATION) and an insert trigger (no overlap,
 * confirmed registrations only). On PostgreSQL a booking locks its registration row FOR UPDATE, so
 * one registration's bookings take turns across instances, and its desk FOR SHARE, so a desk being
 * moved or deleted waits; companies racing for one slot are decided by the unique index: the
 * first insert wins and the others wait for it, fail, and answer 409.
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
    const { registration } = await this.registrations.findByToken(token);
    return this.book(registration.id, slotId, 'booking', null, now);
  }

  /** Door staff book a walk-in by ticket code into a slot of this seminar. */
  async bookWalkIn(seminarId: string, slotId: string, ticketCode: string, actor: Actor, now = new Date()): Promise<MeetingView> {
    const registration = await this.byTicket(seminarId, ticketCode);
    return this.book(registration.id, slotId, 'walk-in', actor, now);
  }

  private async book(registrationId: string, slotId: string, via: MeetingOrigin, actor: Actor | null, now: Date): Promise<MeetingView> {
    try {
      const { meeting, desk } = await this.writePath.transaction(async (manager) => {
        const registration = await this.writePath.lockRow(manager, Registration, registrationId);
        if (!registration || registration.erasedAt) throw new NotFoundError('registration');
        if (registration.status !== 'confirmed') throw conflict.notConfirmed();
        const slot = await manager.findOneBy(Slot, { id: slotId });
        const desk = slot ? await this.shareDesk(manager, slot.deskId) : null;
        if (!slot || !desk || desk.deletedAt || desk.seminarId !== registration.seminarId) throw new NotFoundError('slot');
        const seminar = await manager.findOneByOrFail(Seminar, { id: desk.seminarId });
        if (seminar.status === 'cancelled') throw new ConflictError('seminar_cancelled', 'seminar: the seminar was cancelled');
        if (via === 'walk-in' ? slot.endsAt <= now : slot.startsAt <= now) throw new ConflictError('slot_past', 'slotId: this slot has already started');
        if (via === 'booking' && (await manager.existsBy(MeetingRound, { seminarId: seminar.id, status: 'open' }))) {
          throw new ConflictError('requests_open', 'slotId: meetings are being requested and allocated; rank your desks instead');
        }

        const mine = await manager.find(Meeting, { where: { registrationId, status: 'booked' } });
        if (mine.some((meeting) => meeting.deskId === desk.id)) throw conflict.sameDesk();
        if (mine.length >= this.limit) throw conflict.limit(this.limit);
        if (mine.some((meeting) => overlaps(meeting, slot))) throw conflict.overlap();
        if (await manager.existsBy(Meeting, { slotId, status: 'booked' })) throw conflict.slotTaken();

        const meeting = await this.insertMeeting(manager, registration, desk, slot, via, freePlace(mine, this.limit));
        // Everything the email needs is in hand: no second read of desk, seminar and registration.
        await this.mailer.send(manager, 'booked', meeting, desk, seminar, registration);
        if (actor) await this.audit.record(manager, actor, 'meeting.walk-in', 'meeting', meeting.id, { registrationId, slotId });
        return { meeting, desk };
      });
      return toMeetingView(meeting, desk);
    } catch (error) {
      throw translateViolation(error, this.limit);
    }
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

  /** Reads a desk and, on PostgreSQL, holds it FOR SHARE until the transaction ends. */
  private async shareDesk(manager: EntityManager, deskId: string): Promise<Desk | null> {
    const query = manager.getRepository(Desk).createQueryBuilder('d').where('d.id = :deskId', { deskId });
    if (this.writePath.isPostgres) query.setLock('pessimistic_read');
    return query.getOne();
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

export function toMeetingView(meeting: Meeting, desk: Pick<Desk, 'agency' | 'tableLabel'>): MeetingView {
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
  if (/UQ_meeting_booked_place|meeting\.registration_id, meeting\.place|CHK_meeting_place/.test(text)) return conflict.limit(limit);
  return error;
}
