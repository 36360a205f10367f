import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import type { Actor } from '../accounts/index.js';
import { AuditService } from '../audit/index.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { WritePath } from '../database/write-path.js';
import { Registration, RegistrationsService } from '../registrations/index.js';
import { Seminar } from '../seminars/index.js';
import { allocate } from './allocation.js';
import { DesksService } from './desks.service.js';
import { MeetingChanges } from './meeting-changes.js';
import { MeetingRequest, MeetingRound } from './meeting-request.entity.js';
import { Meeting } from './meeting.entity.js';
import { freePlace, MeetingsService } from './meetings.service.js';
import { Slot } from './slot.entity.js';

export interface RoundView {
  seminarId: string;
  status: 'open' | 'closed';
  maxChoices: number;
  openedAt: string;
  closedAt: string | null;
  allocated: number | null;
  requests: number;
}

const DEFAULT_CHOICES = 3;

/**
 * The request window: registrants rank desks while it is open (first-come booking waits
 * meanwhile); at close, `allocate` (allocation.ts) makes the meetings and the invites go out, in
 * one transaction holding the seminar's desks.
 */
@Injectable()
export class AllocationService {
  private readonly logger = new Logger(AllocationService.name);

  constructor(
    @InjectRepository(MeetingRound) private readonly rounds: Repository<MeetingRound>,
    @InjectRepository(MeetingRequest) private readonly requests: Repository<MeetingRequest>,
    private readonly writePath: WritePath,
    private readonly registrations: RegistrationsService,
    private readonly desks: DesksService,
    private readonly meetings: MeetingsService,
    private readonly changes: MeetingChanges,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async get(seminarId: string): Promise<RoundView | null> {
    const round = await this.rounds.findOneBy({ seminarId });
    return round ? this.view(round, await this.requests.countBy({ seminarId })) : null;
  }

  async open(seminarId: string, maxChoices: number | undefined, actor: Actor): Promise<RoundView> {
    const round = await this.writePath.transaction(async (manager) => {
      const seminar = await this.writePath.lockRow(manager, Seminar, seminarId);
      if (!seminar) throw new NotFoundError('seminar');
      if (seminar.status === 'cancelled') throw new ConflictError('seminar_cancelled', 'seminar: the seminar was cancelled');
      const existing = await manager.findOneBy(MeetingRound, { seminarId });
      if (existing?.status === 'open') throw new ConflictError('requests_open', 'seminar: a request window is already open');
      // A new window starts from nothing: earlier requests were served by the earlier close.
      await manager.delete(MeetingRequest, { seminarId });
      const round = manager.create(MeetingRound, { seminarId, status: 'open', maxChoices: maxChoices ?? DEFAULT_CHOICES, openedAt: new Date(), closedAt: null, allocated: null });
      await manager.save(MeetingRound, round);
      await this.audit.record(manager, actor, 'meetings.requests-opened', 'seminar', seminarId, { maxChoices: round.maxChoices });
      return round;
    });
    return this.view(round, 0);
  }

  /** The registrant's ranking (first choice first) replaces any earlier one. */
  async submit(token: string, deskIds: string[]): Promise<{ deskIds: string[] }> {
    const { registration } = await this.registrations.findByToken(token);
    return this.writePath.transaction(async (manager) => {
      const locked = await this.writePath.lockRow(manager, Registration, registration.id);
      if (!locked || locked.status !== 'confirmed') throw new ConflictError('not_confirmed', 'registration: only a confirmed registration can request meetings');
      const round = await manager.findOneBy(MeetingRound, { seminarId: locked.seminarId });
      if (!round || round.status !== 'open') throw new ConflictError('requests_closed', 'deskIds: no request window is open for this seminar');
      if (deskIds.length > round.maxChoices) throw new InvalidInputError('deskIds', `at most ${round.maxChoices} desks may be ranked`);
      const live = (await this.desks.withSlots(locked.seminarId, manager)).map((entry) => entry.desk.id);
      const unknown = deskIds.find((id) => !live.includes(id));
      if (unknown) throw new InvalidInputError('deskIds', `${unknown} is not a desk of this seminar`);
      await manager.delete(MeetingRequest, { registrationId: locked.id });
      if (deskIds.length) {
        await manager.insert(
          MeetingRequest,
          deskIds.map((deskId, index) => manager.create(MeetingRequest, { seminarId: locked.seminarId, registrationId: locked.id, deskId, rank: index + 1 })),
        );
      }
      return { deskIds };
    });
  }

  async ranking(registrationId: string): Promise<string[]> {
    const rows = await this.requests.find({ where: { registrationId }, order: { rank: 'ASC' } });
    return rows.map((row) => row.deskId);
  }

  async isOpen(seminarId: string): Promise<MeetingRound | null> {
    const round = await this.rounds.findOneBy({ seminarId });
    return round?.status === 'open' ? round : null;
  }

  /** Closes the window and allocates: deterministic, first choices for everyone before any second choice. */
  async close(seminarId: string, actor: Actor): Promise<RoundView> {
    const { round, requests } = await this.writePath.transaction(async (manager) => {
      const query = manager.getRepository(MeetingRound).createQueryBuilder('r').where('r.seminarId = :seminarId', { seminarId });
      if (this.writePath.isPostgres) query.setLock('pessimistic_write');
      const round = await query.getOne();
      if (!round) throw new NotFoundError('request window');
      if (round.status !== 'open') throw new ConflictError('requests_closed', 'seminar: the request window is already closed');
      const made = await this.allocateIn(manager, seminarId);
      round.status = 'closed';
      round.closedAt = new Date();
      round.allocated = made;
      await manager.save(MeetingRound, round);
      await this.audit.record(manager, actor, 'meetings.allocated', 'seminar', seminarId, { allocated: made });
      return { round, requests: await manager.countBy(MeetingRequest, { seminarId }) };
    });
    this.logger.log(`seminar ${seminarId}: allocation made ${round.allocated} meeting(s)`);
    return this.view(round, requests);
  }

  private async allocateIn(manager: EntityManager, seminarId: string): Promise<number> {
    const desks = await this.desks.lockDesks(manager, seminarId);
    const seminar = await manager.findOneByOrFail(Seminar, { id: seminarId });
    if (seminar.status === 'cancelled' || desks.length === 0) return 0;
    const requests = await manager.find(MeetingRequest, { where: { seminarId }, order: { rank: 'ASC' } });
    const registrationIds = [...new Set(requests.map((request) => request.registrationId))];
    if (registrationIds.length === 0) return 0;
    const registrations = await manager.find(Registration, { where: { id: In(registrationIds), status: 'confirmed' } });
    const confirmed = new Map(registrations.filter((r) => !r.erasedAt).map((r) => [r.id, r]));
    const slots = await manager.find(Slot, { where: { deskId: In(desks.map((desk) => desk.id)) } });
    const booked = await manager.find(Meeting, { where: { seminarId, status: 'booked' } });
    const existing = new Map<string, Meeting[]>();
    for (const meeting of booked) existing.set(meeting.registrationId, [...(existing.get(meeting.registrationId) ?? []), meeting]);

    const now = new Date();
    const allocations = allocate({
      seed: seminarId,
      slots: slots.filter((slot) => slot.startsAt > now),
      takenSlotIds: booked.map((meeting) => meeting.slotId).filter((id): id is string => !!id),
      requests: [...confirmed.keys()].map((registrationId) => ({
        registrationId,
        deskIds: requests.filter((request) => request.registrationId === registrationId).map((request) => request.deskId),
        existing: existing.get(registrationId) ?? [],
      })),
      limit: this.meetings.limit,
    });

    const slotById = new Map(slots.map((slot) => [slot.id, slot]));
    const deskById = new Map(desks.map((desk) => [desk.id, desk]));
    const made: Meeting[] = [];
    for (const allocation of allocations) {
      const mine = existing.get(allocation.registrationId) ?? [];
      const meeting = await this.meetings.insertMeeting(
        manager,
        confirmed.get(allocation.registrationId)!,
        deskById.get(allocation.deskId)!,
        slotById.get(allocation.slotId)!,
        'allocation',
        freePlace(mine, this.meetings.limit),
      );
      existing.set(allocation.registrationId, [...mine, meeting]);
      made.push(meeting);
    }
    await this.changes.notify(manager, 'booked', made);
    return made.length;
  }

  private view(round: MeetingRound, requests: number): RoundView {
    return {
      seminarId: round.seminarId,
      status: round.status,
      maxChoices: round.maxChoices,
      openedAt: round.openedAt.toISOString(),
      closedAt: round.closedAt ? round.closedAt.toISOString() : null,
      allocated: round.allocated,
      requests,
    };
  }
}
